// Issue 16 through the real server: a partly verified quotation is information with a hover that
// shows the verified words, and a quick fix on a blockquote over two lines keeps both lines and markers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

const ESSAY = [
  'It opens: “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years. That sounds long enough, I know.”',
  '',
  '> I found myself standing before acres of plowed earth. I didn’t know what it was, but',
  '> I stared and stared, and suddenly I felt tears run down my face.',
  '',
  'Tommy gives “a roar of rage… a long, deep one that echoed through the empty fields”.',
  '',
].join('\n');
const uri = 'file:///virtual/excerpts.md';
let session: Session;
let diagnostics: Diagnostic[];

before(async () => {
  session = await startServer();
  diagnostics = await openAndCheck(session, uri, ESSAY);
});
after(() => session.close());

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

test('a quotation running past the review’s excerpt is partly verified (information), the misquotes warnings', () => {
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message]),
    [
      ['partly-verified', 3, 0, 'Partly verified: “My name is Kathy H. … eleven years” is Kathy’s line in Never Let Me Go (built-in passages); the rest is not in the built-in passages'],
      ['misquote', 2, 2, 'Misquoted: "plowed" where the source has "ploughed" (British and American spellings; editions differ)'],
      ['misquote', 2, 5, 'Misquoted: "rage" where the source has "anger"'],
    ],
  );
});

test('the hover of a partly verified quotation shows which words the passage holds', async () => {
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } })) as Hover;
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /^\*\*Verbatim: partly verified\*\* — the words in bold are in the passage; the rest is not in it\n\n“\*\*My name is Kathy H\. I’m thirty-one years old, and I’ve been a carer now for over eleven years\*\*\. That sounds long enough, I know\.”/);
});

test('the quick fix of a two-line blockquote keeps both lines and their markers; one beside an ellipsis restores the word', async () => {
  const fixed: string[] = [];
  for (const d of diagnostics.filter((x) => x.code === 'misquote')) {
    const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const replace = actions.find((a) => a.title === 'Replace with the source wording');
    assert.ok(replace, String(d.message));
    fixed.push(apply(ESSAY, replace.edit!.changes![uri]));
  }
  assert.equal(fixed[0].split('\n').slice(2, 4).join('\n'), '> I found myself standing before acres of ploughed earth. I didn’t know what it was, but\n> I stared and stared, and suddenly I felt tears run down my face.');
  assert.equal(fixed[1].split('\n')[5], 'Tommy gives “a roar of anger… a long, deep one that echoed through the empty fields”.');
});
