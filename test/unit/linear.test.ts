// The linear-time rewrites (issue #25, item 6) read what the backtracking regexes they
// replace read: each is compared with its old regex on many short random strings (where
// the regex is quick), besides exact cases. The guards that do change a reading — the
// attribution window, the nesting guard — are pinned down here with exact values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAttribution } from '../../server/src/engine/attribution';
import { citationAfter } from '../../server/src/engine/citations';
import { IncrementalQuotations, MAX_PARSED_BLOCK } from '../../server/src/engine/blocks';
import { cleanBookText, contentsEntry, loadCorpus } from '../../server/src/engine/loaders';
import { blockquoteTail, findQuotations, tooNested } from '../../server/src/engine/markdown';
import { squash } from '../../server/src/engine/normalize';
import { blockquoteLine } from '../../server/src/providers/completion';

/** Deterministic random strings over an alphabet. */
function* strings(alphabet: readonly string[], count: number, maxLength: number, seed: number): Generator<string> {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < count; i++) {
    let out = '';
    const length = Math.floor(next() * (maxLength + 1));
    for (let k = 0; k < length; k++) out += alphabet[Math.floor(next() * alphabet.length)];
    yield out;
  }
}

test('blockquoteTail finds what the old tail regex found, leftmost', () => {
  const TAIL = /(?:\s*(?:\([^()]*\)|\[@[^\]]*\])\s*[.]?\s*$)|(?:\s+(?:—|--|–)\s*[^\s—][^—]*$)/u;
  let matched = 0;
  for (const s of strings([' ', ' ', 'a', 'b', '(', ')', '[', ']', '@', '.', '—', '–', '-', '\n', '\u00a0'], 50_000, 14, 1)) {
    const m = TAIL.exec(s);
    assert.equal(blockquoteTail(s), m ? m.index : -1, JSON.stringify(s));
    if (m) matched++;
  }
  assert.ok(matched > 5_000, `${matched} tails`);
  assert.equal(blockquoteTail('They prove we have hearts (Ishiguro 73).'), 25);
  assert.equal(blockquoteTail('They prove we have hearts [@ishiguro2005, p. 3]'), 25);
  assert.equal(blockquoteTail('They prove we have hearts — Tommy'), 25);
  assert.equal(blockquoteTail('They prove -- we have -- hearts'), 10);
  assert.equal(blockquoteTail('They prove we have hearts'), -1);
  assert.deepEqual(
    findQuotations('> They prove we have hearts.  \n> — Tommy, to Kathy\n').map((q) => q.text),
    ['They prove we have hearts.'],
  );
});

