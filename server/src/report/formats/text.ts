// Compiler-style lines (`essay.md:12:5 warning misquote …`), then a table with
// one row per essay and a total, then the one-line summary.

import { flaggedCount, percent, totals, type Counts, type EssayReport } from '../summary';

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
  for (const e of essays) for (const f of e.findings) out += `${e.path}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}\n`;
  const all = totals(essays);
  if (essays.length > 0) out += '\n' + table(essays, all);
  const flagged = flaggedCount(essays);
  out += `\n${plural(all.checked, 'quotation')} checked in ${plural(essays.length, 'essay')}: ${all.correct} correct, ${flagged} flagged\n`;
  return out;
}

function table(essays: readonly EssayReport[], all: Counts): string {
  const rows = [['essay', ...COLUMNS.map(([h]) => h)], ...essays.map((e) => [e.path, ...COLUMNS.map(([, f]) => f(e.counts))])];
  if (essays.length > 1) rows.push(['total', ...COLUMNS.map(([, f]) => f(all))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  // Names align left, numbers right, like any table a reader scans down.
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd() + '\n').join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
