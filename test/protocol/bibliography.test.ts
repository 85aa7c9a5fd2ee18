// The essay's own bibliography through the real server: front matter
// `bibliography: refs.bib`, a correct `[@austen1813, p. 3]`, an unknown key with
// its quick fix, `[@` completion of the keys, hover on a key, and Works Cited
// written from the file's entries.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { CodeAction, CompletionList, Hover, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { openAndCheck, startServer } from '../helpers/lspClient';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bibliography');
const ESSAY = readFileSync(join(DIR, 'essay.md'), 'utf8');

test('bibliography: refs.bib: unknown key and its fix, key completion and hover, Works Cited with the publisher', async () => {
  const s = await startServer({ rootPath: DIR });
  try {
    const uri = pathToFileURL(join(DIR, 'essay.md')).href;
    const diagnostics = await openAndCheck(s, uri, ESSAY);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range, d.message]),
      [['unknown-citation-key', { start: { line: 7, character: 41 }, end: { line: 7, character: 52 } }, 'Unknown citation key @austen1831: the bibliography has no such entry; did you mean @austen1813?']],
    );

    const actions = (await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.edit?.changes?.[uri]]),
      // The quick fix, silencing the code in this file (a key is no quotation: nothing to ignore), then main's
      // source action (Update Works Cited runs the command: no edit).
      [
        ['Change to @austen1813', [{ range: { start: { line: 7, character: 42 }, end: { line: 7, character: 52 } }, newText: 'austen1813' }]],
        ['Disable unknown-citation-key in this file', [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '<!-- verbatim-disable-file unknown-citation-key -->\n\n' }]],
        ['Update Works Cited', undefined],
      ],
    );

    // `[@` on a new line: every entry, with author, title and year.
    s.change(uri, 2, `${ESSAY}\nSee [@shel`);
    // A CompletionList (isIncomplete: the server filters as the user types), as for quotations.
    const list = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 6 } })) as CompletionList;
    assert.equal(list.isIncomplete, true);
    const items = list.items;
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [
        ['austen1813', 'Austen, Jane — Pride and Prejudice (1813)'],
        ['shelley1818', 'Shelley, Mary Wollstonecraft — Frankenstein; or, The Modern Prometheus (1818)'],
      ],
    );
    const narrowed = ((await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 10 } })) as CompletionList).items;
    assert.deepEqual(
      narrowed.map((i) => [i.label, i.textEdit]),
      [['shelley1818', { range: { start: { line: 9, character: 6 }, end: { line: 9, character: 10 } }, newText: 'shelley1818' }]],
    );
    s.change(uri, 3, ESSAY);

    const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 146 } })) as Hover;
    assert.deepEqual(hover.contents, { kind: 'markdown', value: 'Austen, Jane. *Pride and Prejudice*. T. Egerton, 1813.\n\n@austen1813 — refs.bib, line 2' });

    // Hover on the quotation: its verdict, and the entry its source is linked to.
    const onQuotation = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 40 } })) as Hover;
    const value = (onQuotation.contents as { value: string }).value;
    assert.ok(value.startsWith('**Verbatim: quoted correctly** ✓'), value);
    // The entry as the essay's style formats it (MLA here), its key and where it is defined.
    assert.ok(value.endsWith('\n\nBibliography: Austen, Jane. *Pride and Prejudice*. T. Egerton, 1813.\n\n@austen1813 — refs.bib, line 2'), value);

    const applied: WorkspaceEdit[] = [];
    s.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied.push(p.edit);
      return { applied: true };
    });
    await s.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.updateReferences', arguments: [uri] });
    const edits = applied.flatMap((e) => (e.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits.map((x) => ('newText' in x ? x.newText : '')) : [])));
    assert.deepEqual(edits, ['\n<!-- verbatim:works-cited -->\n\n## Works Cited\n\nAusten, Jane. *Pride and Prejudice*. T. Egerton, 1813.\n\n<!-- /verbatim:works-cited -->\n']);
  } finally {
    await s.close();
  }
});

test('a bibliography or CSL style changed on disk re-checks the essays that read it (file events, or times at the next request)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-bib-reload-'));
  for (const f of ['refs.bib', 'plain-list.csl', 'pride-and-prejudice-ch1.txt']) copyFileSync(join(DIR, f), join(root, f));
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'pride-and-prejudice-ch1.txt', title: 'Pride and Prejudice', author: 'Jane Austen' }] }));
  const s = await startServer({ rootPath: root, workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const other = pathToFileURL(join(root, 'other.md')).href;
    const text = '---\nbibliography: refs.bib\ncsl: plain-list.csl\n---\n\nThe novel opens with a joke [@austen1831].\n';
    assert.deepEqual((await openAndCheck(s, uri, text)).map((d) => d.code), ['unknown-citation-key']);
    // An essay that reads no bibliography is not checked again for it.
    assert.deepEqual(await openAndCheck(s, other, 'No citations here.\n'), []);
    writeFileSync(join(root, 'refs.bib'), readFileSync(join(root, 'refs.bib'), 'utf8') + '\n@book{austen1831, author = {Austen, Jane}, title = {Emma}, year = 1831}\n');
    const after = s.diagnostics(uri);
    void s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'refs.bib')).href, type: 2 }] });
    assert.deepEqual(await after, []);
    assert.equal(s.published(other).length, 1);

    // The style edited, no event sent: the next request sees the new file (modification time).
    const hoverText = async () => ((await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 32 } })) as Hover).contents;
    assert.deepEqual(await hoverText(), { kind: 'markdown', value: 'AUSTEN, Jane: *Emma* (1831)\n\n@austen1831 — refs.bib, line 18' });
    writeFileSync(join(root, 'plain-list.csl'), readFileSync(join(root, 'plain-list.csl'), 'utf8').replace('prefix=": " font-style="italic"', 'prefix=" — " font-style="normal"'));
    assert.deepEqual(await hoverText(), { kind: 'markdown', value: 'AUSTEN, Jane — Emma (1831)\n\n@austen1831 — refs.bib, line 18' });

    // Completion cites in the essay's own style (the corpus linked to its entry by title and author).
    const typed = `${text}\nAs she says, “It is a truth universally`;
    s.change(uri, 2, typed);
    const list = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 39 } })) as CompletionList;
    assert.deepEqual(list.items.map((i) => i.textEdit?.newText), ['universally acknowledged, that a single man in possession of a good fortune must be in want of a wife” [Austen chap. 1].$0']);
  } finally {
    await s.close();
    rmSync(root, { recursive: true, force: true });
  }
});
