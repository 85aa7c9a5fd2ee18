// The labelled accuracy suite: every case in cases.json is checked as an essay
// against its corpus, and the verdicts are compared with the labels.
//
// Definitions (also in test/accuracy/README.md):
// - detection: among the quotations labelled `misquote`, `unverified` or
//   `partly-verified`, the share that get exactly one finding with that code.
// - false alarm: among the quotations labelled `correct`, `misattribution` or
//   `ignored`, the share that get any finding (a misattribution case's wording
//   is correct; its own rule is judged apart).
// Bar: detection ≥ 98% and false alarms ≤ 1%, on every corpus and overall; every
// misquote's fix, applied to the essay, re-checks as correct.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText, DEFAULT_OPTIONS } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { cleanBookText, formatOf, loadCorpus } from '../../server/src/engine/loaders';
import { THRESHOLDS } from '../../server/src/engine/matcher';
import { canonicalKey } from '../../server/src/engine/normalize';
import type { Corpus } from '../../server/src/engine/types';

type CorpusName = 'review' | 'pride-and-prejudice' | 'frankenstein' | 'pride-and-prejudice-excerpts' | 'frankenstein-excerpts';

interface Case {
  id: string;
  corpus: CorpusName;
  markdown: string;
  expect: 'correct' | 'misquote' | 'unverified' | 'misattribution' | 'ignored' | 'partly-verified';
  severity?: 'information';
  source?: string;
  /** The finding's exact message (the real difference, named). */
  message?: string;
  /** Where such a quotation was seen: study guide, quote site, blog, film subtitle, essay habit. */
  seen?: string;
  why: string;
}

const SEEN = new Set(['study guide', 'quote site', 'blog', 'film subtitle', 'essay habit']);
const cases = JSON.parse(readFileSync(join('test', 'accuracy', 'cases.json'), 'utf8')) as Case[];
const CORPORA_DIR = resolve('test', 'fixtures', 'corpora');
const BOOKS = {
  'pride-and-prejudice': { file: 'pride-and-prejudice.txt', title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 },
  frankenstein: { file: 'frankenstein.txt', title: 'Frankenstein', author: 'Mary Shelley', year: 1818 },
  // Curated excerpts of the same books (a JSON passage list): windows onto a text the checker does not have.
  'pride-and-prejudice-excerpts': { file: 'pride-and-prejudice-excerpts.json', title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 },
  'frankenstein-excerpts': { file: 'frankenstein-excerpts.json', title: 'Frankenstein', author: 'Mary Shelley', year: 1818 },
} as const;

function book(name: keyof typeof BOOKS): Corpus {
  const b = BOOKS[name];
  const path = join(CORPORA_DIR, b.file);
  if (!existsSync(path)) {
    throw new Error(`The accuracy suite needs the real book ${path} (test/fixtures/corpora); it is absent.`);
  }
  return loadCorpus(readFileSync(path, 'utf8'), { id: path, origin: path, title: b.title, author: b.author, year: b.year }, formatOf(path));
}

// A user's library: the built-in corpus is always there, plus the book the essay is about.
const builtin = builtinCorpus();
const libraries = {
  review: buildLibrary([builtin]),
  'pride-and-prejudice': buildLibrary([builtin, book('pride-and-prejudice')]),
  frankenstein: buildLibrary([builtin, book('frankenstein')]),
  'pride-and-prejudice-excerpts': buildLibrary([builtin, book('pride-and-prejudice-excerpts')]),
  'frankenstein-excerpts': buildLibrary([builtin, book('frankenstein-excerpts')]),
};
const CORPORA = Object.keys(libraries) as CorpusName[];


interface Outcome {
  c: Case;
  ok: boolean;
  got: string;
  /** Only for misquotes: the data's source wording equals the label's. */
  sourceOk?: boolean;
  source?: string;
  similarity: number;
  /** Misattribution cases: the misattribution rule (judged by its own tests) flagged it. */
  attributionFlagged?: boolean;
  /** Misquotes: the fix offered (undefined if none), and what re-checking the fixed essay gives. */
  fix?: { applied: string; recheck: string; ok: boolean };
  message?: string;
}

/** What an essay's one quotation comes to: its verdict and findings, in words. */
function verdictOf(markdown: string, corpus: CorpusName): { ok: boolean; said: string } {
  const { quotations, findings } = checkText(markdown, libraries[corpus], DEFAULT_OPTIONS);
  const wrong = findings.filter((f) => f.code === 'misquote' || f.code === 'unverified-quote');
  const said = `${quotations.map((q) => q.match.verdict).join(', ')}${findings.length ? ' — ' + findings.map((f) => `${f.code}: ${f.message}`).join(' | ') : ''}`;
  return { ok: quotations.length === 1 && quotations[0].match.verdict === 'correct' && wrong.length === 0, said };
}

