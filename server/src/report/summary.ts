// What every report format says about an essay: where each finding stands
// (1-based lines and UTF-16 columns, end exclusive) and the counts per essay
// and per class. Pure: text and check results in, numbers out.

import type { CheckResult } from '../engine/check';
import { citationAfter } from '../engine/citations';
import { lineIndex } from '../engine/loaders';
import { tokenize, wordCount } from '../engine/normalize';
import type { CheckedQuotation } from '../engine/rules';
import type { Finding } from '../engine/types';

export interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A fix's edits where they stand (the same positions as findings). */
export interface PlacedFix {
  title: string;
  preferred: boolean;
  edits: (Located & { newText: string })[];
}

export type PlacedFinding = Finding & Located & { placedFixes: PlacedFix[] };

/** How a quotation is shown: its verdict, unless a misattribution overrides a correct wording. */
export type Status = 'correct' | 'misquote' | 'unverified' | 'misattribution' | 'short';

export interface PlacedQuotation extends Located {
  item: CheckedQuotation;
  status: Status;
  findings: PlacedFinding[];
}

export interface Counts {
  /** Quotations long enough to check (terms and scare quotes are not counted). */
  checked: number;
  /** Checked quotations with the source's wording and no finding at all. */
  correct: number;
  misquoted: number;
  unverified: number;
  /** Quotations with a `misattribution` finding (a rule that may or may not be installed). */
  misattributed: number;
  /** correct / checked in percent, one decimal; null when nothing was checked. */
  accuracy: number | null;
}

/**
 * Where the essay's borrowed words stand, in the groups plagiarism tools use:
 * quotations found in a source, with or without a citation after them, and
 * copied passages without quotation marks (unmarked-quotation), with or without one.
 */
export interface Groups {
  quotedCited: number;
  quotedUncited: number;
  citedUnquoted: number;
  neither: number;
  /** Words of the essay, and how many of them come from the sources (found quotations and copied passages). */
  words: number;
  fromSources: number;
  /** fromSources / words in percent, one decimal; null for an essay without words. */
  share: number | null;
}

export const UNMARKED = 'unmarked-quotation';

export interface EssayReport {
  /** Display path: relative to the working directory, with `/`. */
  path: string;
  text: string;
  quotations: PlacedQuotation[];
  findings: PlacedFinding[];
  counts: Counts;
  groups: Groups;
}

export const MISATTRIBUTION = 'misattribution';

export function locator(text: string): (start: number, end: number) => Located {
  const lineOf = lineIndex(text);
  const at = (offset: number) => ({ line: lineOf(offset), column: offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1 });
  return (start, end) => {
    const s = at(start);
    const e = at(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
}

export function essayReport(path: string, text: string, result: CheckResult): EssayReport {
  const locate = locator(text);
  const findings = result.findings.map(
    (f): PlacedFinding => ({
      ...f,
      ...locate(f.start, f.end),
      placedFixes: (f.fixes ?? []).map((fix) => ({ title: fix.title, preferred: fix.preferred === true, edits: fix.edits.map((e) => ({ ...locate(e.start, e.end), newText: e.newText })) })),
    }),
  );
  const quotations = result.quotations.map((item): PlacedQuotation => {
    const own = findings.filter((f) => f.start === item.quotation.start && f.end === item.quotation.end);
    const misattributed = own.some((f) => f.code === MISATTRIBUTION);
    const verdict = item.match.verdict;
    const status: Status = verdict === 'correct' && misattributed ? 'misattribution' : verdict;
    return { item, status, findings: own, ...locate(item.quotation.start, item.quotation.end) };
  });
  return { path, text, quotations, findings, counts: countsOf(quotations), groups: groupsOf(text, quotations, findings) };
}

export function groupsOf(text: string, quotations: readonly PlacedQuotation[], findings: readonly PlacedFinding[]): Groups {
  const g: Groups = { quotedCited: 0, quotedUncited: 0, citedUnquoted: 0, neither: 0, words: wordCount(tokenize(text)), fromSources: 0, share: null };
  for (const { item } of quotations) {
    const { verdict } = item.match;
    if (verdict !== 'correct' && verdict !== 'misquote') continue;
    const { paragraph } = item.quotation;
    if (citationAfter(paragraph.text, paragraph.end)) g.quotedCited++;
    else g.quotedUncited++;
    g.fromSources += wordCount(tokenize(item.quotation.text));
  }
  for (const f of findings) {
    if (f.code !== UNMARKED) continue;
    if (f.data?.citation) g.citedUnquoted++;
    else g.neither++;
    g.fromSources += f.data?.words ?? 0;
  }
  g.share = share(g.fromSources, g.words);
  return g;
}

export function groupTotals(essays: readonly EssayReport[]): Groups {
  const sum = (k: keyof Omit<Groups, 'share'>) => essays.reduce((n, e) => n + e.groups[k], 0);
  const g = { quotedCited: sum('quotedCited'), quotedUncited: sum('quotedUncited'), citedUnquoted: sum('citedUnquoted'), neither: sum('neither'), words: sum('words'), fromSources: sum('fromSources') };
  return { ...g, share: share(g.fromSources, g.words) };
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((Math.min(part, whole) / whole) * 1000) / 10;
}

export function countsOf(quotations: readonly PlacedQuotation[]): Counts {
  const checked = quotations.filter((q) => q.item.match.verdict !== 'short');
  const correct = checked.filter((q) => q.item.match.verdict === 'correct' && q.findings.length === 0).length;
  return {
    checked: checked.length,
    correct,
    misquoted: checked.filter((q) => q.item.match.verdict === 'misquote').length,
    unverified: checked.filter((q) => q.item.match.verdict === 'unverified').length,
    misattributed: checked.filter((q) => q.findings.some((f) => f.code === MISATTRIBUTION)).length,
    accuracy: accuracy(correct, checked.length),
  };
}

export function totals(essays: readonly EssayReport[]): Counts {
  const sum = (k: 'checked' | 'correct' | 'misquoted' | 'unverified' | 'misattributed') => essays.reduce((n, e) => n + e.counts[k], 0);
  const checked = sum('checked');
  const correct = sum('correct');
  return { checked, correct, misquoted: sum('misquoted'), unverified: sum('unverified'), misattributed: sum('misattributed'), accuracy: accuracy(correct, checked) };
}

function accuracy(correct: number, checked: number): number | null {
  return checked === 0 ? null : Math.round((correct / checked) * 1000) / 10;
}

export function percent(value: number | null): string {
  return value === null ? '–' : `${value}%`;
}

/** Quotations with at least one finding, over all essays: a quotation with two findings is one. */
export function flaggedCount(essays: readonly Pick<EssayReport, 'quotations' | 'findings'>[]): number {
  // A quotation with two findings is one; a finding on no quotation (copied prose, a citation key) is one of its own.
  return essays.reduce((n, e) => {
    const onQuotation = new Set(e.quotations.map((q) => `${q.item.quotation.start}:${q.item.quotation.end}`));
    return n + e.quotations.filter((q) => q.findings.length > 0).length + e.findings.filter((f) => !onQuotation.has(`${f.start}:${f.end}`)).length;
  }, 0);
}
