import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findQuotations, parseMarkdown, plainParagraph } from '../../server/src/engine/markdown';

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

test('a plain paragraph is read without a parse, as the parser would read it', () => {
  const md = 'She said “one two”\r\nand (“three four”).\n\n';
  const block = plainParagraph(md);
  assert.deepEqual(block, { text: 'She said “one two”\r\nand (“three four”).', offsets: [...Array(40).keys()], inBlockquote: false, start: 0, end: 39 });
  assert.deepEqual(findQuotations(md), findQuotations(md, parseMarkdown(md)));
  assert.deepEqual(quotes(md), [['one two', 9, 18, 'curly-double'], ['three four', 25, 37, 'curly-double']]);
});

test('a line may start with a number, a dash or punctuation that opens no block', () => {
  const md = 'As “she says” (p.\n12). And 1984 was\n1984 — “yes”';
  assert.ok(plainParagraph(md));
  assert.deepEqual(findQuotations(md), findQuotations(md, parseMarkdown(md)));
});

test('anything but a plain paragraph goes to the parser', () => {
  for (const md of [
    'A *b* “c d”', // emphasis
    'A “b c”  \nd', // hard break
    'A “b c” \n', // trailing space dropped by the parser
    '  A “b c”', // indentation
    'A “b c”\n- d', // a list interrupts
    'A “b c”\n1. d', // an ordered list
    'A “b c”\n12)', // an empty ordered list item
    'A “b c”\n+ d', // a list
    'A “b c”\n\n  d', // a blank line and an indented line
    'A “b c”\n===', // a setext heading
    'A “b\tc”', // a tab
    'A &ldquo;b c&rdquo;', // entities
    'A “b\\” c”', // an escape
    'A “b c”\n\n    code', // indented code after a blank line
    '# A “b c”', // a heading
    '“a b” | c\n--- | ---', // a table
  ]) {
    assert.equal(plainParagraph(md), undefined, md);
  }
});

test('shortcuts give exactly what the parser gives (4,000 seeded random chunks)', () => {
  // Mostly words, spaces, line ends and quotation marks, with some Markdown syntax mixed in.
  const pieces = ['word', 'Kathy', 'it’s', "don't", ' ', ' ', ' ', ' ', '\n', '\r\n', '\n\n', '“', '”', '"', "'", '‘', '’', '(', ')', '.', ',', '—', '-', '1', '1. ', '- ', '# ', '> ', '*', '_', '`', '[', ']', '&amp;', '<b>', '\t', '  \n', '===', '|', '\\', 'é', '😀', '12) ', '2)', '\u00a0', '+', '#', '---'];
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let plain = 0;
  let quoted = 0;
  const pick = (from: number, to: number) => pieces[from + Math.floor(rand() * (to - from))];
  for (let n = 0; n < 4000; n++) {
    let md = '';
    if (n % 2 === 0) {
      // Lines of plain text with quotation marks, each opening with a word or a mark.
      const lines = 1 + Math.floor(rand() * 4);
      for (let l = 0; l < lines; l++) {
        if (l > 0) md = md.replace(/ +$/, rand() < 0.9 ? '' : ' ') + (rand() < 0.8 ? '\n' : '\r\n');
        // Now and then a line opens, or a piece is, anything at all: the edges of plain.
        md += rand() < 0.7 ? pick(0, 4) : rand() < 0.6 ? pick(11, 15) : pick(0, pieces.length);
        for (let k = Math.floor(rand() * 12); k > 0; k--) md += rand() < 0.96 ? pick(0, 21).replace(/\r?\n/g, ' ') : pick(21, pieces.length);
      }
      if (rand() < 0.5) md += '\n\n';
    } else {
      for (let k = 1 + Math.floor(rand() * 40); k > 0; k--) md += pick(0, pieces.length);
    }
    if (plainParagraph(md)) plain++;
    const fast = findQuotations(md);
    if (fast.length > 0) quoted++;
    assert.deepEqual(fast, findQuotations(md, parseMarkdown(md)), JSON.stringify(md));
  }
  // The comparison means something only if the shortcuts were taken often.
  assert.ok(plain > 500 && quoted > 400, `plain paragraphs: ${plain}, chunks with quotations: ${quoted}`);
});

test('quotation marks of other conventions: guillemets either way, German low marks, corner brackets', () => {
  const md = 'A «un deux trois» and « quatre cinq » and »sechs sieben« and „acht neun“ and „dziesięć jedenaście” and ‚zwölf dreizehn‘ and 「十四 十五」 and 『十六』.';
  assert.deepEqual(
    findQuotations(md).map((q) => [q.text.trim(), q.mark]),
    [
      ['un deux trois', 'guillemet'],
      ['quatre cinq', 'guillemet'],
      ['sechs sieben', 'guillemet'],
      ['acht neun', 'low-double'],
      ['dziesięć jedenaście', 'low-double'],
      ['zwölf dreizehn', 'low-single'],
      ['十四 十五', 'corner'],
      ['十六', 'corner'],
    ],
  );
  // An apostrophe inside a low-single quotation does not close it; a comma-like ‚ before a space opens nothing.
  assert.deepEqual(quotes('Er sagt ‚ich hab’s gesehen‘ , dann ‚ nichts.'), [['ich hab’s gesehen', 8, 27, 'low-single']]);
});

test('a curly opening mark followed by a space still opens a quotation that a closing mark ends', () => {
  assert.deepEqual(quotes('Ruth: “ let us go now.” Then “ nothing closes'), [[' let us go now.', 6, 23, 'curly-double']]);
});

test('an epigraph’s attribution line in a blockquote is no quotation: it is kept as the attribution of the one above', () => {
  const md = '> It is a truth universally acknowledged.\n>\n> — Jane Austen, *Pride and Prejudice*\n\n> Another line of verse here.\n> -- Anon\n';
  const found = findQuotations(md);
  assert.deepEqual(found.map((q) => [q.text, q.attribution?.text]), [
    ['It is a truth universally acknowledged.', 'Jane Austen, Pride and Prejudice'],
    ['Another line of verse here.', 'Anon'],
  ]);
  assert.equal(md.slice(found[0].attribution!.start, found[0].attribution!.end), 'Jane Austen, *Pride and Prejudice*');
});
