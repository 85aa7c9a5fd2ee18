import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BUILTIN_REVIEW_TEXT, builtinCorpus } from '../../server/src/engine/builtin';
import { indexFor } from '../../server/src/engine/library';
import { matchQuotation } from '../../server/src/engine/matcher';
import { cacheKey, readCached, setCacheDir } from '../../server/src/node/corpusCache';
import { cachedBuiltinCorpus, loadCorpora } from '../../server/src/node/corpusFiles';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-builtin-cache-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the built-in corpus is saved to the disk cache once, and restores to the same corpus, index and verdicts', () => {
  setCacheDir(dir);
  const fresh = builtinCorpus();
  const first = loadCorpora([], dir).corpora[0];
  assert.equal(first, cachedBuiltinCorpus());
  assert.deepEqual(readdirSync(dir).length, 1);
  const restored = readCached(cacheKey(Buffer.from(BUILTIN_REVIEW_TEXT), 'builtin'));
  assert.ok(restored);
  assert.deepEqual(JSON.parse(JSON.stringify(restored.corpus)), JSON.parse(JSON.stringify(fresh)));
  assert.deepEqual(restored.corpus.cast, fresh.cast);
  assert.deepEqual(restored.data(), indexFor(fresh).data());
  // Every passage, as quoted and with a word changed: the same verdict, diff and passage either way.
  for (const p of fresh.passages) {
    for (const q of [p.text, p.text.replace(/\b(the|a|and|to|of)\b/, 'some')]) {
      const a = matchQuotation(q, [indexFor(fresh)], { minWords: 4 });
      const b = matchQuotation(q, [restored], { minWords: 4 });
      assert.deepEqual({ ...b, corpus: undefined, passage: b.passage?.id }, { ...a, corpus: undefined, passage: a.passage?.id });
    }
  }
});
