// The service layer through the real server: verdicts that depend on each
// essay's own configuration, corpora reloaded when they change on disk, and a
// server that stays responsive (cancellation, one slow document never holding
// up another).

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { CancellationTokenSource, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { openAndCheck, startServer } from '../helpers/lspClient';

const FIXTURES = join(__dirname, '../../../test/fixtures');
const QUOTE = 'Austen opens with “It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.”';

/** Two folders quoting the same sentence; only the first one's .verbatim.json adds Pride and Prejudice. */
function twoFolders(): { withBook: string; without: string } {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-two-'));
  const withBook = join(root, 'austen');
  const without = join(root, 'plain');
  mkdirSync(withBook);
  mkdirSync(without);
  copyFileSync(join(FIXTURES, 'workspace/sources/pride-and-prejudice-ch1.txt'), join(withBook, 'pp.txt'));
  writeFileSync(join(withBook, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen' }] }));
  writeFileSync(join(without, 'notes.txt'), 'not a corpus\n');
  return { withBook, without };
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

for (const order of ['with the book first', 'without the book first']) {
  test(`two folders, two configurations, one server: each essay gets its own verdict (${order})`, async () => {
    const { withBook, without } = twoFolders();
    const session = await startServer({ folders: [withBook, without], pullConfiguration: true });
    try {
      const a = pathToFileURL(join(withBook, 'essay.md')).href;
      const b = pathToFileURL(join(without, 'essay.md')).href;
      const [first, second] = order === 'with the book first' ? [a, b] : [b, a];
      const firstDs = await openAndCheck(session, first, QUOTE);
      const secondDs = await openAndCheck(session, second, QUOTE);
      const byUri = new Map([
        [first, firstDs],
        [second, secondDs],
      ]);
      assert.deepEqual(codes(byUri.get(a)!), []);
      assert.deepEqual(codes(byUri.get(b)!), ['unverified-quote']);
      assert.equal(byUri.get(b)![0].message, 'Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it');
    } finally {
      await session.close();
    }
  });
}

test('a Markdown corpus edited on disk re-checks the open essay against the new text (file event)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-reload-'));
  writeFileSync(join(root, 'notes.md'), '# Notes\n\nThe lighthouse keeper counted every ship that passed the rocks.\n');
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'notes.md', title: 'Notes' }] }));
  const session = await startServer({ rootPath: root, workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
  try {
    const essay = pathToFileURL(join(root, 'essay.md')).href;
    const before = await openAndCheck(session, essay, 'She writes: “The lighthouse keeper counted every boat that passed the rocks.”');
    assert.deepEqual(before.map((d) => d.message), ['Misquoted: "boat" where the source has "ship"']);
    const corpus = join(root, 'notes.md');
    writeFileSync(corpus, '# Notes\n\nThe lighthouse keeper counted every boat that passed the rocks.\n');
    const after = session.diagnostics(essay);
    void session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(corpus).href, type: 2 }] });
    assert.deepEqual(await after, []);
    // The server asked to be told of changes to corpus files, Markdown ones included.
    const registrations = session.received('client/registerCapability') as { registrations: { method: string; registerOptions?: unknown }[] }[];
    assert.deepEqual(
      registrations.flatMap((r) => r.registrations).filter((r) => r.method === 'workspace/didChangeWatchedFiles').map((r) => r.registerOptions),
      [{ watchers: [{ globPattern: '**/{.verbatim.json,*.txt,*.md,*.markdown,*.json,*.bib,*.bibtex,*.biblatex,*.yaml,*.yml,*.csl}' }] }],
    );
  } finally {
    await session.close();
  }
});

test('a corpus edited on disk is reloaded at the next check for a client that sends no file events', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-mtime-'));
  const corpus = join(root, 'book.txt');
  writeFileSync(corpus, 'Chapter 1\n\nThe orchard was white with blossom in the first week of May.\n');
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: ['book.txt'] }));
  const session = await startServer({ rootPath: root });
  try {
    const essay = pathToFileURL(join(root, 'essay.md')).href;
    const text = 'He recalls “The orchard was white with blossom in the last week of May.”';
    assert.deepEqual((await openAndCheck(session, essay, text)).map((d) => d.message), ['Misquoted: "last" where the source has "first"']);
    writeFileSync(corpus, 'Chapter 1\n\nThe orchard was white with blossom in the last week of May, and longer.\n');
    const next = session.diagnostics(essay, 2);
    session.change(essay, 2, text + '\n');
    assert.deepEqual(await next, []);
  } finally {
    await session.close();
  }
});

test('an empty corpus is a warning naming the file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-empty-'));
  writeFileSync(join(root, 'empty.txt'), '');
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: ['empty.txt'] }));
  const session = await startServer({ rootPath: root });
  try {
    await openAndCheck(session, pathToFileURL(join(root, 'essay.md')).href, 'A “short essay with nothing much in it at all”.');
    const shown = session.received('window/showMessage').map((m) => (m as { message: string }).message);
    assert.deepEqual(shown, [`Verbatim: Corpus ${join(root, 'empty.txt')} is empty: it has no passages, so no quotation can be found in it`]);
  } finally {
    await session.close();
  }
});

