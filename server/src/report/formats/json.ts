// The JSON document of `--format json`. Its shape is documented by
// schemas/verbatim-report.schema.json; version changes only when a field is
// removed or changes meaning (new optional fields keep version 1).

import type { DiffOp } from '../../engine/types';
import { flaggedCount, groupTotals, totals, type Counts, type EssayReport, type PlacedFix } from '../summary';

export interface JsonFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  source: 'verbatim';
  message: string;
  sourceText?: string;
  replacement?: string;
  passage?: string;
  locator?: string;
  corpus?: string;
  speaker?: string;
  attributed?: string;
  words?: number;
  citation?: string;
  diff?: DiffOp[];
  /** Every fix the editor offers as a quick fix. */
  fixes?: PlacedFix[];
}

export function jsonReport(essays: readonly EssayReport[]) {
  const all = totals(essays);
  return {
    version: 1 as const,
    files: essays.map((e) => ({
      path: e.path,
      quotations: e.counts.checked,
      ...counts(e.counts),
      findings: e.findings.map(
        (f): JsonFinding => ({
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          severity: f.severity,
          code: f.code,
          source: 'verbatim',
          message: f.message,
          sourceText: f.data?.source,
          replacement: f.data?.replacement,
          passage: f.data?.passageId,
          locator: f.data?.locator,
          corpus: f.data?.corpus,
          speaker: f.data?.speaker,
          attributed: f.data?.attributed,
          words: f.data?.words,
          citation: f.data?.citation,
          diff: f.data?.diff,
          fixes: f.placedFixes.length > 0 ? f.placedFixes : undefined,
        }),
      ),
      groups: e.groups,
    })),
    summary: { files: essays.length, quotations: all.checked, ...counts(all), flagged: flaggedCount(essays), groups: groupTotals(essays) },
  };
}

function counts(c: Counts) {
  return { correct: c.correct, misquoted: c.misquoted, unverified: c.unverified, misattributed: c.misattributed, accuracy: c.accuracy };
}

export function formatJson(essays: readonly EssayReport[]): string {
  return JSON.stringify(jsonReport(essays), null, 2) + '\n';
}
