// Where a corpus can be opened, and where a passage stands in it: the built-in
// review is a `verbatim-corpus:` virtual document (VS Code) or, for other
// editors, the review file shipped next to the server bundle (while it is
// unmodified; else a read-only copy); a user corpus is its own file.

import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_REVIEW_TEXT } from '../engine/builtin';
import { lineStartOffset, locateWording } from '../engine/locate';
import type { Corpus, Passage } from '../engine/types';
import { encodedDocument, toRange, type PositionEncoding } from '../positions';
import { MAX_CORPUS_BYTES } from './corpusFiles';
import { isRefusal, openRegular, readOpened } from './safeRead';
import { BUILTIN_REVIEW_URI, CORPUS_SCHEME } from '../protocol';

/** The review as shipped in the package: server/out/../corpus (the bundle's folder is server/out). */
export const SHIPPED_REVIEW_PATH = resolve(__dirname, '..', 'corpus', 'never-let-me-go-review.txt');

export class CorpusLocations {
  private shipped: string | null | undefined;
  private readonly texts = new Map<string, { mtimeMs: number; size: number; doc: TextDocument }>();
  /** Books read from PDF, EPUB, HTML or clippings: their extracted text, by `verbatim-corpus:` URI. */
  private readonly books = new Map<string, string>();

  /** `virtual`: the client opens `verbatim-corpus:` documents. */
  constructor(
    private readonly virtual: () => boolean,
    /** The client's position encoding: a passage's range in its corpus counts the same way. */
    private readonly encoding: () => PositionEncoding = () => 'utf-16',
    /** Where the review was shipped (tests give another). */
    private readonly shippedPath: string = SHIPPED_REVIEW_PATH,
  ) {}

  /**
   * A file: URI of the review with exactly the embedded text (so lines agree): the shipped file
   * while it is unmodified (checked again whenever its size or modification time changes: another
   * editor may have saved it), else a read-only copy written once to a fresh private folder.
   */
  private shippedReviewUri(): string | null {
    let st: { mtimeMs: number; size: number } | undefined;
    try {
      st = statSync(this.shippedPath);
    } catch {
      st = undefined;
    }
    const key = st ? `${st.mtimeMs}:${st.size}` : 'missing';
    if (this.shipped === undefined || this.shippedKey !== key) {
      this.shippedKey = key;
      let intact = false;
      try {
        intact = !!st && readFileSync(this.shippedPath, 'utf8') === BUILTIN_REVIEW_TEXT;
      } catch {
        intact = false;
      }
      this.shipped = intact ? pathToFileURL(this.shippedPath).href : this.pristineCopy();
    }
    return this.shipped;
  }

  private copy: string | null | undefined;
  private shippedKey: string | undefined;

  /** The review in a folder only this process made (mkdtemp: new, mode 0700), read-only; null if that fails. */
  private pristineCopy(): string | null {
    if (this.copy === undefined) {
      try {
        const file = join(mkdtempSync(join(tmpdir(), 'verbatim-review-')), 'never-let-me-go-review.txt');
        writeFileSync(file, BUILTIN_REVIEW_TEXT, { mode: 0o444, flag: 'wx' });
        this.copy = pathToFileURL(file).href;
      } catch {
        this.copy = null;
      }
    }
    return this.copy;
  }

  /** Where to open a corpus. */
  uriOf(corpus: Corpus): string {
    if (corpus.origin === 'builtin') return this.virtual() ? BUILTIN_REVIEW_URI : (this.shippedReviewUri() ?? BUILTIN_REVIEW_URI);
    if (corpus.extractedText !== undefined && this.virtual()) return this.bookUri(corpus);
    return pathToFileURL(corpus.origin).href;
  }

  /** A book's extracted text as a read-only document: its lines are the ones passages count in. */
  private bookUri(corpus: Corpus): string {
    const id = createHash('sha256').update(corpus.origin).digest('hex').slice(0, 12);
    const name = (corpus.origin.split(/[\\/]/).pop() ?? 'book').replace(/[^A-Za-z0-9._-]+/g, '-');
    const uri = `${CORPUS_SCHEME}:/book/${id}/${name}.txt`;
    this.books.set(uri, corpus.extractedText!);
    return uri;
  }

  /** The text behind a `verbatim-corpus:` URI, or null. */
  virtualText(uri: string): string | null {
    return uri === BUILTIN_REVIEW_URI ? BUILTIN_REVIEW_TEXT : (this.books.get(uri) ?? null);
  }

  /** The corpus text as a document, for positions; undefined if the file cannot be read. */
  private documentOf(corpus: Corpus, uri: string): TextDocument | undefined {
    if (corpus.origin === 'builtin') {
      const hit = this.texts.get('builtin');
      if (hit) return hit.doc;
      const doc = encodedDocument(uri, 'plaintext', BUILTIN_REVIEW_TEXT, this.encoding());
      this.texts.set('builtin', { mtimeMs: 0, size: 0, doc });
      return doc;
    }
    if (corpus.extractedText !== undefined) {
      // A PDF or EPUB is not text: other editors get the file itself, at its start.
      if (!uri.startsWith(`${CORPUS_SCHEME}:`)) return undefined;
      const hit = this.texts.get(uri);
      if (hit && hit.doc.getText() === corpus.extractedText) return hit.doc;
      const doc = encodedDocument(uri, 'plaintext', corpus.extractedText, this.encoding());
      this.texts.set(uri, { mtimeMs: 0, size: 0, doc });
      return doc;
    }
    // Read like a corpus (safeRead.ts): a file swapped for a FIFO or a device since it loaded never blocks.
    const opened = openRegular(corpus.origin, { maxBytes: MAX_CORPUS_BYTES });
    if (isRefusal(opened)) return undefined;
    let doc: TextDocument;
    try {
      const { stat } = opened;
      const hit = this.texts.get(corpus.origin);
      if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.doc;
      const bytes = readOpened(opened, MAX_CORPUS_BYTES);
      if (isRefusal(bytes)) return undefined;
      doc = encodedDocument(uri, 'plaintext', bytes.toString('utf8').replace(/^\uFEFF/, ''), this.encoding());
      this.texts.set(corpus.origin, { mtimeMs: stat.mtimeMs, size: stat.size, doc });
    } finally {
      closeSync(opened.fd);
    }
    return doc;
  }

  /** The passage in its corpus: the matched wording if found from the passage's line, else that line. */
  locate(corpus: Corpus, passage: Passage, wording?: string): Location | undefined {
    const uri = this.uriOf(corpus);
    const doc = this.documentOf(corpus, uri);
    if (!doc && corpus.extractedText !== undefined) return { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    if (!doc) return undefined;
    const text = doc.getText();
    const from = passage.line !== undefined ? lineStartOffset(text, passage.line) : 0;
    const found = (wording && locateWording(text, wording, from)) || locateWording(text, passage.text, from);
    const range = found ? toRange(doc, found.start, found.end) : toRange(doc, from, from);
    return { uri, range };
  }
}
