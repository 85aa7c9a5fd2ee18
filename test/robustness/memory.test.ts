// An edited document must not keep its older versions alive. IncrementalQuotations
// caches each chunk's quotations from one version to the next, and a quotation's
// text is a slice of what was parsed: cut from the document itself, it would keep
// the whole version it was first seen in alive (engine/blocks.ts, ownCopy).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IncrementalQuotations } from '../../server/src/engine/blocks';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('cached chunks keep no older version of the document alive', () => {
  // 100 paragraphs of ~3,000 characters, each with a quotation.
  const paragraphs = Array.from({ length: 100 }, (_, i) => `Paragraph ${i} says “the quoted words of paragraph number ${i}” and goes on ${'at length '.repeat(300)}.`);
  const finder = new IncrementalQuotations();
  assert.equal(finder.find(paragraphs.join('\n\n')).length, 100);
  gc();
  const before = process.memoryUsage().heapUsed;
  // 100 versions, each editing one paragraph: every chunk is parsed in a different version.
  for (let i = 0; i < paragraphs.length; i++) {
    paragraphs[i] = paragraphs[i].replace('goes on', 'went on');
    const found = finder.find(paragraphs.join('\n\n'));
    assert.equal(found[i].text, `the quoted words of paragraph number ${i}`);
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  // Kept alive by slices, the 100 versions would take ~60 MB (two bytes a character); the chunks themselves ~0.6 MB.
  assert.ok(grown < 5e6, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 100 versions`);
});
