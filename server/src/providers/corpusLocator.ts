// Where a corpus can be opened, and where a passage stands in it: the built-in
// review is a `verbatim-corpus:` virtual document (VS Code, the browser) or,
// for other editors, a file the host gives (Node: the review shipped next to
// the server bundle, node/corpusLocations.ts); a book's extracted text is a
// virtual document too; a user corpus is its own file, read through the host.

import type { Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BUILTIN_REVIEW_TEXT } from '../engine/builtin';
import { lineStartOffset, locateWording } from '../engine/locate';
import type { Corpus, Passage } from '../engine/types';
import { encodedDocument, toRange, type PositionEncoding } from '../positions';
import { BUILTIN_REVIEW_URI, CORPUS_SCHEME } from '../protocol';
import type { FileSystem } from '../service/fileSystem';

/** What locating needs from the host's files. */
export interface CorpusFileAccess {
  /** A URI of a file holding exactly the review's text, for clients that open no virtual documents; null if none. */
  reviewFileUri(): string | null;
  /** The URI that opens a corpus file. */
  fileUri(path: string): string;
  /**
   * A user corpus file's text as it is now, with a stamp that changes with it; undefined if it cannot be
   * read; 'unchanged' if its stamp is still `known` (the file is not read again).
   */
  corpusText(path: string, known?: string): { stamp: string; text: string } | 'unchanged' | undefined;
  /** A short id for a book, stable for its path, in its `verbatim-corpus:` URI. */
  bookId(origin: string): string;
}

/** FNV-1a, 48 bits as 12 hex digits: a name, not a secret. */
function shortHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, 12);
}

/** The access of a file system that is not the disk (the browser's, memory): corpus files through it, no review file. */
export function fileSystemAccess(fs: FileSystem): CorpusFileAccess {
  return {
    reviewFileUri: () => null,
    fileUri: (path) => fs.paths.pathToUri(path),
    corpusText(path, known) {
      const st = fs.stat(path);
      const stamp = `${st?.mtimeMs}:${st?.size}`;
      if (st?.isFile && stamp === known) return 'unchanged';
      const read = st?.isFile ? fs.readText(path) : undefined;
      return read && 'text' in read ? { stamp, text: read.text.replace(/^\uFEFF/, '') } : undefined;
    },
    bookId: shortHash,
  };
}

export class CorpusLocator {
  private readonly texts = new Map<string, { stamp: string; doc: TextDocument }>();
  /** Books read from PDF, EPUB, HTML or clippings: their extracted text, by `verbatim-corpus:` URI. */
  private readonly books = new Map<string, string>();

  /** `virtual`: the client opens `verbatim-corpus:` documents. */
  constructor(
    private readonly virtual: () => boolean,
    /** The client's position encoding: a passage's range in its corpus counts the same way. */
    private readonly encoding: () => PositionEncoding,
    private readonly access: CorpusFileAccess,
  ) {}

  /** Where to open a corpus. */
  uriOf(corpus: Corpus): string {
    if (corpus.origin === 'builtin') return this.virtual() ? BUILTIN_REVIEW_URI : (this.access.reviewFileUri() ?? BUILTIN_REVIEW_URI);
    if (corpus.extractedText !== undefined && this.virtual()) return this.bookUri(corpus);
    return this.access.fileUri(corpus.origin);
  }

  /** A book's extracted text as a read-only document: its lines are the ones passages count in. */
  private bookUri(corpus: Corpus): string {
    const id = this.access.bookId(corpus.origin);
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
      this.texts.set('builtin', { stamp: '', doc });
      return doc;
    }
    if (corpus.extractedText !== undefined) {
      // A PDF or EPUB is not text: other editors get the file itself, at its start.
      if (!uri.startsWith(`${CORPUS_SCHEME}:`)) return undefined;
      const hit = this.texts.get(uri);
      if (hit && hit.doc.getText() === corpus.extractedText) return hit.doc;
      const doc = encodedDocument(uri, 'plaintext', corpus.extractedText, this.encoding());
      this.texts.set(uri, { stamp: '', doc });
      return doc;
    }
    const hit = this.texts.get(corpus.origin);
    const file = this.access.corpusText(corpus.origin, hit?.stamp);
    if (file === 'unchanged' && hit) return hit.doc;
    if (!file || file === 'unchanged') return undefined;
    const doc = encodedDocument(uri, 'plaintext', file.text, this.encoding());
    this.texts.set(corpus.origin, { stamp: file.stamp, doc });
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
