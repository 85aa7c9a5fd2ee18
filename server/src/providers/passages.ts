// `verbatim/passages`: every passage of the corpora that apply to a document,
// for the client's "Insert Quotation…" and "Show Corpus" pickers.

import type { CorpusLocator } from './corpusLocator';
import type { PassagesResult } from '../protocol';
import type { DocContext } from '../service/context';

export function passages(context: DocContext, locations: CorpusLocator): PassagesResult {
  const result: PassagesResult = { corpora: [], passages: [] };
  context.corpora.forEach((corpus, index) => {
    result.corpora.push({ id: corpus.id, title: corpus.title, author: corpus.author, uri: locations.uriOf(corpus), passages: corpus.passages.length });
    for (const p of corpus.passages) {
      result.passages.push({ corpus: index, id: p.id, text: p.text, speaker: p.speaker, section: p.section, kind: p.kind, line: p.line });
    }
  });
  return result;
}
