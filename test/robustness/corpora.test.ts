import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { openAndCheck, startServer } from '../helpers/lspClient';

const BOOK = 'Chapter 1\n\nReader, I married him. It was a quiet wedding.\n';
const ESSAY = 'She writes: “Reader, I married him. It was a loud wedding.”';
const MISQUOTE = 'Misquoted: "loud" where the source has "quiet"';
const UNVERIFIED = 'Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it';
const CLI = resolve(__dirname, '../../../server/out/cli.js');

/** A workspace with a good book and every kind of bad corpus. */
function workspace(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'verbatim-bad-'));
  const root = join(base, 'ws');
  mkdirSync(join(root, 'folder.txt'), { recursive: true });
  writeFileSync(join(root, 'book.txt'), BOOK);
  writeFileSync(join(root, 'binary.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]));
  writeFileSync(join(root, 'huge.txt'), '');
  truncateSync(join(root, 'huge.txt'), 50 * 1024 * 1024 + 1); // sparse: no 50 MB written
  const outside = join(base, 'secret.txt');
  writeFileSync(outside, BOOK);
  symlinkSync(outside, join(root, 'link.txt'));
  return { root, outside };
}

test('bad corpora: one message each naming the path; the good corpus and the built-in one still work (server)', async () => {
  const { root } = workspace();
  const paths = ['missing.txt', 'folder.txt', 'binary.txt', 'huge.txt', 'book.txt'];
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: paths.map((path) => ({ path })), minWords: 'four' }));
  const ws = await startServer({ rootPath: root });
  try {
    const ds = await openAndCheck(ws, pathToFileURL(join(root, 'e.md')).href, ESSAY + ' and “They prove we have hearts.”');
    assert.deepEqual(ds.map((d) => d.message), [MISQUOTE, 'Misquoted: "hearts" where the source has "souls"']);
    assert.deepEqual((ws.received('window/showMessage') as { message: string }[]).map((m) => m.message).sort(), [
      `Verbatim: ${join(root, '.verbatim.json')}: "minWords" must be a whole number of at least 1`,
      `Verbatim: Corpus ${join(root, 'binary.txt')} is not UTF-8 text`,
      `Verbatim: Corpus ${join(root, 'folder.txt')} is a folder, not a file`,
      `Verbatim: Corpus ${join(root, 'huge.txt')} is too large (50.0 MB; the limit is 50 MB)`,
      `Verbatim: Corpus ${join(root, 'missing.txt')} does not exist`,
    ]);
  } finally {
    await ws.close();
  }
});

test('bad corpora on the CLI: one stderr line each naming the path; the good corpus still works', () => {
  const { root } = workspace();
  writeFileSync(join(root, 'e.md'), ESSAY + '\n');
  const args = ['missing.txt', 'folder.txt', 'binary.txt', 'huge.txt', 'book.txt'].flatMap((p) => ['--corpus', p]);
  const r = spawnSync(process.execPath, [CLI, 'check', 'e.md', ...args], { cwd: root, encoding: 'utf8' });
  assert.match(r.stdout, new RegExp(`^e\\.md:1:13 warning misquote ${MISQUOTE.replace(/["()]/g, '.')}$`, 'm'));
  assert.match(r.stdout, /^1 quotation checked in 1 essay: 0 correct, 1 flagged$/m);
  assert.equal(
    r.stderr,
    [
      `verbatim: Corpus ${join(root, 'missing.txt')} does not exist`,
      `verbatim: Corpus ${join(root, 'folder.txt')} is a folder, not a file`,
      `verbatim: Corpus ${join(root, 'binary.txt')} is not UTF-8 text`,
      `verbatim: Corpus ${join(root, 'huge.txt')} is too large (50.0 MB; the limit is 50 MB)`,
      '',
    ].join('\n'),
  );
});

