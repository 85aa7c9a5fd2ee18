// The language server in a web worker (vscode.dev, github.dev): the same
// createServer as on Node, on the worker's message port, with the workspace read
// through the client (clientFileSystem.ts). No Node API is used here or below
// (test/unit/webBundle.test.ts checks the bundle's inputs).

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/browser';
import { createServer } from '../createServer';
import { FsMarkdownFilesRequest, FsReadFileRequest, FsStatRequest } from '../protocol';
import { ClientFileSystem, type FileChannel } from './clientFileSystem';
import { installImmediate } from './immediate';

/** The client's file requests over the connection. */
export function connectionChannel(connection: Connection): FileChannel {
  return {
    stat: (uris) => connection.sendRequest(FsStatRequest.method, { uris }),
    readFile: (uri) => connection.sendRequest(FsReadFileRequest.method, { uri }),
    markdownFiles: (folders, limit) => connection.sendRequest(FsMarkdownFilesRequest.method, { folders, limit }),
  };
}

installImmediate(globalThis as { setImmediate?: unknown });
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
createServer(connection, new ClientFileSystem(connectionChannel(connection)));
connection.listen();
