// Compiler-style lines (`essay.md:12:5 warning misquote …`), then a table with
// one row per essay and a total, the groups of borrowed words (when an essay
// copies words without quotation marks), then the one-line summary.

import { flaggedCount, groupTotals, percent, totals, UNMARKED, type Counts, type EssayReport, type Groups } from '../summary';

const GROUP_COLUMNS: [string, (g: Groups) => string][] = [
  ['quoted+cited', (g) => String(g.quotedCited)],
  ['quoted only', (g) => String(g.quotedUncited)],
  ['cited only', (g) => String(g.citedUnquoted)],
  ['neither', (g) => String(g.neither)],
  ['from sources', (g) => percent(g.share)],
];

const COLUMNS: [string, (c: Counts) => string][] = [
  ['checked', (c) => String(c.checked)],
  ['correct', (c) => String(c.correct)],
  ['misquoted', (c) => String(c.misquoted)],
  ['unverified', (c) => String(c.unverified)],
  ['misattributed', (c) => String(c.misattributed)],
  ['accuracy', (c) => percent(c.accuracy)],
];

export function formatText(essays: readonly EssayReport[]): string {
  let out = '';
  for (const e of essays) {
    for (const f of e.findings) {
      out += `${e.path}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`;
      // A copied passage beside the source text it copies.
      if (f.code === UNMARKED && f.data?.source) out += `  source: ${f.data.source}\n`;
    }
  }
  const all = totals(essays);
  if (essays.length > 0) out += '\n' + table(essays, COLUMNS, (e) => e.counts, all);
  // The groups when some essay has copied words without quotation marks (else the table above tells all).
  if (essays.some((e) => e.groups.citedUnquoted + e.groups.neither > 0)) out += '\n' + table(essays, GROUP_COLUMNS, (e) => e.groups, groupTotals(essays));
  const flagged = flaggedCount(essays);
  out += `\n${plural(all.checked, 'quotation')} checked in ${plural(essays.length, 'essay')}: ${all.correct} correct, ${flagged} flagged\n`;
  return out;
}

function table<T>(essays: readonly EssayReport[], columns: [string, (c: T) => string][], of: (e: EssayReport) => T, all: T): string {
  const rows = [['essay', ...columns.map(([h]) => h)], ...essays.map((e) => [e.path, ...columns.map(([, f]) => f(of(e)))])];
  if (essays.length > 1) rows.push(['total', ...columns.map(([, f]) => f(all))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  // Names align left, numbers right, like any table a reader scans down.
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd() + '\n').join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
