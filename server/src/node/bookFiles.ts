// Book files as corpora, for corpusFiles.ts: the format from the bytes, then
// the engine's parser; a PDF is read by pdf.js in a worker thread first
// (pdfText.ts). In the language server PDFs are read in the background: the
// first load reports that the book is being read, and `onReady` asks for the
// corpora to be loaded again once it is.

import { createHash } from 'node:crypto';
import { bookFromBytes } from '../engine/formats/fromBytes';
import type { PdfExtract } from '../engine/formats/pdf';
import { CorpusError, type CorpusMeta } from '../engine/loaders';
import type { Corpus } from '../engine/types';
import { extractPdf, extractPdfSync } from './pdfText';

/** A PDF being read in the background: not an error, the corpus is simply not there yet. */
export class CorpusPendingError extends CorpusError {}

let onReady: ((path: string) => void) | undefined;
const reading = new Map<string, Promise<void>>();
const read = new Map<string, PdfExtract | Error>();

/** Language server: read PDFs in the background and call `ready` when one is done. */
export function readPdfsInBackground(ready: ((path: string) => void) | undefined): void {
  onReady = ready;
}

/** Background reads still running (tests and the benchmark wait for them). */
export function pdfReadsPending(): Promise<void> {
  return Promise.all(reading.values()).then(() => undefined);
}

function pdfExtract(bytes: Uint8Array, path: string): PdfExtract {
  if (!onReady) {
    try {
      return extractPdfSync(bytes);
    } catch (e) {
      throw new CorpusError(`Corpus ${path} could not be read as a PDF: ${(e as Error).message}`);
    }
  }
  const key = createHash('sha256').update(bytes).digest('hex');
  const done = read.get(key);
  if (done) {
    read.delete(key);
    if (done instanceof Error) throw new CorpusError(`Corpus ${path} could not be read as a PDF: ${done.message}`);
    return done;
  }
  if (!reading.has(key)) {
    const ready = onReady;
    reading.set(
      key,
      extractPdf(bytes).then(
        (extract) => {
          read.set(key, extract);
          reading.delete(key);
          ready(path);
        },
        (e: Error) => {
          read.set(key, e);
          reading.delete(key);
          ready(path);
        },
      ),
    );
  }
  throw new CorpusPendingError(`Corpus ${path} is a PDF being read; its quotations are checked as soon as it is ready`);
}

/** The corpus of a PDF, EPUB, HTML or clippings file; undefined for text, Markdown and JSON. */
export function loadBookFile(bytes: Uint8Array, path: string, meta: CorpusMeta): Corpus | undefined {
  return bookFromBytes(bytes, path, meta, pdfExtract);
}
