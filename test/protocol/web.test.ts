// The browser build's language server (server/out/web/server.js) in a worker
// that looks like a web worker, reading the workspace through the client's
// verbatim/fs/* requests (test/helpers/webWorkerServer.ts answers them from the
// disk, as the web client does with vscode.workspace.fs): the same answers as
// the Node server for the same essays, books in EPUB and HTML, a clear message
// for a PDF, bibliographies, the workspace check, and a corpus edited on disk.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { makeEpub, makePdf } from '../helpers/books';
import { openAndCheck, startServer, type BaseSession, type StartOptions } from '../helpers/lspClient';
import { startWebWorker, WEB_CITEPROC } from '../helpers/webWorkerServer';
import { CiteprocNotification, UpdateReferencesCommand } from '../../server/src/protocol';

const FIXTURES = resolve(__dirname, '../../../test/fixtures');
/** As a JSON transport carries it: a worker's messages are structured clones, which keep `undefined` members. */
const json = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
const temp: string[] = [];
after(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-web-'));
  temp.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The Node server and the browser build's server, started alike (the Node one with a cache folder of its own). */
async function both(options: StartOptions): Promise<{ node: BaseSession; web: BaseSession & { fileRequests: Map<string, number>; filesRead: () => number } }> {
  const cache = mkdtempSync(join(tmpdir(), 'verbatim-web-cache-'));
  temp.push(cache);
  const withDocs = { ...options, initializationOptions: { corpusDocuments: true, ...options.initializationOptions } };
  const [node, web] = await Promise.all([startServer({ ...withDocs, env: { VERBATIM_CACHE_DIR: cache } }), startWebWorker(withDocs)]);
  return { node, web };
}

async function closeBoth(s: { node: BaseSession; web: BaseSession }): Promise<void> {
  await Promise.all([s.node.close(), s.web.close()]);
}

test('the fixture essay: the browser build gives the Node server\'s diagnostics, hovers, completion, quick fixes, definitions and Works Cited', async () => {
  const root = join(FIXTURES, 'workspace');
  const s = await both({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const text = readFileSync(join(root, 'essay.md'), 'utf8');
    const [nodeDs, webDs] = await Promise.all([openAndCheck(s.node, uri, text), openAndCheck(s.web, uri, text)]);
    // What every editor's suite expects of this essay (test/fixtures/expected-diagnostics.json), in the browser build too.
    const expected = (JSON.parse(readFileSync(join(FIXTURES, 'expected-diagnostics.json'), 'utf8')) as Record<string, { diagnostics: { code: string; message: string }[] }>)['essay.md'].diagnostics;
    assert.deepEqual(
      webDs.map((d) => [d.code, d.message]),
      expected.map((d) => [d.code, d.message]),
    );
    assert.deepEqual(json(webDs), nodeDs);
    assert.equal(s.web.filesRead(), 2, 'the config and the corpus were read through the client');
    for (const d of nodeDs) {
      const at = { textDocument: { uri }, position: d.range.start };
      const ask = <T>(session: BaseSession, method: string, params: unknown) => session.connection.sendRequest(method, params) as Promise<T>;
      assert.deepEqual(json(await ask<Hover>(s.web, 'textDocument/hover', at)), await ask<Hover>(s.node, 'textDocument/hover', at));
      assert.deepEqual(json(await ask<Location>(s.web, 'textDocument/definition', at)), await ask<Location>(s.node, 'textDocument/definition', at));
      const actions = { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } };
      assert.deepEqual(json(await ask<CodeAction[]>(s.web, 'textDocument/codeAction', actions)), await ask<CodeAction[]>(s.node, 'textDocument/codeAction', actions));
    }
    const lines = text.split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const typed = `${text}\n\nAs the novel says, “It is a truth universally`;
    s.node.change(uri, 2, typed);
    s.web.change(uri, 2, typed);
    const complete = { textDocument: { uri }, position: { line: position.line + 2, character: 'As the novel says, “It is a truth universally'.length } };
    const [nodeItems, webItems] = await Promise.all([s.node.connection.sendRequest('textDocument/completion', complete), s.web.connection.sendRequest('textDocument/completion', complete)]);
    assert.ok((nodeItems as CompletionList).items.length > 0, 'completion offers passages');
    assert.deepEqual(json(webItems), nodeItems);
    const symbols = { textDocument: { uri } };
    assert.deepEqual(json(await s.web.connection.sendRequest('textDocument/documentSymbol', symbols)), await s.node.connection.sendRequest('textDocument/documentSymbol', symbols));
    // Update Works Cited: the same edit (its entries formatted by citeproc-js, which the worker loads only now).
    const edits = await Promise.all(
      [s.web, s.node].map(async (session) => {
        let edit: unknown;
        session.connection.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
          edit = p.edit;
          return { applied: false };
        });
        await session.connection.sendRequest('workspace/executeCommand', { command: UpdateReferencesCommand, arguments: [uri] });
        return edit;
      }),
    );
    assert.match(JSON.stringify(edits[1]), /Works Cited/);
    assert.deepEqual(json(edits[0]), edits[1]);
    const review = (await s.web.connection.sendRequest('verbatim/corpusText', { uri: 'verbatim-corpus:/never-let-me-go-review.txt' })) as string | null;
    assert.equal(review, (await s.node.connection.sendRequest('verbatim/corpusText', { uri: 'verbatim-corpus:/never-let-me-go-review.txt' })) as string | null);
    assert.ok(review && review.length > 1000);
  } finally {
    await closeBoth(s);
  }
});

