// The corpora in use, each with its index. Indexes are built once per corpus
// object and reused, so reloading one corpus never re-indexes the others.

import { CorpusIndex } from './corpusIndex';
import type { Corpus } from './types';

const indexes = new WeakMap<Corpus, CorpusIndex>();

export function indexFor(corpus: Corpus): CorpusIndex {
  let index = indexes.get(corpus);
  if (!index) indexes.set(corpus, (index = new CorpusIndex(corpus)));
  return index;
}

/** Uses an index made elsewhere (restored from a disk cache) for its corpus. */
export function adoptIndex(index: CorpusIndex): void {
  indexes.set(index.corpus, index);
}

export function buildLibrary(corpora: readonly Corpus[]): CorpusIndex[] {
  return corpora.map(indexFor);
}
