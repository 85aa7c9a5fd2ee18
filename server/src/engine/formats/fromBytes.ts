// A corpus file's bytes → a corpus, the same on Node and in the browser: the
// book formats told by their bytes (PDF, EPUB, HTML, Kindle clippings), else
// UTF-8 text for the text loaders. Reading a PDF is the caller's (pdf.js in a
// worker thread on Node); every failure is a CorpusError naming the path.

import { bookFileCorpus } from '.';
import { detectBookFormat } from './detect';
import type { PdfExtract } from './pdf';
import { CorpusError, loadCorpus, type CorpusMeta } from '../loaders';
import type { Corpus } from '../types';

/** The corpus of a PDF, EPUB, HTML or clippings file; undefined for text, Markdown and JSON. */
export function bookFromBytes(bytes: Uint8Array, path: string, meta: CorpusMeta, readPdf: (bytes: Uint8Array, path: string) => PdfExtract): Corpus | undefined {
  const format = detectBookFormat(bytes, path);
  if (!format) return undefined;
  if (format === 'zip') throw new CorpusError(`Corpus ${path} is a ZIP archive but not an EPUB (no "mimetype" entry saying application/epub+zip)`);
  const text = () => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new CorpusError(`Corpus ${path} is not UTF-8 text`);
    }
  };
  const input = format === 'pdf' ? { format, extract: readPdf(bytes, path) } : format === 'epub' ? { format, bytes } : { format, text: text() };
  try {
    return bookFileCorpus(input, meta);
  } catch (e) {
    if (e instanceof CorpusError) throw new CorpusError(`Corpus ${path} ${e.message}`);
    throw new CorpusError(`Corpus ${path} could not be read as ${format.toUpperCase()}: ${(e as Error).message}`);
  }
}

/** Any corpus file's bytes: a book by its bytes, else UTF-8 text (plain, Markdown or JSON by its name). */
export function corpusFromBytes(bytes: Uint8Array, path: string, meta: CorpusMeta, readPdf: (bytes: Uint8Array, path: string) => PdfExtract): Corpus {
  const book = bookFromBytes(bytes, path, meta, readPdf);
  if (book) return book;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CorpusError(`Corpus ${path} is not UTF-8 text`);
  }
  try {
    return loadCorpus(text.replace(/^\uFEFF/, ''), meta);
  } catch (e) {
    throw new CorpusError(`Corpus ${path} ${(e as Error).message}`);
  }
}
