// Issue #18: the server as plain LSP clients see it (eglot, lsp-mode, ALE, Helix, Neovim 0.7),
// spawned and spoken to in plain JSON-RPC: code actions from the request's range, completion and
// hover in the formats the client announced, commands that need no arguments, no registration or
// custom notification the client did not offer, CRLF kept, -32002 before initialize.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ResponseError } from 'vscode-languageserver-protocol/node';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, SERVER, startServer, type Session } from '../helpers/lspClient';

/** What eglot 1.9 without yasnippet or markdown-mode announces, in the parts that matter here. */
const PLAIN_CLIENT = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    publishDiagnostics: {},
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext'] } },
    hover: { contentFormat: ['plaintext'] },
  },
};

const MISQUOTE_LINE = 'Miss Emily is blunt: “There were no deferrals. There never was. It was all just a rumor.”';
const ESSAY = ['# Essay', '', MISQUOTE_LINE, '', 'Kathy says she is “a carer, and a good one”.', ''].join('\n');
const FIXED_LINE = 'Miss Emily is blunt: “There were no deferrals. There never were. It was all just a rumor.”';
const MISQUOTE_RANGE: Range = { start: { line: 2, character: 21 }, end: { line: 2, character: 89 } };
const WORKS_CITED = ['<!-- verbatim:works-cited -->', '', '## Works Cited', '', 'Ishiguro, Kazuo. *Never Let Me Go*. 2005.', '', '<!-- /verbatim:works-cited -->', ''].join('\n');

let session: Session;
let published: Diagnostic[];
const uri = 'file:///virtual/conformance.md';
before(async () => {
  session = await startServer({ capabilities: PLAIN_CLIENT });
  published = await openAndCheck(session, uri, ESSAY);
});
after(() => session.close());

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

async function actions(range: Range, diagnostics: Diagnostic[] = [], only?: string[], s: Session = session, at = uri): Promise<CodeAction[]> {
  return (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: at }, range, context: { diagnostics, ...(only ? { only } : {}) } })) as CodeAction[];
}

function editsOf(a: CodeAction, docUri = uri): TextEdit[] {
  const edit = a.edit as WorkspaceEdit;
  if (edit.changes) return edit.changes[docUri];
  const change = edit.documentChanges![0] as { edits: TextEdit[] };
  return change.edits;
}

test('the misquote is published where expected (the ground for the code action tests)', () => {
  assert.deepEqual(
    published.map((d) => [d.code, d.range]),
    [
      ['misquote', MISQUOTE_RANGE],
      ['unverified-quote', { start: { line: 4, character: 18 }, end: { line: 4, character: 43 } }],
    ],
  );
});

test('code actions from the cursor alone (ALE: no diagnostics echoed): the finding under it gets its fixes', async () => {
  const cursor = { line: 2, character: 40 };
  const got = await actions({ start: cursor, end: cursor }, [], ['quickfix']);
  assert.deepEqual(
    got.map((a) => [a.title, a.kind, a.isPreferred]),
    [
      ['Replace with the source wording', 'quickfix', true],
      ['Mark as an intentional alteration: [was]', 'quickfix', false],
    ],
  );
  // The action names the server's own diagnostic, as published.
  assert.deepEqual(got[0].diagnostics, [published[0]]);
  assert.equal(apply(ESSAY, editsOf(got[0])).split('\n')[2], FIXED_LINE);
  // A cursor at either end of the quotation still touches it; one on another line touches nothing.
  assert.equal((await actions({ start: MISQUOTE_RANGE.end, end: MISQUOTE_RANGE.end }, [], ['quickfix'])).length, 2);
  assert.deepEqual(await actions({ start: { line: 4, character: 3 }, end: { line: 4, character: 3 } }, [], ['quickfix']), []);
});

test('no Update Works Cited action for an essay that quotes nothing found in a source', async () => {
  const doc = 'file:///virtual/nothing-quoted.md';
  await openAndCheck(session, doc, 'Kathy says she is “a carer, and a good one”.');
  assert.deepEqual(await actions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], undefined, session, doc), []);
});