test('books in the browser build: an EPUB, an HTML page and JSON passages load through the client; a PDF is named as desktop-only, never a crash', async () => {
  const epub = makeEpub([{ file: 'ch1.xhtml', title: 'Chapter One', body: '<p>The lantern swung above the harbour wall while the boats came home one by one.</p>' }], { title: 'Harbour Lights', author: 'A. Writer' });
  const html = '<!DOCTYPE html><html><head><title>Field Notes</title></head><body><p>The heron waited in the reeds until the water went perfectly still again.</p></body></html>';
  const passages = JSON.stringify([{ id: 'p1', text: 'Every morning the baker sang the same old song to his bread.' }]);
  const pdf = makePdf([[{ text: 'A line of a printed page that nobody can read in a browser.', x: 60, y: 600 }]]);
  const root = folder({
    'harbour.epub': epub,
    'notes.html': html,
    'baker.json': passages,
    'scan.pdf': pdf,
    '.verbatim.json': JSON.stringify({ corpora: [{ path: 'harbour.epub' }, { path: 'notes.html' }, { path: 'baker.json', title: 'Baker' }] }),
  });
  const essay = [
    'The book: “The lantern swung above the harbour wall while the ships came home one by one.”',
    '',
    'The notes: “The heron waited in the reeds until the water went perfectly still again.”',
    '',
    'The baker: “Every morning the baker sang the same old song to his bread.”',
  ].join('\n');
  const s = await both({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const [nodeDs, webDs] = await Promise.all([openAndCheck(s.node, uri, essay), openAndCheck(s.web, uri, essay)]);
    assert.deepEqual(
      webDs.map((d: Diagnostic) => [d.code, d.message]),
      [['misquote', 'Misquoted: "ships" where the source has "boats"']],
    );
    assert.deepEqual(json(webDs), nodeDs);
    const hover = (await s.web.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /Field Notes/);
  } finally {
    await closeBoth(s);
  }
  // The same folder with the PDF named: the other corpora still check, the PDF is one clear message.
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'scan.pdf' }, { path: 'baker.json', title: 'Baker' }] }));
  const web = await startWebWorker({ rootPath: root, initializationOptions: { corpusDocuments: true } });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const ds = await openAndCheck(web, uri, essay);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['unverified-quote', 'unverified-quote'],
    );
    assert.deepEqual(web.received('window/showMessage'), [
      { type: 2, message: `Verbatim: Corpus ${join(root, 'scan.pdf')} is a PDF: PDF editions are read only by Verbatim in desktop VS Code (or the CLI); in the browser, add the book as EPUB, HTML or text` },
    ]);
  } finally {
    await web.close();
  }
});

test('the browser build reads the bibliography an essay names through the client: the Node server\'s citation findings, and key hovers', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-web-bib-'));
  temp.push(root);
  cpSync(join(FIXTURES, 'bibliography'), root, { recursive: true });
  const s = await both({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const text = readFileSync(join(root, 'essay.md'), 'utf8');
    const [nodeDs, webDs] = await Promise.all([openAndCheck(s.node, uri, text), openAndCheck(s.web, uri, text)]);
    assert.ok(nodeDs.some((d) => d.code === 'unknown-citation-key'), JSON.stringify(nodeDs));
    assert.deepEqual(json(webDs), nodeDs);
    // A hover on a citation key shows its entry, formatted by the shipped style.
    const line = text.split('\n').findIndex((l) => l.includes('@austen1813'));
    const at = { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('@austen1813') + 2 } };
    const webHover = await s.web.connection.sendRequest('textDocument/hover', at);
    // The entry as the shipped MLA style formats it: citeproc-js, which the worker loads only now (importScripts).
    assert.match(JSON.stringify(webHover), /Austen, Jane\. \*Pride and Prejudice\*/);
    assert.deepEqual(json(webHover), await s.node.connection.sendRequest('textDocument/hover', at));
  } finally {
    await closeBoth(s);
  }
});

