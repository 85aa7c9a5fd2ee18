import { essayFix } from '../essayEdits';
import { describeMatch } from './describe';
import { restOf } from './partlyVerified';
import type { Rule } from './types';

export const misquote: Rule = {
  code: 'misquote',
  description: 'The quotation is close to a source passage but its words differ (punctuation-only differences are reported as information).',
  severity: 'warning',
  check({ quotation, match }) {
    if (match.verdict !== 'misquote') return undefined;
    // The fix changes only the differing words of the essay (none when no edit makes it read as its source).
    const fix = match.edits ? essayFix(quotation, match.edits) : undefined;
    const rest = match.partial ? `; ${restOf(quotation.text, match.partial, match.corpus)}` : '';
    return {
      message: `Misquoted: ${describeMatch(match)}${rest}`,
      severity: match.punctuationOnly ? 'information' : undefined,
      data: {
        corpus: match.corpus?.id,
        passageId: match.passage?.id,
        locator: match.locator,
        source: match.sourceText,
        ...(fix ? { replacement: fix.replacement, edits: fix.edits } : {}),
        contentStart: quotation.contentStart,
        contentEnd: quotation.contentEnd,
        diff: match.diff.filter((d) => d.op !== 'equal').map(({ op, quote, source }) => ({ op, quote, source })),
      },
    };
  },
};
