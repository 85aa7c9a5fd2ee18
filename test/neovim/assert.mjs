// Compares what headless Neovim got from the language server (the JSON test/neovim/check.lua
// wrote) with test/fixtures/expected-diagnostics.json. Usage: node test/neovim/assert.mjs <result.json>
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { byPosition, expectedFor, SEVERITY, summarize } from '../helpers/diagnostics.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const got = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const expected = expectedFor(root);
const lines = readFileSync(path.join(root, 'test/fixtures/workspace/essay.md'), 'utf8').split('\n');

let checks = 0;
function check(name, fn) {
  fn();
  checks++;
  console.log(`  ok  ${name}`);
}

assert.equal(got.error, undefined, `check.lua failed: ${got.error}`);
console.log(`Neovim ${got.nvim}, server ${got.server_info?.name} ${got.server_info?.version}, offset encoding ${got.offset_encoding}`);

const published = [...(got.published ?? [])].sort(byPosition);
check('the server published exactly the expected diagnostics (LSP ranges, UTF-16)', () => {
  assert.deepEqual(summarize(published), expected.diagnostics);
});

// Neovim columns are byte offsets into the UTF-8 line: the curly quotation marks take 3 bytes each.
const byteCol = (line, character) => Buffer.byteLength(lines[line].slice(0, character), 'utf8');
check('vim.diagnostic shows them at the right byte columns', () => {
  const shown = [...got.diagnostics].sort((a, b) => a.lnum - b.lnum || a.col - b.col);
  assert.deepEqual(
    shown.map((d) => ({ code: d.code, severity: d.severity, source: d.source, lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col, message: d.message })),
    expected.diagnostics.map((e) => ({
      code: e.code,
      severity: SEVERITY[e.severity],
      source: e.source,
      lnum: e.range[0],
      col: byteCol(e.range[0], e.range[1]),
      end_lnum: e.range[2],
      end_col: byteCol(e.range[2], e.range[3]),
      message: e.message,
    })),
  );
});

const at = (code) => published.findIndex((d) => d.code === code);
check(`hover on the ${expected.hover.code} starts with the verdict`, () => {
  const hover = got.hovers[at(expected.hover.code)];
  assert.equal(typeof hover, 'string', 'no hover');
  assert.ok(hover.startsWith(expected.hover.startsWith), `hover was:\n${hover}`);
});

for (const fix of expected.quickFixes) {
  check(`the ${fix.code}'s quick fixes: ${fix.actions.map((a) => `"${a.title}"`).join(', ')}, each giving the expected line`, () => {
    // Update Works Cited (a source action) comes with every request that does not ask only for quick fixes.
    const actions = got.code_actions[at(fix.code)].filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.preferred]),
      fix.actions.map((a) => [a.title, 'quickfix', a.preferred]),
    );
    actions.forEach((action, i) => {
      const want = fix.actions[i];
      const edits = Array.isArray(action.edits) ? action.edits : Object.values(action.edits ?? {});
      // A command (Add a source…) carries no edit.
      if (want.command) return assert.equal(edits.length, 0, action.title);
      const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      let text = lines.join('\n');
      for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
        text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
      }
      assert.equal(text.split('\n')[want.line ?? fix.line], want.fixedLine, action.title);
    });
  });
}

check('no code action for the other diagnostics', () => {
  const fixed = new Set(expected.quickFixes.map((f) => f.code));
  published.forEach((d, i) => {
    if (!fixed.has(d.code)) assert.deepEqual(got.code_actions[i].filter((a) => a.kind === 'quickfix'), [], `actions for ${d.code}`);
    assert.deepEqual(got.code_actions[i].filter((a) => a.kind !== 'quickfix').map((a) => [a.title, a.kind]), [['Update Works Cited', 'source.verbatim.updateWorksCited']]);
  });
});
check('the requests echoed the line diagnostics in byte columns (what Neovim 0.7 sends), so only the range could match', () => {
  if (!got.nvim.startsWith('0.7.')) return;
  const misquote = got.echoed[at('misquote')].find((d) => d.code === 'misquote');
  const e = expected.diagnostics.find((d) => d.code === 'misquote');
  assert.equal(misquote.range.end.character, byteCol(e.range[2], e.range[3]));
  assert.notEqual(misquote.range.end.character, e.range[3]);
});
console.log(`Neovim check passed (${checks} checks)`);
