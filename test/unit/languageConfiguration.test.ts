import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

test('the Markdown language configuration keeps all of VS Code’s own and adds the quotation pairs', () => {
  const config = read('language-configuration.json');
  // VS Code's built-in Markdown configuration (extensions/markdown-basics): ours replaces it, so it must keep all of it.
  assert.deepEqual(config.comments, { blockComment: ['<!--', '-->'] });
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  const closing = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
  for (const pair of ['{}', '[]', '()', '<>', '“”', '‘’']) assert.ok(closing.includes(pair), pair);
  const surrounding = config.surroundingPairs.map((p: string[]) => p.join(''));
  for (const pair of ['()', '[]', '``', '__', '**', '“”', '‘’', '""']) assert.ok(surrounding.includes(pair), pair);
  assert.equal(config.folding.offSide, true);
  assert.ok(new RegExp(config.folding.markers.start).test('<!-- #region notes -->'));
  assert.ok(new RegExp(config.folding.markers.end).test('<!-- #endregion -->'));
});

test('package.json wires it to the markdown language', () => {
  // And .verbatim.json is JSON with comments (the config allows them), not JSON.
  assert.deepEqual(read('package.json').contributes.languages, [
    { id: 'markdown', configuration: './language-configuration.json' },
    { id: 'jsonc', filenames: ['.verbatim.json'] },
  ]);
});
