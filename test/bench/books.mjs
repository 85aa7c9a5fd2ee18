// `node test/bench/books.mjs` (also run by `npm run bench`): book corpora on the
// real files in ../shared/books — the 479-page PDF's first load and its load
// from the corpus cache (each in a fresh process), the server answering while a
// PDF is read, and the accuracy cases against the PDFs and the EPUB. Writes its
// section of BENCHMARKS.md. Run `npm run build` first (the PDF reader is a bundle).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../../scripts/esbuild-options.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Three folders down, as test bundles are: test/helpers/lspClient.ts finds server/out from there.
const OUT = join(ROOT, '.cache', 'bench-books', 'out', 'books.js');
await build({ ...bundleOptions, entryPoints: [join(ROOT, 'test/bench/books.ts')], outfile: OUT, target: 'node20' });
const PDF = resolve(ROOT, '../shared/books/pride-and-prejudice-planet-ebook.pdf');

function run(args) {
  const r = spawnSync(process.execPath, [OUT, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench (books) ${args[0]} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

const firsts = [];
const cached = [];
const firstCpu = [];
const cachedCpu = [];
let passages = 0;
for (let k = 0; k < 3; k++) {
  const cache = mkdtempSync(join(tmpdir(), 'verbatim-bench-pdf-'));
  const a = run(['load', PDF, cache]);
  const b = run(['load', PDF, cache]);
  firsts.push(a.ms);
  cached.push(b.ms);
  firstCpu.push(a.cpuMs);
  cachedCpu.push(b.cpuMs);
  passages = a.passages;
  rmSync(cache, { recursive: true, force: true });
}
console.log(`479-page PDF: first load ${firsts.map(ms).join(', ')} (CPU ${firstCpu.map(ms).join(', ')}); from the cache ${cached.map(ms).join(', ')} (CPU ${cachedCpu.map(ms).join(', ')}) (${passages} passages)`);
const live = run(['responsive']);
console.log(`server while the PDF is read: ${live.requests} completion + hover pairs answered, p50 ${ms(live.p50)}, max ${ms(live.max)}; re-checked with the PDF after ${ms(live.readyMs)}`);
const pages = run(['pages']);
console.log(`Frankenstein PDF, quotations with their printed page: ${pages.rightOk}/${pages.right} with no finding; with a page 5 too far: ${pages.wrongOk}/${pages.wrong} get wrong-locator alone${pages.misses.length ? `; misses: ${pages.misses.join(' / ')}` : ''}`);
const { rows: accuracy, pdfVsEpub } = run(['accuracy']);
for (const r of accuracy) console.log(`${r.book} / ${r.edition}: detection ${r.detected}/${r.flaggable}, false alarms ${r.alarms}/${r.clean}, wrong-locator ${r.locators}${r.differ.length ? `, differs on ${r.differ.join(' ')}` : ''}`);
console.log(`Pride and Prejudice, PDF vs EPUB: ${pdfVsEpub.length ? `differ on ${pdfVsEpub.join(' ')}` : 'the same verdict on every case'}`);
if (process.argv.includes('--details')) for (const r of accuracy) for (const [id, d] of Object.entries(r.details)) console.log(`  ${r.edition} ${id}: ${d}`);

const pass = (ok) => (ok ? 'met' : '**missed**');
const section = `<!-- books: written by test/bench/books.mjs -->
## Book corpora (PDF, EPUB)

Real files from \`../shared/books\`, each load in a fresh process (median of 3): the PDF is read by pdf.js in a
worker thread, split into passages with their pages, indexed and written to the corpus cache; the second load
reads that cache. Load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} at the end on ${cpus().length} CPUs: wall times include waiting for a busy CPU.

| measure | figure | target | |
| --- | --- | --- | --- |
| 479-page PDF (*Pride and Prejudice*, Planet eBook), first load | ${ms(median(firsts))} (CPU ${ms(median(firstCpu))}, the worker thread included; runs: ${firsts.map(ms).join(', ')}; ${passages} passages) | ≤ 3 s | ${pass(median(firsts) <= 3000)} |
| the same PDF from the corpus cache | ${ms(median(cached))} (CPU ${ms(median(cachedCpu))}; runs: ${cached.map(ms).join(', ')}) | ≤ 300 ms | ${pass(median(cached) <= 300)} |
| quotations from *Frankenstein* (LaTeX PDF, every 7th paragraph's first nine words) cited with their printed page | ${pages.rightOk}/${pages.right} with no finding | all | ${pass(pages.rightOk === pages.right)} |
| the same cited five pages too far | ${pages.wrongOk}/${pages.wrong} get \`wrong-locator\` and nothing else | all | ${pass(pages.wrongOk === pages.wrong)} |
| server answering completion + hover while that PDF is read | ${live.requests} pairs, p50 ${ms(live.p50)}, max ${ms(live.max)}; diagnostics with the PDF after ${ms(live.readyMs)} | answers | ${pass(live.requests > 0)} |

The accuracy suite's cases (test/accuracy/cases.json) against each edition, counted as the suite counts them
(detection: labelled misquotes and unverified quotations flagged with that code; false alarms: a wording finding
on a quotation labelled correct, misattributed or ignored). \`wrong-locator\` findings are counted apart: the
cases' page numbers are from no edition in particular.

| book | edition | detection | false alarms | wrong-locator | cases that differ from the text |
| --- | --- | --- | --- | --- | --- |
${accuracy.map((r) => `| ${r.book} | ${r.edition} | ${r.detected}/${r.flaggable} | ${r.alarms}/${r.clean} | ${r.locators} | ${r.differ.length ? r.differ.join(', ') : 'none'} |`).join('\n')}

*Pride and Prejudice*, the Planet eBook PDF against the Gutenberg EPUB (two formats, two typesettings): ${pdfVsEpub.length ? `they differ on ${pdfVsEpub.join(', ')}` : 'the same verdict on every case'}. The cases were labelled against the
plain-text Gutenberg files, which are other editions: *Frankenstein*'s is the 1831 revision (the LaTeX PDF is
the 1818 text: quotations such as "a shrine-dedicated lamp" and "exclaimed the soul of Frankenstein" stand only in the 1831 text), and the
*Pride and Prejudice* text lacks commas the HTML edition has ("a good fortune, must", "once lost, is lost")
and spells "forever" where it has "for ever". \`node test/bench/books.mjs --quick --details\` lists each differing finding with its source wording.
<!-- /books -->
`;
const file = join(ROOT, 'BENCHMARKS.md');
if (!process.argv.includes('--quick')) {
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = doc.indexOf('<!-- books:');
  const end = doc.indexOf('<!-- /books -->');
  const notes = doc.indexOf('<!-- notes: kept by the bench -->');
  const next =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + '<!-- /books -->\n'.length)
      : notes >= 0
        ? doc.slice(0, notes) + section + '\n' + doc.slice(notes)
        : doc + '\n' + section;
  writeFileSync(file, next);
  console.log('wrote the book section of BENCHMARKS.md');
}