test('blockquoteLine reads a line as the old regex did', () => {
  const LINE = /^(\s{0,3}(?:>\s?)+)([^“”"‘]*)$/;
  let matched = 0;
  for (const s of strings([' ', '>', '>', 'a', '“', '”', '"', '‘', '\t', '\u00a0'], 50_000, 10, 2)) {
    const m = LINE.exec(s);
    assert.deepEqual(blockquoteLine(s), m ? { mark: '>', at: m[1].length - 1, typed: m[2] } : undefined, JSON.stringify(s));
    if (m) matched++;
  }
  assert.ok(matched > 2_000, `${matched} lines`);
  assert.deepEqual(blockquoteLine('  > > there were'), { mark: '>', at: 5, typed: 'there were' });
  assert.equal(blockquoteLine('    > indented code'), undefined);
});

test('cleanBookText turns -- into dashes as the old regex did', () => {
  const old = (raw: string) =>
    squash(
      raw
        .replace(/(^|[^\p{L}\p{N}_])_([^_\n]+(?:\n[^_\n]+)*)_(?=$|[^\p{L}\p{N}_])/gu, '$1$2')
        .replace(/\s*--\s*/g, (m) => (/^\s/.test(m) && /\s$/.test(m) ? ' — ' : '—')),
    );
  let dashes = 0;
  for (const s of strings([' ', ' ', '\t', '\n', '-', '-', 'a', '_', '\u00a0'], 50_000, 12, 3)) {
    assert.equal(cleanBookText(s), old(s), JSON.stringify(s));
    if (s.includes('--')) dashes++;
  }
  assert.ok(dashes > 5_000, `${dashes} strings with --`);
  assert.equal(cleanBookText('I did -- I mean,  I--well -- \n no'), 'I did — I mean, I—well — no');
});

test('contentsEntry tests a line as the old contents regex did', () => {
  const CONTENTS = /\S\s{4,}(?:[0-9]+|[ivxlcdm]+)\.?\s*$/i;
  let entries = 0;
  for (const s of strings([' ', ' ', ' ', 'a', '1', 'i', 'X', '.', '\t', '\u00a0', 'm'], 50_000, 14, 4)) {
    assert.equal(contentsEntry(s), CONTENTS.test(s), JSON.stringify(s));
    if (CONTENTS.test(s)) entries++;
  }
  assert.ok(entries > 500, `${entries} entries`);
  assert.equal(contentsEntry('“How nicely we are crammed in!”      272'), true);
  assert.equal(contentsEntry('CHAPTER XIV.    xiv.  '), true);
  assert.equal(contentsEntry('    272'), false);
  assert.equal(contentsEntry('It was a bright cold day    and the clocks'), false);
});

test('JSON passages: a repeated id takes the next free suffix, as before, in one pass', () => {
  const items = [
    { id: 'a', text: 'one' },
    { id: 'a', text: 'two' },
    { id: 'a-3', text: 'three' },
    { id: 'a', text: 'four' },
    { id: 'a-2', text: 'five' },
    { text: 'They prove we have hearts' },
    { text: 'they prove we have hearts!' },
    { id: 'they-prove-we-have-hearts-2', text: 'six' },
  ];
  const corpus = loadCorpus(JSON.stringify(items), { id: 'j', origin: 'j.json' });
  assert.deepEqual(
    corpus.passages.map((p) => p.id),
    ['a', 'a-2', 'a-3', 'a-4', 'a-2-2', 'they-prove-we-have-hearts', 'they-prove-we-have-hearts-2', 'they-prove-we-have-hearts-2-2'],
  );
  // Many collisions: every id distinct, numbered in order.
  const many = loadCorpus(JSON.stringify(Array.from({ length: 3_000 }, () => ({ id: 'same', text: 'x' }))), { id: 'j', origin: 'j.json' });
  assert.deepEqual(many.passages.slice(0, 3).map((p) => p.id), ['same', 'same-2', 'same-3']);
  assert.equal(many.passages[2_999].id, 'same-3000');
  assert.equal(new Set(many.passages.map((p) => p.id)).size, 3_000);
});

test('attribution: read within 400 characters of the quotation; a reading that would need more finds none', () => {
  const attribution = (text: string) => {
    const [q] = findQuotations(text).slice(-1);
    return findAttribution(q.paragraph.text, q.paragraph.start, q.paragraph.end)?.name;
  };
  // A sentence that never ends (single marks, no full stop): what stands next to the quotation still counts.
  assert.equal(attribution('and then '.repeat(200) + 'Ruth says, ‘they prove we have hearts’'), 'Ruth');
  assert.equal(attribution('‘they prove we have hearts,’ says Ruth' + ' and then'.repeat(200)), 'Ruth');
  assert.equal(attribution('and then '.repeat(200) + 'Ruth: ‘they prove we have hearts’'), undefined, 'other words open the sentence');
  // Only starters before "Ruth:", but more of them than the window holds: unknown, so none.
  assert.equal(attribution('Then '.repeat(30) + 'Ruth: ‘they prove we have hearts’'), 'Ruth');
  assert.equal(attribution('Then '.repeat(100) + 'Ruth: ‘they prove we have hearts’'), undefined);
  // A name phrase running past the window.
  assert.equal(attribution('Kathy '.repeat(100) + 'Ruth says, ‘they prove we have hearts’'), undefined);
});

test('citationAfter with a limit: the citation within it, none when the sentence ends, unread past it', () => {
  const text = '“they prove we have hearts”, ' + 'and so on '.repeat(50) + '(Ishiguro 73).';
  const from = text.indexOf('”') + 1;
  assert.deepEqual(citationAfter(text, from), { start: text.length - 14, end: text.length - 1, text: '(Ishiguro 73)' });
  assert.deepEqual(citationAfter(text, from, 1_000), { start: text.length - 14, end: text.length - 1, text: '(Ishiguro 73)' });
  assert.equal(citationAfter(text, from, 400), 'unread');
  assert.equal(citationAfter('“they prove we have hearts”. And so on (Ishiguro 73).', 28, 1_000), undefined);
});

test('nesting guard: 64 levels by markers or by indentation, and a budget for list items holding containers', () => {
  assert.equal(tooNested('>'.repeat(64) + ' x'), false);
  assert.equal(tooNested('>'.repeat(65) + ' x'), true);
  assert.equal(tooNested('- '.repeat(64) + 'x'), false);
  assert.equal(tooNested('- '.repeat(65) + 'x'), true);
  assert.equal(tooNested(' '.repeat(126) + '- x'), false);
  assert.equal(tooNested(' '.repeat(128) + '- x'), true);
  assert.equal(tooNested('\t'.repeat(32) + '- x'), true);
  assert.equal(tooNested(' '.repeat(300) + 'x'), false, 'indentation without a marker nests nothing');
  // "- - x" opens an item holding a list; 6 characters a line: 1,048,576 / 6² ≈ 418 lines.
  assert.equal(tooNested('- - x\n'.repeat(410)), false);
  assert.equal(tooNested('- - x\n'.repeat(420)), true);
  assert.equal(tooNested('> - x\n'.repeat(5_000)), false, 'a list in a blockquote is no item holding a container');
  // Read as plain text, the quotations are still there.
  const quotations = findQuotations('- - “they prove we have hearts”\n'.repeat(1_000));
  assert.equal(quotations.length, 1_000);
  assert.deepEqual([quotations[0].text, quotations[0].start, quotations[999].start], ['they prove we have hearts', 4, 999 * 32 + 4]);
});

test('a block longer than 64 KB with no blank line is read as plain text; with blank lines it is parsed', () => {
  const line = 'She said “[they](https://example.org) prove we have *hearts*” and so on.\n';
  const lines = Math.ceil(MAX_PARSED_BLOCK / line.length) + 1;
  const long = line.repeat(lines);
  const read = new IncrementalQuotations().find(long);
  assert.equal(read.length, lines);
  assert.deepEqual([read[0].text, read[0].start, read[0].end], ['[they](https://example.org) prove we have *hearts*', 9, 61]);
  // Just under the limit, or with blank lines: the parse, markup out of the visible text.
  const parsed = new IncrementalQuotations().find(line.repeat(Math.floor(MAX_PARSED_BLOCK / line.length)));
  assert.deepEqual([parsed[0].text, parsed[0].start, parsed[0].end], ['they prove we have hearts', 9, 61]);
  const paragraphs = new IncrementalQuotations().find(long.replace(/\n/g, '\n\n'));
  assert.deepEqual([paragraphs[1].text, paragraphs[1].start], ['they prove we have hearts', line.length + 1 + 9]);
});
