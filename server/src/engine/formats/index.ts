// A book file (PDF, EPUB, HTML, Kindle clippings) as a corpus: its format's
// blocks → passages with pages and chapters, the book's own metadata where
// the corpus entry gives none, and the speakers from its dialogue tags. Pure:
// the PDF arrives already read by pdf.js (node/pdfText.ts).

import { CorpusError, type CorpusMeta } from '../loaders';
import { inferSpeakers } from '../speakers';
import type { Corpus } from '../types';
import { bookCorpus, type BookBlock, type BookMeta } from './book';
import { clippingsBook } from './clippings';
import { epubBook, EpubError } from './epub';
import { htmlBlocks } from './html';
import { pdfBook, PdfError, type PdfExtract } from './pdf';

export type BookInput =
  | { format: 'pdf'; extract: PdfExtract }
  | { format: 'epub'; bytes: Uint8Array }
  | { format: 'html'; text: string }
  | { format: 'clippings'; text: string; title?: string };

export function bookFileCorpus(input: BookInput, meta: CorpusMeta): Corpus {
  let book: { blocks: BookBlock[]; meta: BookMeta };
  try {
    switch (input.format) {
      case 'pdf':
        book = pdfBook(input.extract);
        break;
      case 'epub':
        book = epubBook(input.bytes);
        break;
      case 'html': {
        const html = htmlBlocks(input.text);
        if (!html.blocks.some((b) => b.kind === 'paragraph')) throw new CorpusError('is an HTML page with no readable text');
        book = { blocks: html.blocks, meta: { title: html.title } };
        break;
      }
      case 'clippings':
        book = clippingsBook(input.text, input.title ?? meta.title);
        break;
    }
  } catch (e) {
    if (e instanceof PdfError || e instanceof EpubError || e instanceof CorpusError) throw new CorpusError(e.message);
    throw e;
  }
  const { passages, text } = bookCorpus(book.blocks, book.meta);
  if (passages.length === 0) throw new CorpusError('has no passages of text');
  const base = meta.origin.split(/[\\/]/).pop() ?? meta.origin;
  return {
    id: meta.id,
    title: meta.title ?? book.meta.title ?? base.replace(/\.[^.]+$/, ''),
    author: meta.author ?? book.meta.author,
    year: meta.year ?? book.meta.year,
    key: meta.key,
    origin: meta.origin,
    passages,
    cast: inferSpeakers(passages),
    ...(book.meta.publisher ? { publisher: book.meta.publisher } : {}),
    extractedText: text,
    format: input.format,
  };
}
