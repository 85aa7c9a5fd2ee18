import type { Bibliography } from '../bibliography';
import type { MatchResult, Quotation, Severity } from '../types';

/** A quotation with the matcher's verdict on it: what every rule looks at. */
export interface CheckedQuotation {
  quotation: Quotation;
  match: MatchResult;
}

export interface RuleContext {
  minWords: number;
}

export interface RuleReport {
  message: string;
  /** Overrides the rule's default severity for this report (e.g. punctuation-only misquotes). */
  severity?: Severity;
  data?: import('../types').FindingData;
}

/** Every rule's code (also in schemas/verbatim-config.schema.json and the README's table). */
export type RuleCode = 'misquote' | 'unverified-quote' | 'misattribution' | 'missing-citation' | 'wrong-locator' | 'partly-verified' | 'unknown-citation-key' | 'bibliography-problem';

/** One rule: one file, one registry line. */
export interface Rule {
  code: RuleCode;
  /** One line for the README and `verbatim rules`. */
  description: string;
  severity: Severity;
  /** Off unless the user switches it on. */
  optional?: boolean;
  check(item: CheckedQuotation, context: RuleContext): RuleReport | undefined;
  /** A rule about the essay as a whole (its citation keys, its bibliography), not one quotation. */
  checkDocument?(doc: DocumentInput): DocumentReport[];
}

/** The essay and the bibliography it names (none: no entries, no problems). */
export interface DocumentInput {
  text: string;
  bibliography?: Bibliography;
}

export interface DocumentReport extends RuleReport {
  start: number;
  end: number;
}
