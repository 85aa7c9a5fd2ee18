// Where corpora open on Node (providers/corpusLocator.ts does the locating): for
// editors that open no virtual documents, the review file shipped next to the
// server bundle (while it is unmodified; else a read-only copy); a user corpus
// file read from disk like a corpus (safeRead.ts), so a FIFO never blocks.

import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_REVIEW_TEXT } from '../engine/builtin';
import type { PositionEncoding } from '../positions';
import { CorpusLocator, type CorpusFileAccess } from '../providers/corpusLocator';
import { MAX_CORPUS_BYTES } from './corpusFiles';
import { isRefusal, openRegular, readOpened } from './safeRead';

/** The review as shipped in the package: server/out/../corpus (the bundle's folder is server/out). */
export const SHIPPED_REVIEW_PATH = resolve(__dirname, '..', 'corpus', 'never-let-me-go-review.txt');

/** The disk's access for the locator: the shipped review checked whenever its size or modification time changes. */
export function nodeCorpusFiles(shippedPath: string = SHIPPED_REVIEW_PATH): CorpusFileAccess {
  let shipped: string | null | undefined;
  let shippedKey: string | undefined;
  let copy: string | null | undefined;

  /** The review in a folder only this process made (mkdtemp: new, mode 0700), read-only; null if that fails. */
  const pristineCopy = (): string | null => {
    if (copy === undefined) {
      try {
        const file = join(mkdtempSync(join(tmpdir(), 'verbatim-review-')), 'never-let-me-go-review.txt');
        writeFileSync(file, BUILTIN_REVIEW_TEXT, { mode: 0o444, flag: 'wx' });
        copy = pathToFileURL(file).href;
      } catch {
        copy = null;
      }
    }
    return copy;
  };

  return {
    // The shipped file while it holds exactly the embedded text (so lines agree: another editor may
    // have saved it), else a read-only copy written once to a fresh private folder.
    reviewFileUri() {
      let st: { mtimeMs: number; size: number } | undefined;
      try {
        st = statSync(shippedPath);
      } catch {
        st = undefined;
      }
      const key = st ? `${st.mtimeMs}:${st.size}` : 'missing';
      if (shipped === undefined || shippedKey !== key) {
        shippedKey = key;
        let intact = false;
        try {
          intact = !!st && readFileSync(shippedPath, 'utf8') === BUILTIN_REVIEW_TEXT;
        } catch {
          intact = false;
        }
        shipped = intact ? pathToFileURL(shippedPath).href : pristineCopy();
      }
      return shipped;
    },
    fileUri: (path) => pathToFileURL(path).href,
    corpusText(path, known) {
      const opened = openRegular(path, { maxBytes: MAX_CORPUS_BYTES });
      if (isRefusal(opened)) return undefined;
      try {
        if (`${opened.stat.mtimeMs}:${opened.stat.size}` === known) return 'unchanged';
        const bytes = readOpened(opened, MAX_CORPUS_BYTES);
        if (isRefusal(bytes)) return undefined;
        return { stamp: `${opened.stat.mtimeMs}:${opened.stat.size}`, text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
      } finally {
        closeSync(opened.fd);
      }
    },
    bookId: (origin) => createHash('sha256').update(origin).digest('hex').slice(0, 12),
  };
}

/** The locator on the disk. */
export class CorpusLocations extends CorpusLocator {
  constructor(virtual: () => boolean, encoding: () => PositionEncoding = () => 'utf-16', shippedPath: string = SHIPPED_REVIEW_PATH) {
    super(virtual, encoding, nodeCorpusFiles(shippedPath));
  }
}
