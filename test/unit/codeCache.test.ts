import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { codeCacheFile, codeCacheKey, readCodeCache, writeCodeCache } from '../../server/src/node/codeCache';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-code-cache-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DATA = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) & 255));

test('a saved code cache reads back under its key, and under no other', () => {
  const file = codeCacheFile(dir, '/some/where/server-main.js');
  const key = codeCacheKey(Buffer.from('bundle one'), []);
  writeCodeCache(file, key, DATA);
  assert.deepEqual(readCodeCache(file, key), DATA);
  assert.equal(readCodeCache(file, codeCacheKey(Buffer.from('bundle two'), [])), undefined);
  assert.equal(readCodeCache(file, codeCacheKey(Buffer.from('bundle one'), ['--no-opt'])), undefined);
});

test('one file per bundle path', () => {
  assert.equal(codeCacheFile(dir, '/a/server-main.js'), codeCacheFile(dir, '/a/server-main.js'));
  assert.notEqual(codeCacheFile(dir, '/a/server-main.js'), codeCacheFile(dir, '/b/server-main.js'));
});

test('a damaged, truncated, foreign or missing cache file is ignored', () => {
  const file = codeCacheFile(dir, '/damaged/server-main.js');
  const key = codeCacheKey(Buffer.from('bundle'), []);
  writeCodeCache(file, key, DATA);
  const good = readFileSync(file);
  const flipped = Buffer.from(good);
  flipped[flipped.length - 10] ^= 1;
  writeFileSync(file, flipped);
  assert.equal(readCodeCache(file, key), undefined);
  writeFileSync(file, good.subarray(0, 40));
  assert.equal(readCodeCache(file, key), undefined);
  writeFileSync(file, 'not a code cache at all');
  assert.equal(readCodeCache(file, key), undefined);
  assert.equal(readCodeCache(join(dir, 'nothing-here.bin'), key), undefined);
});
