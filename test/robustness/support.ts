// Shared checks for the robustness tier: ranges inside the document, edits
// that apply, and the engine's from-scratch verdicts to compare the server with.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { toDiagnostic } from '../../server/src/providers/diagnostics';

/** The lines of a text as LSP counts them (\r\n, \r and \n all end a line). */
export function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Fails unless the range lies inside the text (a position may stand at a line's end). */
export function assertInside(text: string, range: Range, what = 'range'): void {
  const lines = lspLines(text);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what} line ${p.line} outside ${lines.length} lines`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${what} character ${p.character} outside line ${p.line} (${lines[p.line].length})`);
  }
  assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `${what} ends before it starts`);
}

export function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

const library = buildLibrary([builtinCorpus()]);

/** What a fresh full check of the text yields, as the server would publish it. */
export function expectedDiagnostics(text: string, uri = 'file:///x.md'): Diagnostic[] {
  const doc = TextDocument.create(uri, 'markdown', 1, text);
  // Through JSON, as the server sends them (undefined fields drop out).
  return JSON.parse(JSON.stringify(checkText(text, library).findings.map((f) => toDiagnostic(doc, f))));
}

/** Resident memory of a process in KiB, from /proc (Linux). */
export function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, 'VmRSS not found');
  return Number(m[1]);
}
