// The browser build's pieces that run without a browser: the pure path syntax
// (service/paths.ts: POSIX paths and the URI-origin paths of virtual workspaces)
// and the file system that reads through the client (web/clientFileSystem.ts),
// on a fake request channel that counts what it is asked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CorpusError } from '../../server/src/engine/loaders';
import { escapesLexically, uriPaths as p } from '../../server/src/service/paths';
import { ClientFileSystem, PDF_IN_BROWSER } from '../../server/src/web/clientFileSystem';
import { makeEpub, makePdf } from '../helpers/books';
import { fakeClient } from '../helpers/fakeClient';

const ROOT = 'vscode-vfs://github/school/essays';

test('paths: POSIX paths behave as node:path.posix does', () => {
  assert.equal(p.resolve('/ws/a', '../b', './c.txt'), '/ws/b/c.txt');
  assert.equal(p.resolve('/ws', '/etc/x'), '/etc/x');
  assert.equal(p.join('/ws', 'sources', '..', 'diary.md'), '/ws/diary.md');
  assert.equal(p.join('a', 'b'), 'a/b');
  assert.equal(p.dirname('/ws/essay.md'), '/ws');
  assert.equal(p.dirname('/ws'), '/');
  assert.equal(p.dirname('/'), '/');
  assert.equal(p.basename('/ws/sources/diary.md'), 'diary.md');
  assert.equal(p.relative('/ws', '/ws/sources/diary.md'), 'sources/diary.md');
  assert.equal(p.relative('/ws/a', '/ws/b/c'), '../b/c');
  assert.equal(p.isAbsolute('sources/x'), false);
  assert.equal(p.isAbsolute('/x'), true);
});

test('paths: a virtual workspace\'s URIs are paths with an origin, resolved and compared within it', () => {
  assert.equal(p.uriToPath(`${ROOT}/ben%20s/essay.md`), `${ROOT}/ben s/essay.md`);
  assert.equal(p.pathToUri(`${ROOT}/ben s/essay.md`), `${ROOT}/ben%20s/essay.md`);
  assert.equal(p.uriToPath('file:///home/kim/essay%231.md'), '/home/kim/essay#1.md');
  assert.equal(p.pathToUri('/home/kim/essay#1.md'), 'file:///home/kim/essay%231.md');
  // Untitled documents and virtual documents name no file.
  assert.equal(p.uriToPath('untitled:Untitled-1'), undefined);
  assert.equal(p.uriToPath('verbatim-corpus:/never-let-me-go-review.txt'), undefined);
  assert.equal(p.uriToPath(`${ROOT}/essay.md?ref=main`), undefined);
  assert.equal(p.isAbsolute(`${ROOT}/x`), true);
  assert.equal(p.dirname(`${ROOT}/essay.md`), ROOT);
  assert.equal(p.dirname(`${ROOT}/`), 'vscode-vfs://github/school');
  // The origin's root is its own folder: a walk upward ends there.
  assert.equal(p.dirname('vscode-vfs://github/'), 'vscode-vfs://github/');
  assert.equal(p.dirname('vscode-vfs://github'), 'vscode-vfs://github/');
  assert.equal(p.resolve(`${ROOT}/week1`, '../sources/novel.txt'), `${ROOT}/sources/novel.txt`);
  // Never above the origin's root, as no POSIX path goes above /.
  assert.equal(p.resolve(`${ROOT}/week1`, '../../../../../x'), 'vscode-vfs://github/x');
  assert.equal(p.join(`${ROOT}/`, '.verbatim.json'), `${ROOT}/.verbatim.json`);
  assert.equal(p.relative(`${ROOT}/week1`, `${ROOT}/sources/a.txt`), '../sources/a.txt');
  // Another repository is outside this one; another origin is no relative path at all.
  assert.equal(p.relative(ROOT, 'vscode-vfs://github/other/repo/a.txt'), '../../other/repo/a.txt');
  assert.equal(p.relative(ROOT, 'vscode-test-web://mount/a.txt'), 'vscode-test-web://mount/a.txt');
  assert.equal(escapesLexically(p, 'vscode-vfs://github/other/repo/a.txt', ROOT), true);
  assert.equal(escapesLexically(p, 'vscode-test-web://mount/a.txt', ROOT), true);
  assert.equal(escapesLexically(p, `${ROOT}/../secret.txt`, ROOT), true);
  assert.equal(escapesLexically(p, `${ROOT}/sources/a.txt`, ROOT), false);
});

