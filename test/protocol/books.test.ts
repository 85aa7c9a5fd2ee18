import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-protocol';
import { makePdf } from '../helpers/books';
import { startServer, type Session } from '../helpers/lspClient';

// A PDF edition in the workspace: read in the background, then checked with its printed pages.
const root = mkdtempSync(join(tmpdir(), 'verbatim-books-lsp-'));
const cache = mkdtempSync(join(tmpdir(), 'verbatim-books-cache-'));
let session: Session;
const line = (text: string, y: number, x = 60) => ({ text, x, y });
writeFileSync(
  join(root, 'frankenstein.pdf'),
  makePdf(
    [
      [line('Preface', 640), line('These pages were written in the summer of the year in question.', 600, 75)],
      [line('20 Letter IV', 660), line('“I agree with you,” replied the stranger, “in believing that friendship', 600, 75), line('is not only a desirable, but a possible acquisition. I once had a', 586), line('friend, the most noble of human creatures.”', 572)],
      [line('Letter IV 21', 660), line('As he said this, his countenance became expressive of a calm settled', 600, 75), line('grief, that touched me to the heart.', 586)],
    ],
    { pageLabels: '<< /Nums [0 << /S /r /St 10 >> 1 << /S /D /St 20 >>] >>', title: 'Frankenstein', author: 'Mary Shelley' },
  ),
);
writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'frankenstein.pdf', year: 1818 }] }));
const essay = pathToFileURL(join(root, 'essay.md')).href;
const TEXT = [
  'The stranger calls friendship “not only a desirable, but a possible acquisition” (Shelley 20).',
  '',
  'He is “the most noble of human creatures” (Shelley 25).',
  '',
  'Walton sees that “his countenance became expressive of a calm settled grief” (Shelley 21).',
  '',
  'He adds, “I once had',
].join('\n');

before(async () => {
  session = await startServer({ rootPath: root, initializationOptions: { corpusDocuments: true }, env: { VERBATIM_CACHE_DIR: cache } });
});
after(async () => {
  await session.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

/** Diagnostics as they are published, until the PDF has been read (no quotation left unverified). */
async function settled(): Promise<Diagnostic[]> {
  let next = session.diagnostics(essay);
  session.open(essay, TEXT);
  for (;;) {
    const d = await next;
    if (!d.some((x) => x.code === 'unverified-quote')) return d;
    next = session.diagnostics(essay);
  }
}

// Bounded: a PDF that never arrives fails the test instead of hanging it.
test('a PDF corpus loads in the background; a wrong page gets wrong-locator with a fix, right pages pass', { timeout: 120_000 }, async () => {
  const diagnostics = await settled();
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.source]),
    [['wrong-locator', 'Cited page 25, but these words are on page 20 of Frankenstein', 2, 'verbatim']],
  );
  const shown = session.received('window/showMessage') as { message: string }[];
  assert.ok(shown.some((m) => m.message.endsWith('frankenstein.pdf is a PDF being read; its quotations are checked as soon as it is ready')), JSON.stringify(shown));
  const actions = (await session.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: essay },
    range: diagnostics[0].range,
    context: { diagnostics, only: ['quickfix'] },
  })) as { title: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
  assert.deepEqual(
    actions.map((a) => [a.title, a.edit.changes[essay][0].newText, a.edit.changes[essay][0].range]),
    [['Cite 20', '20', { start: { line: 2, character: 51 }, end: { line: 2, character: 53 } }]],
  );
});

test('completion inserts the citation with the printed page; hover names it; definition opens the extracted text', async () => {
  const list = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: essay }, position: { line: 6, character: 20 } })) as CompletionList;
  const first = list.items[0] as CompletionItem & { textEdit: { newText: string } };
  // Completion goes on from the words typed, to the passage's end, then the closing mark and the citation.
  // The book's sentence ends the speech with its own closing mark: no second one.
  assert.equal(first.textEdit.newText, 'I once had a friend, the most noble of human creatures.” (Shelley 20)$0');
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: essay }, position: { line: 4, character: 30 } })) as Hover;
  assert.match((hover.contents as { value: string }).value, /^the book · \*Frankenstein\*, Mary Shelley · page 21$/m);
  const where = (await session.connection.sendRequest('textDocument/definition', { textDocument: { uri: essay }, position: { line: 4, character: 30 } })) as Location;
  assert.match(where.uri, /^verbatim-corpus:\/book\/[0-9a-f]{12}\/frankenstein\.pdf\.txt$/);
  const text = (await session.connection.sendRequest('verbatim/corpusText', { uri: where.uri })) as string;
  const lines = text.split('\n');
  assert.equal(lines[where.range.start.line].slice(where.range.start.character, where.range.end.character), 'his countenance became expressive of a calm settled grief');
});
