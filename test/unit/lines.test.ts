// The lines "Insert Quotation…" offers (engine/lines.ts): the work's own lines, never the review's
// prose, terms or the critics it quotes; by words with typos forgiven; by who speaks them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { buildLibrary } from '../../server/src/engine/library';
import { findLines } from '../../server/src/engine/lines';
import { loadCorpus } from '../../server/src/engine/loaders';

const BOOK = [
  'Chapter 1',
  '',
  '“I am going to the village,” said Jane. “It is late.”',
  '',
  'Mr Rochester looked at Jane and said nothing of Jane.',
  '',
  '“Stay,” said Mr Rochester. “The road is dark tonight.”',
  '',
].join('\n');
const builtin = builtinCorpus();
const book = loadCorpus(BOOK, { id: 'b', origin: 'b.txt', title: 'Jane Eyre', author: 'Charlotte Brontë' });
const library = buildLibrary([builtin, book]);
const shown = (q: string) => findLines(library, q).lines.map((l) => [l.speaker ?? null, l.text]);

test('with nothing typed: every line of the novel the review quotes, and nothing else (no prose, terms, critics)', () => {
  const { lines } = findLines(library, '');
  const kinds = new Set(lines.map((l) => l.passage.kind));
  assert.deepEqual([...kinds].sort(), ['novel-dialogue', 'novel-narration']);
  assert.equal(lines.length, builtin.passages.filter((p) => p.kind === 'novel-dialogue' || p.kind === 'novel-narration').length);
  assert.equal(lines.length, 31);
  // A whole book is searched, never listed.
  assert.ok(lines.every((l) => l.corpus === builtin));
  assert.ok(!lines.some((l) => l.text === 'carer' || l.passage.kind === 'review-prose'));
});

test('by who speaks: a name alone lists that person’s lines, never the lines that mention them', () => {
  assert.deepEqual(shown('Ruth'), [
    ['Ruth', 'ride Bramble'],
    ['Ruth', 'You’ve got to really lean back on Daffodil!… She doesn’t like it unless you’re right back!'],
    ['Ruth', 'I kept you and Tommy apart… That was the worst thing I did'],
    ['Ruth', 'You should go and see her. Ask for a deferral. Maybe you’ll have time. Just a little time…'],
  ]);
  assert.equal(findLines(library, 'emily').speaker, 'Miss Emily');
  assert.deepEqual(shown('emily').map(([who]) => who), ['Miss Emily', 'Miss Emily']);
  // Tommy speaks none of the words "apart": Ruth's line that names him comes after his own (none).
  assert.deepEqual(shown('tommy apart'), [['Ruth', 'I kept you and Tommy apart… That was the worst thing I did']]);
  // A book's speeches by the speaker its model reads from the tags.
  assert.deepEqual(shown('Jane'), [
    ['Jane', 'I am going to the village'],
    ['Jane', 'It is late.'],
  ]);
  assert.deepEqual(shown('Rochester'), [
    ['Mr Rochester', 'Stay'],
    ['Mr Rochester', 'The road is dark tonight.'],
  ]);
});

test('by words, typos forgiven; a name and words: that person’s lines with those words', () => {
  assert.deepEqual(shown('there wre no deferals'), [['Miss Emily', 'There were no deferrals. There never were. It was all just a rumor']]);
  assert.deepEqual(shown('Miss Emily deferrals'), [['Miss Emily', 'There were no deferrals. There never were. It was all just a rumor']]);
  assert.deepEqual(shown('souls'), [['Tommy', 'They prove we have souls.']]);
  // A book's sentence, the marks of its one speech taken off, with its speaker.
  assert.deepEqual(shown('road is drak'), [['Mr Rochester', 'The road is dark tonight.']]);
  const road = findLines(library, 'road is dark').lines[0];
  assert.equal(book.passages[0].text.length > 0 && road.passage.text.slice(road.start, road.end), 'The road is dark tonight.');
  // A term is no line.
  assert.ok(!shown('carer').some(([, text]) => text === 'carer'));
});

test('a book in straight marks: words found in a speech give the speech, with its speaker', () => {
  const straight = loadCorpus(
    ['CHAPTER I.', '', '"Oh! Mr. Bennet," cried Elizabeth, "I am excessively diverted. You tease me so."', '', 'Mr. Bennet said nothing more that evening.', ''].join('\n'),
    { id: 's', origin: 's.txt', title: 'Pride and Prejudice', author: 'Jane Austen' },
  );
  const lib = buildLibrary([straight]);
  assert.deepEqual(
    findLines(lib, 'i am excesively diverted').lines.map((l) => [l.speaker ?? null, l.text]),
    [['Elizabeth', 'I am excessively diverted.']],
  );
  assert.deepEqual(
    findLines(lib, 'Elizabeth').lines.map((l) => [l.speaker ?? null, l.text]),
    [
      ['Elizabeth', 'Oh! Mr. Bennet'],
      ['Elizabeth', 'I am excessively diverted. You tease me so.'],
    ],
  );
});
