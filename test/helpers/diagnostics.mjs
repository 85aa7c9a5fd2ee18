// What the real-editor checks compare: an LSP diagnostic reduced to the shape of
// test/fixtures/expected-diagnostics.json ({ code, severity, source, range, message }, the range as
// [startLine, startCharacter, endLine, endCharacter]), in document order. Shared by the Neovim check
// (test/neovim/assert.mjs) and the browser/Node comparison of `npm run test:web` (test/web/run.mjs).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** LSP's DiagnosticSeverity numbers by the names expected-diagnostics.json uses (vim.diagnostic agrees). */
export const SEVERITY = { Error: 1, Warning: 2, Information: 3, Hint: 4 };

export const byPosition = (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** LSP diagnostics (any order) → the expected-diagnostics.json shape, in document order. */
export function summarize(diagnostics) {
  return [...diagnostics].sort(byPosition).map((d) => ({
    code: typeof d.code === 'object' && d.code !== null ? d.code.value : d.code,
    severity: Object.keys(SEVERITY).find((k) => SEVERITY[k] === d.severity),
    source: d.source,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    message: d.message,
  }));
}

/** test/fixtures/expected-diagnostics.json's entry for the fixture essay. */
export function expectedFor(root, essay = 'essay.md') {
  return JSON.parse(readFileSync(path.join(root, 'test/fixtures/expected-diagnostics.json'), 'utf8'))[essay];
}
