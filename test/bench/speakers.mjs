// `npm run bench:speakers`: who speaks in a book, measured on PDNC's human labels.
// Loads each labelled novel of ../shared/corpora/shelf as a user corpus through the
// engine (loadCorpus: the speaker model runs as at first load), finds every PDNC
// quotation in its paragraph, and compares the speaker Verbatim would use
// (speakerOf: confident speakers only) with the label. Then the misattribution rule:
// essays that give labelled lines to their speaker and to another character.
// Writes its section of BENCHMARKS.md. `--quick`: three novels, nothing written; `--sample=`, `--seed=`: another draw. To look into errors:
// `--novel=Emma` (one novel, nothing written), `--wrong` (wrong speakers; `--all-guesses` with unsure ones,
// `--context` with the text before), `--missed` (Explicit lines without a speaker), `--missed-anaphoric`
// (Anaphoric lines no sieve guessed), `--unguessed` (every line no sieve guessed), `--sieves` (precision by
// reason), `--unflagged` / `--rightflagged` (the misattribution essays).

import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleOptions } from '../../scripts/esbuild-options.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHELF = resolve(ROOT, '../shared/corpora/shelf');
const PDNC = resolve(ROOT, '../shared/datasets/pdnc');
const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((a) => a.startsWith('--novel='))?.slice(8);
for (const d of [SHELF, PDNC]) if (!existsSync(d)) throw new Error(`bench:speakers: ${d} is missing (the shelf and PDNC live in ../shared)`);

