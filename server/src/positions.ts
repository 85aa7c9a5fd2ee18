// The one place that knows LSP positions: engine offsets (UTF-16 code units,
// LSP's default encoding) become ranges here, and back.
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

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
    if (b > a) spans.push({ line, character: a - lineStart, length: b - a });
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