test('.verbatim.json corpora escaping the workspace by .. or a symlink are refused with a message', async () => {
  const { root, outside } = workspace();
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: ['../secret.txt', 'link.txt'] }));
  const ws = await startServer({ rootPath: root });
  try {
    const ds = await openAndCheck(ws, pathToFileURL(join(root, 'e.md')).href, ESSAY);
    assert.deepEqual(ds.map((d) => d.message), [UNVERIFIED]);
    const why = 'corpora from .verbatim.json and workspace settings must lie inside the workspace folder';
    assert.deepEqual((ws.received('window/showMessage') as { message: string }[]).map((m) => m.message), [
      `Verbatim: Corpus ${outside} is outside ${root} and was not read (${why})`,
      `Verbatim: Corpus ${join(root, 'link.txt')} is outside ${root} and was not read (${why})`,
    ]);
  } finally {
    await ws.close();
  }
});

test('untrusted workspace: a corpus outside the folder is ignored until trust is granted; the built-in corpus works', async () => {
  const { root, outside } = workspace();
  const ws = await startServer({ rootPath: root, settings: { corpora: [{ path: outside }] }, initializationOptions: { trusted: false } });
  try {
    const uri = pathToFileURL(join(root, 'e.md')).href;
    const ds = await openAndCheck(ws, uri, ESSAY + ' “They prove we have souls.”');
    assert.deepEqual(ds.map((d) => d.message), [UNVERIFIED]);
    assert.deepEqual((ws.received('window/showMessage') as { message: string }[]).map((m) => m.message), [
      `Verbatim: Corpus ${outside} is outside ${root} and was not read (the workspace is not trusted)`,
    ]);
    const rechecked = ws.diagnostics(uri, 1);
    void ws.connection.sendNotification('verbatim/trust', { trusted: true });
    assert.deepEqual((await rechecked).map((d) => d.message), [MISQUOTE]);
  } finally {
    await ws.close();
  }
});

test('a corpus changed or deleted on disk: essays are re-checked, no stale verdict', async () => {
  const { root } = workspace();
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: ['book.txt'] }));
  const ws = await startServer({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'e.md')).href;
    assert.deepEqual((await openAndCheck(ws, uri, ESSAY)).map((d) => d.message), [MISQUOTE]);
    const book = pathToFileURL(join(root, 'book.txt')).href;
    writeFileSync(join(root, 'book.txt'), BOOK.replace('quiet', 'loud') + '\n');
    const changed = ws.diagnostics(uri, 1);
    void ws.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: book, type: 2 }] });
    assert.deepEqual(await changed, []);
    const deleted = ws.diagnostics(uri, 1);
    spawnSync('rm', [join(root, 'book.txt')]);
    void ws.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: book, type: 3 }] });
    assert.deepEqual((await deleted).map((d) => d.message), [UNVERIFIED]);
  } finally {
    await ws.close();
  }
});

test('faults: a handler that throws is answered with an empty result and logged; stale versions and closes are safe', async () => {
  const ws = await startServer();
  try {
    const uri = 'file:///faults/e.md';
    await openAndCheck(ws, uri, '“They prove we have hearts.”');
    // No context: the code-action handler throws inside; the request still gets [].
    assert.deepEqual(await ws.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }), []);
    assert.equal(await ws.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///faults/never-opened.md' }, position: { line: 0, character: 0 } }), null);
    const logged = ws.received('window/logMessage') as { type: number; message: string }[];
    assert.match(logged.find((m) => m.type === 1)!.message, /^Verbatim: code actions failed: TypeError/);
    // Rapid edits, then close while the check is pending: the close's [] is the last word.
    // Checks of versions in between may publish; the empty list of the close must come, and last.
    const untilCleared = (async () => {
      for (;;) if ((await ws.diagnostics(uri)).length === 0) return;
    })();
    for (let v = 2; v <= 40; v++) ws.change(uri, v, '“They prove we have hearts.” '.repeat(v));
    void ws.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await untilCleared;
    let late = false;
    void ws.diagnostics(uri).then(() => (late = true));
    await openAndCheck(ws, 'file:///faults/other.md', '“They prove we have souls.”');
    assert.equal(late, false, 'diagnostics were published for a closed document');
    assert.equal(ws.process.exitCode, null);
  } finally {
    await ws.close();
  }
});