// The engine as the product bundles it.
const out = join(ROOT, '.cache/bench-speakers/engine.js');
mkdirSync(dirname(out), { recursive: true });
await build({
  ...bundleOptions,
  stdin: {
    contents: `export { loadCorpus, cleanBookText } from './server/src/engine/loaders';
export { speakerOf, speakerDetail } from './server/src/engine/speakers';
export { attributeBook } from './server/src/engine/speakerModel';
export { buildLibrary } from './server/src/engine/library';
export { checkText } from './server/src/engine/check';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  outfile: out,
  target: 'node20',
});
const engine = await import(pathToFileURL(out).href);

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function csv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  const [head, ...body] = rows;
  return body.filter((r) => r.length === head.length).map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

const norm = (s) => s.toLowerCase().replace(/[.’']/g, '').replace(/\s+/g, ' ').trim().replace(/^the /, '');

/** PDNC's characters: a predicted name is right when it is an alias of the labelled speaker. */
function castOf(novel) {
  const chars = JSON.parse(readFileSync(join(PDNC, novel, 'characters.json'), 'utf8'));
  const byAlias = new Map();
  for (const c of chars) for (const a of [c.name, ...c.aliases]) {
    const k = norm(a);
    if (!byAlias.has(k)) byAlias.set(k, new Set());
    byAlias.get(k).add(c.name);
  }
  // A label is a character's main name or (Dorian Gray, whose entry is "Prince Charming") one of its aliases.
  const isAlias = (name, speaker) => {
    const said = byAlias.get(norm(name));
    const meant = byAlias.get(norm(speaker));
    return !!said && !!meant && [...said].some((c) => meant.has(c));
  };
  const listed = (name) => byAlias.has(norm(name));
  return { chars, isAlias, listed };
}

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
function lineOf(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Each PDNC quotation's passage and [start, end) in its cleaned text, or undefined. */
function locate(raw, passages, q) {
  const starts = lineStarts(raw);
  const byLine = passages.filter((p) => p.line !== undefined);
  return q.map((row) => {
    const line = lineOf(starts, Number(row.startByte));
    let lo = 0;
    let hi = byLine.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byLine[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    const p = byLine[lo];
    // Some of PDNC's spans take in the quotation marks around the words ("\"Is this,\""): a reader quotes the words.
    const words = engine.cleanBookText(row.qText).trim().replace(/^["“”]+\s*|\s*["“”]+$/g, '');
    if (!p || !words) return undefined;
    // The occurrence nearest the label's place in the paragraph (cleaning shrinks the text a little).
    const rel = Number(row.startByte) - starts[p.line - 1];
    let best;
    for (let at = p.text.indexOf(words); at >= 0; at = p.text.indexOf(words, at + 1)) if (best === undefined || Math.abs(at - rel) < Math.abs(best - rel)) best = at;
    return best === undefined ? undefined : { passage: p, sourceStart: best, sourceEnd: best + words.length };
  });
}

function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const novels = readdirNovels().filter((n) => !ONLY || n === ONLY).slice(0, QUICK ? 3 : undefined);
function readdirNovels() {
  return ['AliceInWonderland', 'AnneOfGreenGables', 'Emma', 'Persuasion', 'PrideAndPrejudice', 'SenseAndSensibility', 'SignOfFour', 'TheAwakening', 'ThePictureOfDorianGray'].filter((n) => existsSync(join(PDNC, n, 'quotes.csv')));
}
const shelf = JSON.parse(readFileSync(join(SHELF, 'shelf.json'), 'utf8'));

const empty = () => ({ n: 0, named: 0, right: 0 });
const total = empty();
const byType = {};
const perNovel = [];
const misattr = { wrong: 0, wrongFlagged: 0, right: 0, rightFlagged: 0 };
const misattrPer = [];
// What turn-taking could give with every other line's speaker known (an oracle, from the labels alone): a turn whose
// speaker two turns back and two turns on is the same person is that person's. Per qType: lines it covers, right.
const oracle = {};
// `--sample=N` lines per novel and `--seed=K` for the misattribution essays (another draw of lines and wrong names;
// nothing is written then): the written figures use 150 and seed 20.
const SAMPLE = Number(process.argv.find((a) => a.startsWith('--sample='))?.slice(9) ?? (QUICK ? 40 : 150));
const SEED = Number(process.argv.find((a) => a.startsWith('--seed='))?.slice(7) ?? 20);
const sieves = {};
// Wrong answers that are no alias of any PDNC character ("Charles", "Miss Steele"): PDNC's lists lack them.
let unlisted = 0;
// Wrong answers that share a word with the labelled character's name ("Charles" for Charles Musgrove, which PDNC
// lists for Little Charles; "Miss Steele" for Anne Steele, which it lists for Lucy): counted wrong all the same.
let sharing = 0;

for (const novel of novels) {
  const raw = readFileSync(join(SHELF, `${novel}.txt`), 'utf8');
  const meta = shelf.find((s) => s.file === novel) ?? {};
  // First load, as the server does it: the speaker model runs inside loadCorpus.
  const t0 = performance.now();
  const corpus = engine.loadCorpus(raw, { id: novel, origin: `${novel}.txt`, title: meta.title, author: meta.author });
  const loadMs = performance.now() - t0;
  // The model alone, on fresh copies of the passages: the best of three runs (the machine is shared).
  let modelMs = Infinity;
  for (let k = 0; k < 3; k++) {
    const fresh = corpus.passages.map((p) => ({ ...p, speakers: undefined }));
    const t1 = performance.now();
    engine.attributeBook(fresh);
    modelMs = Math.min(modelMs, performance.now() - t1);
  }
  const { chars, isAlias, listed } = castOf(novel);
  const rows = csv(readFileSync(join(PDNC, novel, 'quotes.csv'), 'utf8'));
  {
    const starts = lineStarts(raw);
    const turnsOf = [];
    for (const row of [...rows].sort((a, b) => Number(a.startByte) - Number(b.startByte))) {
      const line = lineOf(starts, Number(row.startByte));
      const last = turnsOf[turnsOf.length - 1];
      // One turn per paragraph: rows on lines with no blank line between them.
      const blank = last && raw.slice(starts[last.line - 1], Number(row.startByte)).includes('\n\n');
      if (last && !blank) last.rows.push(row);
      else turnsOf.push({ line, speaker: row.speaker, rows: [row] });
    }
    turnsOf.forEach((turn, t) => {
      const near = (u) => u >= 0 && u < turnsOf.length && Math.abs(turnsOf[u].line - turn.line) <= 40;
      const a = near(t - 2) ? turnsOf[t - 2].speaker : undefined;
      const b = near(t + 2) ? turnsOf[t + 2].speaker : undefined;
      for (const row of turn.rows) {
        const o = (oracle[row.qType || 'unknown'] ??= { n: 0, covered: 0, right: 0 });
        o.n++;
        if (a && a === b) (o.covered++, (o.right += a === row.speaker ? 1 : 0));
      }
    });
  }
  const places = locate(raw, corpus.passages, rows);
  const stat = empty();
  const statType = {};
  let unlocated = 0;
  const wrongs = [];
  rows.forEach((row, k) => {
    const place = places[k];
    const type = row.qType || 'unknown';
    statType[type] ??= empty();
    byType[type] ??= empty();
    const counters = [stat, statType[type], byType[type], total];
    for (const c of counters) c.n++;
    if (!place) return void unlocated++;
    const name = engine.speakerOf(place);
    const d = engine.speakerDetail(place);
    if (d) {
      if (process.argv.includes("--all-guesses") && !name && !isAlias(d.name, row.speaker)) wrongs.push(`${type}: ${JSON.stringify(row.qText.slice(0, 50))} → ${d.name} (label ${row.speaker}) [unsure] ${d.reason}${process.argv.includes("--context") ? "\n" + raw.slice(Math.max(0, Number(row.startByte) - 700), Number(row.endByte) + 200) + "\n------" : ""}`);
      const k = `${d.by}${d.confidence >= 0.8 ? '' : ' (unsure)'}${process.argv.includes('--sieves') ? ' ' + (d.reason ?? '').replace(/\p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)*/gu, 'X').slice(0, 70) : ''}`;
      sieves[k] ??= { n: 0, right: 0 };
      sieves[k].n++;
      if (isAlias(d.name, row.speaker)) sieves[k].right++;
    }
    if (!name) {
      if (process.argv.includes('--unguessed') && !d) console.log(`  ${novel} unguessed ${type} [${row.refExp}] (${row.speaker}): ${JSON.stringify(raw.slice(Math.max(0, Number(row.startByte) - 300), Number(row.startByte)) + '⟦' + raw.slice(Number(row.startByte), Number(row.endByte)).slice(0, 30) + '…⟧' + raw.slice(Number(row.endByte), Number(row.endByte) + 100))}`);
      if (process.argv.includes('--missed-anaphoric') && type === 'Anaphoric' && !d) console.log(`  ${novel} missed [${row.refExp}] (${row.speaker}): ${JSON.stringify(raw.slice(Math.max(0, Number(row.startByte) - 300), Number(row.startByte)) + '⟦' + raw.slice(Number(row.startByte), Number(row.endByte)).slice(0, 30) + '…⟧' + raw.slice(Number(row.endByte), Number(row.endByte) + 100))}`);
      if (process.argv.includes('--missed') && type === 'Explicit') console.log(`  ${novel} missed [${row.refExp}]: ${JSON.stringify(raw.slice(Math.max(0, Number(row.startByte) - 150), Number(row.startByte)) + '⟦' + raw.slice(Number(row.startByte), Number(row.endByte)).slice(0, 30) + '…⟧' + raw.slice(Number(row.endByte), Number(row.endByte) + 100))}`);
      return;
    }
    for (const c of counters) c.named++;
    if (isAlias(name, row.speaker)) for (const c of counters) c.right++;
    else {
      const words = (n) => norm(n).split(' ').filter((w) => !/^(mr|mrs|miss|ms|dr|lady|sir|the)$/.test(w));
      if (words(name).some((w) => words(row.speaker).includes(w))) sharing++;
      if (!listed(name)) unlisted++;
      else wrongs.push(`${type}: ${JSON.stringify(row.qText.slice(0, 50))} → ${name} (label ${row.speaker}) ${engine.speakerDetail?.(place)?.reason ?? ''}${process.argv.includes('--context') ? '\n' + raw.slice(Math.max(0, Number(row.startByte) - 700), Number(row.endByte) + 200) + '\n------' : ''}`);
    }
  });
  if (process.argv.includes('--wrong')) for (const w of wrongs) console.log(`  ${novel} ✗ ${w}`);
  // `--scene=<sieve>`: each wrong confident answer of that sieve with the labelled quotations around it.
  const scene = process.argv.find((a) => a.startsWith('--scene='))?.slice(8);
  if (scene) {
    rows.forEach((row, k) => {
      const d = places[k] && engine.speakerDetail(places[k]);
      const name = places[k] && engine.speakerOf(places[k]);
      if (!d || !name || d.by !== scene || isAlias(name, row.speaker)) return;
      console.log(`  ${novel} ✗ ${JSON.stringify(row.qText.slice(0, 40))} → ${name} (label ${row.speaker}) ${d.reason}`);
      for (let j = Math.max(0, k - 5); j <= Math.min(rows.length - 1, k + 3); j++) {
        const dj = places[j] && engine.speakerDetail(places[j]);
        console.log(`     ${j === k ? '▶' : ' '} ${rows[j].speaker.padEnd(18)} ${(dj ? `${dj.name}${dj.by && dj.by !== 'tag' ? ` [${dj.by} ${dj.confidence}]` : ''}` : '—').padEnd(32)} ${JSON.stringify(rows[j].qText.slice(0, 50))} ${rows[j].refExp ? `{${rows[j].refExp}}` : ''}`);
      }
    });
  }

  // The misattribution rule: labelled lines of 6+ words, given to their speaker (as PDNC
  // names them) and to another of the book's ten most talkative characters.
  const library = engine.buildLibrary([corpus]);
  const talk = new Map();
  for (const r of rows) talk.set(r.speaker, (talk.get(r.speaker) ?? 0) + 1);
  const top = [...talk.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([n]) => n).filter((n) => chars.some((c) => c.name === n));
  const rand = prng(SEED);
  const pool = rows.map((r, k) => [r, places[k]]).filter(([r, p]) => p && r.qText.trim().split(/\s+/).length >= 6 && top.includes(r.speaker));
  const picked = [];
  while (picked.length < SAMPLE && pool.length) picked.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  const m = { wrong: 0, wrongFlagged: 0, right: 0, rightFlagged: 0 };
  for (const [r] of picked) {
    const words = engine.cleanBookText(r.qText).trim().replace(/[,;:]$/, '');
    const others = top.filter((n) => n !== r.speaker);
    const other = others[Math.floor(rand() * others.length)];
    for (const [who, wrong] of [[r.speaker, false], [other, true]]) {
      const essay = `In this chapter ${who.replace(/^The /, 'the ')} says, “${words}” The line matters.\n`;
      const result = engine.checkText(essay, library);
      const flagged = result.findings.some((f) => f.code === 'misattribution');
      if (process.argv.includes('--rightflagged') && !wrong && flagged) console.log(`  right flagged: ${result.findings.find((f) => f.code === 'misattribution')?.message} | ${essay.slice(0, 120)}`);
      if (process.argv.includes('--unflagged') && wrong && !flagged) {
        const q = result.quotations[0];
        const sp = q?.match.passage?.speakers?.find((s) => s.start < q.match.sourceEnd && q.match.sourceStart < s.end);
        console.log(`  unflagged: ${who} for ${r.speaker} | verdict ${q?.match.verdict} | speaker ${q ? engine.speakerOf(q.match) : '-'} | among ${sp?.among ? sp.among.map((c) => `${c.name} ${c.p}`).join(', ') + ` else ${sp.elsewhere}` : '—'} | ${essay.slice(0, 90)}`);
      }
      if (wrong) (m.wrong++, (m.wrongFlagged += flagged ? 1 : 0));
      else (m.right++, (m.rightFlagged += flagged ? 1 : 0));
    }
  }
  for (const k of Object.keys(misattr)) misattr[k] += m[k];
  misattrPer.push({ novel, ...m });
  perNovel.push({ novel, title: meta.title ?? novel, kb: Buffer.byteLength(raw) / 1024, loadMs, modelMs, stat, statType, unlocated });
  const f = (s) => `P ${pct(s.right, s.named)} R ${pct(s.right, s.n)}`;
  console.log(`${novel.padEnd(24)} ${f(stat)} | ${Object.entries(statType).map(([t, s]) => `${t} ${f(s)}`).join(' | ')} | load ${loadMs.toFixed(0)} ms, model ${modelMs.toFixed(0)} ms | misattr ${pct(m.wrongFlagged, m.wrong)} / ${pct(m.rightFlagged, m.right)}${unlocated ? ` | ${unlocated} not located` : ''}`);
}

function pct(a, b) {
  return b ? `${((a / b) * 100).toFixed(1)}%` : '—';
}
const p = (s) => pct(s.right, s.named);
const r = (s) => pct(s.right, s.n);
console.log(Object.entries(byType).map(([t, s]) => `${t}: ${s.n} quotations, ${s.named} named, ${s.right} right`).join('; '));
console.log(`${unlisted} of ${total.named - total.right} wrong names are no alias of any PDNC character; ${sharing} share a word with the label`);
console.log(`overall P ${p(total)} R ${r(total)}; ${Object.entries(byType).map(([t, s]) => `${t} P ${p(s)} R ${r(s)}`).join('; ')}`);
console.log(Object.entries(sieves).map(([k, v]) => `${k}: ${pct(v.right, v.n)} of ${v.n}`).join(process.argv.includes('--sieves') ? '\n' : '; '));
console.log(`misattribution: ${pct(misattr.wrongFlagged, misattr.wrong)} of wrong flagged, ${pct(misattr.rightFlagged, misattr.right)} of right flagged`);
console.log(`turn-taking oracle: ${Object.entries(oracle).map(([t, o]) => `${t} covers ${pct(o.covered, o.n)} at ${pct(o.right, o.covered)}`).join('; ')}`);

// The figures this benchmark wrote at commit 84ecf27 (before each conversation was decoded at once and names
// could be ruled out), for the before/after columns: precision and recall per novel, and the misattribution rates.
const BEFORE = {
  AliceInWonderland: [98.8, 85.4, 72.0, 1.3],
  AnneOfGreenGables: [98.6, 75.0, 68.7, 0.7],
  Emma: [98.0, 42.7, 42.0, 0.7],
  Persuasion: [97.0, 52.2, 42.0, 0.7],
  PrideAndPrejudice: [97.3, 39.6, 26.7, 0.0],
  SenseAndSensibility: [94.3, 48.6, 50.0, 2.7],
  SignOfFour: [99.5, 45.0, 23.3, 0.0],
  TheAwakening: [97.1, 51.0, 38.7, 0.7],
  ThePictureOfDorianGray: [98.2, 43.1, 33.3, 0.7],
};
const BEFORE_TYPES = { all: [97.7, 52.8], Explicit: [98.9, 95.1], Anaphoric: [93.3, 28.8], Implicit: [96.1, 17.8] };

if (!QUICK && !ONLY && SEED === 20 && SAMPLE === 150) {
  const types = ['Explicit', 'Anaphoric', 'Implicit'];
  const was = (k) => (BEFORE_TYPES[k] ? `${BEFORE_TYPES[k][0].toFixed(1)}% / ${BEFORE_TYPES[k][1].toFixed(1)}%` : '—');
  const largest = perNovel.reduce((a, b) => (b.kb > a.kb ? b : a));
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}`;
  const lines = [
    '<!-- speakers: written by npm run bench:speakers -->',
    '## Who speaks in a book (PDNC)',
    '',
    `Written by \`npm run bench:speakers\` (test/bench/speakers.mjs) on ${new Date().toISOString().slice(0, 10)}, on ${machine} (load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')}).`,
    `Each labelled novel of \`../shared/corpora/shelf\` is loaded as a user corpus (\`loadCorpus\`, which runs the speaker model);`,
    `every PDNC quotation is found in its paragraph and the speaker Verbatim uses (\`speakerOf\`: confident speakers only)`,
    `is compared with the label: right when it is one of the labelled character's aliases. Precision = right ÷ named,`,
    `recall = right ÷ all quotations. ${total.n.toLocaleString('en')} quotations in ${novels.length} novels. Of the ${total.named - total.right} wrong names,`,
    `${unlisted} are no alias of any character in PDNC's lists and ${sharing} share a word with the labelled character's name ("Miss Steele"`,
    `for Anne Steele, which PDNC lists for Lucy; "Mrs. Forrester" for Mrs. Cecil Forrester): counted wrong all the same.`,
    `Before the speaker model (tags naming the speaker only, commit e1a6aa7): precision 94.0%, recall 23.5% (Explicit 56.8%);`,
    `misattribution 13.0% of wrong attributions flagged, 0.3% of right ones. "Before" below: this benchmark at commit 84ecf27.`,
    '',
    `| | quotations | named | precision | recall | before (P / R) | target |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    `| **all nine** | ${total.n} | ${total.named} | ${p(total)} | ${r(total)} | ${was('all')} | P ≥ 97%, R ≥ 75% |`,
    ...types.filter((t) => byType[t]).map((t) => `| ${t} | ${byType[t].n} | ${byType[t].named} | ${p(byType[t])} | ${r(byType[t])} | ${was(t)} | ${t === 'Explicit' ? 'R ≥ 95%' : ''} |`),
    '',
    `| novel | KB | first load (loadCorpus) | speaker model (best of 3) | quotations | precision | recall | before (P / R) | Explicit P / R | Anaphoric P / R | Implicit P / R |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
    ...perNovel.map(
      (x) =>
        `| ${x.title} | ${x.kb.toFixed(0)} | ${x.loadMs.toFixed(0)} ms | ${x.modelMs.toFixed(0)} ms | ${x.stat.n} | ${p(x.stat)} | ${r(x.stat)} | ${BEFORE[x.novel] ? `${BEFORE[x.novel][0].toFixed(1)}% / ${BEFORE[x.novel][1].toFixed(1)}%` : '—'} | ${types.map((t) => (x.statType[t] ? `${p(x.statType[t])} / ${r(x.statType[t])}` : '—')).join(' | ')} |`,
    ),
    '',
    `Speed: the speaker model on the largest novel (${largest.title}, ${largest.kb.toFixed(0)} KB) took ${largest.modelMs.toFixed(0)} ms (best of 3; target ≤ 500 ms at first load), the whole first load of it ${largest.loadMs.toFixed(0)} ms; it runs once per corpus load, never per keystroke.`,
    '',
    `By sieve (every guess, used or not; "unsure": below the confidence the misattribution rule needs, shown in the hover as "perhaps"):`,
    '',
    `| sieve | speeches | right |`,
    `| --- | --- | --- |`,
    ...Object.entries(sieves)
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, v]) => `| ${k} | ${v.n} | ${pct(v.right, v.n)} |`),
    '',
    `The misattribution rule: for each novel, ${SAMPLE} labelled lines of six words or more, spoken by one of its ten most talkative`,
    `characters, quoted in an essay sentence ("In this chapter X says, “…”") once with the labelled speaker's name and once with another of`,
    `those characters' names (seeded). Target: ≥ 70% of wrong attributions flagged, ≤ 1% of right ones. A name is flagged when`,
    `the book's confident speaker is someone else, or, with no one sure, when the line's conversation rules it out (speakerChain.ts).`,
    '',
    `| | wrong attributions flagged | right attributions flagged | before (wrong / right flagged) |`,
    `| --- | --- | --- | --- |`,
    `| **all** | ${pct(misattr.wrongFlagged, misattr.wrong)} (${misattr.wrongFlagged} of ${misattr.wrong}) | ${pct(misattr.rightFlagged, misattr.right)} (${misattr.rightFlagged} of ${misattr.right}) | 44.1% / 0.8% |`,
    ...misattrPer.map(
      (x) =>
        `| ${perNovel.find((n) => n.novel === x.novel)?.title} | ${pct(x.wrongFlagged, x.wrong)} | ${pct(x.rightFlagged, x.right)} | ${BEFORE[x.novel] ? `${BEFORE[x.novel][2].toFixed(1)}% / ${BEFORE[x.novel][3].toFixed(1)}%` : '—'} |`,
    ),
    '',
    `What turn-taking can give at best: with every other line's speaker known (an oracle, from PDNC's labels alone), a line`,
    `whose speaker two turns back and two turns on is one person, given to that person, is right this often — the ceiling of`,
    `what turn-taking lends untagged lines, before any of their neighbours must themselves be inferred:`,
    '',
    `| qType | lines | covered | right of covered |`,
    `| --- | --- | --- | --- |`,
    ...types.filter((t) => oracle[t]).map((t) => `| ${t} | ${oracle[t].n} | ${pct(oracle[t].covered, oracle[t].n)} | ${pct(oracle[t].right, oracle[t].covered)} |`),
    '<!-- speakers: end -->',
  ];
  const file = join(ROOT, 'BENCHMARKS.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const a = previous.indexOf('<!-- speakers:');
  const b = previous.indexOf('<!-- speakers: end -->');
  const section = lines.join('\n');
  // The section sits after the main bench's notes, which `npm run bench` keeps as they are.
  const doc = a >= 0 && b > a ? previous.slice(0, a) + section + previous.slice(b + '<!-- speakers: end -->'.length) : `${previous.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
  console.log('wrote BENCHMARKS.md');
}
