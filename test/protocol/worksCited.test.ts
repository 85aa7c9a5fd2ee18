// `verbatim.updateReferences` through the real server: the `workspace/applyEdit`
// it sends is a versioned edit in the document's line ends that changes only
// the entries Verbatim owns, and a second run changes nothing.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

const START = '<!-- verbatim:works-cited -->';
const END = '<!-- /verbatim:works-cited -->';

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

/** Runs the command and returns its result and every edit the server asked the client to apply. */
async function run(s: Session, uri: string): Promise<{ result: unknown; applied: WorkspaceEdit[] }> {
  const applied: WorkspaceEdit[] = [];
  const handler = s.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
    applied.push(p.edit);
    return { applied: true };
  });
  try {
    const result = await s.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.updateReferences', arguments: [uri] });
    return { result, applied };
  } finally {
    handler.dispose();
  }
}

const CRLF_ESSAY = [
  '# Hailsham',
  '',
  'Kathy remembers “the gallery”, and Tommy says “They prove we have souls” (Ishiguro).[^1]',
  '',
  '## Works Cited',
  '',
  'Wood, James. “The Human Difference.” *The New Republic*, 2005.',
  '',
  'Ishiguro, K. (2005). *Never Let Me Go*.',
  '',
  '[^1]: The gallery is never seen.',
  '',
  'I have neither given nor received unauthorised help.',
  '',
  'Word count: 1,482',
  '',
].join('\r\n');

test('a CRLF essay with an old section: one versioned edit, CRLF lines, only the exact entry changes; a second run changes nothing', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///virtual/crlf.md';
    await openAndCheck(s, uri, CRLF_ESSAY);
    const first = await run(s, uri);
    assert.deepEqual(first.result, { applied: true });
    assert.equal(first.applied.length, 1);
    const edit = first.applied[0];
    assert.equal(edit.changes, undefined);
    assert.equal(edit.documentChanges?.length, 1);
    const change = edit.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.deepEqual(change.edits, [
      {
        range: { start: { line: 8, character: 0 }, end: { line: 8, character: 39 } },
        newText: `${START}\r\n\r\nIshiguro, Kazuo. *Never Let Me Go*. Faber and Faber, 2005.\r\n\r\n${END}`,
      },
    ]);
    const written = apply(CRLF_ESSAY, change.edits as TextEdit[]);
    assert.equal(written, CRLF_ESSAY.replace('Ishiguro, K. (2005). *Never Let Me Go*.', `${START}\r\n\r\nIshiguro, Kazuo. *Never Let Me Go*. Faber and Faber, 2005.\r\n\r\n${END}`));

    // The client applied it: the server sees version 2, and the list is up to date.
    const checked = s.diagnostics(uri, 2);
    s.change(uri, 2, written);
    await checked;
    const second = await run(s, uri);
    assert.equal(second.result, null);
    assert.deepEqual(second.applied, []);
    assert.deepEqual(s.received('window/showMessage'), [{ type: 3, message: 'Verbatim: the Works Cited list is already up to date' }]);
  } finally {
    await s.close();
  }
});

test('configured style (APA), nested headings, no final newline: the block goes under the heading, the rest of the essay stays', async () => {
  const s = await startServer({ settings: { citationStyle: 'apa' } });
  try {
    const uri = 'file:///virtual/nested.md';
    const text = ['# Bibliography', '', 'Old entry.', '', '## Part two', '', 'She says “They prove we have souls” (Ishiguro, 2005).'].join('\n');
    await openAndCheck(s, uri, text);
    const { result, applied } = await run(s, uri);
    assert.deepEqual(result, { applied: true });
    const change = applied[0].documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(
      apply(text, change.edits as TextEdit[]),
      ['# Bibliography', '', START, '', 'Ishiguro, K. (2005). *Never Let Me Go*. Faber and Faber.', '', END, '', 'Old entry.', '', '## Part two', '', 'She says “They prove we have souls” (Ishiguro, 2005).'].join('\n'),
    );
  } finally {
    await s.close();
  }
});

test('a client without versioned edits gets plain changes; unpaired markers and an essay quoting nothing get a message and no edit', async () => {
  const s = await startServer({ versionedEdits: false });
  try {
    const uri = 'file:///virtual/plain.md';
    const text = 'Tommy says “They prove we have souls.”\n';
    await openAndCheck(s, uri, text);
    const { applied } = await run(s, uri);
    assert.deepEqual(applied, [
      {
        changes: {
          [uri]: [
            {
              range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
              newText: `\n${START}\n\n## Works Cited\n\nIshiguro, Kazuo. *Never Let Me Go*. Faber and Faber, 2005.\n\n${END}\n`,
            },
          ],
        },
      },
    ]);

    const broken = 'file:///virtual/broken.md';
    await openAndCheck(s, broken, `Tommy says “They prove we have souls.”\n\n${START}\n\nMine.\n`);
    assert.equal((await run(s, broken)).result, null);
    const empty = 'file:///virtual/empty.md';
    await openAndCheck(s, empty, 'No quotations here.');
    const nothing = await run(s, empty);
    assert.equal(nothing.result, null);
    assert.deepEqual(nothing.applied, []);
    assert.deepEqual(s.received('window/showMessage'), [
      {
        type: 3,
        message: `Verbatim: Works Cited not updated: ${START} on line 3 has no ${END} after it; put the end marker back (or remove this one) and run the command again`,
      },
      { type: 3, message: 'Verbatim: no quotation in this essay is found in a source, so there is nothing to list' },
    ]);
  } finally {
    await s.close();
  }
});
