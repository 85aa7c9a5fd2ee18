// The service layer on an in-memory file system: contexts keyed by all their
// inputs, reload decisions by "is this a corpus in use?", and a verdict cache
// that never lends one library's verdict to another.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Checker } from '../../server/src/service/checker';
import { buildContext, findConfigUpward } from '../../server/src/service/context';
import { MemoryFileSystem } from '../../server/src/service/memoryFileSystem';
import { Workspaces } from '../../server/src/service/workspace';

const SETTINGS = async () => ({});

function files(): MemoryFileSystem {
  return new MemoryFileSystem({
    '/ws/.verbatim.json': '{ "corpora": ["book.txt"] }',
    '/ws/book.txt': 'Chapter 1\n\nThe lamps were lit along the quay before the ferry came in.\n',
    '/ws/essay.md': 'An essay.\n',
  });
}

test('a context is reused while its inputs stand, and rebuilt when a corpus it read changes on disk', async () => {
  const fs = files();
  const warnings: string[] = [];
  const ws = new Workspaces(fs, SETTINGS, (m) => warnings.push(m), () => '/');
  ws.setFolders(['file:///ws']);
  const first = await ws.contextFor('file:///ws/essay.md');
  assert.equal(await ws.contextFor('file:///ws/other.md'), first);
  assert.deepEqual(first.corpora.map((c) => c.id), ['builtin:never-let-me-go', '/ws/book.txt']);
  assert.equal(ws.isCorpusPath('/ws/book.txt'), true);
  assert.equal(ws.isCorpusPath('/ws/essay.md'), false);
  fs.write('/ws/book.txt', 'Chapter 1\n\nThe lamps were lit along the harbour before the ferry came in.\n');
  const second = await ws.contextFor('file:///ws/essay.md');
  assert.notEqual(second, first);
  assert.ok(second.generation > first.generation);
  assert.match(second.corpora[1].passages.map((p) => p.text).join(' '), /harbour/);
  assert.deepEqual(warnings, []);
});

test('the verdict cache is keyed by the library: the same quotation, two configurations, two verdicts', () => {
  const fs = files();
  const quote = { uri: 'file:///ws/essay.md', version: 1, text: 'He saw “The lamps were lit along the quay before the ferry came in.”' };
  const input = { dir: '/ws', folder: '/ws', settings: {}, trusted: true, confine: true, cwd: '/' };
  const withBook = buildContext(fs, input, findConfigUpward(fs, '/ws'));
  const without = buildContext(fs, { ...input, dir: '/elsewhere', folder: '/elsewhere' }, undefined);
  const checker = new Checker();
  for (const order of [[withBook, without], [without, withBook]]) {
    const verdicts = order.map((context) => checker.checkNow(quote, context).result.quotations[0].match.verdict);
    assert.deepEqual(verdicts, order[0] === withBook ? ['correct', 'unverified'] : ['unverified', 'correct']);
  }
  // The second round found everything in the cache.
  assert.equal(checker.checkNow(quote, withBook).matched, 0);
});

test('corpora from .verbatim.json must lie inside the workspace folder when confined; an empty one is named', () => {
  const fs = new MemoryFileSystem({ '/ws/.verbatim.json': '{ "corpora": ["../secret.txt", "empty.txt"] }', '/secret.txt': 'x', '/ws/empty.txt': '' });
  const input = { dir: '/ws', folder: '/ws', settings: {}, trusted: true, confine: true, cwd: '/' };
  const context = buildContext(fs, input, findConfigUpward(fs, '/ws'));
  assert.deepEqual(context.errors, [
    'Corpus /secret.txt is outside /ws and was not read (corpora from .verbatim.json and workspace settings must lie inside the workspace folder)',
    'Corpus /ws/empty.txt is empty: it has no passages, so no quotation can be found in it',
  ]);
});

test('a misspelt rule code or level in the verbatim.rules setting is named, and changes nothing', () => {
  const fs = new MemoryFileSystem({});
  const settings = { rules: { misquotes: 'off', misquote: 'loud', 'unverified-quote': 'hint' } };
  const context = buildContext(fs, { dir: '/ws', folder: '/ws', settings, trusted: true, confine: true, cwd: '/' }, undefined);
  assert.deepEqual(context.options.rules, { 'unverified-quote': 'hint' });
  assert.deepEqual(context.errors, [
    'verbatim.rules: unknown rule "misquotes"; expected one of misquote, unverified-quote, misattribution, missing-citation, wrong-locator, partly-verified, unmarked-quotation, wrong-source, unknown-citation-key, bibliography-problem',
    'verbatim.rules.misquote must be one of error, warning, information, hint, off',
  ]);
});
