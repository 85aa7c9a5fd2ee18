// The browser build's cold start, in headless Chromium (Debian's /usr/bin/chromium via
// playwright-core): a page starts server/out/web/server.js as a web worker, plays the
// web client (initialize, then the sample essay opened in a virtual workspace whose
// files the page serves for verbatim/fs/*), and times the first diagnostics.
// Each run is a fresh browser profile (no HTTP or code cache: a first visit); a
// second worker in the same page shows a warm start. With the bundles' sizes (their
// esbuild metafile) it writes the "In the browser" section of BENCHMARKS.md.
// Usage: npm run bench:web, or node test/bench/web.mjs [runs] after npm run build
// (VERBATIM_CHROMIUM names another Chromium; --quick: 2 runs, nothing written).

import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.VERBATIM_CHROMIUM ?? '/usr/bin/chromium';
const QUICK = process.argv.includes('--quick');
const runs = QUICK ? 2 : Number(process.argv.find((a) => /^\d+$/.test(a))) || 5;
if (!existsSync(CHROMIUM)) {
  console.error(`bench:web: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set VERBATIM_CHROMIUM)`);
  process.exit(1);
}
const { chromium } = createRequire(join(ROOT, 'package.json'))('playwright-core');

const WORKER = readFileSync(join(ROOT, 'server/out/web/server.js'));
const CITEPROC = readFileSync(join(ROOT, 'server/out/web/citeproc.js'));
const ESSAY = readFileSync(join(ROOT, 'examples/essay.md'), 'utf8');
const PAGE = '<!doctype html><meta charset="utf-8"><title>Verbatim web worker</title>';

const http = createServer((req, res) => {
  if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(WORKER);
  else if (req.url === '/citeproc.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(CITEPROC);
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
    'verbatim/fs/fetch': (p) => p.files.map(({ uri, known }) => (uri in files ? { type: 'file', size: files[uri].length, mtime: 1, ...(known === `1:${files[uri].length}` ? {} : { base64: btoa(unescape(encodeURIComponent(files[uri]))) }) } : null)),
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
    initializationOptions: { corpusDocuments: true, statusNotifications: true, pullDiagnostics: false, citeprocUrl: new URL('/citeproc.js', location.href).href },
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

// What the web bundles are made of (scripts/build.mjs's metafile), grouped by package or source folder.
const meta = JSON.parse(readFileSync(join(ROOT, 'server/out/web/meta.json'), 'utf8'));
const kb = (n) => `${(n / 1000).toFixed(0)} kB`;
const bundles = Object.entries(meta).map(([name, file]) => {
  const [outfile, output] = Object.entries(file.outputs).find(([p]) => p.endsWith('.js'));
  const parts = new Map();
  for (const [input, i] of Object.entries(output.inputs)) {
    const key = /node_modules\//.test(input) ? input.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, '$1') : input.replace(/^((?:server|client)\/(?:src\/)?[^/]+).*$/, '$1');
    parts.set(key, (parts.get(key) ?? 0) + i.bytesInOutput);
  }
  return { name, outfile, bytes: output.bytes, parts: [...parts].sort((a, b) => b[1] - a[1]) };
});
const corpus = bundles.flatMap((b) => b.parts).filter(([k]) => k === 'server/corpus').reduce((n, [, v]) => n + v, 0);
const total = bundles.reduce((n, b) => n + b.bytes, 0);
const ms = (x) => `${x.toFixed(0)} ms`;
const med = (rs, key) => median(rs.map((r) => r[key]));
const section = `## In the browser (web worker)

Written by \`npm run bench:web\` (test/bench/web.mjs) on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Chromium headless
(\`${CHROMIUM}\`), load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} when it finished. A page starts the server worker
and plays the web client: initialize, then \`examples/essay.md\` opened in a virtual workspace (\`vscode-vfs://\`) whose
files the page serves. Cold: a fresh browser profile (no HTTP or code cache), median of ${runs}; warm: a second worker in
the same page. The workbench's own figure (the extension in code-server's web worker host, the essay opened by the
suite) is printed by \`npm run test:web\`.

| measure | figure | target | |
| --- | --- | --- | --- |
| web JavaScript, minified: client + server worker + its lazily loaded citeproc, the embedded corpus text not counted | ${kb(total - corpus)} (${bundles.map((b) => `${b.outfile} ${kb(b.bytes)}`).join(', ')}; corpus text ${kb(corpus)}) | ≤ 2 MB | ${total - corpus <= 2_000_000 ? 'met' : '**missed**'} |
| cold: \`new Worker\` → initialize answered | ${ms(med(cold, 'initializeMs'))} | — | — |
| cold: didOpen → first diagnostics | ${ms(med(cold, 'openToDiagnosticsMs'))} | — | — |
| cold: \`new Worker\` → first diagnostics (max of ${runs}) | ${ms(med(cold, 'totalMs'))} (${ms(Math.max(...cold.map((r) => r.totalMs)))}) | ≤ 1 s | ${med(cold, 'totalMs') <= 1000 ? 'met' : '**missed**'} |
| warm: \`new Worker\` → first diagnostics | ${ms(med(warm, 'totalMs'))} | — | — |

The largest parts of the server worker: ${bundles.find((b) => b.name === 'server').parts.slice(0, 8).map(([k, v]) => `${k} ${kb(v)}`).join(', ')}.

`;
if (!QUICK) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = doc.indexOf('## In the browser (web worker)');
  const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 1);
  writeFileSync(file, at < 0 ? `${doc.trimEnd()}\n\n${section}` : doc.slice(0, at) + section + (next < 0 ? '' : doc.slice(next + 1)));
  console.log('wrote BENCHMARKS.md (In the browser)');
}
