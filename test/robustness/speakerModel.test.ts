// The speaker model runs on whatever a user calls a book: its cost must grow with the
// book, not with the square of a paragraph. Each shape is timed at two sizes (CPU time, best
// of five runs) and the ratio compared: linear work gives about 8× for 8× the input, quadratic 64×
// (the wide gap leaves room for a busy machine's noise).

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
      // CPU time, not wall time: on a shared machine waiting for a core is not the model's cost.
      const t0 = process.cpuUsage();
      attributeBook(passages);
      const used = process.cpuUsage(t0);
      const ms = (used.user + used.system) / 1000;
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
  ['a long speech of names and commas', (n) => [para(`"${'one, two, Maggie Tom Maggie Tom '.repeat(n)}end," said Tom.`)], 20_000],
  // Long narration before a speech, and a tag that must be found at its end.
  ['long narration before a speech', (n) => [para(`${'Tom walked on by the river and Maggie followed. '.repeat(n)}Tom said, "Come."`)], 5_000],
  // Many short paragraphs of dialogue: turns, conversations and anaphora.
  [
    'many paragraphs of dialogue',
    (n) => Array.from({ length: n }, (_, i) => para(i % 3 === 0 ? `"Come here," said Tom.` : i % 3 === 1 ? `"No," said she.` : `"Why not, Maggie?"`, i)),
    3_000,
  ],
  // A run of dialogue whose every third paragraph names a third person: the run is cut there again and again.
  [
    'a run cut by a third name',
    (n) =>
      Array.from({ length: n }, (_, i) =>
        para(i % 3 === 0 ? `"Come here," said Tom.` : i % 3 === 1 ? `"No," said Maggie.` : i % 30 === 2 ? `"Hush," said Bob.` : `Bob looked up. "Why not, Maggie?"`, i),
      ),
    3_000,
  ],
];

for (const [name, make, small] of SHAPES) {
  test(`speaker model, ${name}: 8× the input costs under 24× the time`, (t) => {
    attributeBook(make(small)); // warm the code up
    const [a, b] = times(() => make(small), () => make(small * 8));
    t.diagnostic(`${a.toFixed(1)} ms → ${b.toFixed(1)} ms (${(b / a).toFixed(2)}×)`);
    assert.ok(b / a < 24, `${name}: ${a.toFixed(1)} ms for ${small}, ${b.toFixed(1)} ms for ${small * 8} (${(b / a).toFixed(2)}×)`);
  });
}
