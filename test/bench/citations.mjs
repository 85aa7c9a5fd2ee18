// `node test/bench/citations.mjs` (after `npm run build`): what rendering citations with citeproc
// costs. (1) In process (test/bench/citationsRender.ts): a citation per render with a fresh engine
// against the compiled engines a Citeproc keeps, per shipped style. (2) Completion through the real
// server over stdio (VERBATIM_TIMING=1) on the benchmark's essay, each accepted item carrying a
// citation: per style, the first completion of a fresh server and p50 / p95 of 50 more; and the
// completion provider alone, in process, against Pandoc's key citations (no citeproc).
// `--server PATH` measures another build's server (e.g. main's, for a before / after);
// `--completion-only` skips (1); `--json FILE` saves the figures; `--before FILE` (another build's
// saved figures) adds them as the "before" column (`--before-label` names it); `--write` replaces this section of BENCHMARKS.md.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../../scripts/esbuild-options.mjs';
import { bookSentences, generateEssay, prng, reviewQuotations } from './essay.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SERVER = resolve(arg('--server') ?? join(ROOT, 'server/out/server.js'));
const STYLES = ['mla', 'apa', 'chicago'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x) => `${x.toFixed(1)} ms`;

const COMPLETION_ONLY = process.argv.includes('--completion-only');
// (1) Rendering, in a process of its own, three times (medians of the three).
const OUT = join(ROOT, '.cache', 'bench-citations', 'out', 'citationsRender.js');
await build({ ...bundleOptions, entryPoints: [join(ROOT, 'test/bench/citationsRender.ts')], outfile: OUT, target: 'node20' });
const runs = (COMPLETION_ONLY ? [] : [0, 1, 2]).map(() => {
  const r = spawnSync(process.execPath, [OUT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench (citations): ${r.stderr}`);
  return JSON.parse(r.stdout);
});
const render = COMPLETION_ONLY ? {} : Object.fromEntries(STYLES.map((s) => [s, Object.fromEntries(Object.keys(runs[0][s]).map((k) => [k, median(runs.map((r) => r[s][k]))]))]));
// The completion provider in process, three processes (medians): per style, and Pandoc (keys, no citeproc).
const inProcessRuns = (COMPLETION_ONLY ? [] : [0, 1, 2]).map(() => {
  const r = spawnSync(process.execPath, [OUT, 'completion'], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0) throw new Error(`bench (citations, completion): ${r.stderr}`);
  return JSON.parse(r.stdout);
});
const IN_PROCESS = ['mla', 'apa', 'chicago', 'pandoc'];
const inProcess = COMPLETION_ONLY ? {} : Object.fromEntries(IN_PROCESS.map((s) => [s, Object.fromEntries(['first', 'p50', 'p95'].map((k) => [k, median(inProcessRuns.map((r) => r[s][k]))]))]));
for (const s of COMPLETION_ONLY ? [] : IN_PROCESS) console.log(`completion in process (${s}): first ${ms(inProcess[s].first)}, p50 ${ms(inProcess[s].p50)}, p95 ${ms(inProcess[s].p95)}`);
for (const s of COMPLETION_ONLY ? [] : STYLES) {
  const r = render[s];
  console.log(`${s}: fresh engine per citation ${ms(r.fresh)}; Citeproc first ${ms(r.first)}, later p50 ${ms(r.later)} (max ${ms(r.laterMax)}), again ${ms(r.again)}; 3-entry list fresh ${ms(r.listFresh)}, compiled ${ms(r.listCached)}; engines compiled ${r.compiled}`);
}

// (2) Completion through the server.
const CORPORA = join(ROOT, 'test/fixtures/corpora');
const sources = {
  review: reviewQuotations(join(ROOT, 'server/corpus/never-let-me-go-review.txt')),
  pride: bookSentences(join(CORPORA, 'pride-and-prejudice.txt')),
  frankenstein: bookSentences(join(CORPORA, 'frankenstein.txt')),
};
const essay = generateEssay({ words: 10_000, quotations: 200, seed: 1, sources });

async function completionRun(style) {
  const folder = mkdtempSync(join(tmpdir(), 'verbatim-bench-cite-'));
  // Inside the workspace folder: the server reads no corpus outside it.
  for (const f of ['pride-and-prejudice.txt', 'frankenstein.txt']) copyFileSync(join(CORPORA, f), join(folder, f));
  writeFileSync(join(folder, '.verbatim.json'), JSON.stringify({ corpora: ['pride-and-prejudice.txt', 'frankenstein.txt'], citationStyle: style }));
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe', env: { ...process.env, VERBATIM_TIMING: '1' } });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const settle = (kind, uri, version, value) => {
    for (const w of waiters.filter((w) => w.kind === kind && w.uri === uri && w.version === version)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(value);
    }
  };
  conn.onNotification('textDocument/publishDiagnostics', (p) => settle('diagnostics', p.uri, p.version, p));
  conn.onNotification('verbatim/timing', (p) => settle(p.kind, p.uri, p.version, p));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.listen();
  const wait = (kind, uri, version) => new Promise((resolve) => waiters.push({ kind, uri, version, resolve }));
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }],
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } } } },
    initializationOptions: { settings: {} },
  });
  await conn.sendNotification('initialized', {});
  const uri = pathToFileURL(join(folder, 'essay.md')).href;
  let version = 1;
  let text = essay.text;
  const opened = wait('diagnostics', uri, 1);
  const prepared = wait('citations', uri, 1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  await opened;
  // A writer reads what they opened before typing: the server compiles the style meanwhile (its
  // `citations` timing says when).
  await prepared;
  const lines = text.split('\n');
  const prose = lines.map((l, i) => [l, i]).filter(([l]) => l.length > 40 && !/[“”>]/.test(l)).map(([, i]) => i);
  const rand = prng(7);
  const books = [...sources.pride, ...sources.frankenstein];
  const times = [];
  const cpu = [];
  let items = 0;
  let sample = '';
  for (let i = 0; i < 51; i++) {
    const line = prose[Math.floor(rand() * prose.length)];
    const typed = ` “${books[Math.floor(rand() * books.length)].split(' ').slice(0, 2 + (i % 3)).join(' ')}`;
    const changed = [...lines];
    changed[line] += typed;
    text = changed.join('\n');
    const checked = wait('diagnostics', uri, ++version);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    await checked;
    const t = wait('completion', uri, version);
    const list = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: changed[line].length } });
    const timing = await t;
    times.push(timing.ms);
    cpu.push(timing.cpuMs);
    items += list.items.length;
    if (!sample && list.items.length) sample = list.items[0].textEdit.newText.replace(/\$0$/, '').slice(-40);
  }
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  rmSync(folder, { recursive: true, force: true });
  const later = times.slice(1);
  return { first: times[0], p50: median(later), p95: quantile(later, 0.95), cpuP95: quantile(cpu.slice(1), 0.95), items: items / times.length, sample };
}

const completion = {};
for (const s of STYLES) {
  completion[s] = await completionRun(s);
  const c = completion[s];
  console.log(`completion (${s}, ${SERVER}): first ${ms(c.first)}; p50 ${ms(c.p50)}, p95 ${ms(c.p95)} (CPU p95 ${ms(c.cpuP95)}); ${c.items.toFixed(1)} items per list; e.g. …${c.sample}`);
}
if (arg('--json')) writeFileSync(arg('--json'), JSON.stringify({ server: SERVER, render, inProcess, completion }));
const before = arg('--before') ? JSON.parse(readFileSync(arg('--before'), 'utf8')) : undefined;
if (process.argv.includes('--write')) {
  const path = join(ROOT, 'BENCHMARKS.md');
  const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
  const rows = STYLES.map((s) => {
    const r = render[s];
    return `| ${s.toUpperCase()} | ${ms(r.fresh)} | ${ms(r.first)} | ${ms(r.later)} | ${ms(r.again)} | ${ms(r.listFresh)} → ${ms(r.listCached)} |`;
  });
  const figures = (c) => `${ms(c.first)} | ${ms(c.p50)} / ${ms(c.p95)} (CPU p95 ${ms(c.cpuP95)})`;
  const comp = STYLES.map((s) => `| ${s.toUpperCase()} | ${figures(completion[s])} | ${before ? figures(before.completion[s]) : '—'} |`);
  const section = `<!-- citations: written by test/bench/citations.mjs -->
## Citations (citeproc)

Written by \`node test/bench/citations.mjs --write\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}
(load average ${load} when it finished). In-text citations are rendered by citeproc-js with the shipped CSL styles; a
Citeproc (csl.ts) keeps each style's compiled engine, held by the service's Checker (one per server), a check, or the MCP
session. In process, medians of 3 processes (200 works, one citation each):

| style | fresh engine per citation (before) | first citation (compiles) | later citations, p50 | a citation already made | 3-entry Works Cited, fresh → compiled |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Completion through the server (stdio, \`VERBATIM_TIMING=1\`) on the benchmark's 10,000-word essay with *Pride and Prejudice*
and *Frankenstein*, every item carrying its citation in the configured style: the first request of a fresh server (once the\nserver has compiled the style, which it does in idle time soon after its first check), then 50 more.

| style | first completion | p50 / p95 of 50 | ${arg('--before-label') ?? 'before'}: first | p50 / p95 of 50 |
| --- | --- | --- | --- | --- |
${comp.join('\n')}

The completion provider alone, in process (200 requests after a first, medians of 3 processes; the style compiled
beforehand, as the server does when idle). Pandoc cites keys without citeproc: the cost of completion itself.

| style | first | p50 | p95 |
| --- | --- | --- | --- |
${IN_PROCESS.map((s) => `| ${s === 'pandoc' ? 'Pandoc (no citeproc)' : s.toUpperCase()} | ${ms(inProcess[s].first)} | ${ms(inProcess[s].p50)} | ${ms(inProcess[s].p95)} |`).join('\n')}
<!-- /citations -->`;
  const old = readFileSync(path, 'utf8');
  const re = /<!-- citations: written by test\/bench\/citations\.mjs -->[\s\S]*?<!-- \/citations -->/;
  writeFileSync(path, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
}
