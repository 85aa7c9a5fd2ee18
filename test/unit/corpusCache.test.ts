import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { indexFor } from '../../server/src/engine/library';
import { matchQuotation } from '../../server/src/engine/matcher';
import { cacheKey, readCached, setCacheDir } from '../../server/src/node/corpusCache';
import { loadCorpusFile } from '../../server/src/node/corpusFiles';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const BOOK = [
  'CHAPTER I.',
  '',
  'It was a bright cold day in April, and the clocks were striking thirteen over the quiet town.',
  '',
  '“I shall never forgive the gardener for cutting down the old pear tree,” said Mrs. Hale.',
  '',
  'CHAPTER II.',
  '',
  'The river ran brown and fast beneath the bridge where the children waited for the post.',
].join('\n');

function book(name: string, text = BOOK): { path: string; settings: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, settings: JSON.stringify([path, { path }]) };
}

test('a loaded corpus is cached on disk and restores to the same corpus and the same verdicts', () => {
  setCacheDir(join(dir, 'cache'));
  const { path, settings } = book('a.txt');
  const corpus = loadCorpusFile(path, { path });
  assert.equal(readdirSync(join(dir, 'cache')).length, 1);
  const restored = readCached(cacheKey(readFileSync(path), settings));
  assert.ok(restored);
  assert.deepEqual(JSON.parse(JSON.stringify(restored.corpus)), JSON.parse(JSON.stringify(corpus)));
  const quotes = [
    'the clocks were striking thirteen over the quiet town',
    'the clocks were chiming thirteen over the quiet town',
    'I shall never forgive the gardener',
    'an entirely invented sentence about nothing',
  ];
  for (const q of quotes) {
    const a = matchQuotation(q, [indexFor(corpus)], { minWords: 4 });
    const b = matchQuotation(q, [restored], { minWords: 4 });
    assert.deepEqual({ ...b, corpus: undefined, passage: b.passage?.id }, { ...a, corpus: undefined, passage: a.passage?.id });
  }
  assert.equal(matchQuotation(quotes[1], [restored], { minWords: 4 }).verdict, 'misquote');
});

test('a cache entry for other bytes, or a corrupt one, is ignored', () => {
  setCacheDir(join(dir, 'cache2'));
  const { path, settings } = book('b.txt');
  loadCorpusFile(path, { path });
  const [file] = readdirSync(join(dir, 'cache2'));
  const other = Buffer.from(BOOK.replace('April', 'May'));
  assert.equal(readCached(cacheKey(other, settings)), undefined);
  const good = readFileSync(join(dir, 'cache2', file));
  for (const bad of [Buffer.from('not a cache'), good.subarray(0, good.length - 100), Buffer.alloc(0)]) {
    writeFileSync(join(dir, 'cache2', file), bad);
    assert.equal(readCached(cacheKey(readFileSync(path), settings)), undefined);
  }
  // A fresh load (another path, same text) still works beside the corrupt entry and writes its own.
  const c = book('c.txt');
  assert.equal(loadCorpusFile(c.path, { path: c.path }).passages.length, 3);
  assert.ok(readCached(cacheKey(readFileSync(c.path), c.settings)));
});
