// The Markdown shortcuts (engine/markdown.ts: chunks that cannot hold a quotation,
// and plain paragraphs read without a parse) must give exactly what remark gives.
// Here on real text: every chunk of both novels, the review, and the essays. So must
// the tokeniser's fast paths (engine/normalize.ts) give what its regex gives.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { chunkStarts } from '../../server/src/engine/blocks';
import { findQuotations, parseMarkdown, plainParagraph } from '../../server/src/engine/markdown';
import { tokenize, tokenizeByRegex } from '../../server/src/engine/normalize';

const CORPORA = resolve('test', 'fixtures', 'corpora');
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

test('on real books and essays, tokenize reads every text as the regex alone does', () => {
  let tokens = 0;
  for (const text of texts) {
    const fast = tokenize(text);
    assert.deepEqual(fast, tokenizeByRegex(text));
    tokens += fast.length;
  }
  assert.ok(tokens > 200_000, `${tokens} tokens`);
});