function judge(c: Case): Outcome {
  const { quotations, findings } = checkText(c.markdown, libraries[c.corpus], DEFAULT_OPTIONS);
  // Every finding counts, whatever rule reports it; only a misattribution case may have its own.
  const flags = findings.filter((f) => c.expect !== 'misattribution' || f.code !== 'misattribution');
  const similarity = quotations[0]?.match.similarity ?? 0;
  const got = flags.length
    ? flags.map((f) => `${f.code}${f.severity === 'information' ? ' (information)' : ''}: ${f.message}`).join(' | ')
    : `no finding (${quotations.map((q) => q.match.verdict).join(', ') || 'no quotation'})`;
  const message = flags[0]?.message;
  switch (c.expect) {
    case 'correct':
    case 'misattribution':
      return {
        c,
        ok: flags.length === 0 && quotations.length === 1 && quotations[0].match.verdict === 'correct',
        got,
        similarity,
        attributionFlagged: findings.some((f) => f.code === 'misattribution'),
      };
    case 'ignored':
      return { c, ok: flags.length === 0, got, similarity };
    case 'unverified':
      return { c, ok: flags.length === 1 && flags[0].code === 'unverified-quote' && (!c.message || c.message === message), got, similarity, message };
    case 'partly-verified':
      return {
        c,
        ok: flags.length === 1 && flags[0].code === 'partly-verified' && flags[0].severity === 'information' && quotations[0]?.match.verdict === 'correct' && (!c.message || c.message === message),
        got,
        similarity,
        message,
      };
    case 'misquote': {
      const ok = flags.length === 1 && flags[0].code === 'misquote' && (!c.message || c.message === message);
      // The label's source is the raw file text; fragments are joined with " [...] ".
      const want = c.source!.split(' [...] ').map((s) => canonicalKey(cleanBookText(s)));
      const have = (flags[0]?.data?.source ?? '').split(' … ').map((s) => canonicalKey(s));
      // The fix, applied as an editor would, must leave a quotation that re-checks as correct.
      const d = flags[0]?.data;
      let fix: Outcome['fix'];
      if (d?.replacement !== undefined && d.contentStart !== undefined && d.contentEnd !== undefined) {
        const applied = c.markdown.slice(0, d.contentStart) + d.replacement + c.markdown.slice(d.contentEnd);
        const edited = (d.edits ?? []).reduceRight((text, e) => text.slice(0, e.start) + e.newText + text.slice(e.end), c.markdown);
        const re = verdictOf(applied, c.corpus);
        fix = { applied, recheck: re.said, ok: re.ok && edited === applied };
      }
      return { c, ok, got, sourceOk: ok && JSON.stringify(want) === JSON.stringify(have), source: flags[0]?.data?.source, similarity, fix, message };
    }
  }
}

const outcomes = cases.map(judge);

interface Figures {
  detected: number;
  flaggable: number;
  falseAlarms: number;
  clean: number;
  severityRight: number;
  sourceRight: number;
  misquotes: number;
}

function figures(list: Outcome[]): Figures {
  const f: Figures = { detected: 0, flaggable: 0, falseAlarms: 0, clean: 0, severityRight: 0, sourceRight: 0, misquotes: 0 };
  for (const o of list) {
    if (o.c.expect === 'misquote' || o.c.expect === 'unverified' || o.c.expect === 'partly-verified') {
      f.flaggable++;
      if (o.ok) f.detected++;
    } else {
      f.clean++;
      if (!o.ok) f.falseAlarms++;
    }
    if (o.c.expect === 'misquote' && o.ok) {
      f.misquotes++;
      const info = o.got.startsWith('misquote (information)');
      if (info === (o.c.severity === 'information')) f.severityRight++;
      if (o.sourceOk) f.sourceRight++;
    }
  }
  return f;
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '—') + '%';
const groups: [string, Outcome[]][] = [
  ...CORPORA.map((k): [string, Outcome[]] => [k, outcomes.filter((o) => o.c.corpus === k)]),
  ['all', outcomes],
];

