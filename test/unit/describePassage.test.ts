import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { matchQuotation } from '../../server/src/engine/matcher';
import { describePassage } from '../../server/src/providers/hover';

test('hover on a match in a long book paragraph: the matched wording, the chapter and its own line', () => {
  const filler = Array.from({ length: 12 }, (_, i) => `Line ${i} of talk goes on and on about nothing much at all.`).join('\n');
  const text = `Chapter 3\n\n${filler}\nLord! how I laughed! and so did Mrs.\nForster.\n`;
  const book = loadCorpus(text, { id: 'b', origin: '/books/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen' });
  const m = matchQuotation('Lord! how I laughed!', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'correct');
  assert.deepEqual(describePassage(m), ['> … Lord! how I laughed …', '', 'the book · *Pride and Prejudice*, Jane Austen · Chapter 3, line 15']);
});