test('a saved config with several problems is one message, not one per problem', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-broken-'));
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ minWords: 'four', rules: { misquotes: 'off' } }));
  const session = await startServer({ rootPath: root });
  try {
    await openAndCheck(session, pathToFileURL(join(root, 'a.md')).href, 'Ruth says, “They prove we have souls.”');
    await openAndCheck(session, pathToFileURL(join(root, 'b.md')).href, 'Tommy says, “They prove we have souls.”');
    const shown = session.received('window/showMessage').map((m) => (m as { message: string }).message);
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0], /^Verbatim: .*\.verbatim\.json: .* \(and 1 more problem shown in the file\)$/);
  } finally {
    await session.close();
  }
});

test('verbatim.enable false: no findings and no completion', async () => {
  const session = await startServer({ settings: { enable: false } });
  try {
    const uri = 'file:///virtual/off.md';
    const text = 'Ruth says, “They prove we have hearts.” Then “';
    assert.deepEqual(await openAndCheck(session, uri, text), []);
    const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length } })) as { items: unknown[] };
    assert.deepEqual(list.items, []);
  } finally {
    await session.close();
  }
});

/** An essay that takes the matcher a long while: many distinct made-up quotations, none cached. */
function slowEssay(n: number): string {
  const words = ['amber', 'basalt', 'cinder', 'delta', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kestrel', 'lagoon'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = (k: number) => words[(i * 7 + k * 5 + Math.floor(i / 12)) % words.length] + (i % 97);
    lines.push(`Line ${i}: “${w(1)} ${w(2)} keeps the ${w(3)} near the ${w(4)} of the ${w(5)} tonight”.`);
  }
  return lines.join('\n\n');
}

test('one slow document does not delay another: the small one is checked and answers hover first', async () => {
  const session = await startServer();
  try {
    const slow = 'file:///virtual/slow.md';
    const quick = 'file:///virtual/quick.md';
    const order: string[] = [];
    const slowDone = session.diagnostics(slow, 1).then(() => order.push('slow diagnostics'));
    session.open(slow, slowEssay(4000));
    // The quick essay is opened and hovered at once, while the slow one is being checked.
    const quickDone = session.diagnostics(quick, 1).then((ds) => (order.push('quick diagnostics'), ds));
    session.open(quick, 'Kathy says, “it means a lot to me, being able to do my job well”.', 1);
    const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri: quick }, position: { line: 0, character: 20 } }).then((h) => (order.push('quick hover'), h as Hover | null));
    const [quickDs, h] = await Promise.all([quickDone, hover]);
    await slowDone;
    assert.deepEqual(codes(quickDs), ['misquote']);
    assert.ok(h && JSON.stringify(h.contents).includes('work'), 'the hover shows the source wording');
    // Both answers about the quick essay come before the slow essay's diagnostics (in either order).
    assert.deepEqual([...order.slice(0, 2)].sort(), ['quick diagnostics', 'quick hover']);
    assert.equal(order[2], 'slow diagnostics');
  } finally {
    await session.close();
  }
});

test('cancelled requests are answered with RequestCancelled (-32800)', async () => {
  const session = await startServer();
  try {
    const slow = 'file:///virtual/slow-cancel.md';
    const done = session.diagnostics(slow, 1);
    session.open(slow, slowEssay(800));
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const source = new CancellationTokenSource();
        const pending = session.connection.sendRequest('textDocument/hover', { textDocument: { uri: slow }, position: { line: i * 2, character: 12 } }, source.token);
        source.cancel();
        return pending.then(
          () => 'answered',
          (e: { code?: number }) => e.code,
        );
      }),
    );
    assert.deepEqual(answers, Array(20).fill(-32800));
    await done;
  } finally {
    await session.close();
  }
});

test('a large corpus loads off the server thread: another document is checked and answers hover meanwhile', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-big-'));
  const book = join(root, 'book');
  mkdirSync(book);
  copyFileSync(join(FIXTURES, 'corpora/pride-and-prejudice.txt'), join(book, 'pp.txt'));
  writeFileSync(join(book, '.verbatim.json'), JSON.stringify({ corpora: ['pp.txt'] }));
  // Every corpus of 100 kB or more goes to a worker here, and nothing is cached: the whole book is read and indexed.
  const session = await startServer({ env: { VERBATIM_CORPUS_WORKER_BYTES: '100000', VERBATIM_CACHE_DIR: 'off' } });
  try {
    const order: string[] = [];
    const big = pathToFileURL(join(book, 'essay.md')).href;
    const quick = 'file:///virtual/quick.md';
    const bigDone = session.diagnostics(big, 1).then((ds) => {
      order.push('book essay diagnostics');
      return ds;
    });
    session.open(big, QUOTE);
    const quickDs = await openAndCheck(session, quick, 'Kathy says, “it means a lot to me, being able to do my job well”.');
    order.push('quick diagnostics');
    const h = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: quick }, position: { line: 0, character: 20 } })) as Hover | null;
    order.push('quick hover');
    assert.deepEqual(codes(await bigDone), []);
    assert.deepEqual(codes(quickDs), ['misquote']);
    assert.ok(h);
    assert.deepEqual(order, ['quick diagnostics', 'quick hover', 'book essay diagnostics']);
  } finally {
    await session.close();
  }
});
