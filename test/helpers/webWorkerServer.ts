// The browser build's language server (server/out/web/server.js, built for a
// web worker) run in a Node worker thread that looks like a web worker to it:
// `postMessage` and `onmessage` on the global scope. This side plays the browser
// client: it answers the server's verbatim/fs/* requests from a folder on disk,
// as the web client does with vscode.workspace.fs.

import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createProtocolConnection, PortMessageReader, PortMessageWriter } from 'vscode-languageserver-protocol/node';
import { FsFetchRequest, FsMarkdownFilesRequest, type FsFetchParams, type FsFetchResult, type FsMarkdownFilesParams } from '../../server/src/protocol';
import { session, type BaseSession, type StartOptions } from './lspClient';

export const WEB_SERVER = resolve(__dirname, '../../../server/out/web/server.js');
/** What the web client passes as `citeprocUrl`. */
export const WEB_CITEPROC = pathToFileURL(resolve(__dirname, '../../../server/out/web/citeproc.js')).href;

/** What a web worker's global scope gives the bundle; nothing of Node is hidden, the bundle's inputs are checked apart. */
const PRELUDE = `
const { parentPort } = require('node:worker_threads');
// A classic worker's importScripts: the script run in this global scope (the lazily loaded citeproc.js).
globalThis.importScripts = (...urls) => { for (const url of urls) require('node:vm').runInThisContext(require('node:fs').readFileSync(require('node:url').fileURLToPath(url), 'utf8'), { filename: url }); };
globalThis.postMessage = (message) => parentPort.postMessage(message);
globalThis.self = globalThis;
globalThis.addEventListener = () => {};
parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));
`;

/** The client's file requests, answered from the disk; `requests` counts them by method, `reads` the files sent. */
export function diskFileRequests(requests: Map<string, number> = new Map()) {
  const count = (method: string) => requests.set(method, (requests.get(method) ?? 0) + 1);
  return {
    requests,
    /** `reads` counts the files whose bytes were sent. */
    reads: 0,
    fetch(p: FsFetchParams): FsFetchResult {
      count(FsFetchRequest.method);
      return p.files.map(({ uri, known, maxBytes }) => {
        let st;
        try {
          st = statSync(fileURLToPath(uri));
        } catch {
          return null;
        }
        if (!st.isFile() && !st.isDirectory()) return null;
        // As vscode.workspace.fs.stat says it: the target's type and size, and whether it is a link.
        const link = lstatSync(fileURLToPath(uri)).isSymbolicLink();
        const state = { type: st.isFile() ? ('file' as const) : ('directory' as const), size: st.size, mtime: st.mtimeMs, ...(link ? { link: true } : {}) };
        if (!st.isFile() || `${st.mtimeMs}:${st.size}` === known || st.size > maxBytes) return state;
        this.reads++;
        try {
          return { ...state, base64: readFileSync(fileURLToPath(uri)).toString('base64') };
        } catch (e) {
          return { ...state, error: (e as Error).message };
        }
      });
    },
    markdownFiles(p: FsMarkdownFilesParams) {
      count(FsMarkdownFilesRequest.method);
      const uris: string[] = [];
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          if (e.name.startsWith('.') || e.name === 'node_modules') continue;
          if (e.isDirectory()) walk(join(dir, e.name));
          else if (/\.(md|markdown)$/i.test(e.name)) uris.push(pathToFileURL(join(dir, e.name)).href);
        }
      };
      for (const f of p.folders) walk(fileURLToPath(f));
      return { uris: uris.slice(0, p.limit), skipped: Math.max(0, uris.length - p.limit) };
    },
  };
}

export async function startWebWorker(options: StartOptions = {}): Promise<BaseSession & { worker: Worker; fileRequests: Map<string, number>; filesRead: () => number }> {
  const worker = new Worker(`${PRELUDE}\nrequire(${JSON.stringify(WEB_SERVER)});`, { eval: true, stderr: true });
  let err = '';
  worker.stderr.on('data', (d) => (err += d));
  const connection = createProtocolConnection(new PortMessageReader(worker), new PortMessageWriter(worker));
  const files = diskFileRequests();
  connection.onRequest(FsFetchRequest.method, (p: FsFetchParams) => files.fetch(p));
  connection.onRequest(FsMarkdownFilesRequest.method, (p: FsMarkdownFilesParams) => files.markdownFiles(p));
  const withCiteproc = { ...options, initializationOptions: { citeprocUrl: WEB_CITEPROC, ...options.initializationOptions } };
  const s = await session(connection, withCiteproc, () => err, undefined, async () => {
    try {
      await connection.sendRequest('shutdown');
    } catch {
      // already gone
    }
    connection.dispose();
    await worker.terminate();
  });
  return Object.assign(s, { worker, fileRequests: files.requests, filesRead: () => files.reads });
}