const lines = ['', 'Accuracy on the labelled suite (test/accuracy/cases.json):'];
for (const [name, list] of groups) {
  const f = figures(list);
  lines.push(
    `  ${name.padEnd(28)} detection ${pct(f.detected, f.flaggable).padStart(6)} (${f.detected}/${f.flaggable})` +
      `   false alarms ${pct(f.falseAlarms, f.clean).padStart(5)} (${f.falseAlarms}/${f.clean})` +
      `   misquote severity right ${f.severityRight}/${f.misquotes}, source wording right ${f.sourceRight}/${f.misquotes}`,
  );
}
// The margin THRESHOLDS.similarity sits in: word misquotes (not fragments, whose words all match) vs unverified.
const wordMisquotes = outcomes.filter((o) => o.c.expect === 'misquote' && o.got.includes('" where the source has "'));
const lowestMisquote = Math.min(...wordMisquotes.map((o) => o.similarity));
const highestUnverified = Math.max(...outcomes.filter((o) => o.c.expect === 'unverified').map((o) => o.similarity));
lines.push(
  `  similarity: lowest word misquote ${lowestMisquote.toFixed(2)}, nearest unverified ${highestUnverified.toFixed(2)}, threshold ${THRESHOLDS.similarity}`,
);
const misattributions = outcomes.filter((o) => o.c.expect === 'misattribution');
lines.push(`  misattribution cases flagged by that rule (informative): ${misattributions.filter((o) => o.attributionFlagged).length}/${misattributions.length}`);
for (const o of outcomes.filter((x) => !x.ok)) lines.push(`  MISSED ${o.c.id} [${o.c.expect}] ${o.c.why}: ${o.got}`);
for (const o of outcomes.filter((x) => x.sourceOk === false)) lines.push(`  SOURCE ${o.c.id} labelled "${o.c.source}", got "${o.source}"`);
const fixed = outcomes.filter((o) => o.fix);
lines.push(`  fixes offered on labelled misquotes: ${fixed.length}/${outcomes.filter((o) => o.c.expect === 'misquote').length}, re-checked correct: ${fixed.filter((o) => o.fix!.ok).length}`);
for (const o of fixed.filter((x) => !x.fix!.ok)) lines.push(`  FIX ${o.c.id}: ${JSON.stringify(o.fix!.applied)} re-checks as ${o.fix!.recheck}`);
for (const o of outcomes.filter((x) => x.c.message && x.message !== x.c.message)) lines.push(`  MESSAGE ${o.c.id}: want ${JSON.stringify(o.c.message)}, got ${JSON.stringify(o.message)}`);
console.log(lines.join('\n'));

test('accuracy suite: labelled cases load and name their corpus; every case after the first 211 says where it was seen', () => {
  assert.ok(cases.length >= 311, `${cases.length} cases`);
  assert.equal(new Set(cases.map((c) => c.id)).size, cases.length, 'ids are unique');
  for (const c of cases) assert.ok(c.corpus in libraries, c.id);
  for (const c of cases.slice(211)) assert.ok(c.seen && SEEN.has(c.seen), `${c.id}: seen ${c.seen}`);
});

for (const [name, list] of groups) {
  test(`accuracy (${name}): detection ≥ 98% and false alarms ≤ 1%`, () => {
    const f = figures(list);
    if (f.flaggable) assert.ok(f.detected / f.flaggable >= 0.98, `detection ${pct(f.detected, f.flaggable)}`);
    if (f.clean) assert.ok(f.falseAlarms / f.clean <= 0.01, `false alarms ${pct(f.falseAlarms, f.clean)}`);
  });
}

test('accuracy: every fix offered on a labelled misquote, applied to the essay, re-checks as correct', () => {
  const bad = outcomes.filter((o) => o.fix && !o.fix.ok).map((o) => `${o.c.id}: ${o.fix!.recheck}`);
  assert.deepEqual(bad, []);
  // A fix is withheld only where no edit of the quotation's words can restore the source (fragments from elsewhere).
  const missing = outcomes.filter((o) => o.c.expect === 'misquote' && o.ok && !o.fix && !/fragments|re-?ordered|out of order/.test(o.message ?? ''));
  assert.deepEqual(missing.map((o) => `${o.c.id}: ${o.message}`), []);
});

test('accuracy: the finding names the real difference wherever the label gives the message', () => {
  const labelled = outcomes.filter((o) => o.c.message);
  assert.ok(labelled.length >= 60, `${labelled.length} cases with a message`);
  assert.deepEqual(labelled.filter((o) => o.message !== o.c.message).map((o) => `${o.c.id}: ${o.message}`), []);
});

test('accuracy: the similarity threshold separates the labelled misquotes from the unverified quotations', () => {
  assert.ok(highestUnverified < THRESHOLDS.similarity, `nearest unverified ${highestUnverified}`);
  assert.ok(lowestMisquote >= THRESHOLDS.similarity, `lowest misquote ${lowestMisquote}`);
});

test('accuracy: misquotes carry the source wording and the right severity', () => {
  const f = figures(outcomes);
  assert.equal(f.severityRight, f.misquotes, 'severity information exactly for punctuation-only misquotes');
  assert.equal(f.sourceRight, f.misquotes, 'data.source is the source wording of the quoted span');
});
