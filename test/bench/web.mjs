// The browser build's cold start, in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core): a page starts server/out/web/server.js as a web worker, plays the
// web client (initialize, then the sample essay opened in a virtual workspace whose
// files the page serves for verbatim/fs/*), and times the first diagnostics.
// Each run is a fresh browser profile (no HTTP or code cache: a first visit); a
// second worker in the same page shows a warm start. Usage: npm run build first,
// then node test/bench/web.mjs [runs]  (VERBATIM_CHROMIUM names another Chromium).

import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.VERBATIM_CHROMIUM ?? '/usr/bin/chromium';
const runs = Number(process.argv[2]) || 5;
const { chromium } = createRequire(join(ROOT, 'package.json'))('playwright-core');

const WORKER = readFileSync(join(ROOT, 'server/out/web/server.js'));
const ESSAY = readFileSync(join(ROOT, 'examples/essay.md'), 'utf8');
const PAGE = '<!doctype html><meta charset="utf-8"><title>Verbatim web worker</title>';

const http = createServer((req, res) => {
  if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(WORKER);
  else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
});
await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${http.address().port}`;

/** In the page: one worker from `new Worker` to the essay's first diagnostics. */
async function startAndCheck(essay) {
  const root = 'vscode-vfs://github/verbatim/sample';
  const files = { [`${root}/essay.md`]: essay };
  const t0 = performance.now();
  const worker = new Worker('/server.js');
  let id = 0;
  const pending = new Map();
  const send = (message) => worker.postMessage({ jsonrpc: '2.0', ...message });
  const request = (method, params) => new Promise((resolve) => {
    pending.set(++id, resolve);
    send({ id, method, params });
  });
  const answers = {
    'verbatim/fs/stat': (p) => p.uris.map((u) => (u in files ? { type: 'file', size: files[u].length, mtime: 1 } : null)),
    'verbatim/fs/readFile': (p) => (p.uri in files ? { base64: btoa(unescape(encodeURIComponent(files[p.uri]))) } : { error: 'not found' }),
    'workspace/configuration': (p) => p.items.map(() => ({})),
  };
  let opened = 0;
  const diagnostics = new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (data.id !== undefined && data.method === undefined) return pending.get(data.id)?.(data.result);
      if (data.method === 'textDocument/publishDiagnostics' && data.params.uri === `${root}/essay.md`) return resolve(data.params.diagnostics.length);
      if (data.id !== undefined) send({ id: data.id, result: answers[data.method] ? answers[data.method](data.params) : null });
    };
  });
  await request('initialize', {
    processId: null,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: 'sample' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    initializationOptions: { corpusDocuments: true, statusNotifications: true, pullDiagnostics: false },
  });
  const initialized = performance.now();
  send({ method: 'initialized', params: {} });
  opened = performance.now();
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri: `${root}/essay.md`, languageId: 'markdown', version: 1, text: essay } } });
  const count = await diagnostics;
  const done = performance.now();
  worker.terminate();
  return { initializeMs: initialized - t0, openToDiagnosticsMs: done - opened, totalMs: done - t0, diagnostics: count };
}

const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const profile = mkdtempSync(join(tmpdir(), 'verbatim-web-bench-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(base);
    cold.push(await page.evaluate(startAndCheck, ESSAY));
    warm.push(await page.evaluate(startAndCheck, ESSAY));
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
http.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const line = (name, rs) =>
  `${name}: worker start + initialize ${median(rs.map((r) => r.initializeMs)).toFixed(0)} ms, didOpen → first diagnostics ${median(rs.map((r) => r.openToDiagnosticsMs)).toFixed(0)} ms, ` +
  `new Worker → first diagnostics ${median(rs.map((r) => r.totalMs)).toFixed(0)} ms (median of ${rs.length}; max ${Math.max(...rs.map((r) => r.totalMs)).toFixed(0)} ms; ${rs[0].diagnostics} diagnostics)`;
console.log(`server/out/web/server.js: ${WORKER.length} bytes`);
console.log(line('cold (fresh profile)', cold));
console.log(line('warm (second worker, same page)', warm));
