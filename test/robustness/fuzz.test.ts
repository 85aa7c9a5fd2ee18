// Property test: random Markdown essays and random incremental edit sequences,
// driven through the real server over stdio. After each sequence the server's
// diagnostics must equal a fresh full check of the final text, lie inside the
// document, and every quick fix must stay inside the quotation it fixes.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { IncrementalQuotations } from '../../server/src/engine/blocks';
import { findQuotations } from '../../server/src/engine/markdown';
import { startServer, type Session } from '../helpers/lspClient';
import { assertInside, contains, expectedDiagnostics } from './support';

// Pieces an essay is made of: real and altered source passages, every kind of mark and markup.
const PIECES = [
  '“They prove we have souls.”', '“They prove we have hearts.”', '"it means a lot to me, being able to do my job well"',
  '‘My name is Kathy H.’', '“My name is Kathy H. I’m thirty-one years old', '> You’ve been told and not told.\n',
  '> > There were no deferrals.\n', '- a list “item with', ' quote” ', '1. “The sea remembers every name”\n',
  '`“code”`', '```\n“fenced”\n```\n', '<!-- “comment” -->', '[link “text”](http://x "title")', '*“emphasis*”',
  '# Heading “', '\n', '\r\n', '\r', '\n\n', ' ', 'the ', 'said ', '"', '“', '”', '‘', '’', "'", '…', '[...]', '[sic]',
  '😀', 'e\u0301', '\uD800', '\t', '---\n', '| a | “b” |\n|---|---|\n', '\\"', '&ldquo;',
];
const piece = fc.constantFrom(...PIECES);
const essay = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.array(piece, { maxLength: 3 }).map((p) => p.join('')) });

let session: Session;
let cases = 0;
let edits = 0;
before(async () => {
  session = await startServer();
});
after(() => session.close());

test('random essays and edit sequences: incremental equals from scratch, ranges valid, fixes stay inside', { timeout: 120_000 }, async (t) => {
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(essay, fc.array(edit, { maxLength: 8 }), async (initial, sequence) => {
      const uri = `file:///fuzz/${++cases}.md`;
      const doc = TextDocument.create(uri, 'markdown', 1, initial);
      let version = 1;
      session.open(uri, initial, 1);
      for (const e of sequence) {
        const text = doc.getText();
        const start = e.at % (text.length + 1);
        const range = { start: doc.positionAt(start), end: doc.positionAt(Math.min(text.length, start + e.remove)) };
        version++;
        edits++;
        TextDocument.update(doc, [{ range, text: e.insert }], version);
        // No await between edits: a burst, as fast as the pipe takes it.
        void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: e.insert }] });
      }
      const final = doc.getText();
      const diagnostics: Diagnostic[] = await session.diagnostics(uri, version);
      assert.deepEqual(diagnostics, expectedDiagnostics(final, uri));
      for (const d of diagnostics) {
        assertInside(final, d.range);
        if (d.code !== 'misquote') continue;
        const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
        // The misquote's own fixes (the range may touch another finding, e.g. a misattribution of the same quotation).
        for (const a of actions.filter((x) => x.diagnostics?.some((y) => y.code === 'misquote' && JSON.stringify(y.range) === JSON.stringify(d.range)))) {
          for (const change of a.edit!.changes![uri]) {
            assertInside(final, change.range);
            assert.ok(contains(d.range, change.range), 'a quick fix reaches outside its quotation');
          }
        }
      }
      const closed = session.diagnostics(uri);
      void session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      assert.deepEqual(await closed, []);
    }),
    { numRuns: 3000, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
  );
  t.diagnostic(`${cases} documents, ${edits} edits in ${Date.now() - started} ms`);
  assert.ok(cases >= 100, `only ${cases} documents fuzzed`);
  assert.equal(session.process.exitCode, null);
  assert.equal(session.stderr(), '');
});

test('found by the fuzz test: a chunk starting with `---` is not read as front matter', () => {
  const text = '\n\n---\n“---\n- a list “item with"it means a lot to me, being able to do my job well"rove we have souls.”';
  assert.deepEqual(new IncrementalQuotations().find(text), findQuotations(text));
});
