import type { Bibliography } from '../bibliography';
import type { CorpusIndex } from '../corpusIndex';
import type { MatchResult, Quotation, Severity } from '../types';

/** A quotation with the matcher's verdict on it: what every rule looks at. */
export interface CheckedQuotation {
  quotation: Quotation;
  match: MatchResult;
}

export interface RuleContext {
  minWords: number;
  /** Every corpus searched (for rules that tell one source from another). */
  library?: readonly CorpusIndex[];
  /** The essay's bibliography, when it names one: citation keys are read against its entries. */
  entries?: readonly import('../bibliography').BibEntry[];
}

export interface RuleReport {
  message: string;
  /** Overrides the rule's default severity for this report (e.g. punctuation-only misquotes). */
  severity?: Severity;
  data?: import('../types').FindingData;
}

/** Every rule's code (also in schemas/verbatim-config.schema.json and the README's table). */
export type RuleCode =
  | 'misquote'
  | 'unverified-quote'
  | 'misattribution'
  | 'missing-citation'
  | 'wrong-locator'
  | 'partly-verified'
  | 'unmarked-quotation'
  | 'wrong-source'
  | 'unknown-citation-key'
  | 'bibliography-problem';

/** One rule: one file, one registry line. */
export interface Rule {
  code: RuleCode;
  /** One line for the README and `verbatim rules`. */
  description: string;
  severity: Severity;
  /** Off unless the user switches it on. */
  optional?: boolean;
  /** Rules on quotations: one verdict at a time. */
  check?(item: CheckedQuotation, context: RuleContext): RuleReport | undefined;
  /** Rules on the essay's own prose (outside quotations): one block at a time, against the library. */
  checkProse?(run: ProseRun, library: readonly CorpusIndex[], context: RuleContext): ProseReport[];
  /** A rule about the essay as a whole (its citation keys, its bibliography), not one quotation. */
  checkDocument?(doc: DocumentInput): DocumentReport[];
}

/** The essay and the bibliography it names (none: no entries, no problems). */
export interface DocumentInput {
  text: string;
  bibliography?: Bibliography;
}

/** A block of the essay's prose with its quotations blanked out (U+0000), and each character's offset in the essay. */
export interface ProseRun {
  text: string;
  /** Length text.length + 1. */
  offsets: number[];
}

/** A prose rule's report: where it stands in the essay, besides what RuleReport says. */
export interface ProseReport extends RuleReport {
  start: number;
  end: number;
}

/** A whole-essay rule's report: where it stands in the essay. */
export interface DocumentReport extends RuleReport {
  start: number;
  end: number;
}
