// The speaker model runs on whatever a user calls a book: its cost must grow with the
// book, not with the square of a paragraph. Each shape is timed at two sizes (best of
// five runs) and the ratio compared: linear work gives about 4× for 4× the input, quadratic 16×.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeBook } from '../../server/src/engine/speakerModel';
import type { Passage } from '../../server/src/engine/types';

/** The best of five runs at each size, the two sizes taking turns (so that a busy moment hurts both alike). */
function times(make: () => Passage[], makeBig: () => Passage[]): [number, number] {
  let a = Infinity;
  let b = Infinity;
  for (let run = 0; run < 5; run++) {
    for (const big of [false, true]) {
      const passages = big ? makeBig() : make();
      const t0 = performance.now();
      attributeBook(passages);
      const ms = performance.now() - t0;
      if (big) b = Math.min(b, ms);
      else a = Math.min(a, ms);
    }
  }
  return [a, b];
}

const para = (text: string, i = 0): Passage => ({ id: `p${i}`, text, kind: 'book-paragraph', section: 'CHAPTER I' });

const SHAPES: [string, (n: number) => Passage[], number][] = [
  // One paragraph of many speeches and a single tag: the paragraph sieve looks only at tags nearby.
  ['one paragraph of many speeches', (n) => [para(`"Well," said Tom Tulliver. ${'"Yes, Maggie, and then," "No." '.repeat(n)}`)], 4_000],
  // A long speech full of commas: vocatives are read at its two ends only.
  ['a long speech of names and commas', (n) => [para(`"${'one, two, Maggie Tom Maggie Tom '.repeat(n)}end," said Tom.`)], 40_000],
  // Long narration before a speech, and a tag that must be found at its end.
  ['long narration before a speech', (n) => [para(`${'Tom walked on by the river and Maggie followed. '.repeat(n)}Tom said, "Come."`)], 10_000],
  // Many short paragraphs of dialogue: turns, conversations and anaphora.
  [
    'many paragraphs of dialogue',
    (n) => Array.from({ length: n }, (_, i) => para(i % 3 === 0 ? `"Come here," said Tom.` : i % 3 === 1 ? `"No," said she.` : `"Why not, Maggie?"`, i)),
    6_000,
  ],
];

for (const [name, make, small] of SHAPES) {
  test(`speaker model, ${name}: 4× the input costs under 10× the time`, (t) => {
    attributeBook(make(small)); // warm the code up
    const [a, b] = times(() => make(small), () => make(small * 4));
    t.diagnostic(`${a.toFixed(1)} ms → ${b.toFixed(1)} ms (${(b / a).toFixed(2)}×)`);
    assert.ok(b / a < 10, `${name}: ${a.toFixed(1)} ms for ${small}, ${b.toFixed(1)} ms for ${small * 4} (${(b / a).toFixed(2)}×)`);
  });
}
