// Checks one essay: find its quotations, match each against the library, and
// let every enabled rule report. The one entry point the server, the CLI and
// the tests share.

import type { CitationStyle } from './citations';
import type { CorpusIndex } from './corpusIndex';
import type { RuleLevel } from './config';
import { IncrementalQuotations } from './blocks';
import { withFileDirectives } from './directives';
import { fixesFor } from './fixes';
import { matchQuotation } from './matcher';
import { RULES, type CheckedQuotation } from './rules';
import type { Finding, Quotation, Severity } from './types';

export interface CheckOptions {
  minWords: number;
  /** Per-rule level; a rule not named here uses its default (or is off, if optional). */
  rules: Record<string, RuleLevel>;
  /** How a fix that adds a citation cites (MLA unless said). */
  citationStyle?: CitationStyle;
}

export const DEFAULT_OPTIONS: CheckOptions = { minWords: 4, rules: {} };

export interface CheckResult {
  quotations: CheckedQuotation[];
  findings: Finding[];
}

export function checkQuotation(quotation: Quotation, library: readonly CorpusIndex[], options: CheckOptions): CheckedQuotation {
  return { quotation, match: matchQuotation(quotation.text, library, { minWords: options.minWords }) };
}

export function findingsFor(item: CheckedQuotation, options: CheckOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const level = options.rules[rule.code] ?? (rule.optional ? 'off' : undefined);
    if (level === 'off') continue;
    const report = rule.check(item, { minWords: options.minWords });
    if (!report) continue;
    const severity: Severity = level ?? report.severity ?? rule.severity;
    const finding: Finding = { code: rule.code, severity, start: item.quotation.start, end: item.quotation.end, message: report.message, data: report.data };
    const fixes = fixesFor(finding, item, options.citationStyle ?? 'mla');
    if (fixes.length > 0) finding.fixes = fixes;
    out.push(finding);
  }
  return out;
}

export function checkText(text: string, library: readonly CorpusIndex[], options: CheckOptions = DEFAULT_OPTIONS): CheckResult {
  // Chunk by chunk, as the server reads it (blocks.ts): the same quotations, and no chunk too long to parse.
  const quotations = new IncrementalQuotations().find(text).map((q) => checkQuotation(q, library, options));
  const own = withFileDirectives(text, options);
  return { quotations, findings: quotations.flatMap((q) => findingsFor(q, own)) };
}

/** How many quotations have a finding: one with two findings is one flagged quotation. */
export function flaggedQuotations(findings: readonly Pick<Finding, 'start' | 'end'>[]): number {
  return new Set(findings.map((f) => `${f.start}:${f.end}`)).size;
}
