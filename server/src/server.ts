// The language server on Node: `node server/out/server.js --stdio` (any LSP
// editor) or IPC (the VS Code client), with the disk as its file system. The
// wiring itself is createServer.ts. The same bundle, started as a worker
// thread, loads a large corpus off the server's thread (node/corpusWorker.ts).

import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './createServer';
import { readPdfsInBackground } from './node/bookFiles';
import { isCorpusJob, runCorpusJob } from './node/corpusWorker';
import { nodeFileSystem } from './node/nodeFileSystem';
import { ruleDocs } from './node/ruleDocs';
import { nodeServerOptions } from './node/serverOptions';

if (!isMainThread && isCorpusJob(workerData)) {
  runCorpusJob();
} else {
  const connection = createConnection(ProposedFeatures.all);
  // The codes' documentation ships beside this bundle (server/out/rules.md).
  const server = createServer(connection, nodeFileSystem, { ...nodeServerOptions(), codeDocs: ruleDocs(__dirname) });
  // PDFs are read in a worker thread while the server goes on answering; once one is read, the corpora load again.
  readPdfsInBackground(() => server.corporaChanged());

  process.on('uncaughtException', (e) => connection.console.error(`Verbatim: unexpected error: ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => connection.console.error(`Verbatim: unexpected rejection: ${(e as Error)?.stack ?? e}`));

  connection.listen();
}
