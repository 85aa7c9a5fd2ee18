import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { chunkStarts, IncrementalQuotations } from '../../server/src/engine/blocks';
import { findQuotations } from '../../server/src/engine/markdown';

const ESSAY = readFileSync(resolve(__dirname, '../../../examples/essay.md'), 'utf8');

// Constructs that reach across blank lines, each followed by a quotation.
const TRICKY = [
  '---',
  'title: “not a quotation”',
  '',
  'note: "front matter with a blank line"',
  '---',
  '',
  'Kathy says “My name is Kathy H.” and *“I’m thirty-one years old”*.',
  '',
  '```md',
  'code with “a quote inside”',
  '',
  'still code “after a blank line”',
  '```',
  '',
  '<!-- a comment',
  '',
  '“still in the comment” -->',
  '',
  '- a list item “with a quotation”',
  '',
  '  its second paragraph, “indented under the item”',
  '',
  '      indented code “inside the item”',
  '',
  '    indented code “at the top level”',
  '',
  '> “I kept you and Tommy apart”',
  '>',
  '> and the quote goes on',
  '',
  '| a | “table cell quote” |',
  '| - | - |',
  '| “body” | cell |',
  '',
  '<pre>',
  '',
  '“inside pre”',
  '</pre>',
  '',
  '~~~~',
  '~~~',
  '',
  '“still fenced”',
  '~~~~',
  'Finally “the last quotation” here.',
].join('\n');

/** What a user sees of each quotation: its text, range, content range, offsets and paragraph. */
function same(text: string, incremental = new IncrementalQuotations()) {
  assert.deepEqual(incremental.find(text), findQuotations(text));
  return incremental;
}

test('cuts at blank lines only where no construct continues past them', () => {
  const starts = chunkStarts(TRICKY);
  const firstLines = starts.map((s) => TRICKY.slice(s, TRICKY.indexOf('\n', s)));
  // HTML blocks and fences together: a fence line inside HTML is HTML, so no cuts at all.
  assert.deepEqual(firstLines, ['---']);
  const noHtml = TRICKY.replace(/<!-- a comment\n\n“still in the comment” -->\n\n/, '').replace(/<pre>\n\n“inside pre”\n<\/pre>\n\n/, '');
  const cut = chunkStarts(noHtml).map((s) => noHtml.slice(s, noHtml.indexOf('\n', s)));
  assert.deepEqual(cut, ['---', 'Kathy says “My name is Kathy H.” and *“I’m thirty-one years old”*.', '```md', '- a list item “with a quotation”', '> “I kept you and Tommy apart”', '| a | “table cell quote” |', '~~~~']);
  assert.deepEqual(chunkStarts('<!-- a\n\nb -->\n\n“c d”\n\n<pre>\n\nx\n</pre>\n\ne').map(String), ['0', '15', '22', '39']);
  // Definitions reach across blocks; lone CR line ends are not cut either.
  assert.deepEqual(chunkStarts('A [ref].\n\n“quoted words here”\n\n[ref]: https://example.org\n'), [0]);
  assert.deepEqual(chunkStarts('a\r\rb “c d”'), [0]);
  assert.deepEqual(chunkStarts('<!-- verbatim-ignore -->\n\n“a b c d”\n\n“e f g h”'), [0]);
  assert.deepEqual(chunkStarts('---\nnever closed\n\n“a b”'), [0]);
});

test('incremental finding equals a full parse, on whole documents', () => {
  same(ESSAY);
  same(TRICKY);
  same(TRICKY.replace(/<!--[^]*?-->\n\n/, '').replace(/<pre>[^]*?<\/pre>\n\n/, ''));
  same(ESSAY.replace(/\n/g, '\r\n'));
  same('<!-- verbatim-disable -->\n\n“a b c d”\n\n<!-- verbatim-enable -->\n\n“e f g h”\n');
  same('A [ref] “with a link reference”.\n\n“quoted words here”\n\n[ref]: https://example.org\n');
});

test('incremental finding equals a full parse after every edit, and parses only changed chunks', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Edits that open and close constructs as well as ordinary typing.
  const pieces = ['x', '“', '”', '"', '\n\n', '```\n', '```', '~~~\n', '<!--', '-->', '> ', '    ', '---\n', '[r]: u\n', '*', '’', '- '];
  let text = ESSAY + '\n\n' + TRICKY.replace(/<!--[^]*?-->\n\n/, '').replace(/<pre>[^]*?<\/pre>\n\n/, '');
  const incremental = same(text);
  for (let i = 0; i < 120; i++) {
    const at = Math.floor(rand() * (text.length + 1));
    if (rand() < 0.3 && text.length > 0) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 4));
    else text = text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at);
    same(text, incremental);
  }
  // One character typed inside one paragraph of a cut document: one chunk parsed again.
  const doc = ESSAY;
  const inc = same(doc);
  const at = doc.indexOf('quiet work');
  same(doc.slice(0, at) + 'x' + doc.slice(at), inc);
  assert.equal(inc.parsed, 1);
});
