import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

let session: Session;
before(async () => {
  session = await startServer({ settings: { rules: { 'missing-citation': 'information' } } });
});
after(() => session.close());

async function complete(s: Session, uri: string, text: string): Promise<CompletionItem[]> {
  await openAndCheck(s, uri, text);
  const lines = text.split('\n');
  return ((await s.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: lines.length - 1, character: lines[lines.length - 1].length },
  })) as CompletionList).items;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

async function actionsFor(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
}

test('completion is typo-tolerant and inserts wording, closing mark and citation', async () => {
  const items = await complete(session, 'file:///virtual/typo.md', 'When Miss Emily explains, “there wre no defferals');
  assert.equal(items[0].label, 'There were no deferrals. There never were. It was all just a rumor');
  assert.equal(items[0].detail, 'Miss Emily — Never Let Me Go');
  assert.deepEqual(items[0].textEdit, {
    range: { start: { line: 0, character: 40 }, end: { line: 0, character: 49 } },
    newText: 'There were no deferrals. There never were. It was all just a rumor” (Ishiguro)$0',
  });
  assert.deepEqual(items[0].additionalTextEdits, [{ range: { start: { line: 0, character: 27 }, end: { line: 0, character: 40 } }, newText: '' }]);
  assert.equal(items[0].filterText, 'defferals');
  assert.equal(
    (items[0].documentation as { value: string }).value.split('\n')[0],
    '> There were no deferrals. There never were. It was all just a rumor',
  );
});

test('after a speech verb, that speaker’s passages come first', async () => {
  const items = await complete(session, 'file:///virtual/speaker.md', 'Late in the novel, Ruth confesses: “');
  const speakers = items.map((i) => i.detail?.split(' — ')[0]);
  const ruth = speakers.filter((s) => s === 'Ruth').length;
  assert.ok(ruth >= 2, `Ruth has several passages (${ruth})`);
  assert.deepEqual(speakers.slice(0, ruth), Array(ruth).fill('Ruth'));
  assert.notEqual(speakers[ruth], 'Ruth');
});

test('on a blockquote line, completion inserts the passage and the citation', async () => {
  const items = await complete(session, 'file:///virtual/block.md', 'The ending:\n\n> I found myself standing bef');
  assert.equal(items[0].label, 'I found myself standing before acres of ploughed earth. I didn’t know…');
  assert.deepEqual(items[0].textEdit, {
    range: { start: { line: 2, character: 26 }, end: { line: 2, character: 29 } },
    newText: 'I found myself standing before acres of ploughed earth. I didn’t know what it was, but I stared and stared, and suddenly I felt tears run down my face (Ishiguro)$0',
  });
  assert.deepEqual(items[0].additionalTextEdits, [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 26 } }, newText: '' }]);
});

test('citationStyle pandoc: completion cites with the key', async () => {
  const s = await startServer({ settings: { citationStyle: 'pandoc' } });
  try {
    const items = await complete(s, 'file:///virtual/pandoc.md', 'Kathy says “they prove we have');
    assert.equal(items[0].label, 'They prove we have souls.');
    assert.equal(items[0].textEdit!.newText, 'They prove we have souls.” [@ishiguro2005]$0');
  } finally {
    await s.close();
  }
});

const ESSAY = [
  '# Essay',
  '',
  'Kathy takes pride in "it means a lot to me, being able to do my job well" (Ishiguro 3).',
  'Miss Emily: “There were no deferrals. There never were. It was just a rumor” (Ishiguro 258).',
  'Ruth admits, “I kept you and Tommy apart.” Then she cries.',
  '',
  '<!-- verbatim-ignore -->',
  'Ignored: “They prove we have hearts.”',
  '',
].join('\n');
const essayUri = 'file:///virtual/fixes.md';
let essayDiagnostics: Diagnostic[];

test('diagnostics: misquotes, the optional missing-citation, and nothing for the ignored paragraph', async () => {
  essayDiagnostics = await openAndCheck(session, essayUri, ESSAY);
  assert.deepEqual(
    essayDiagnostics.map((d) => [d.range.start.line, d.code, d.message]),
    [
      [2, 'misquote', 'Misquoted: "job" where the source has "work"'],
      [3, 'misquote', 'Misquoted: "all" left out'],
      [4, 'missing-citation', 'Missing citation: no citation of Never Let Me Go follows this quotation'],
    ],
  );
});

async function applyAction(diagnostic: Diagnostic, title: string): Promise<string> {
  const action = (await actionsFor(essayUri, diagnostic)).find((a) => a.title === title);
  assert.ok(action, `an action titled ${title}`);
  return apply(ESSAY, action.edit!.changes![essayUri]);
}

test('misquote: bracket the changed word as an intentional alteration; the result checks clean', async () => {
  const fixed = await applyAction(essayDiagnostics[0], 'Mark as an intentional alteration: [job]');
  assert.equal(fixed, ESSAY.replace('do my job well', 'do my [job] well'));
  const next = session.diagnostics(essayUri, 2);
  session.change(essayUri, 2, fixed);
  // Line 2 is clean now; the other findings stay.
  assert.deepEqual(
    (await next).map((d) => [d.range.start.line, d.code]),
    [
      [3, 'misquote'],
      [4, 'missing-citation'],
    ],
  );
  const back = session.diagnostics(essayUri, 3);
  session.change(essayUri, 3, ESSAY);
  await back;
});

test('misquote with words left out: insert an ellipsis where they were', async () => {
  const actions = await actionsFor(essayUri, essayDiagnostics[1]);
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Replace with the source wording', 'Insert an ellipsis where words are left out'],
  );
  const fixed = await applyAction(essayDiagnostics[1], 'Insert an ellipsis where words are left out');
  assert.equal(fixed, ESSAY.replace('It was just a rumor', 'It was … just a rumor'));
});

test('missing-citation: add one in the essay’s style', async () => {
  const fixed = await applyAction(essayDiagnostics[2], 'Add a citation: (Ishiguro)');
  assert.equal(fixed, ESSAY.replace('apart.” Then', 'apart.” (Ishiguro) Then'));
});
