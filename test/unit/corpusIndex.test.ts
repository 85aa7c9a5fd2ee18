import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusIndex } from '../../server/src/engine/corpusIndex';
import { tokenize } from '../../server/src/engine/normalize';
import type { Corpus, Passage } from '../../server/src/engine/types';

// Passages long enough to have several anchors (one every 32 tokens), with every kind of token.
const para = (n: number) =>
  Array.from({ length: n }, (_, k) => `Word${k} - said she; [Kathy] wasn't … there (at ${k}) -- “quite” so.`).join(' ');
const passages: Passage[] = [para(1), para(9), 'Short.', '', para(40)].map((text, k) => ({ id: `p${k}`, kind: 'book-paragraph', text }) as Passage);
const corpus = { id: 'test', title: 'Test', origin: 'user', passages } as unknown as Corpus;

function assertStretches(index: CorpusIndex): void {
  for (let p = 0; p < passages.length; p++) {
    const all = tokenize(passages[p].text);
    assert.equal(index.tokenCount(p), all.length);
    assert.deepEqual(
      index.wordsOf(p),
      all.filter((t) => t.kind === 'word').map((t) => t.norm),
    );
    for (const from of [0, 1, 31, 32, 33, 63, 64, 100, all.length - 1, all.length]) {
      for (const to of [from, from + 1, from + 7, from + 40, all.length]) {
        if (from > all.length || to > all.length || to < from) continue;
        assert.deepEqual(index.tokensBetween(p, from, to), all.slice(from, to), `passage ${p}, tokens ${from}..${to}`);
      }
    }
  }
}

test('tokensBetween tokenises a stretch from its anchor: the same tokens as the whole passage', () => {
  assert.ok(tokenize(passages[4].text).length > 500);
  assertStretches(new CorpusIndex(corpus));
});

test('an index rebuilt from its saved data gives the same stretches, words and codes', () => {
  const built = new CorpusIndex(corpus);
  const saved = new CorpusIndex(corpus, built.data());
  assertStretches(saved);
  for (let p = 0; p < passages.length; p++) assert.deepEqual(saved.codesOf(p), built.codesOf(p));
  assert.deepEqual(saved.data(), built.data());
});

test('token codes: word ids, and one negative code per kind of mark', () => {
  const index = new CorpusIndex(corpus);
  const codes = [...index.codesOf(2)]; // "Short."
  assert.deepEqual(codes, [index.wordId('short'), -4]);
  assert.deepEqual([...index.codesOf(3)], []);
});
