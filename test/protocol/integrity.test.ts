// unmarked-quotation and wrong-source through the real server: diagnostics,
// and their quick fixes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, startServer } from '../helpers/lspClient';

const COPIED = 'Ishiguro constructs a deceptively quiet world where the horror of systemic exploitation is softened by nostalgia, friendship, and emotional repression';
const ESSAY = ['# The review', '', `In my view, ${COPIED}.`, '', 'Charles Dickens wrote, “I kept you and Tommy apart” (Dickens 4).'].join('\n');

async function fixes(session: Awaited<ReturnType<typeof startServer>>, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
}

test('copied words without quotation marks and a quotation credited to the wrong author: diagnostics and quick fixes', async () => {
  const session = await startServer();
  try {
    const uri = 'file:///virtual/integrity.md';
    const diagnostics = await openAndCheck(session, uri, ESSAY);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.source, d.message, d.range]),
      [
        ['unmarked-quotation', 2, 'verbatim', 'Unmarked quotation: 20 words from Never Let Me Go, Background, without quotation marks', { start: { line: 2, character: 12 }, end: { line: 2, character: 12 + COPIED.length } }],
        ['wrong-source', 2, 'verbatim', 'These words are from Never Let Me Go (Ishiguro), not Dickens', { start: { line: 4, character: 23 }, end: { line: 4, character: 51 } }],
      ],
    );
    const doc = TextDocument.create(uri, 'markdown', 1, ESSAY);
    const [unmarked] = await fixes(session, uri, diagnostics[0]);
    assert.equal(unmarked.title, 'Add quotation marks and a citation');
    assert.equal(TextDocument.applyEdits(doc, unmarked.edit!.changes![uri] as TextEdit[]).split('\n')[2], `In my view, “${COPIED}” (Ishiguro).`);
    const [credit] = await fixes(session, uri, diagnostics[1]);
    assert.equal(credit.title, 'Credit Ishiguro');
    assert.equal(TextDocument.applyEdits(doc, credit.edit!.changes![uri] as TextEdit[]).split('\n')[4], 'Charles Dickens wrote, “I kept you and Tommy apart” (Ishiguro 4).');
  } finally {
    await session.close();
  }
});
