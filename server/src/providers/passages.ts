// `verbatim/passages`: every passage of the corpora that apply to a document, for the client's
// "Show Corpus" picker; with a query, the lines "Insert Quotation…" offers (engine/lines.ts), each
// with its citation in the essay's style (citations.ts's citationAt, as completion cites).

import { citationAt, type CiteOptions } from '../engine/citations';
import { findLines, placeOfLine, whereOfLine } from '../engine/lines';
import type { CorpusLocator } from './corpusLocator';
import type { LineInfo, PassagesParams, PassagesResult } from '../protocol';
import type { DocContext } from '../service/context';

/** `cite` carries the server's compiled citation styles and the essay's bibliography: without it each
 * line would compile its style again (APA: about half a second each). */
export function passages(context: DocContext, locations: CorpusLocator, params?: PassagesParams, cite: CiteOptions = {}): PassagesResult {
  const result: PassagesResult = { corpora: [], passages: [] };
  const query = typeof params?.query === 'string' ? params.query : undefined;
  context.corpora.forEach((corpus, index) => {
    result.corpora.push({ id: corpus.id, title: corpus.title, author: corpus.author, uri: locations.uriOf(corpus), passages: corpus.passages.length });
    if (query !== undefined) return;
    for (const p of corpus.passages) {
      result.passages.push({ corpus: index, id: p.id, text: p.text, speaker: p.speaker, section: p.section, kind: p.kind, line: p.line });
    }
  });
  if (query === undefined) return result;
  const limit = typeof params?.limit === 'number' && params.limit >= 1 ? Math.min(500, Math.floor(params.limit)) : 100;
  const found = findLines(context.library, query.slice(0, 1000), limit);
  result.lines = found.lines.map((line): LineInfo => {
    const where = whereOfLine(line);
    return {
      corpus: context.corpora.indexOf(line.corpus),
      text: line.text,
      ...(line.speaker ? { speaker: line.speaker } : {}),
      ...(where ? { where } : {}),
      citation: citationAt(line.corpus, context.citationStyle, placeOfLine(line), cite),
    };
  });
  if (found.speaker) result.speaker = found.speaker;
  return result;
}
