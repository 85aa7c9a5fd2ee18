// `npm run bench:class`: a class of 300 essays of 2,000 words each, checked by
// `verbatim report` against the seventeen shelf novels (../shared/corpora/shelf),
// once in one thread (--jobs 1) and once by worker threads (--jobs = the cores),
// wall-clock. Each essay quotes three of the novels (correct, misquoted and
// invented quotations) and copies one sentence without quotation marks. The
// figures go into BENCHMARKS.md (section "Class report"). `--quick`: 40 essays, nothing written.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bookSentences, generateEssay, prng } from './essay.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'server/out/cli.js');
const SHELF = resolve(ROOT, '../shared/corpora/shelf');
const QUICK = process.argv.includes('--quick');
if (!existsSync(join(SHELF, 'shelf.json'))) {
  console.error(`bench:class: the shelf novels are missing (${SHELF}/shelf.json); this benchmark needs ../shared/corpora/shelf and was not run.`);
  process.exit(1);
}
if (!existsSync(CLI)) throw new Error(`bench:class: ${CLI} is missing (run npm run build first)`);

const shelf = JSON.parse(readFileSync(join(SHELF, 'shelf.json'), 'utf8'));
const ESSAYS = QUICK ? 40 : 300;
const WORDS = 2000;
const work = mkdtempSync(join(tmpdir(), 'verbatim-class-'));
const cache = join(work, 'cache');
writeFileSync(join(work, '.verbatim.json'), JSON.stringify({ corpora: shelf.map((b) => ({ path: join(SHELF, `${b.file}.txt`), title: b.title, author: b.author, year: b.year })) }));
const sentences = shelf.map((b) => bookSentences(join(SHELF, `${b.file}.txt`)));
const rand = prng(300);
mkdirSync(join(work, 'class'));
for (let i = 0; i < ESSAYS; i++) {
  const [a, b, c] = [0, 0, 0].map(() => sentences[Math.floor(rand() * sentences.length)]);
  const essay = generateEssay({ words: WORDS, quotations: 20, seed: 1000 + i, sources: { review: a, pride: b, frankenstein: c } });
  const copied = b[Math.floor(rand() * b.length)];
  writeFileSync(join(work, 'class', `essay-${String(i).padStart(3, '0')}.md`), `${essay.text}\n\nAs the book says, ${copied}\n`);
}
const bytes = shelf.reduce((n, b) => n + readFileSync(join(SHELF, `${b.file}.txt`)).length, 0);

function run(jobs, out) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'report', 'class', '--out', out, '--jobs', String(jobs)], { cwd: work, encoding: 'utf8', env: { ...process.env, VERBATIM_CACHE_DIR: cache, CI: '' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bench:class: verbatim report --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const cores = availableParallelism();
// The first run fills the corpus cache (as a teacher's second class would find it); it is not timed.
run(cores, 'warm.html');
const serial = run(1, 'serial.html');
const parallel = run(cores, 'parallel.html');
const same = readFileSync(join(work, 'serial.html'), 'utf8') === readFileSync(join(work, 'parallel.html'), 'utf8');
const speedup = serial / parallel;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`class of ${ESSAYS} essays × ${WORDS} words against ${shelf.length} novels (${(bytes / 2 ** 20).toFixed(1)} MB): serial ${s(serial)}, ${cores} workers ${s(parallel)} (×${speedup.toFixed(2)}); same report: ${same}`);
rmSync(work, { recursive: true, force: true });
if (!same) throw new Error('bench:class: the parallel report differs from the serial one');
if (QUICK) process.exit(0);

const pass = (ok) => (ok ? 'pass' : '**FAIL**');
const section = [
  '## Class report',
  '',
  `\`npm run bench:class\`, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cores} cores available), Node ${process.version}.`,
  `${ESSAYS} essays of ${WORDS} words (20 quotations and one sentence copied without quotation marks each) checked by \`verbatim report\` against the ${shelf.length} shelf novels (${(bytes / 2 ** 20).toFixed(1)} MB), corpus cache filled, wall-clock of the whole command.`,
  `Load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} when it finished: on a machine busy with other work, neither figure is the machine's own (a worker thread waits for a core like any other process).`,
  '',
  '| measure | result | target | |',
  '| --- | --- | --- | --- |',
  `| \`verbatim report\`, ${cores} worker threads (default) | ${s(parallel)} | ≤ 60 s | ${pass(parallel <= 60_000)} |`,
  `| \`verbatim report --jobs 1\` (one thread) | ${s(serial)} | — | — |`,
  `| parallel ÷ serial speed-up | ×${speedup.toFixed(2)} | ≥ 1.6 | ${pass(speedup >= 1.6)} |`,
  `| parallel report identical to the serial one | ${same ? 'yes' : 'no'} | yes | ${pass(same)} |`,
  '',
].join('\n');
const file = join(ROOT, 'BENCHMARKS.md');
const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const at = doc.indexOf('## Class report');
const next = at < 0 ? -1 : doc.indexOf('\n## ', at + 1);
writeFileSync(file, at < 0 ? `${doc.trimEnd()}\n\n${section}` : doc.slice(0, at) + section + (next < 0 ? '' : doc.slice(next + 1)));
console.log('wrote BENCHMARKS.md (Class report)');
