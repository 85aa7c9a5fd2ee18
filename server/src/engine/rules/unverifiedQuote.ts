import type { Rule } from './types';

export const unverifiedQuote: Rule = {
  code: 'unverified-quote',
  description: `A quotation of at least \`verbatim.minWords\` words that no passage in any corpus is close to.`,
  severity: 'warning',
  check({ match }) {
    if (match.verdict !== 'unverified') return undefined;
    // Excerpts only: the text itself was never searched, so say what was, and what would check it.
    if (match.searchedExcerpts) {
      const among = match.searchedExcerpts.map((e) => `the ${e.count} passages of ${e.title} that Verbatim knows (${e.from})`).join(' or ');
      return { message: `Unverified: not among ${among}; add your edition to check it` };
    }
    return { message: `Unverified quotation: not found in ${match.searched.join(', ')}` };
  },
};
