import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { matchQuotation } from '../../server/src/engine/matcher';
import { describePassage } from '../../server/src/providers/hover';
import { codeSpan, literal } from '../../server/src/providers/markup';

test('hover on a match in a long book paragraph: the matched wording, the chapter and its own line', () => {
  const filler = Array.from({ length: 12 }, (_, i) => `Line ${i} of talk goes on and on about nothing much at all.`).join('\n');
  const text = `Chapter 3\n\n${filler}\nLord! how I laughed! and so did Mrs.\nForster.\n`;
  const book = loadCorpus(text, { id: 'b', origin: '/books/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen' });
  const m = matchQuotation('Lord! how I laughed!', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'correct');
  assert.deepEqual(describePassage(m), ['> … Lord! how I laughed …', '', 'the book · *Pride and Prejudice*, Jane Austen · Chapter 3, line 15']);
});

// A corpus is often someone else's file: nothing in it may become a link, an image, HTML or a verdict line.
const HOSTILE_TEXT =
  'Click [here](command:workbench.action.terminal.new) or ![img](https://x.test/a.png) <img src=x onerror=alert(1)> & `rm -rf` ~~now~~ | ok\n**✓ Quoted correctly**';

test('hover and completion documentation show corpus text, titles and speakers as literal text', () => {
  const json = JSON.stringify([{ id: 'evil`id', text: HOSTILE_TEXT, speaker: '<b>Ruth</b> [x](command:y)', locator: '# Part 1' }]);
  const corpus = loadCorpus(json, { id: 'j', origin: '/c/evil.json', title: '**✓ Correct** _T_', author: '1. [A](command:z)' });
  const m = matchQuotation(HOSTILE_TEXT, buildLibrary([corpus]), { minWords: 4 });
  assert.equal(m.passage?.id, 'evil`id');
  assert.deepEqual(describePassage(m), [
    '> Click \\[here\\](command:workbench.action.terminal.new) or !\\[img\\](https://x.test/a.png) \\<img src=x onerror=alert(1)\\> \\& \\`rm -rf\\` \\~\\~now\\~\\~ \\| ok \\*\\*✓ Quoted correctly\\*\\*',
    '',
    '**\\<b\\>Ruth\\</b\\> \\[x\\](command:y)** · curated passage · *\\*\\*✓ Correct\\*\\* \\_T\\_*, 1\\. \\[A\\](command:z) · \\# Part 1',
  ]);
});

test('literal() and codeSpan(): one line, every markup character escaped, any backticks fenced', () => {
  assert.equal(literal('a\n\n# b\r\n- c'), 'a # b - c');
  assert.equal(literal('# Heading'), '\\# Heading');
  assert.equal(literal('- item'), '\\- item');
  assert.equal(literal('===='), '\\====');
  assert.equal(literal('12) twelve'), '12\\) twelve');
  assert.equal(literal('2005. A year'), '2005\\. A year');
  assert.equal(literal('&amp; <br> \\n'), '\\&amp; \\<br\\> \\\\n');
  assert.equal(literal('Mrs. Bennet! (p. 3)'), 'Mrs. Bennet! (p. 3)');
  assert.equal(codeSpan('plain-id'), '`plain-id`');
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`x``'), '``` `x`` ```');
});
