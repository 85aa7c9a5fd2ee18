// An epigraph's attribution line against the source found for its quotation:
// "> — Charlotte Brontë, *Jane Eyre*" under a line of Pride and Prejudice names
// the wrong author and work. Consistent when the line names the work's title,
// its author's surname, or the passage's own speaker; otherwise nothing in the
// line agrees with the source, and that is worth saying.

import type { Corpus, Passage, Quotation } from './types';

export interface EpigraphMismatch {
  /** Who wrote it, as the source says: "Jane Austen, Pride and Prejudice". */
  source: string;
  /** The line as the essay has it. */
  attributed: string;
  start: number;
  end: number;
}

const words = (s: string) => s.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];

export function epigraphMismatch(quotation: Quotation, corpus: Corpus | undefined, passage: Passage | undefined, speaker: string | undefined): EpigraphMismatch | undefined {
  const line = quotation.attribution;
  if (!line || !corpus?.author || !passage || passage.kind === 'review-prose' || passage.kind === 'term') return undefined;
  const said = new Set(words(line.text));
  const has = (name: string | undefined) => {
    const w = words(name ?? '').filter((x) => x.length > 2 && !['the', 'and', 'miss', 'mrs', 'mr'].includes(x));
    return w.length > 0 && w.some((x) => said.has(x));
  };
  const surname = corpus.author.split(/\s+/).pop();
  if (has(surname) || has(corpus.title) || has(speaker)) return undefined;
  return { source: `${corpus.author}, *${corpus.title}*`, attributed: line.text, start: line.start, end: line.end };
}