test('the browser build\'s citeproc-js comes by notification when the client must read it first (a remote extension), before the first reference is formatted', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-web-bib-'));
  temp.push(root);
  cpSync(join(FIXTURES, 'bibliography'), root, { recursive: true });
  const web = await startWebWorker({ rootPath: root, initializationOptions: { corpusDocuments: true, citeprocUrl: null } });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const text = readFileSync(join(root, 'essay.md'), 'utf8');
    await openAndCheck(web, uri, text);
    void web.connection.sendNotification(CiteprocNotification.method, { url: WEB_CITEPROC });
    const line = text.split('\n').findIndex((l) => l.includes('@austen1813'));
    const hover = await web.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('@austen1813') + 2 } });
    assert.match(JSON.stringify(hover), /Austen, Jane\. \*Pride and Prejudice\*/);
  } finally {
    await web.close();
  }
});

test('a corpus .verbatim.json names through a symbolic link out of the folder is not read by the browser build either', async () => {
  const outside = folder({ 'secret.txt': 'The treasure lies buried under the third oak past the old mill.\n' });
  const root = folder({ '.verbatim.json': JSON.stringify({ corpora: [{ path: 'sources/notes.txt' }] }) });
  mkdirSync(join(root, 'sources'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'sources', 'notes.txt'));
  const s = await both({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const text = 'The notes say “The treasure lies buried under the third oak past the old mill.”';
    const [nodeDs, webDs] = await Promise.all([openAndCheck(s.node, uri, text), openAndCheck(s.web, uri, text)]);
    assert.deepEqual(webDs.map((d) => d.code), ['unverified-quote']);
    assert.deepEqual(json(webDs), nodeDs);
    const said = JSON.stringify(s.web.received('window/showMessage'));
    assert.match(said, /is reached through the symbolic link .*notes\.txt, which cannot be followed here/);
  } finally {
    await closeBoth(s);
  }
});

test('the workspace check in the browser build lists the folder\'s Markdown through the client and counts what Node counts', async () => {
  const root = join(FIXTURES, 'class');
  const s = await both({ rootPath: root });
  try {
    const run = (session: BaseSession) => session.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.checkWorkspace', arguments: [] });
    const [nodeResult, webResult] = await Promise.all([run(s.node), run(s.web)]);
    assert.equal((nodeResult as { files: number }).files, 3);
    assert.deepEqual(json(webResult), nodeResult);
  } finally {
    await closeBoth(s);
  }
});

test('a corpus edited on disk: the browser build checks at once with what it holds, finds the new state meanwhile, reads it again and re-checks', async () => {
  const root = folder({
    'diary.md': '# Monday\n\nThe kettle sang on the stove while the rain kept time against the glass.\n',
    '.verbatim.json': JSON.stringify({ corpora: [{ path: 'diary.md', title: 'Diary' }] }),
  });
  const web = await startWebWorker({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const text = 'The diary says “The kettle sang on the stove while the snow kept time against the glass.”';
    assert.deepEqual((await openAndCheck(web, uri, text)).map((d) => d.message), ['Misquoted: "snow" where the source has "rain"']);
    const reads = web.filesRead();
    writeFileSync(join(root, 'diary.md'), '# Monday\n\nThe kettle sang on the stove while the snow kept time against the glass.\n');
    // The next check uses the corpus held (no round trip to the editor); the fetch meanwhile finds it changed, and everything is checked again.
    const held = web.diagnostics(uri, 2);
    web.change(uri, 2, text + ' ');
    assert.deepEqual((await held).map((d) => d.message), ['Misquoted: "snow" where the source has "rain"']);
    assert.deepEqual(await web.diagnostics(uri, 2), []);
    assert.equal(web.filesRead(), reads + 1, 'only the changed corpus was sent again');
  } finally {
    await web.close();
  }
});
