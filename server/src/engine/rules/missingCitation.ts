import { citationAfter } from '../citations';
import type { Rule } from './types';

/** How far after a quotation its citation is looked for. */
export const CITATION_WINDOW = 1_000;

export const missingCitation: Rule = {
  code: 'missing-citation',
  description: 'A quotation found in a source (correct or misquoted) with no citation after it in its sentence. Off unless switched on.',
  severity: 'warning',
  optional: true,
  check({ quotation, match }) {
    if (match.verdict !== 'correct' && match.verdict !== 'misquote') return undefined;
    // Found, or the sentence runs on past the 1,000 characters read: unclear, so no report.
    if (citationAfter(quotation.paragraph.text, quotation.paragraph.end, CITATION_WINDOW)) return undefined;
    return {
      message: `Missing citation: no citation of ${match.corpus?.title ?? 'its source'} follows this quotation`,
      data: { corpus: match.corpus?.id, passageId: match.passage?.id },
    };
  },
};
