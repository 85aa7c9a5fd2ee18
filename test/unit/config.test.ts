import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../server/src/engine/config';

test('a valid config', () => {
  assert.deepEqual(parseConfig('{"corpora":[{"path":"books/pp.txt","title":"Pride and Prejudice","author":"Jane Austen","year":1813}],"minWords":5,"citationStyle":"apa","rules":{"unverified-quote":"off"}}'), {
    config: {
      corpora: [{ path: 'books/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 }],
      minWords: 5,
      citationStyle: 'apa',
      rules: { 'unverified-quote': 'off' },
    },
    problems: [],
  });
});

test('broken JSON: one problem where it stands, an empty config', () => {
  const r = parseConfig('{"corpora": [}');
  assert.deepEqual(r.config, { corpora: [], rules: {} });
  assert.deepEqual(r.problems, [{ message: '.verbatim.json is not valid JSON: value expected', offset: 13, length: 1 }]);
});

test('wrong types: each problem named, the valid parts kept', () => {
  const text = '{"corpora":[{"path":"a.txt","year":"old"},{"title":"x"}],"minWords":0,"citationStyle":"harvard","rules":{"misquote":"loud"},"colour":1}';
  const r = parseConfig(text);
  assert.deepEqual(r.config, { corpora: [{ path: 'a.txt' }], rules: {} });
  assert.deepEqual(
    r.problems.map((p) => p.message),
    [
      'Unknown setting "colour"; expected one of corpora, minWords, rules, citationStyle, bibliography',
      'corpora[0].year must be a whole number',
      'corpora[1] needs a "path" string',
      '"minWords" must be a whole number of at least 1',
      '"citationStyle" must be one of mla, apa, chicago, pandoc',
      'rules.misquote must be one of error, warning, information, hint, off',
    ],
  );
  assert.equal(text.slice(r.problems[0].offset, r.problems[0].offset + r.problems[0].length), '"colour"');
});
