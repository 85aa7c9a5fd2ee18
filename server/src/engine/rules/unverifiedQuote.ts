import type { Rule } from './types';

export const unverifiedQuote: Rule = {
  code: 'unverified-quote',
  description: `A quotation of at least \`verbatim.minWords\` words that no passage in any corpus is close to.`,
  severity: 'warning',
  check({ match }) {
    if (match.verdict !== 'unverified') return undefined;
    return { message: `Unverified quotation: not found in ${match.searched.join(', ')}` };
  },
};
