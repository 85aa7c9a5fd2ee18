import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

const ESSAY = [
  '# Essay', // line 0
  '',
  'Kathy says, “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer', // line 2
  'now for over eleven years.” She likes to do "her job well".', // line 3
  '',
  'Also: "it means a lot to me, being able to do my job well" 😀 and “The sea remembers every name we ever gave it”.', // line 5
  '',
  '`“not a quote at all, it is code”` and a “carer”.',
].join('\n');

let session: Session;
let diagnostics: Diagnostic[];
const uri = 'file:///virtual/essay.md';

before(async () => {
  session = await startServer();
  diagnostics = await openAndCheck(session, uri, ESSAY);
});
after(() => session.close());

test('diagnostics on open: whole ranges, codes, messages, source and data', () => {
  assert.deepEqual(
    diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, source: d.source, message: d.message })),
    [
      {
        range: { start: { line: 5, character: 6 }, end: { line: 5, character: 58 } },
        severity: 2,
        code: 'misquote',
        source: 'verbatim',
        message: 'Misquoted: "job" where the source has "work"',
      },
      {
        range: { start: { line: 5, character: 66 }, end: { line: 5, character: 112 } },
        severity: 2,
        code: 'unverified-quote',
        source: 'verbatim',
        message: 'Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it',
      },
    ],
  );
  assert.deepEqual(diagnostics[0].data, {
    corpus: 'builtin:never-let-me-go',
    passageId: 'it-means-a-lot-to-me',
    locator: 'a. Characters, line 68',
    source: 'It means a lot to me, being able to do my work well',
    replacement: 'it means a lot to me, being able to do my work well',
    edits: [{ start: 200, end: 203, newText: 'work' }],
    contentStart: 158,
    contentEnd: 208,
    diff: [{ op: 'replace', quote: 'job', source: 'work' }],
  });
  assert.equal(ESSAY.slice(158, 208), 'it means a lot to me, being able to do my job well');
});

test('an edit re-checks and publishes for the new version only', async () => {
  const fixed = ESSAY.replace('my job well', 'my work well');
  const pending = session.diagnostics(uri, 2);
  session.change(uri, 2, fixed);
  const after = await pending;
  assert.deepEqual(
    after.map((d) => d.code),
    ['unverified-quote'],
  );
  const back = session.diagnostics(uri, 3);
  session.change(uri, 3, ESSAY);
  assert.equal((await back).length, 2);
});

test('hover on a quotation shows verdict, passage, speaker, section and context', async () => {
  const hover = (await session.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 20 },
  })) as Hover;
  assert.deepEqual(hover.range, { start: { line: 2, character: 12 }, end: { line: 3, character: 27 } });
  assert.equal(
    (hover.contents as { value: string }).value,
    [
      '**Verbatim: quoted correctly** ✓',
      '',
      '> My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years',
      '',
      '**Kathy** · narration in the novel · *Never Let Me Go*, Kazuo Ishiguro · The Frame of Memory, line 10',
      '',
      'Context: She says, “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years”.',
      '',
      'Match: 100% of the quoted words in order · passage `my-name-is-kathy-h-im`',
    ].join('\n'),
  );
  const none = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
  assert.equal(none, null);
});

test('completion after an opening mark offers passages and inserts the exact wording', async () => {
  const doc = 'file:///virtual/complete.md';
  const text = 'Miss Emily says “there were no';
  await openAndCheck(session, doc, text);
  const items = ((await session.connection.sendRequest('textDocument/completion', {
    textDocument: { uri: doc },
    position: { line: 0, character: text.length },
  })) as CompletionList).items;
  const first = items[0];
  assert.equal(first.label, 'There were no deferrals. There never were. It was all just a rumor');
  assert.equal(first.detail, 'Miss Emily — Never Let Me Go');
  assert.deepEqual(first.textEdit, {
    range: { start: { line: 0, character: 28 }, end: { line: 0, character: 30 } },
    newText: 'There were no deferrals. There never were. It was all just a rumor” (Ishiguro)$0',
  });
  // The words typed before the one being typed give way to the exact wording.
  assert.deepEqual(first.additionalTextEdits, [{ range: { start: { line: 0, character: 17 }, end: { line: 0, character: 28 } }, newText: '' }]);
  assert.equal(first.filterText, 'no');
});

test('the quick fix replaces the misquote with the source wording, keeping the marks', async () => {
  const d = diagnostics[0];
  const actions = (await session.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    // As VS Code asks for quick fixes (Update Works Cited, a source action, is asked for apart).
    context: { diagnostics: [d], only: ['quickfix'] },
  })) as CodeAction[];
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Replace with the source wording', 'Mark as an intentional alteration: [job]'],
  );
  const edit = actions[0].edit!.changes![uri][0];
  const lines = ESSAY.split('\n');
  const line = lines[5];
  const fixed = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  assert.equal(fixed, 'Also: "it means a lot to me, being able to do my work well" 😀 and “The sea remembers every name we ever gave it”.');
});

test('closing a document clears its diagnostics', async () => {
  const doc = 'file:///virtual/closing.md';
  await openAndCheck(session, doc, '“The sea remembers every name we ever gave it”');
  const cleared = session.diagnostics(doc);
  void session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc } });
  assert.deepEqual(await cleared, []);
});

test('a workspace .verbatim.json adds a book corpus; its problems are diagnostics in the file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-ws-'));
  writeFileSync(join(root, 'book.txt'), 'Chapter 1\n\nReader, I married him. It was a quiet wedding.\n');
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'book.txt', title: 'Jane Eyre', author: 'Charlotte Brontë' }] }));
  const ws = await startServer({ rootPath: root, pullConfiguration: true });
  try {
    const essay = pathToFileURL(join(root, 'essay.md')).href;
    const ds = await openAndCheck(ws, essay, 'She writes: “Reader, I married him. It was a loud wedding.”');
    assert.deepEqual(
      ds.map((d) => d.message),
      ['Misquoted: "loud" where the source has "quiet"'],
    );
    const config = pathToFileURL(join(root, '.verbatim.json')).href;
    const problems = ws.diagnostics(config, 1);
    void ws.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: config, languageId: 'json', version: 1, text: '{"corpora": 3}' } });
    assert.deepEqual(await problems, [
      {
        range: { start: { line: 0, character: 12 }, end: { line: 0, character: 13 } },
        severity: 1,
        source: 'verbatim',
        code: 'invalid-config',
        message: '"corpora" must be a list of {"path", "title", "author"} objects',
      },
    ]);
  } finally {
    await ws.close();
  }
});

test('a missing corpus is one clear message naming the path; the built-in corpus still works', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-missing-'));
  const ws = await startServer({ rootPath: root, settings: { corpora: [{ path: 'nowhere/book.txt' }] } });
  try {
    const ds = await openAndCheck(ws, pathToFileURL(join(root, 'e.md')).href, '“They prove we have souls.” and “They prove we have hearts.”');
    assert.deepEqual(ds.map((d) => d.message), ['Misquoted: "hearts" where the source has "souls"']);
    const shown = ws.received('window/showMessage') as { type: number; message: string }[];
    assert.deepEqual(shown, [{ type: 2, message: `Verbatim: Corpus ${join(root, 'nowhere/book.txt')} does not exist` }]);
  } finally {
    await ws.close();
  }
});
