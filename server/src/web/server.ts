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
// A worker's uncaught error would end up in the client's error handler: it is logged, the server goes on.
self.addEventListener('error', (e: ErrorEvent) => {
  e.preventDefault();
  connection.console.error(`Verbatim: unexpected error: ${(e.error as Error)?.stack ?? e.error}`);
});
self.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  e.preventDefault();
  connection.console.error(`Verbatim: unexpected rejection: ${(e.reason as Error)?.stack ?? e.reason}`);
});
connection.listen();
