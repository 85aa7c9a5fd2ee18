// Which passages completion offers: only those the typed words agree with (from the passage's start,
// or three words or more inside it), typos forgiven; and what accepting adds (never what was typed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from '../../server/src/engine/normalize';
import { agreement } from '../../server/src/engine/passageSearch';
import { continuation, corrections } from '../../server/src/providers/completion';

const words = (s: string) => tokenize(s).filter((t) => t.kind === 'word').map((t) => t.norm);
const PASSAGE = 'There were no deferrals. There never were. It was all just a rumor';

function cont(typed: string) {
  const tokens = tokenize(typed).filter((t) => t.kind === 'word');
  const partial = tokens.length > 0 && tokens[tokens.length - 1].end === typed.length;
  return continuation(PASSAGE, typed, tokens, partial);
}

test('agreement: from the first word, or three consecutive words inside; one word inside never', () => {
  assert.deepEqual(agreement(words('there were'), words(PASSAGE), false), { from: 0, last: 1 });
  assert.deepEqual(agreement(words('it was all'), words(PASSAGE), false), { from: 7, last: 9 });
  assert.equal(agreement(words('rumor'), words(PASSAGE), false), undefined);
  assert.equal(agreement(words('just a'), words(PASSAGE), false), undefined);
  assert.equal(agreement(words('home'), words('Hailsham was our home'), true), undefined);
});

test('agreement forgives typos, but the first and the last word must fit', () => {
  assert.deepEqual(agreement(words('thre wre no defferal'), words(PASSAGE), true), { from: 0, last: 3 });
  assert.equal(agreement(words('there were no rumours'), words(PASSAGE), false), undefined);
  assert.equal(agreement(words('they were no deferrals'), words(PASSAGE), false), undefined);
});

test('continuation: the rest after the words typed; a misspelt word being typed becomes the source’s', () => {
  assert.deepEqual(cont(''), { text: PASSAGE, replaces: 0 });
  assert.deepEqual(cont('there were no'), { text: ' deferrals. There never were. It was all just a rumor', replaces: 0 });
  assert.deepEqual(cont('there were no '), { text: 'deferrals. There never were. It was all just a rumor', replaces: 0 });
  assert.deepEqual(cont('there were no defer'), { text: 'rals. There never were. It was all just a rumor', replaces: 0 });
  assert.deepEqual(cont('there wre no deferals'), { text: 'deferrals. There never were. It was all just a rumor', replaces: 8 });
  assert.deepEqual(cont('there wre no deferrals. '), { text: 'There never were. It was all just a rumor', replaces: 0 });
  assert.deepEqual(cont('It was all just'), { text: ' a rumor', replaces: 0 });
  assert.equal(cont('It was all just a rumor'), undefined);
});

test('corrections: the earlier typed words that stay different from the source, shown on the item (the word being typed is completed)', () => {
  const fixes = (typed: string) => {
    const tokens = tokenize(typed).filter((t) => t.kind === 'word');
    return corrections(PASSAGE, typed, tokens, tokens.length > 0 && tokens[tokens.length - 1].end === typed.length);
  };
  assert.deepEqual(fixes('there wre no defer'), [{ typed: 'wre', source: 'were' }]);
  assert.deepEqual(fixes('thre wre no defferal'), [
    { typed: 'thre', source: 'There' },
    { typed: 'wre', source: 'were' },
  ]);
  // Case and a word being typed are no corrections.
  assert.deepEqual(fixes('There were no defer'), []);
  assert.deepEqual(fixes('there were no deferals '), [{ typed: 'deferals', source: 'deferrals' }]);
  assert.deepEqual(fixes('rumor'), []);
});
