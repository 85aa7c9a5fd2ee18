import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findQuotations } from '../../server/src/engine/markdown';

/** [text, start, end, mark] of every quotation: exact ranges, as a user sees them. */
function quotes(md: string) {
  return findQuotations(md).map((q) => [q.text, q.start, q.end, q.mark]);
}

test('curly, straight and British single quotation marks', () => {
  const md = 'She says “one two three” and "four five" and ‘six seven’.';
  assert.deepEqual(quotes(md), [
    ['one two three', 9, 24, 'curly-double'],
    ['four five', 29, 40, 'straight-double'],
    ['six seven', 45, 56, 'curly-single'],
  ]);
});

test('apostrophes are not quotation marks', () => {
  assert.deepEqual(quotes('Kathy’s friends’ lives and Ruth’s — it’s theirs.'), []);
  assert.deepEqual(quotes('The students’ fate, ‘we’re special’, she’d say.'), [['we’re special', 20, 35, 'curly-single']]);
});

test('a quotation wraps across soft line breaks and keeps inline emphasis', () => {
  const md = 'He said “we kept\nholding *each* other” then.';
  assert.deepEqual(quotes(md), [['we kept holding each other', 8, 38, 'curly-double']]);
});

test('CRLF line ends and astral characters keep exact UTF-16 offsets', () => {
  const md = '😀 intro\r\nsays “a b\r\nc d” 😀 and “e f”\r\n';
  const q = findQuotations(md);
  assert.deepEqual(
    q.map((x) => [x.text, x.start, x.end, md.slice(x.start, x.end)]),
    [
      ['a b  c d', 15, 25, '“a b\r\nc d”'],
      ['e f', 33, 38, '“e f”'],
    ],
  );
});

test('code, HTML, comments, front matter and link destinations are ignored', () => {
  const md = [
    '---',
    'title: "A “quoted” title"',
    '---',
    '',
    'Inline `“code quote”` and <!-- “comment quote” --> and <span title="“attr”">x</span>.',
    '',
    '```',
    '“fenced quote”',
    '```',
    '',
    '    “indented code”',
    '',
    'A [link](https://x.test "“title”") and ![“alt”](img.png).',
  ].join('\n');
  assert.deepEqual(quotes(md), []);
});

test('a quotation mark inside inline code does not pair with one outside', () => {
  assert.deepEqual(quotes('A “start `code” here` end”.'), []);
});

test('link text inside a quotation is part of it, its destination is not', () => {
  const md = 'As “the [horror](https://x.test) is” said.';
  assert.deepEqual(quotes(md), [['the horror is', 3, 36, 'curly-double']]);
});

test('a blockquote paragraph is a quotation, less its trailing citation', () => {
  const md = 'Intro.\n\n> We kept holding each other\n> and it seemed right. (Ishiguro 282)\n';
  assert.deepEqual(quotes(md), [['We kept holding each other and it seemed right.', 10, 59, 'blockquote']]);
});

test('a blockquote with its own quotation marks yields those quotations', () => {
  assert.deepEqual(quotes('> Ruth says “sorry about it”.'), [['sorry about it', 12, 28, 'curly-double']]);
});

test('unbalanced marks produce no quotation and no error', () => {
  assert.deepEqual(quotes('“open but never closed\n\nand ” stray close and " lone straight'), []);
});

test('headings and table cells are prose too', () => {
  const md = '# On “lost things”\n\n| a | b |\n|---|---|\n| “one two” | x |\n';
  assert.deepEqual(quotes(md), [
    ['lost things', 5, 18, 'curly-double'],
    ['one two', 42, 51, 'curly-double'],
  ]);
});

test('<!-- verbatim-ignore --> skips the next block; inside a paragraph, the next quotation', () => {
  const md = [
    '<!-- verbatim-ignore -->',
    'She says “one two three” and “four five”.',
    '',
    '<!-- verbatim-ignore -->',
    '',
    '> a whole blockquote',
    '',
    'Then “six seven” and <!-- verbatim-ignore --> “eight nine” and “ten eleven”.',
  ].join('\n');
  assert.deepEqual(
    quotes(md).map((q) => q[0]),
    ['six seven', 'ten eleven'],
  );
});

test('<!-- verbatim-disable --> … <!-- verbatim-enable --> skips a region; unclosed, to the end', () => {
  const md = ['“one two”', '', '<!-- verbatim-disable -->', '', '“three four”', '', '> five six', '', '<!-- verbatim-enable -->', '', '“seven eight”', '', '<!-- verbatim-disable -->', '', '“nine ten”'].join('\n');
  assert.deepEqual(
    quotes(md).map((q) => q[0]),
    ['one two', 'seven eight'],
  );
  assert.deepEqual(quotes('<!-- verbatim-enable -->\n\n“one two”').map((q) => q[0]), ['one two']);
});

test('the README suppression example: only “this one is” is checked', () => {
  const md = [
    '<!-- verbatim-ignore -->',
    'This paragraph (or blockquote, or list) is not checked: “a quotation I made up on purpose”.',
    '',
    'Only the next quotation is skipped: <!-- verbatim-ignore --> “not checked” but “this one is”.',
    '',
    '<!-- verbatim-disable -->',
    'Nothing here is checked, “up to the matching comment” (or the end of the essay).',
    '<!-- verbatim-enable -->',
  ].join('\n');
  assert.deepEqual(
    quotes(md).map((q) => q[0]),
    ['this one is'],
  );
});

test('straight single marks pair as a quotation; apostrophes and elisions never open one', () => {
  assert.deepEqual(quotes("Darcy admits, 'My good opinion once lost is lost for ever.'"), [
    ['My good opinion once lost is lost for ever.', 14, 59, 'straight-single'],
  ]);
  assert.deepEqual(quotes("It's the girls' books, 'tis said, and rock 'n' roll in the '90s."), []);
  assert.deepEqual(quotes("He said 'I'm here' twice."), [["I'm here", 8, 18, 'straight-single']]);
});
