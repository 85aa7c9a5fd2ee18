// `npm run bench`: measures the real server over stdio where a user would feel
// it, and writes the figures to BENCHMARKS.md with the machine and the date.
// `node test/bench/bench.mjs --quick` is a smoke run (small sizes, nothing written).
//
// Server-side times come from the `verbatim/timing` notification, which the
// server sends only when VERBATIM_TIMING=1; round trips are measured here.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { bookSentences, generateEssay, prng, reviewQuotations } from './essay.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER = join(ROOT, 'server/out/server.js');
// The two novels ship with the tests (test/fixtures/corpora), so the bench runs on a bare clone.
const CORPORA = resolve(ROOT, 'test/fixtures/corpora');
const QUICK = process.argv.includes('--quick');

const PRIDE = join(CORPORA, 'pride-and-prejudice.txt');
const FRANK = join(CORPORA, 'frankenstein.txt');
for (const f of [SERVER, PRIDE, FRANK]) if (!existsSync(f)) throw new Error(`bench: ${f} is missing (run npm run build first; the novels live in test/fixtures/corpora)`);

const sources = {
  review: reviewQuotations(join(ROOT, 'server/corpus/never-let-me-go-review.txt')),
  pride: bookSentences(PRIDE),
  frankenstein: bookSentences(FRANK),
};
const scale = QUICK ? 0.1 : 1;
const essay1 = generateEssay({ words: 10_000 * scale, quotations: 200 * scale, seed: 1, sources });
const essay4 = generateEssay({ words: 40_000 * scale, quotations: 800 * scale, seed: 4, sources });

const work = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
// The servers' corpus cache (server/src/node/corpusCache.ts): empty at first, so the first start builds it.
const CACHE = join(work, 'corpus-cache');
// ~5 MB: each book four times, under different names (each a corpus of its own).
const bigCorpora = [];
for (let k = 1; k <= 4; k++) {
  for (const [name, path] of [['pride', PRIDE], ['frankenstein', FRANK]]) {
    const copy = join(work, `${name}-${k}.txt`);
    copyFileSync(path, copy);
    bigCorpora.push({ path: copy, title: `${name} ${k}` });
  }
}
const normalCorpora = [
  { path: PRIDE, title: 'Pride and Prejudice', author: 'Jane Austen' },
  { path: FRANK, title: 'Frankenstein', author: 'Mary Shelley' },
];
const bytes = (list) => list.reduce((n, c) => n + readFileSync(c.path).length, 0) + readFileSync(join(ROOT, 'server/corpus/never-let-me-go-review.txt')).length;

// ---------------------------------------------------------------- client

