import { citationAfter, citedLocator, locatorCovers } from '../citations';
import { placeOfMatch } from '../formats/book';
import type { Rule } from './types';

// The citation after a quotation names a page or chapter where the quoted words do not stand.
// Only editions that know their pages (PDF, EPUB page list, clippings) are checked for pages,
// and books with numbered chapters for chapters; anything unclear is left alone.
export const wrongLocator: Rule = {
  code: 'wrong-locator',
  description: 'The citation after a quotation gives a page or chapter where the quoted words do not stand in the source edition.',
  severity: 'warning',
  check({ quotation, match }) {
    if ((match.verdict !== 'correct' && match.verdict !== 'misquote') || !match.corpus) return undefined;
    const place = placeOfMatch(match);
    if (!place) return undefined;
    const para = quotation.paragraph;
    const found = citationAfter(para.text, para.end);
    if (!found) return undefined;
    const cited = citedLocator(found.text, match.corpus);
    if (!cited || locatorCovers(cited, place) !== false) return undefined;
    const right = cited.kind === 'page' ? place.page! : place.chapter!;
    const given = found.text.slice(cited.start, cited.end);
    const noun = cited.kind === 'page' ? (right.includes('–') ? 'pages' : 'page') : 'chapter';
    const where = cited.kind === 'page' ? 'on' : 'in';
    // The fix rewrites only the numbers, keeping "p."/"ch." as the writer put them.
    const prefix = /^(?:pp?\.|pages?|ch\.|chap\.|chapter)\s*/i.exec(given)?.[0] ?? '';
    const replacement = prefix && cited.kind === 'page' ? `${right.includes('–') ? 'pp.' : 'p.'} ${right}` : prefix + right;
    const o = para.offsets;
    const start = o ? o[found.start + cited.start] : undefined;
    const end = o ? o[found.start + cited.end - 1] + 1 : undefined;
    return {
      message: `Cited ${cited.kind} ${given.slice(prefix.length)}, but these words are ${where} ${noun} ${right} of ${match.corpus.title}`,
      data: {
        corpus: match.corpus.id,
        passageId: match.passage?.id,
        ...(place.page ? { page: place.page } : {}),
        ...(place.chapter ? { chapter: place.chapter } : {}),
        ...(start !== undefined && end !== undefined ? { citationStart: start, citationEnd: end, replacement } : {}),
      },
    };
  },
};