test('code actions from a selection: every finding it overlaps, none it does not', async () => {
  const whole = await actions({ start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, [], ['quickfix']);
  assert.equal(whole.length, 2);
  // A selection ending right where the quotation starts does not overlap it.
  assert.deepEqual(await actions({ start: { line: 2, character: 0 }, end: { line: 2, character: 21 } }, [], ['quickfix']), []);
});

test('an echoed diagnostic in byte columns (Neovim 0.7) still gets the fixes, and the action names what was echoed', async () => {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const echoed: Diagnostic = {
    ...published[0],
    range: { start: { line: 2, character: bytes(MISQUOTE_LINE.slice(0, 21)) }, end: { line: 2, character: bytes(MISQUOTE_LINE) } },
  };
  assert.notEqual(echoed.range.end.character, MISQUOTE_RANGE.end.character, 'the columns are shifted');
  // Neovim 0.7's vim.lsp.buf.code_action: the cursor's range and the line's diagnostics.
  const cursor = { line: 2, character: 0 };
  const got = await actions({ start: cursor, end: cursor }, [echoed]);
  const fixes = got.filter((a) => a.kind === 'quickfix');
  assert.deepEqual(fixes.map((a) => a.title), ['Replace with the source wording', 'Mark as an intentional alteration: [was]']);
  assert.deepEqual(fixes[0].diagnostics, [echoed]);
  assert.equal(apply(ESSAY, editsOf(fixes[0])).split('\n')[2], FIXED_LINE);
});

/** Runs a command as the client would for a code action, and returns the edits the server asked to apply. */
async function execute(command: { command: string; arguments?: unknown[] }, s: Session = session): Promise<{ result: unknown; edits: TextEdit[][] }> {
  const applied: TextEdit[][] = [];
  const handler = s.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
    const change = p.edit.documentChanges?.[0] as { edits: TextEdit[] } | undefined;
    applied.push(change ? change.edits : Object.values(p.edit.changes ?? {})[0]);
    return { applied: true };
  });
  try {
    return { result: await s.connection.sendRequest('workspace/executeCommand', command), edits: applied };
  } finally {
    handler.dispose();
  }
}

test('Update Works Cited is a source code action running the command on this essay, offered unless only quick fixes are asked for', async () => {
  const cursor = { line: 0, character: 0 };
  const got = await actions({ start: cursor, end: cursor }, [], ['source']);
  // A command, not an edit: computing the list on every cursor move would re-read the whole essay each time.
  assert.deepEqual(got, [
    {
      title: 'Update Works Cited',
      kind: 'source.verbatim.updateWorksCited',
      command: { title: 'Update Works Cited', command: 'verbatim.updateReferences', arguments: [uri] },
    },
  ]);
  const run = await execute(got[0].command!);
  assert.deepEqual(run.result, { applied: true });
  assert.equal(run.edits.length, 1);
  assert.equal(apply(ESSAY, run.edits[0]), `${ESSAY}\n${WORKS_CITED}`);
  assert.deepEqual((await actions({ start: cursor, end: cursor })).map((a) => a.title), ['Update Works Cited']);
  assert.deepEqual(await actions({ start: cursor, end: cursor }, [], ['quickfix']), []);
});

test('verbatim.updateReferences with no arguments (Helix, eglot) applies to the essay the latest request came from', async () => {
  const applied: WorkspaceEdit[] = [];
  const handler = session.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
    applied.push(p.edit);
    return { applied: true };
  });
  try {
    await actions({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const result = await session.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.updateReferences' });
    assert.deepEqual(result, { applied: true });
    assert.equal(applied.length, 1);
    const change = applied[0].documentChanges![0] as { textDocument: { uri: string }; edits: TextEdit[] };
    assert.equal(change.textDocument.uri, uri);
    assert.equal(apply(ESSAY, change.edits), `${ESSAY}\n${WORKS_CITED}`);
  } finally {
    handler.dispose();
  }
});

test('completion without snippet support: plain text, no $0, the word being typed replaced and the earlier words corrected', async () => {
  const line = 'When Miss Emily explains, “there wre no';
  const doc = 'file:///virtual/plain-complete.md';
  await openAndCheck(session, doc, line);
  const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: doc }, position: { line: 0, character: line.length } })) as CompletionList;
  assert.equal(list.isIncomplete, true);
  const first = list.items[0];
  const wording = 'There were no deferrals. There never were. It was all just a rumor” (Ishiguro)';
  assert.equal(first.insertTextFormat, 1);
  assert.equal(first.insertText, wording);
  assert.deepEqual(first.textEdit, { range: { start: { line: 0, character: 37 }, end: { line: 0, character: 39 } }, newText: wording });
  assert.deepEqual(first.additionalTextEdits, [{ range: { start: { line: 0, character: 27 }, end: { line: 0, character: 37 } }, newText: '' }]);
  // eglot keeps an item whose filterText starts with the symbol at point.
  assert.equal(first.filterText, 'no');
  assert.ok(list.items.every((i) => !(i.textEdit as TextEdit).newText.includes('$0') && i.filterText === 'no'));
  assert.equal(apply(line, [first.textEdit as TextEdit, ...first.additionalTextEdits!]), `When Miss Emily explains, “${wording}`);
  // Plaintext documentation comes when the item is resolved (a Markdown parse per item would slow every keystroke).
  assert.equal(first.documentation, undefined);
  const resolved = (await session.connection.sendRequest('completionItem/resolve', first)) as CompletionItem;
  assert.deepEqual({ ...resolved, documentation: undefined }, { ...first, documentation: undefined });
  assert.deepEqual(resolved.documentation, {
    kind: 'plaintext',
    value: [
      '  There were no deferrals. There never were. It was all just a rumor',
      '',
      'Miss Emily · dialogue in the novel · Never Let Me Go, Kazuo Ishiguro · The Visit to Madame and Miss Emily: Hope Extinguished, line 41',
      '',
      'Context: “There were no deferrals. There never were. It was all just a rumor” .',
    ].join('\n'),
  });
});

