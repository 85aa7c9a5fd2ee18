import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { BUILTIN_REVIEW_TEXT, builtinCorpus } from '../../server/src/engine/builtin';
import { CorpusLocations } from '../../server/src/node/corpusLocations';

test('go to definition does not depend on the shipped review staying unmodified: once saved changed, a read-only copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-shipped-'));
  try {
    const shipped = join(dir, 'never-let-me-go-review.txt');
    writeFileSync(shipped, BUILTIN_REVIEW_TEXT);
    const locations = new CorpusLocations(() => false, () => 'utf-16', shipped);
    const corpus = builtinCorpus();
    const passage = corpus.passages.find((p) => p.text.startsWith('My name is Kathy H.'))!;
    const first = locations.locate(corpus, passage)!;
    assert.equal(first.uri, pathToFileURL(shipped).href);
    // Another editor saves the file with a line added at the top: the lines no longer agree.
    writeFileSync(shipped, `A note.\n${BUILTIN_REVIEW_TEXT}`);
    const second = locations.locate(corpus, passage)!;
    assert.notEqual(second.uri, first.uri);
    assert.deepEqual(second.range, first.range);
    const copy = fileURLToPath(second.uri);
    assert.equal(readFileSync(copy, 'utf8'), BUILTIN_REVIEW_TEXT);
    assert.equal(statSync(copy).mode & 0o777, 0o444);
    rmSync(join(copy, '..'), { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
