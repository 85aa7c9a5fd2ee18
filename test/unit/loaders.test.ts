import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusError, cleanBookText, loadCorpus } from '../../server/src/engine/loaders';

const meta = (origin: string) => ({ id: origin, origin });

test('Gutenberg text: illustrations skipped, chapters become sections, lines unwrapped, _italics_ and -- cleaned', () => {
  const text = [
    '[Illustration:',
    '',
    '   GEORGE ALLEN',
    '   ]',
    '',
    '[Illustration: ·PRIDE AND PREJUDICE·',
    '',
    'Chapter I.]',
    '',
    '',
    '“_You_ are dancing with the only handsome girl in the room,” said Mr.',
    'Darcy--looking at the eldest.',
    '',
    'CHAPTER II.',
    '',
    'Mr. Bennet was among the earliest.',
  ].join('\n');
  const c = loadCorpus(text, meta('/b/pp.txt'));
  assert.equal(c.title, 'pp');
  assert.deepEqual(c.passages, [
    {
      id: 'line-11',
      text: '“You are dancing with the only handsome girl in the room,” said Mr. Darcy—looking at the eldest.',
      kind: 'book-paragraph',
      section: 'Chapter I',
      line: 11,
      speakers: [{ start: 1, end: 57, name: 'Mr. Darcy' }],
      lineWords: [13],
    },
    { id: 'line-16', text: 'Mr. Bennet was among the earliest.', kind: 'book-paragraph', section: 'CHAPTER II', line: 16 },
  ]);
});

test('Gutenberg licence header and footer are left out when present', () => {
  const text = 'Licence blah.\n\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\nThe story.\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\n\nMore licence.\n';
  assert.deepEqual(loadCorpus(text, meta('x.txt')).passages.map((p) => p.text), ['The story.']);
});

test('cleanBookText: spaced double hyphens become a spaced dash', () => {
  assert.equal(cleanBookText('yes -- no'), 'yes — no');
  assert.equal(cleanBookText('snake_case stays'), 'snake_case stays');
});

test('Markdown corpus: headings are sections, paragraphs passages', () => {
  const c = loadCorpus('# Part One\n\nFirst *paragraph* here.\n\nSecond `x` one.\n', meta('/b/notes.md'));
  assert.deepEqual(
    c.passages.map((p) => [p.id, p.text, p.section, p.line]),
    [
      ['line-3', 'First paragraph here.', 'Part One', 3],
      ['line-5', 'Second one.', 'Part One', 5],
    ],
  );
});

test('JSON passages: list or {passages}, ids kept or derived, fields checked', () => {
  const c = loadCorpus('[{"text":"Reader, I married him.","speaker":"Jane","locator":"ch. 38"},{"id":"x","text":"Second."}]', meta('j.json'));
  assert.deepEqual(c.passages, [
    { id: 'reader-i-married-him', text: 'Reader, I married him.', speaker: 'Jane', kind: 'curated', section: 'ch. 38' },
    { id: 'x', text: 'Second.', speaker: undefined, kind: 'curated', section: undefined },
  ]);
  assert.throws(() => loadCorpus('{"passages": 3}', meta('j.json')), new CorpusError('must be a JSON list of passages, or an object with a "passages" list'));
  assert.throws(() => loadCorpus('[{"txt":"x"}]', meta('j.json')), new CorpusError('passage 1 has no "text" string'));
  assert.throws(() => loadCorpus('[', meta('j.json')), /is not valid JSON/);
  assert.throws(() => loadCorpus('a\u0000b', meta('t.txt')), new CorpusError('is not a text file (it contains NUL bytes)'));
});

test('lists of contents and illustrations (caption, then a page number) are not book text', () => {
  const text = ['“How nicely we are crammed in!”                                      272', 'Heading to Chapter XL.        278', '', 'Chapter I.', '', '“How nicely we are crammed in!” cried Lydia.'].join('\n');
  const c = loadCorpus(text, meta('/b/pp.txt'));
  assert.deepEqual(
    c.passages.map((p) => [p.id, p.section, p.text]),
    [['line-6', 'Chapter I', '“How nicely we are crammed in!” cried Lydia.']],
  );
});
