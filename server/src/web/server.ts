// The language server in a web worker (vscode.dev, github.dev): the same
// createServer as on Node (through serve.ts), on the worker's message port,
// with the workspace read through the client (clientFileSystem.ts). No Node API
// is used here or below (test/unit/webBundle.test.ts checks the bundle's inputs).

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { installImmediate } from './immediate';
import { serveWeb } from './serve';

installImmediate(globalThis as { setImmediate?: unknown });
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(port), new BrowserMessageWriter(port));
serveWeb(connection);
connection.listen();
