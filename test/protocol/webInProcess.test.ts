// The browser build's server (web/serve.ts: createServer on web/clientFileSystem.ts)
// in this process, over a fake client (test/helpers/fakeClient.ts): a virtual
// workspace (vscode-vfs://, as github.dev opens a repository) whose config and
// corpora are read only through the client's answers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { serveWeb } from '../../server/src/web/serve';
import { fakeClient } from '../helpers/fakeClient';
import { openAndCheck, startInProcessWith } from '../helpers/lspClient';

const ROOT = 'vscode-vfs://github/school/essays';
const messages = (ds: Diagnostic[]) => ds.map((d) => d.message);
const ESSAY = 'The diary says “The kettle sang on the stove while the snow kept time against the glass.”';

function workspace() {
  return fakeClient({
    [`${ROOT}/.verbatim.json`]: JSON.stringify({ corpora: [{ path: 'sources/diary.md', title: 'Diary' }] }),
    [`${ROOT}/sources/diary.md`]: '# Monday\n\nThe kettle sang on the stove while the rain kept time against the glass.\n',
    [`${ROOT}/sources/letters.txt`]: 'Dear Anne, the garden is full of bees again this year.\n',
  });
}

test('a virtual workspace: its .verbatim.json and corpus through the client, go to definition in the corpus file', async () => {
  const client = workspace();
  const session = await startInProcessWith((c) => serveWeb(c, client.channel), { rootUri: ROOT, initializationOptions: { corpusDocuments: true } });
  try {
    const essay = `${ROOT}/week1/essay.md`;
    assert.deepEqual(messages(await openAndCheck(session, essay, ESSAY)), ['Misquoted: "snow" where the source has "rain"']);
    // The configs above the essay were asked for, nearest first, and only files that exist were read.
    assert.deepEqual(client.calls.read, [`${ROOT}/.verbatim.json`, `${ROOT}/sources/diary.md`]);
    const location = (await session.connection.sendRequest('textDocument/definition', { textDocument: { uri: essay }, position: { line: 0, character: 20 } })) as Location;
    assert.deepEqual(location, { uri: `${ROOT}/sources/diary.md`, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 71 } } });
  } finally {
    await session.close();
  }
});

test('a virtual workspace: a corpus edited in the editor is seen after the next check, without a file event (that check used what was held; the change re-checks)', async () => {
  const client = workspace();
  const session = await startInProcessWith((c) => serveWeb(c, client.channel), { rootUri: ROOT });
  try {
    const essay = `${ROOT}/essay.md`;
    await openAndCheck(session, essay, ESSAY);
    client.put(`${ROOT}/sources/diary.md`, '# Monday\n\nThe kettle sang on the stove while the snow kept time against the glass.\n', 2);
    const held = session.diagnostics(essay, 2);
    session.change(essay, 2, ESSAY + ' ');
    assert.deepEqual(messages(await held), ['Misquoted: "snow" where the source has "rain"'], 'checked at once with the corpus held');
    assert.deepEqual(await session.diagnostics(essay, 2), [], 'then again with the corpus as it is now');
  } finally {
    await session.close();
  }
});

test('a virtual workspace: after a file event for the corpus, the next diagnostics are already made with its new text', async () => {
  const client = workspace();
  const session = await startInProcessWith((c) => serveWeb(c, client.channel), { rootUri: ROOT });
  try {
    const essay = `${ROOT}/essay.md`;
    await openAndCheck(session, essay, ESSAY);
    client.put(`${ROOT}/sources/diary.md`, '# Monday\n\nThe kettle sang on the stove while the snow kept time against the glass.\n', 2);
    const next = session.diagnostics(essay);
    void session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${ROOT}/sources/diary.md`, type: 2 }] });
    assert.deepEqual(await next, []);
  } finally {
    await session.close();
  }
});

test('a virtual workspace: "Add a Source" takes the picked file\'s URI and edits the workspace\'s .verbatim.json', async () => {
  const client = workspace();
  const session = await startInProcessWith((c) => serveWeb(c, client.channel), { rootUri: ROOT });
  try {
    const essay = `${ROOT}/essay.md`;
    await openAndCheck(session, essay, ESSAY);
    let edit: WorkspaceEdit | undefined;
    session.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      edit = p.edit;
      return { applied: true };
    });
    const result = await session.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.addSource', arguments: [essay, `${ROOT}/sources/letters.txt`] });
    assert.deepEqual(result, { applied: true, configUri: `${ROOT}/.verbatim.json` });
    const [uri, edits] = Object.entries(edit!.changes!)[0];
    assert.equal(uri, `${ROOT}/.verbatim.json`);
    assert.deepEqual(JSON.parse(edits[0].newText), { corpora: [{ path: 'sources/diary.md', title: 'Diary' }, { path: 'sources/letters.txt', title: 'Letters' }] });
  } finally {
    await session.close();
  }
});
