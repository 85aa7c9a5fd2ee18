// The matcher finds most exact quotations without scoring every candidate
// (engine/matcher.ts, exactFirst). That shortcut must change nothing: here,
// on real books, every result equals the exhaustive search's, field for field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { matchQuotation } from '../../server/src/engine/matcher';
import { tokenize } from '../../server/src/engine/normalize';

const CORPORA = resolve('test', 'fixtures', 'corpora');
const book = (file: string, id: string) => loadCorpus(readFileSync(join(CORPORA, file), 'utf8'), { id, origin: join(CORPORA, file), title: id });
// The second Frankenstein is a corpus of its own: the first one must win every tie.
const corpora = [builtinCorpus(), book('pride-and-prejudice.txt', 'pride'), book('frankenstein.txt', 'frankenstein'), book('frankenstein.txt', 'frankenstein copy')];
const library = buildLibrary(corpora);

/** mulberry32, seeded: every run checks the same quotations. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quotations cut from the corpora: exact stretches of 2 to 40 tokens, and the same with a word changed, dropped, or a mark changed. */
function quotations(count: number): string[] {
  const rand = prng(6);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: string[] = [];
  while (out.length < count) {
    const passage = pick(pick(corpora).passages);
    const tokens = tokenize(passage.text);
    if (tokens.length < 2) continue;
    const length = 2 + Math.floor(rand() * Math.min(39, tokens.length - 1));
    const from = Math.floor(rand() * (tokens.length - length + 1));
    const text = passage.text.slice(tokens[from].start, tokens[from + length - 1].end).replace(/\s+/g, ' ');
    const words = text.split(' ');
    const k = Math.floor(rand() * words.length);
    switch (Math.floor(rand() * 5)) {
      case 0:
        words[k] = 'xylophone';
        break;
      case 1:
        if (words.length > 3) words.splice(k, 1);
        break;
      case 2:
        out.push(text.replace(',', ';').replace('.', '!'));
        continue;
      default:
        out.push(text);
        continue;
    }
    out.push(words.join(' '));
  }
  return out;
}

test('exact quotations found directly match the exhaustive search, field for field', () => {
  const verdicts: Record<string, number> = {};
  for (const text of quotations(1200)) {
    const fast = matchQuotation(text, library, { minWords: 4 });
    assert.deepEqual(fast, matchQuotation(text, library, { minWords: 4, exhaustive: true }), JSON.stringify(text));
    verdicts[fast.verdict] = (verdicts[fast.verdict] ?? 0) + 1;
  }
  // Mostly exact quotations, of every length, and the rest changed: both paths were taken.
  assert.ok(verdicts.correct > 500 && verdicts.misquote > 100, JSON.stringify(verdicts));
});