async function start(corpora, extraEnv = {}, settings = {}) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe', env: { ...process.env, VERBATIM_TIMING: '1', VERBATIM_CACHE_DIR: CACHE, ...extraEnv } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const settle = (kind, p) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.kind === kind && w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
        waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  };
  conn.onNotification('textDocument/publishDiagnostics', (p) => settle('diagnostics', { ...p, at: performance.now() }));
  conn.onNotification('verbatim/timing', (p) => settle(p.kind, p));
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('window/showMessage', (p) => console.error('server:', p.message));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(work).href,
    workspaceFolders: [{ uri: pathToFileURL(work).href, name: 'bench' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { settings: { corpora, ...settings } },
  });
  await conn.sendNotification('initialized', {});
  const wait = (kind, uri, version) => new Promise((resolve) => waiters.push({ kind, uri, version, resolve }));
  return {
    t0,
    child,
    conn,
    stderr: () => stderr,
    /** Opens and resolves with { diagnostics, timing, roundTrip } once the check is published. */
    async open(uri, text) {
      const sent = performance.now();
      const d = wait('diagnostics', uri, 1);
      const t = wait('check', uri, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const [diag, timing] = await Promise.all([d, t]);
      return { diagnostics: diag.diagnostics, at: diag.at, timing, roundTrip: diag.at - sent };
    },
    async change(uri, version, changes) {
      const sent = performance.now();
      const d = wait('diagnostics', uri, version);
      const t = wait('check', uri, version);
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      const [diag, timing] = await Promise.all([d, t]);
      return { diagnostics: diag.diagnostics, timing, roundTrip: diag.at - sent };
    },
    async complete(uri, version, position) {
      const t = wait('completion', uri, version);
      const sent = performance.now();
      const list = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
      // A CompletionList (isIncomplete: the client asks again as the user types).
      const items = Array.isArray(list) ? list : list.items;
      const roundTrip = performance.now() - sent;
      return { items, roundTrip, timing: await t };
    },
    /** CPU time the server process has used so far (user + system, from /proc; 10 ms resolution). */
    cpuMs() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
    },
    async close() {
      try {
        await conn.sendRequest('shutdown');
        await conn.sendNotification('exit');
      } catch {}
      conn.dispose();
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

// ---------------------------------------------------------------- helpers

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}
const ms = (x) => `${x.toFixed(1)} ms`;
const log = (...a) => console.log(...a);

/** A live copy of the document's lines, to aim edits the way an editor sends them. */
class Doc {
  constructor(text) {
    this.lines = text.split('\n');
    this.version = 1;
  }
  /** Lines of prose inside paragraphs (not headings, fences, list items, front matter). */
  proseLines() {
    const out = [];
    let fence = false;
    let front = this.lines[0] === '---';
    for (let i = 0; i < this.lines.length; i++) {
      const l = this.lines[i];
      if (front) {
        if (i > 0 && l === '---') front = false;
        continue;
      }
      if (l.startsWith('```')) fence = !fence;
      else if (!fence && l.length > 20 && !/^(#|- |> )/.test(l)) out.push(i);
    }
    return out;
  }
  insert(line, character, text) {
    const l = this.lines[line];
    this.lines[line] = l.slice(0, character) + text + l.slice(character);
    return { range: { start: { line, character }, end: { line, character } }, text };
  }
  remove(line, character, length) {
    const l = this.lines[line];
    this.lines[line] = l.slice(0, character) + l.slice(character + length);
    return { range: { start: { line, character }, end: { line, character: character + length } }, text: '' };
  }
}

// ---------------------------------------------------------------- measurements

const results = {};
const essayUri = pathToFileURL(join(work, 'essay.md')).href;
const tinyUri = pathToFileURL(join(work, 'tiny.md')).href;
const TINY = 'A “tiny” note.\n';
const runs = QUICK ? 1 : 3;

log(`essay 1×: ${essay1.text.length} chars, ${essay1.quotations} quotations ${JSON.stringify(essay1.kinds)}`);
log(`essay 4×: ${essay4.text.length} chars, ${essay4.quotations} quotations`);
log(`corpora: ${(bytes(normalCorpora) / 1e6).toFixed(2)} MB and ${(bytes(bigCorpora) / 1e6).toFixed(2)} MB`);

// remark-parse alone, in this process: the first parse (cold) and warm parses.
{
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);
  let t = performance.now();
  processor.parse(essay1.text);
  const first = performance.now() - t;
  const warm = [];
  for (let i = 0; i < (QUICK ? 3 : 15); i++) {
    t = performance.now();
    processor.parse(essay1.text);
    warm.push(performance.now() - t);
  }
  results.parseFirst = first;
  results.parseWarm = median(warm);
  log(`remark-parse alone: first ${ms(first)}, warm p50 ${ms(results.parseWarm)}`);
}

/** Fresh servers; `cache` false: no disk cache (every start cleans and indexes the corpora), true: a filled one. */
async function coldStart(corpora, text, cache = true) {
  const times = [];
  const checks = [];
  const cpu = [];
  const env = cache ? {} : { VERBATIM_CACHE_DIR: 'off' };
  if (cache) await (await start(corpora)).close(); // fills the cache (loading happens at the first check)
  for (let r = 0; r < runs; r++) {
    const s = await start(corpora, env);
    const opened = await s.open(essayUri, text);
    times.push(opened.at - s.t0);
    cpu.push(s.cpuMs());
    checks.push(opened.timing.ms);
    await s.close();
  }
  return { start: median(times), cpuMs: median(cpu), check: median(checks) };
}

/** Full check in a warm server (corpora loaded by a tiny document first), match cache cold. */
async function fullCheck(corpora, text, keep = false, settings = {}) {
  const times = [];
  const trips = [];
  const cpu = [];
  let session;
  for (let r = 0; r < runs; r++) {
    const s = await start(corpora, {}, settings);
    await s.open(tinyUri, TINY);
    const opened = await s.open(essayUri, text);
    times.push(opened.timing.ms);
    cpu.push(opened.timing.cpuMs);
    trips.push(opened.roundTrip);
    if (keep && r === 0) session = s;
    else await s.close();
  }
  return { ms: median(times), cpuMs: median(cpu), roundTrip: median(trips), session };
}

results.coldBuild = await coldStart(normalCorpora, essay1.text, false);
log(`cold start → first diagnostics (1.2 MB corpora), no corpus cache: ${ms(results.coldBuild.start)}, server CPU ${ms(results.coldBuild.cpuMs)} (check inside it ${ms(results.coldBuild.check)})`);
results.cold = await coldStart(normalCorpora, essay1.text);
log(`cold start → first diagnostics (1.2 MB corpora), corpus cache filled: ${ms(results.cold.start)}, server CPU ${ms(results.cold.cpuMs)} (check inside it ${ms(results.cold.check)})`);

const full1 = await fullCheck(normalCorpora, essay1.text, true);
results.full1 = full1;
log(`full check 1× essay: server ${ms(full1.ms)} (cpu ${ms(full1.cpuMs)}), round trip ${ms(full1.roundTrip)}; ÷ warm parse = ${(full1.ms / results.parseWarm).toFixed(2)}`);
// The same check without the unmarked-quotation scan of the essay's prose: what that scan adds.
results.fullNoProse = await fullCheck(normalCorpora, essay1.text, false, { rules: { 'unmarked-quotation': 'off' } });
log(`full check 1× essay without unmarked-quotation: server ${ms(results.fullNoProse.ms)} (cpu ${ms(results.fullNoProse.cpuMs)}); the prose scan adds ${((full1.cpuMs / results.fullNoProse.cpuMs - 1) * 100).toFixed(0)}% CPU`);

// Edits, completion and memory in the kept session.
{
  const s = full1.session;
  const doc = new Doc(essay1.text);
  const rand = prng(99);
  results.rssLoaded = s.rss();
  const prose = doc.proseLines();
  const edits = { server: [], trip: [], cpu: [] };
  const editCount = QUICK ? 10 : 60;
  for (let i = 0; i < editCount; i++) {
    const line = prose[Math.floor(rand() * prose.length)];
    const character = Math.floor(rand() * doc.lines[line].length);
    const change = doc.insert(line, character, 'x');
    const r = await s.change(essayUri, ++doc.version, [change]);
    edits.server.push(r.timing.ms);
    edits.cpu.push(r.timing.cpuMs);
    edits.trip.push(r.roundTrip);
  }
  results.edit = { p50: median(edits.server), p95: quantile(edits.server, 0.95), cpuP50: median(edits.cpu), cpuP95: quantile(edits.cpu, 0.95), tripP50: median(edits.trip), tripP95: quantile(edits.trip, 0.95), n: editCount };
  log(`re-check after a one-character edit (${editCount}): server p50 ${ms(results.edit.p50)} p95 ${ms(results.edit.p95)} (cpu p50 ${ms(results.edit.cpuP50)} p95 ${ms(results.edit.cpuP95)}); round trip p50 ${ms(results.edit.tripP50)} p95 ${ms(results.edit.tripP95)}`);

  const comp = { server: [], trip: [], items: [], cpu: [] };
  const compCount = QUICK ? 5 : 50;
  const books = [...sources.pride, ...sources.frankenstein];
  for (let i = 0; i < compCount; i++) {
    const line = prose[Math.floor(rand() * prose.length)];
    const words = books[Math.floor(rand() * books.length)].split(' ').slice(0, 2 + (i % 3)).join(' ');
    const end = doc.lines[line].length;
    const typed = ` “${words}`;
    await s.change(essayUri, ++doc.version, [doc.insert(line, end, typed)]);
    const r = await s.complete(essayUri, doc.version, { line, character: end + typed.length });
    comp.server.push(r.timing.ms);
    comp.cpu.push(r.timing.cpuMs);
    comp.trip.push(r.roundTrip);
    comp.items.push(r.items.length);
    await s.change(essayUri, ++doc.version, [doc.remove(line, end, typed.length)]);
  }
  results.completion = { p50: median(comp.server), p95: quantile(comp.server, 0.95), cpuP95: quantile(comp.cpu, 0.95), tripP50: median(comp.trip), tripP95: quantile(comp.trip, 0.95), items: median(comp.items), n: compCount };
  log(`completion (${compCount}): server p50 ${ms(results.completion.p50)} p95 ${ms(results.completion.p95)}; round trip p50 ${ms(results.completion.tripP50)} p95 ${ms(results.completion.tripP95)}; items p50 ${results.completion.items}`);

  const memEdits = QUICK ? 50 : 1000;
  let last;
  results.heapLoaded = (await s.change(essayUri, ++doc.version, [doc.insert(prose[0], 0, '')])).timing.heapMb;
  // Growth is measured over the 1,000 edits themselves, from here: the edits and completions
  // above have already filled what a session fills once (the young generation, passage tokens).
  results.rssBeforeEdits = s.rss();
  for (let i = 0; i < memEdits; i++) {
    const line = prose[Math.floor(rand() * prose.length)];
    const character = Math.floor(rand() * doc.lines[line].length);
    // Typing and deleting, so the essay stays an essay.
    const change = i % 2 === 0 ? doc.insert(line, character, 'y') : doc.remove(line, Math.max(0, character - 1), 1);
    last = await s.change(essayUri, ++doc.version, [change]);
  }
  results.rssEdited = s.rss();
  results.heapEdited = last?.timing.heapMb;
  log(`RSS: loaded ${results.rssLoaded.toFixed(0)} MB, before the edits ${results.rssBeforeEdits.toFixed(0)} MB, after ${memEdits} edits ${results.rssEdited.toFixed(0)} MB (JS heap in use ${results.heapLoaded?.toFixed(0)} → ${results.heapEdited?.toFixed(0)} MB)`);

  // Later essays in the same server, as when a teacher opens the next one: the checker's code
  // is compiled by now, and the match cache holds only the few quotations the essays share.
  const later = [];
  for (const seed of [2, 3, 5]) {
    const other = generateEssay({ words: 10_000 * scale, quotations: 200 * scale, seed, sources });
    const opened = await s.open(pathToFileURL(join(work, `essay-${seed}.md`)).href, other.text);
    later.push(opened.timing);
  }
  results.fullLater = { ms: median(later.map((t) => t.ms)), cpuMs: median(later.map((t) => t.cpuMs)), matched: median(later.map((t) => t.matched)) };
  log(`full check of a later essay in the same server: ${ms(results.fullLater.ms)} (cpu ${ms(results.fullLater.cpuMs)}; ${results.fullLater.matched} quotations matched afresh); ÷ warm parse = ${(results.fullLater.ms / results.parseWarm).toFixed(2)}`);
  await s.close();
}

results.full4 = await fullCheck(normalCorpora, essay4.text);
log(`full check 4× essay: server ${ms(results.full4.ms)} (${(results.full4.ms / full1.ms).toFixed(2)}× the 1× essay)`);

results.coldBig = await coldStart(bigCorpora, essay1.text);
results.fullBig = await fullCheck(bigCorpora, essay1.text);
const perQ = (r) => r.ms / essay1.quotations;
log(`5 MB corpora: cold start ${ms(results.coldBig.start)}; full check ${ms(results.fullBig.ms)}, per quotation ${(perQ(results.fullBig) * 1000).toFixed(0)} µs vs ${(perQ(full1) * 1000).toFixed(0)} µs (${(perQ(results.fullBig) / perQ(full1)).toFixed(2)}×)`);

// ---------------------------------------------------------------- report

if (!QUICK) {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}`;
  const pass = (ok) => (ok ? 'met' : '**missed**');
  const r = results;
  const rows = [
    ['cold start → first diagnostics, 1.2 MB corpora (corpus cache filled)', `${ms(r.cold.start)} (server CPU ${ms(r.cold.cpuMs)})`, '≤ 400 ms', pass(r.cold.start <= 400)],
    ['cold start → first diagnostics, 1.2 MB corpora, first start ever (no corpus cache)', `${ms(r.coldBuild.start)} (server CPU ${ms(r.coldBuild.cpuMs)})`, '—', '—'],
    ['full check, 10k-word essay, the first essay a fresh server checks (server)', `${ms(r.full1.ms)} (CPU ${ms(r.full1.cpuMs)}; round trip ${ms(r.full1.roundTrip)})`, '≤ 150 ms', pass(r.full1.ms <= 150)],
    ['unmarked-quotation scan of the essay\'s prose, added to the full check (server CPU, with ÷ without)', `+${((r.full1.cpuMs / r.fullNoProse.cpuMs - 1) * 100).toFixed(0)}% (${ms(r.fullNoProse.cpuMs)} → ${ms(r.full1.cpuMs)}; wall ${ms(r.fullNoProse.ms)} → ${ms(r.full1.ms)})`, '≤ 50%', pass(r.full1.cpuMs <= r.fullNoProse.cpuMs * 1.5)],
    ['full check ÷ remark-parse, first essay ÷ first parse (code cold in both)', `${(r.full1.ms / r.parseFirst).toFixed(2)}× (first parse ${ms(r.parseFirst)}; ÷ warm parse: ${(r.full1.ms / r.parseWarm).toFixed(2)}×)`, '≤ 1.5×', pass(r.full1.ms / r.parseFirst <= 1.5)],
    [`full check, a later 10k-word essay in the same server (server; median of 3, ${r.fullLater.matched} of ${essay1.quotations} quotations matched afresh)`, `${ms(r.fullLater.ms)} (CPU ${ms(r.fullLater.cpuMs)})`, '≤ 150 ms', pass(r.fullLater.ms <= 150)],
    ['full check ÷ remark-parse, later essay ÷ warm parse (code warm in both)', `${(r.fullLater.ms / r.parseWarm).toFixed(2)}× (warm parse ${ms(r.parseWarm)})`, '≤ 1.5×', pass(r.fullLater.ms / r.parseWarm <= 1.5)],
    [`re-check after a one-character edit, p50 / p95 (server, ${r.edit.n} edits)`, `${ms(r.edit.p50)} / ${ms(r.edit.p95)} (CPU ${ms(r.edit.cpuP50)} / ${ms(r.edit.cpuP95)}; round trip ${ms(r.edit.tripP50)} / ${ms(r.edit.tripP95)})`, 'p95 ≤ 30 ms', pass(r.edit.p95 <= 30)],
    [`completion after an opening mark, p50 / p95 (server, ${r.completion.n} requests)`, `${ms(r.completion.p50)} / ${ms(r.completion.p95)} (CPU p95 ${ms(r.completion.cpuP95)}; round trip ${ms(r.completion.tripP50)} / ${ms(r.completion.tripP95)})`, 'p95 ≤ 16 ms', pass(r.completion.p95 <= 16)],
    ['resident memory after loading, 1.2 MB corpora', `${r.rssLoaded.toFixed(0)} MB`, '≤ 150 MB', pass(r.rssLoaded <= 150)],
    ['resident memory after 60 edits and 50 completions (before the 1,000 edits)', `${r.rssBeforeEdits.toFixed(0)} MB`, '—', '—'],
    ['resident memory after 1,000 more edits', `${r.rssEdited.toFixed(0)} MB (${(((r.rssEdited - r.rssBeforeEdits) / r.rssBeforeEdits) * 100).toFixed(1)}% over the 1,000 edits; JS heap in use ${r.heapLoaded?.toFixed(0)} → ${r.heapEdited?.toFixed(0)} MB)`, '< 10% growth', pass(r.rssEdited < r.rssBeforeEdits * 1.1)],
    ['4× essay (40k words, 800 quotations), full check', `${ms(r.full4.ms)} = ${(r.full4.ms / r.full1.ms).toFixed(2)}× the 1× essay`, '≤ 4.5×', pass(r.full4.ms / r.full1.ms <= 4.5)],
    ['4× corpora (~5 MB), full check per quotation', `${(perQ(r.fullBig) * 1000).toFixed(0)} µs = ${(perQ(r.fullBig) / perQ(r.full1)).toFixed(2)}× (full check ${ms(r.fullBig.ms)})`, '≤ 1.5×', pass(perQ(r.fullBig) / perQ(r.full1) <= 1.5)],
    ['4× corpora (~5 MB), cold start → first diagnostics (corpus cache filled)', `${ms(r.coldBig.start)} (server CPU ${ms(r.coldBig.cpuMs)})`, '—', '—'],
  ];
  const table = ['| measure | figure | target | |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  const notesMarker = '<!-- notes: kept by the bench -->';
  const previous = existsSync(join(ROOT, 'BENCHMARKS.md')) ? readFileSync(join(ROOT, 'BENCHMARKS.md'), 'utf8') : '';
  const notes = previous.includes(notesMarker) ? previous.slice(previous.indexOf(notesMarker)) : `${notesMarker}\n`;
  const doc = `# Benchmarks

Written by \`npm run bench\` (test/bench/bench.mjs) on ${new Date().toISOString().slice(0, 10)}, on ${machine}
(load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} when it finished: wall times include waiting for a busy CPU; the CPU figures do not).

Workload: a generated essay of ${essay1.text.length.toLocaleString('en')} characters (10,000 words of prose, ${essay1.quotations} quotations: ${essay1.kinds.correct} taken exactly from
the corpora, ${essay1.kinds.misquoted} misquoted, ${essay1.kinds.invented} invented; seeded, so every run checks the same text), checked
against the built-in corpus plus *Pride and Prejudice* and *Frankenstein* (${(bytes(normalCorpora) / 1e6).toFixed(2)} MB). The same at 4× the essay
(${essay4.text.length.toLocaleString('en')} characters, ${essay4.quotations} quotations) and at 4× the corpora (each book four times, ${(bytes(bigCorpora) / 1e6).toFixed(2)} MB).
Measured through the real server over stdio; "server" times come from its \`verbatim/timing\` notification
(sent only under \`VERBATIM_TIMING=1\`), round trips from the client. Medians of ${runs} fresh servers for cold
start and full checks.

${table}

${notes}`;
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), doc);
  log('wrote BENCHMARKS.md');
}
rmSync(work, { recursive: true, force: true });

// Book corpora (PDF, EPUB) on the real files in ../shared/books: their own section of BENCHMARKS.md.
const books = spawnSync(process.execPath, [join(ROOT, 'test/bench/books.mjs'), ...(QUICK ? ['--quick'] : [])], { stdio: 'inherit' });
if (books.status !== 0) process.exitCode = 1;
