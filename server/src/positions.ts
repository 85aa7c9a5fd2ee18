// The one place that knows LSP positions: engine offsets (UTF-16 code units)
// become ranges here, and back, in the encoding negotiated with the client
// (UTF-16, LSP's default, or UTF-8 / UTF-32: EncodedDocument below).
import type { Position, Range, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}

/** The per-line pieces of [start, end): what semantic tokens need (they may not span lines). */
export function lineSpans(doc: TextDocument, start: number, end: number): { line: number; character: number; length: number }[] {
  const text = doc.getText();
  const spans: { line: number; character: number; length: number }[] = [];
  const last = doc.positionAt(end).line;
  for (let line = doc.positionAt(start).line; line <= last; line++) {
    const lineStart = doc.offsetAt({ line, character: 0 });
    const a = Math.max(start, lineStart);
    let b = Math.min(end, line < last ? doc.offsetAt({ line: line + 1, character: 0 }) : end);
    while (b > a && (text[b - 1] === '\n' || text[b - 1] === '\r')) b--;
    // Columns and lengths in the client's encoding (the same as offsets in UTF-16).
    const character = doc.positionAt(a).character;
    if (b > a) spans.push({ line, character, length: doc.positionAt(b).character - character });
  }
  return spans;
}

/** The document's line ending: CRLF if its first line ends so, else LF. */
export function lineEndingOf(doc: TextDocument): '\r\n' | '\n' {
  const text = doc.getText();
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** Inserted text with the document's line endings (the engine writes LF). */
export function withLineEnding(text: string, eol: '\r\n' | '\n'): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
}

/** LSP 3.17 position encodings: how a position's `character` counts (UTF-16 code units is the default). */
export type PositionEncoding = 'utf-8' | 'utf-16' | 'utf-32';

/** The client's first preference the server speaks (`general.positionEncodings`), else UTF-16. */
export function choosePositionEncoding(offered: readonly string[] | undefined): PositionEncoding {
  return (offered?.find((e) => e === 'utf-8' || e === 'utf-16' || e === 'utf-32') as PositionEncoding | undefined) ?? 'utf-16';
}

/** How many units of `encoding` the UTF-16 string `s` takes. */
function units(s: string, encoding: PositionEncoding): number {
  if (encoding === 'utf-16') return s.length;
  let n = 0;
  for (const ch of s) n += encoding === 'utf-32' ? 1 : utf8Length(ch.codePointAt(0)!);
  return n;
}

/** UTF-8 bytes of one code point (a lone surrogate is written as U+FFFD: 3). */
function utf8Length(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * A document whose positions count in the negotiated encoding; offsets stay UTF-16 (the engine's).
 * Every provider converts through positionAt/offsetAt, so this is the one conversion.
 */
export class EncodedDocument implements TextDocument {
  constructor(
    readonly inner: TextDocument,
    readonly encoding: PositionEncoding,
  ) {}

  get uri(): string {
    return this.inner.uri;
  }
  get languageId(): string {
    return this.inner.languageId;
  }
  get version(): number {
    return this.inner.version;
  }
  get lineCount(): number {
    return this.inner.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.inner.getText();
    return this.inner.getText().slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  getEOLCharacters(line: number): string {
    return this.inner.getEOLCharacters(line);
  }

  getLineRange(line: number): Range {
    const r = this.inner.getLineRange(line);
    const at = (p: Position) => this.positionAt(this.inner.offsetAt(p));
    return this.encoding === 'utf-16' ? r : { start: at(r.start), end: at(r.end) };
  }

  positionAt(offset: number): Position {
    const p = this.inner.positionAt(offset);
    if (this.encoding === 'utf-16') return p;
    const text = this.inner.getText();
    const lineStart = this.inner.offsetAt({ line: p.line, character: 0 });
    return { line: p.line, character: units(text.slice(lineStart, lineStart + p.character), this.encoding) };
  }

  offsetAt(position: Position): number {
    if (this.encoding === 'utf-16') return this.inner.offsetAt(position);
    const text = this.inner.getText();
    const lineStart = this.inner.offsetAt({ line: position.line, character: 0 });
    // The line without its ending: a column past it stops at the end of the line, as LSP says.
    let lineEnd = position.line + 1 < this.inner.lineCount ? this.inner.offsetAt({ line: position.line + 1, character: 0 }) : text.length;
    while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
    let offset = lineStart;
    let counted = 0;
    while (offset < lineEnd) {
      const cp = text.codePointAt(offset)!;
      const width = cp > 0xffff ? 2 : 1;
      const size = this.encoding === 'utf-32' ? 1 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp > 0xffff ? 4 : 3;
      // A column inside a character counts as its start.
      if (counted + size > position.character) break;
      counted += size;
      offset += width;
    }
    return offset;
  }
}

/** The open documents' configuration (TextDocuments): edits arrive in the negotiated encoding. */
export function encodedDocuments(encoding: () => PositionEncoding): TextDocumentsConfiguration<EncodedDocument> {
  return {
    create: (uri, languageId, version, content) => new EncodedDocument(TextDocument.create(uri, languageId, version, content), encoding()),
    update: (document, changes, version) => {
      // Each change's range is read on the text as the changes before it left it.
      for (const change of changes) {
        const utf16 = 'range' in change ? { range: { start: document.inner.positionAt(document.offsetAt(change.range.start)), end: document.inner.positionAt(document.offsetAt(change.range.end)) }, text: change.text } : change;
        TextDocument.update(document.inner, [utf16], version);
      }
      return document;
    },
  };
}

/** A document for a text that is not open (a corpus, an unopened essay), speaking the given encoding. */
export function encodedDocument(uri: string, languageId: string, text: string, encoding: PositionEncoding): EncodedDocument {
  return new EncodedDocument(TextDocument.create(uri, languageId, 0, text), encoding);
}