test('hover in plaintext when the client asked for it: no Markdown syntax left', async () => {
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 40 } })) as Hover;
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'plaintext');
  assert.deepEqual(contents.value.split('\n').slice(0, 3), ['Verbatim: misquoted — "was" where the source has "were"', '', 'The source reads: “There were no deferrals. There never were. It was all just a rumor”']);
  assert.doesNotMatch(contents.value, /\*\*|`|^>/m);
});

test('no dynamic registration of didChangeConfiguration unless the client offers it; offered, it is registered', async () => {
  assert.deepEqual(session.received('client/registerCapability'), []);
  const s = await startServer({ pullConfiguration: true, workspaceCapabilities: { didChangeConfiguration: { dynamicRegistration: true } } });
  try {
    await openAndCheck(s, 'file:///virtual/registered.md', 'Hello.');
    const methods = s.received('client/registerCapability').flatMap((p) => (p as { registrations: { method: string }[] }).registrations.map((r) => r.method));
    assert.deepEqual(methods, ['workspace/didChangeConfiguration']);
  } finally {
    await s.close();
  }
});

test('verbatim/status goes only to a client that asked for it', async () => {
  // By the time a later document is published, the status of an earlier one would have been sent.
  await openAndCheck(session, 'file:///virtual/status-2.md', 'Hello.');
  assert.deepEqual(session.received('verbatim/status'), []);
  for (const ask of [{ initializationOptions: { statusNotifications: true } }, { capabilities: { ...PLAIN_CLIENT, experimental: { verbatimStatus: true } } }]) {
    const s = await startServer(ask);
    try {
      await openAndCheck(s, 'file:///virtual/status.md', 'Hello.');
      await openAndCheck(s, 'file:///virtual/status-2.md', 'Hello.');
      // (The second document's status may still be on its way.)
      assert.deepEqual(s.received('verbatim/status').map((p) => (p as { uri: string }).uri).slice(0, 1), ['file:///virtual/status.md']);
    } finally {
      await s.close();
    }
  }
});

test('CRLF essays: quick fixes and the Works Cited edit keep CRLF', async () => {
  const crlf = ESSAY.replace(/\n/g, '\r\n');
  const doc = 'file:///virtual/crlf-conformance.md';
  await openAndCheck(session, doc, crlf);
  const got = await actions({ start: { line: 2, character: 40 }, end: { line: 2, character: 40 } }, [], undefined, session, doc);
  assert.deepEqual(got.map((a) => a.title), ['Replace with the source wording', 'Mark as an intentional alteration: [was]', 'Update Works Cited']);
  for (const a of got.slice(0, 2)) assert.doesNotMatch(apply(crlf, editsOf(a, doc)), /(?<!\r)\n/, a.title);
  const run = await execute(got[2].command!);
  assert.equal(apply(crlf, run.edits[0]), `${crlf}\r\n${WORKS_CITED.replace(/\n/g, '\r\n')}`);
});

test('a request before initialize is answered ServerNotInitialized (-32002)', async () => {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    await assert.rejects(
      connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }),
      (e: ResponseError<unknown>) => e.code === -32002,
    );
  } finally {
    connection.dispose();
    child.kill();
  }
});

/** A UTF-16 column of `line` in another encoding. */
function column(line: string, character: number, encoding: 'utf-8' | 'utf-32'): number {
  const before = line.slice(0, character);
  return encoding === 'utf-8' ? Buffer.byteLength(before, 'utf8') : [...before].length;
}

/** The UTF-16 column of a column in another encoding. */
function utf16Column(line: string, character: number, encoding: 'utf-8' | 'utf-32'): number {
  let units = 0;
  let counted = 0;
  for (const ch of line) {
    if (counted >= character) break;
    counted += encoding === 'utf-8' ? Buffer.byteLength(ch, 'utf8') : 1;
    units += ch.length;
  }
  return units;
}

for (const encoding of ['utf-8', 'utf-32'] as const) {
  test(`positionEncoding ${encoding}: exact columns on lines with emoji and combining marks, both ways`, async () => {
    // An emoji (2 UTF-16 units, 4 bytes, 1 code point) and a combining acute accent (1 unit, 2 bytes) before the quotation.
    const line = 'Miss Emily 🙂 (e\u0301mue) is blunt: “There were no deferrals. There never was. It was all just a rumor.”';
    const text = `${line}\n\nMiss Emily 🙂 explains, “there wre no`;
    const s = await startServer({ capabilities: { ...PLAIN_CLIENT, general: { positionEncodings: [encoding, 'utf-16'] } } });
    try {
      const init = s.initializeResult as { capabilities: { positionEncoding?: string } };
      assert.equal(init.capabilities.positionEncoding, encoding);
      const doc = 'file:///virtual/encoding.md';
      const diagnostics = await openAndCheck(s, doc, text);
      const start = line.indexOf('“');
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range]),
        [['misquote', { start: { line: 0, character: column(line, start, encoding) }, end: { line: 0, character: column(line, line.length, encoding) } }]],
      );
      // A cursor in the client's columns finds the quotation.
      const inside = { line: 0, character: column(line, start + 30, encoding) };
      const hover = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc }, position: inside })) as Hover;
      assert.deepEqual(hover.range, diagnostics[0].range);
      const fix = (await actions({ start: inside, end: inside }, [], ['quickfix'], s, doc))[0];
      const edit = editsOf(fix, doc)[0];
      const was = line.indexOf('was');
      // Read back in UTF-16, the edit makes exactly the fixed line.
      assert.equal(edit.range.start.line, 0);
      const from = utf16Column(line, edit.range.start.character, encoding);
      const to = utf16Column(line, edit.range.end.character, encoding);
      assert.equal(line.slice(0, from) + edit.newText + line.slice(to), line.replace('never was', 'never were'));
      assert.equal(column(line, from, encoding), edit.range.start.character, 'the edit starts on a character boundary');
      // Completion on the emoji line: ranges in the client's columns.
      const second = 'Miss Emily 🙂 explains, “there wre no';
      const list = (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri: doc }, position: { line: 2, character: column(second, second.length, encoding) } })) as CompletionList;
      const item = list.items[0];
      assert.deepEqual((item.textEdit as TextEdit).range, { start: { line: 2, character: column(second, second.length - 2, encoding) }, end: { line: 2, character: column(second, second.length, encoding) } });
      assert.deepEqual(item.additionalTextEdits![0].range, { start: { line: 2, character: column(second, second.indexOf('“') + 1, encoding) }, end: { line: 2, character: column(second, second.length - 2, encoding) } });
      // An incremental edit in the client's columns: "was" becomes "were", and the misquote is gone.
      const fixed = s.diagnostics(doc, 2);
      void s.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: doc, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: column(line, was, encoding) }, end: { line: 0, character: column(line, was + 3, encoding) } }, text: 'were' }],
      });
      assert.deepEqual(await fixed, []);
    } finally {
      await s.close();
    }
  });
}

test('without positionEncodings the server says utf-16', async () => {
  assert.equal((session.initializeResult as { capabilities: { positionEncoding?: string } }).capabilities.positionEncoding, 'utf-16');
});

test('pull diagnostics (textDocument/diagnostic) equal the pushed ones, and a pulling client gets no push', async () => {
  const s = await startServer({
    capabilities: { ...PLAIN_CLIENT, workspace: { ...PLAIN_CLIENT.workspace, diagnostics: { refreshSupport: true } }, textDocument: { ...PLAIN_CLIENT.textDocument, diagnostic: {} } },
  });
  try {
    const init = s.initializeResult as { capabilities: { diagnosticProvider?: unknown } };
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'verbatim', interFileDependencies: false, workspaceDiagnostics: false });
    s.open(uri, ESSAY);
    const report = (await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items, published);
    // A second document's report is also pulled; by then the first one's push would have been sent.
    await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///virtual/second.md' } });
    s.open('file:///virtual/second.md', 'Hello.');
    await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///virtual/second.md' } });
    assert.deepEqual(s.published(uri), []);
    // New settings may change every verdict: the pulling client is asked to pull again.
    const refreshed = new Promise<void>((resolve) => s.connection.onRequest('workspace/diagnostic/refresh', () => (resolve(), null)));
    void s.connection.sendNotification('workspace/didChangeConfiguration', { settings: { verbatim: { minWords: 5 } } });
    await refreshed;
  } finally {
    await s.close();
  }
});
