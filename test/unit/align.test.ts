import assert from 'node:assert/strict';
import { test } from 'node:test';
import { align, exactAlignment, QueryCodes, tokenCode, WORD } from '../../server/src/engine/align';
import { tokenize } from '../../server/src/engine/normalize';

// A small vocabulary: its words' ids are their index.
const VOCAB = ['for', 'ever', 'forever', 'she', 'said', 'no', 'to', 'day', 'today'];
const wordId = (w: string) => VOCAB.indexOf(w);
const codesOf = (text: string) => Int32Array.from(tokenize(text), (t) => tokenCode(t, wordId(t.norm)));
const query = (text: string) => new QueryCodes(tokenize(text), wordId);

test('source codes: word ids, and one negative code per mark', () => {
  assert.deepEqual([...codesOf('She said, for ever… [sic] to-day — no!')], [3, 4, -1, 0, 1, -11, -12, 6, 7, -9, 5, -5]);
});

test('query codes: unknown words match nothing; joins are every split into two known words', () => {
  const q = query('Forever, she sighed');
  assert.deepEqual([...q.code], [2, -1, 3, -100]);
  assert.deepEqual(q.joins(), { start: Int32Array.from([0, 2, 2, 2, 2]), pairs: Int32Array.from([0, 1]) });
});

test('align: one quoted word for two source words costs one word', () => {
  const a = align(query('she said forever'), codesOf('she said for ever no'));
  assert.equal(a.cost, WORD);
  assert.deepEqual(a.steps.map((s) => [s.kind, s.q, s.s, s.sEnd]), [
    ['equal', 0, 0, 1],
    ['equal', 1, 1, 2],
    ['replace', 2, 2, 4],
  ]);
});

test('exactAlignment is what align gives a quotation standing unbroken in the source: its last stretch', () => {
  // Seeded random sources over a tiny alphabet, so that stretches repeat and overlap.
  let seed = 11;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ['she', 'said', ',', 'no', '.', 'for', 'ever'];
  let exact = 0;
  for (let n = 0; n < 3000; n++) {
    const source = Array.from({ length: 1 + Math.floor(rand() * 30) }, () => pieces[Math.floor(rand() * pieces.length)]);
    const from = Math.floor(rand() * source.length);
    const quoted = source.slice(from, from + 1 + Math.floor(rand() * 6));
    while (quoted.length && !/\w/.test(quoted[0])) quoted.shift(); // quotations are trimmed of end marks
    while (quoted.length && !/\w/.test(quoted[quoted.length - 1])) quoted.pop();
    if (rand() < 0.3 && quoted.length) quoted[Math.floor(rand() * quoted.length)] = pieces[Math.floor(rand() * pieces.length)];
    if (!quoted.some((w) => /\w/.test(w))) continue;
    const q = query(quoted.join(' '));
    const s = codesOf(source.join(' '));
    const full = align(q, s);
    const fast = exactAlignment(q.code, s);
    if (full.cost === 0) {
      exact++;
      assert.deepEqual(fast, full, `${quoted.join(' ')} in ${source.join(' ')}`);
    } else assert.equal(fast, undefined, `${quoted.join(' ')} in ${source.join(' ')}`);
  }
  assert.ok(exact > 1500, `${exact} exact`);
});
