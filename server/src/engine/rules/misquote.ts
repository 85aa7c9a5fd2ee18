import { describeDiff } from './describe';
import type { Rule } from './types';

export const misquote: Rule = {
  code: 'misquote',
  description: 'The quotation is close to a source passage but its words differ (punctuation-only differences are reported as information).',
  severity: 'warning',
  check({ quotation, match }) {
    if (match.verdict !== 'misquote') return undefined;
    return {
      message: `Misquoted: ${describeDiff(match.diff)}`,
      severity: match.punctuationOnly ? 'information' : undefined,
      data: {
        corpus: match.corpus?.id,
        passageId: match.passage?.id,
        locator: match.locator,
        source: match.sourceText,
        replacement: match.corrected,
        contentStart: quotation.contentStart,
        contentEnd: quotation.contentEnd,
        diff: match.diff.filter((d) => d.op !== 'equal').map(({ op, quote, source }) => ({ op, quote, source })),
      },
    };
  },
};
