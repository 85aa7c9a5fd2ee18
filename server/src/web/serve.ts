// The language server as the browser runs it, on any connection: the file
// system reads through the client (or `channel`, in tests), a file found
// changed after a check re-checks everything, and each folder's context is made
// ready at start. web/server.ts runs it on the web worker's message port.

import type { Connection } from 'vscode-languageserver';
import { createServer } from '../createServer';
import { FsFetchRequest, FsMarkdownFilesRequest } from '../protocol';
import { ClientFileSystem, type FileChannel } from './clientFileSystem';

/** The client's file requests over the connection. */
export function connectionChannel(connection: Connection): FileChannel {
  return {
    fetch: (files) => connection.sendRequest(FsFetchRequest.method, { files }),
    markdownFiles: (folders, limit) => connection.sendRequest(FsMarkdownFilesRequest.method, { folders, limit }),
  };
}

export function serveWeb(connection: Connection, channel: FileChannel = connectionChannel(connection)): ReturnType<typeof createServer> {
  let server: ReturnType<typeof createServer> | undefined;
  const fs = new ClientFileSystem(channel, () => server?.corporaChanged());
  server = createServer(connection, fs, { prepareFolders: true });
  return server;
}
