// The Markdown shortcuts (engine/markdown.ts: chunks that cannot hold a quotation,
// and plain paragraphs read without a parse) must give exactly what remark gives.
// Here on real text: every chunk of both novels, the review, and the essays.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { chunkStarts } from '../../server/src/engine/blocks';
import { findQuotations, parseMarkdown, plainParagraph } from '../../server/src/engine/markdown';

const CORPORA = resolve('..', 'shared', 'corpora');
const texts = [
  ...['pride-and-prejudice.txt', 'frankenstein.txt'].map((f) => readFileSync(join(CORPORA, f), 'utf8')),
  readFileSync('server/corpus/never-let-me-go-review.txt', 'utf8'),
  ...readdirSync('examples').filter((f) => f.endsWith('.md')).map((f) => readFileSync(join('examples', f), 'utf8')),
  readFileSync('test/fixtures/workspace/essay.md', 'utf8'),
];

test('on real books and essays, every chunk reads the same with and without the shortcuts', () => {
  let chunks = 0;
  let plain = 0;
  let quotations = 0;
  for (const text of texts) {
    const starts = chunkStarts(text);
    for (let i = 0; i < starts.length; i++) {
      const chunk = text.slice(starts[i], starts[i + 1] ?? text.length);
      const fast = findQuotations(chunk);
      assert.deepEqual(fast, findQuotations(chunk, parseMarkdown(chunk)), JSON.stringify(chunk.slice(0, 200)));
      chunks++;
      if (plainParagraph(chunk)) plain++;
      quotations += fast.length;
    }
  }
  // Both books are mostly plain paragraphs full of dialogue: the shortcuts were really taken.
  assert.ok(chunks > 3000 && plain > 2000 && quotations > 2000, `${chunks} chunks, ${plain} plain, ${quotations} quotations`);
});
