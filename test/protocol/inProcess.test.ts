// The server in this process (createServer) on an in-memory file system: no
// disk, no child process. Config files, corpora and their reloads, and a client
// that never answers workspace/configuration.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { MemoryFileSystem } from '../../server/src/service/memoryFileSystem';
import { openAndCheck, startInProcess } from '../helpers/lspClient';

const messages = (ds: Diagnostic[]) => ds.map((d) => d.message);

function workspace(): MemoryFileSystem {
  return new MemoryFileSystem({
    '/ws/.verbatim.json': JSON.stringify({ corpora: [{ path: 'sources/diary.md', title: 'Diary' }] }),
    '/ws/sources/diary.md': '# Monday\n\nThe kettle sang on the stove while the rain kept time against the glass.\n',
  });
}

const ESSAY = 'The diary says “The kettle sang on the stove while the snow kept time against the glass.”';

test('in process: a Markdown corpus from .verbatim.json, reloaded on a file event', async () => {
  const fs = workspace();
  const session = await startInProcess(fs, { rootPath: '/ws' });
  try {
    const essay = 'file:///ws/essay.md';
    assert.deepEqual(messages(await openAndCheck(session, essay, ESSAY)), ['Misquoted: "snow" where the source has "rain"']);
    fs.write('/ws/sources/diary.md', '# Monday\n\nThe kettle sang on the stove while the snow kept time against the glass.\n');
    const next = session.diagnostics(essay);
    void session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///ws/sources/diary.md', type: 2 }] });
    assert.deepEqual(await next, []);
  } finally {
    await session.close();
  }
});

test('in process: a deleted corpus is named once, and the essay re-checked without it', async () => {
  const fs = workspace();
  const session = await startInProcess(fs, { rootPath: '/ws' });
  try {
    const essay = 'file:///ws/essay.md';
    await openAndCheck(session, essay, ESSAY);
    fs.delete('/ws/sources/diary.md');
    const next = session.diagnostics(essay);
    void session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///ws/sources/diary.md', type: 3 }] });
    assert.deepEqual(messages(await next), ['Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it']);
    assert.deepEqual(session.received('window/showMessage'), [{ type: 2, message: 'Verbatim: Corpus /ws/sources/diary.md does not exist' }]);
  } finally {
    await session.close();
  }
});

test('in process: an unknown rule code in .verbatim.json is a warning at the key', async () => {
  const text = '{\n  "rules": { "misquotes": "off" }\n}\n';
  const fs = new MemoryFileSystem({ '/ws/.verbatim.json': text });
  const session = await startInProcess(fs, { rootPath: '/ws' });
  try {
    const uri = 'file:///ws/.verbatim.json';
    const ds = await openAndCheck(session, uri, text);
    assert.deepEqual(ds, [
      {
        range: { start: { line: 1, character: 13 }, end: { line: 1, character: 24 } },
        severity: 1,
        source: 'verbatim',
        code: 'invalid-config',
        message: 'Unknown rule "misquotes"; expected one of misquote, unverified-quote, misattribution, missing-citation, wrong-locator, partly-verified, unmarked-quotation, wrong-source, unknown-citation-key, bibliography-problem',
      },
    ]);
    // The config file is never checked as an essay: no hover, no symbols.
    assert.equal(await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 16 } }), null);
    assert.deepEqual(await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
  } finally {
    await session.close();
  }
});

test('in process: a client that never answers workspace/configuration still gets diagnostics, with the defaults', async () => {
  const fs = new MemoryFileSystem({});
  const session = await startInProcess(fs, {
    pullConfiguration: true,
    configuration: () => new Promise(() => undefined),
    server: { configurationTimeoutMs: 100 },
  });
  try {
    const ds = await openAndCheck(session, 'file:///notes/essay.md', 'Kathy says, “it means a lot to me, being able to do my job well”.');
    assert.deepEqual(messages(ds), ['Misquoted: "job" where the source has "work"']);
    assert.match(session.stderr(), /did not answer workspace\/configuration within 100 ms; using the default settings/);
  } finally {
    await session.close();
  }
});

test('in process: typing in .verbatim.json re-checks the open essays once, after it parses and the typing pauses', async () => {
  const fs = new MemoryFileSystem({ '/ws/.verbatim.json': '{}' });
  const session = await startInProcess(fs, { rootPath: '/ws', server: { configDebounceMs: 50 } });
  try {
    const essay = 'file:///ws/essay.md';
    const config = 'file:///ws/.verbatim.json';
    await openAndCheck(session, essay, 'Kathy says, “it means a lot to me, being able to do my job well”.');
    await openAndCheck(session, config, '{}');
    const count = () => session.published(essay).length;
    const before = count();
    // Twenty keystrokes; each intermediate text but the last is broken JSON.
    const final = '{ "minWords": 3 }';
    for (let i = 1; i <= final.length; i++) {
      const problems = session.diagnostics(config, i + 1);
      session.change(config, i + 1, final.slice(0, i));
      await problems;
    }
    fs.write('/ws/.verbatim.json', final);
    const rechecked = session.diagnostics(essay);
    assert.deepEqual(messages(await rechecked), ['Misquoted: "job" where the source has "work"']);
    assert.equal(count() - before, 1);
  } finally {
    await session.close();
  }
});

test('in process: a workspace folder added later is part of the workspace check', async () => {
  const fs = new MemoryFileSystem({
    '/a/one.md': 'Kathy says, “it means a lot to me, being able to do my job well”.',
    '/b/two.md': 'Ruth: “a quotation nobody ever wrote in any book at all”.',
  });
  const session = await startInProcess(fs, { rootPath: '/a', workspaceCapabilities: { workspaceFolders: true } });
  try {
    const check = () => session.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.checkWorkspace', arguments: [] });
    assert.deepEqual(await check(), { files: 1, quotations: 1, flagged: 1, skipped: 0 });
    void session.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'file:///b', name: 'b' }], removed: [] } });
    assert.deepEqual(await check(), { files: 2, quotations: 2, flagged: 2, skipped: 0 });
    void session.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: 'file:///a', name: 'a' }] } });
    assert.deepEqual(await check(), { files: 1, quotations: 1, flagged: 1, skipped: 0 });
  } finally {
    await session.close();
  }
});

test('in process: a hover after a corpus changed on disk (no file event, no edit) shows the new verdict, and the diagnostics follow', async () => {
  const fs = workspace();
  const session = await startInProcess(fs, { rootPath: '/ws' });
  try {
    const essay = 'file:///ws/essay.md';
    await openAndCheck(session, essay, ESSAY);
    const hoverText = async () => {
      const h = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: essay }, position: { line: 0, character: 30 } })) as { contents: { value: string } } | null;
      return h?.contents.value.split('\n')[0];
    };
    assert.equal(await hoverText(), '**Verbatim: misquoted** — "snow" where the source has "rain"');
    fs.write('/ws/sources/diary.md', '# Monday\n\nThe kettle sang on the stove while the snow kept time against the glass.\n');
    // Finding the change re-checks the open essays: the stale misquote is withdrawn without an edit.
    const next = session.diagnostics(essay);
    assert.equal(await hoverText(), '**Verbatim: quoted correctly** ✓');
    assert.deepEqual(await next, []);
  } finally {
    await session.close();
  }
});