/** Lets the fake client's answers (promises, setImmediate) arrive. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

test('ClientFileSystem: one request per preload; what is held answers at once and is fetched again meanwhile, bytes only when changed, a change told', async () => {
  const client = fakeClient({ [`${ROOT}/.verbatim.json`]: '{ "corpora": ["novel.txt"] }', [`${ROOT}/novel.txt`]: 'It was a bright cold day in April.' });
  let changes = 0;
  const fs = new ClientFileSystem(client.channel, () => changes++);
  // Nothing fetched yet: nothing is there (the service always preloads first).
  assert.equal(fs.stat(`${ROOT}/novel.txt`), undefined);
  await fs.preload([`${ROOT}/.verbatim.json`, `${ROOT}/novel.txt`, `${ROOT}/missing.json`, `${ROOT}/novel.txt`]);
  // The three files, and the three folders above them (whether they are symbolic links), in one request.
  assert.deepEqual([client.calls.fetch, client.calls.files], [1, 6]);
  assert.deepEqual(client.calls.read, [`${ROOT}/.verbatim.json`, `${ROOT}/novel.txt`]);
  assert.deepEqual(fs.readText(`${ROOT}/.verbatim.json`), { text: '{ "corpora": ["novel.txt"] }' });
  assert.equal(fs.readText(`${ROOT}/missing.json`), undefined);
  assert.deepEqual(fs.stat(`${ROOT}/novel.txt`), { isFile: true, isDirectory: false, size: 34, mtimeMs: 1 });
  const corpus = fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt', title: 'Novel' });
  assert.deepEqual([corpus.title, corpus.origin, corpus.passages.map((x) => x.text)], ['Novel', `${ROOT}/novel.txt`, ['It was a bright cold day in April.']]);
  assert.equal(fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt', title: 'Novel' }), corpus, 'the same state and entry: the same corpus object (its index is reused)');
  // Held: answered at once, asked about meanwhile; unchanged, so not sent again and no change told.
  await fs.preload([`${ROOT}/novel.txt`, `${ROOT}/missing.json`]);
  await settle();
  assert.deepEqual([client.calls.fetch, client.calls.read.length, changes], [2, 2, 0]);
  // Changed in the editor: the preload still answers with what is held; the fetch meanwhile reads the new bytes and tells.
  client.put(`${ROOT}/novel.txt`, 'It was a bright cold day in May.', 2);
  await fs.preload([`${ROOT}/novel.txt`]);
  assert.equal(fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt', title: 'Novel' }), corpus);
  await settle();
  assert.deepEqual([client.calls.read.length, changes], [3, 1]);
  const reloaded = fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt', title: 'Novel' });
  assert.notEqual(reloaded, corpus);
  assert.deepEqual(reloaded.passages.map((x) => x.text), ['It was a bright cold day in May.']);
  // A file that appears where there was none is a change too.
  client.put(`${ROOT}/missing.json`, '[]', 3);
  await fs.preload([`${ROOT}/missing.json`]);
  await settle();
  assert.equal(changes, 2);
  // A client that cannot answer: what was known stays, nothing throws, no change told.
  client.calls.fail = true;
  await fs.preload([`${ROOT}/novel.txt`]);
  await settle();
  assert.deepEqual([fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt', title: 'Novel' }), changes], [reloaded, 2]);
});

test('ClientFileSystem: corpora as the Node build reads them, a PDF refused by name, folders and escapes refused', async () => {
  const epub = makeEpub([{ file: 'c1.xhtml', title: 'One', body: '<p>The lantern swung above the harbour wall.</p>' }], { title: 'Harbour', author: 'A. Writer' });
  const client = fakeClient({
    [`${ROOT}/book.epub`]: epub,
    [`${ROOT}/scan.pdf`]: makePdf([[{ text: 'Printed words.', x: 60, y: 600 }]]),
    [`${ROOT}/bad.txt`]: new Uint8Array([0xff, 0xfe, 0x00, 0xd8]),
    [`${ROOT}/sources/a.md`]: '# A\n\nText.',
  });
  const fs = new ClientFileSystem(client.channel);
  await fs.preload([`${ROOT}/book.epub`, `${ROOT}/scan.pdf`, `${ROOT}/bad.txt`, `${ROOT}/sources`, `${ROOT}/gone.txt`]);
  const book = fs.loadCorpus(`${ROOT}/book.epub`, { path: 'book.epub' });
  assert.deepEqual([book.title, book.author, book.format, book.passages.map((x) => x.text)], ['Harbour', 'A. Writer', 'epub', ['The lantern swung above the harbour wall.']]);
  const refused = (path: string, confine?: { root: string; why: string }) => {
    try {
      fs.loadCorpus(path, { path }, confine);
      return 'loaded';
    } catch (e) {
      assert.ok(e instanceof CorpusError);
      return e.message;
    }
  };
  assert.equal(refused(`${ROOT}/scan.pdf`), `Corpus ${ROOT}/scan.pdf ${PDF_IN_BROWSER}`);
  assert.equal(refused(`${ROOT}/bad.txt`), `Corpus ${ROOT}/bad.txt is not UTF-8 text`);
  assert.equal(refused(`${ROOT}/sources`), `Corpus ${ROOT}/sources is a folder, not a file`);
  assert.equal(refused(`${ROOT}/gone.txt`), `Corpus ${ROOT}/gone.txt does not exist`);
  assert.equal(refused(`${ROOT}/../x.txt`, { root: ROOT, why: 'inside the folder only' }), `Corpus ${ROOT}/../x.txt is outside ${ROOT} and was not read (inside the folder only)`);
});

test('ClientFileSystem: a bibliography and a CSL style read from what was fetched; the workspace\'s Markdown listed by the client', async () => {
  const bib = '@book{austen1813, author = {Austen, Jane}, title = {Pride and Prejudice}, year = {1813}}\n';
  const client = fakeClient({ [`${ROOT}/refs.bib`]: bib, [`${ROOT}/style.csl`]: '<style xmlns="http://purl.org/net/xbiblio/csl"></style>', [`${ROOT}/a.md`]: 'x', [`${ROOT}/week1/b.markdown`]: 'y', [`${ROOT}/notes.txt`]: 'z' });
  const fs = new ClientFileSystem(client.channel);
  await fs.preload([`${ROOT}/refs.bib`, `${ROOT}/style.csl`, `${ROOT}/none.bib`]);
  const got = fs.loadBibliography(['refs.bib', 'none.bib', 'refs.txt', '../outside.bib'], ROOT, ROOT);
  assert.deepEqual(got.entries.map((e) => e.key), ['austen1813']);
  assert.deepEqual(got.problems, [
    { file: 'none.bib', line: 1, message: 'does not exist' },
    { file: 'refs.txt', line: 1, message: 'is not a bibliography Verbatim reads (.bib, CSL-JSON .json or CSL-YAML .yaml)' },
    { file: '../outside.bib', line: 1, message: 'lies outside the workspace folder and is not read' },
  ]);
  assert.equal(fs.readCslStyle(`${ROOT}/style.csl`, 'style.csl', ROOT), '<style xmlns="http://purl.org/net/xbiblio/csl"></style>');
  assert.deepEqual(fs.readCslStyle(`${ROOT}/refs.bib`, 'refs.bib', ROOT), { problem: 'the CSL style refs.bib is not a CSL style (no <style> element)' });
  assert.deepEqual(fs.readCslStyle('vscode-vfs://github/other/repo/s.csl', 's.csl', ROOT), { problem: 'the CSL style s.csl lies outside the workspace folder and is not read' });
  assert.deepEqual(fs.markdownFiles([ROOT]), { paths: [], skipped: 0 }, 'not listed before preloadMarkdownFiles');
  await fs.preloadMarkdownFiles([ROOT]);
  assert.deepEqual(fs.markdownFiles([ROOT]), { paths: [`${ROOT}/a.md`, `${ROOT}/week1/b.markdown`], skipped: 0 });
});

test('ClientFileSystem: preloads that overlap (two checks at once) read a file once, and each finds its bytes when it returns', async () => {
  const client = fakeClient({ [`${ROOT}/novel.txt`]: 'It was a bright cold day in April.' });
  // Bytes held back until released, as a busy client's would be; nothing is held yet, so every preload waits.
  const held: (() => void)[] = [];
  client.calls.gate = () => new Promise((resolve) => held.push(resolve));
  const fs = new ClientFileSystem(client.channel);
  let firstDone = false;
  const first = fs.preload([`${ROOT}/novel.txt`]).then(() => (firstDone = true));
  const second = fs.preload([`${ROOT}/.verbatim.json`, `${ROOT}/novel.txt`]);
  while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(firstDone, false, 'a preload does not return before the bytes it fetches are there');
  assert.deepEqual([held.length, client.calls.fetch], [1, 2], 'the second preload asks only about the config, and waits for the read the first began');
  held.shift()!();
  await Promise.all([first, second]);
  assert.deepEqual(client.calls.read, [`${ROOT}/novel.txt`]);
  assert.deepEqual(fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt' }).passages.map((x) => x.text), ['It was a bright cold day in April.']);
});

test('ClientFileSystem: a client that answers something else than the protocol says is one that could not answer', async () => {
  for (const answer of [null, {}, [null, 'x'], [{ type: 'file' }]]) {
    const fs = new ClientFileSystem({ fetch: async () => answer as never, markdownFiles: async () => ({ uris: [], skipped: 0 }) });
    await fs.preload([`${ROOT}/a.txt`]);
    assert.equal(fs.stat(`${ROOT}/a.txt`), undefined, JSON.stringify(answer));
    assert.throws(() => fs.loadCorpus(`${ROOT}/a.txt`, { path: 'a.txt' }), { message: `Corpus ${ROOT}/a.txt does not exist` });
  }
});

test('ClientFileSystem: a file the client says changed (a file event) is fetched again before the next preload answers', async () => {
  const client = fakeClient({ [`${ROOT}/novel.txt`]: 'It was a bright cold day in April.' });
  let changes = 0;
  const fs = new ClientFileSystem(client.channel, () => changes++);
  await fs.preload([`${ROOT}/novel.txt`]);
  client.put(`${ROOT}/novel.txt`, 'It was a bright cold day in May.', 2);
  fs.forget([`${ROOT}/novel.txt`]);
  await fs.preload([`${ROOT}/novel.txt`]);
  assert.deepEqual(fs.loadCorpus(`${ROOT}/novel.txt`, { path: 'novel.txt' }).passages.map((x) => x.text), ['It was a bright cold day in May.']);
  assert.equal(changes, 0, 'nothing checked with the old text, so nothing to tell');
});

test('ClientFileSystem: a confined corpus or bibliography reached through a symbolic link is refused by name (the browser cannot see where a link leads)', async () => {
  const client = fakeClient({ [`${ROOT}/sources/link.txt`]: 'Secret words from elsewhere on the disk.', [`${ROOT}/shared/novel.txt`]: 'Words.', [`${ROOT}/refs.bib`]: '@book{a, title = {A}}\n', [`${ROOT}/plain.txt`]: 'Plain words.' });
  client.calls.links.add(p.pathToUri(`${ROOT}/sources/link.txt`));
  client.calls.links.add(p.pathToUri(`${ROOT}/shared`));
  client.calls.links.add(p.pathToUri(`${ROOT}/refs.bib`));
  const fs = new ClientFileSystem(client.channel);
  await fs.preload([`${ROOT}/sources/link.txt`, `${ROOT}/shared/novel.txt`, `${ROOT}/refs.bib`, `${ROOT}/plain.txt`]);
  const confine = { root: ROOT, why: 'corpora from .verbatim.json must lie inside the workspace folder' };
  assert.throws(() => fs.loadCorpus(`${ROOT}/sources/link.txt`, { path: 'sources/link.txt' }, confine), {
    message: `Corpus ${ROOT}/sources/link.txt is reached through the symbolic link ${ROOT}/sources/link.txt, which cannot be followed here to check that it stays inside ${ROOT}; it was not read (${confine.why})`,
  });
  assert.throws(() => fs.loadCorpus(`${ROOT}/shared/novel.txt`, { path: 'shared/novel.txt' }, confine), { message: new RegExp(`through the symbolic link ${ROOT}/shared,`) });
  assert.equal(fs.loadCorpus(`${ROOT}/plain.txt`, { path: 'plain.txt' }, confine).passages.length, 1);
  // Not confined (the user's own settings): a link is followed as on the desktop.
  assert.equal(fs.loadCorpus(`${ROOT}/sources/link.txt`, { path: 'sources/link.txt' }).passages[0].text, 'Secret words from elsewhere on the disk.');
  // The workspace folder itself may be a link: only links below it count.
  client.calls.links.add(p.pathToUri(ROOT));
  await fs.preload([`${ROOT}/plain.txt`, `${ROOT}/other.txt`]);
  assert.equal(fs.loadCorpus(`${ROOT}/plain.txt`, { path: 'plain.txt' }, confine).passages.length, 1);
  assert.deepEqual(fs.loadBibliography(['refs.bib'], ROOT, ROOT).problems, [
    { file: 'refs.bib', line: 1, message: `is reached through the symbolic link ${ROOT}/refs.bib, which cannot be followed here to check that it stays inside the workspace folder; it was not read` },
  ]);
});
