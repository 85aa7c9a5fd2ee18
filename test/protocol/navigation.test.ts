// Navigation and overview over LSP: go to definition (the passage in its
// source), document symbols, references across the workspace, semantic tokens,
// and the custom requests and command (verbatim/passages, verbatim/corpusText,
// verbatim.checkWorkspace).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { DocumentSymbol, Location, SemanticTokens } from 'vscode-languageserver-protocol';
import { MemoryFileSystem } from '../../server/src/service/memoryFileSystem';
import { openAndCheck, startInProcess, startServer, type Session } from '../helpers/lspClient';

const REVIEW_PATH = resolve(__dirname, '../../../server/corpus/never-let-me-go-review.txt');
const REVIEW = readFileSync(REVIEW_PATH, 'utf8');

const ESSAY_A = [
  '# A', // 0
  '',
  'Kathy says, “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer', // 2
  'now for over eleven years.” Also: "it means a lot to me, being able to do my job well".', // 3
  '',
  'She wrote: “Reader, I married him. It was a quiet wedding.” And a “carer”.', // 5
  '',
  '“The sea remembers every name we ever gave it”', // 7
].join('\n');

let root: string;
let session: Session;
let uriA: string;
let uriB: string;
let uriC: string;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-nav-'));
  writeFileSync(join(root, 'book.txt'), 'Chapter 1\n\nReader, I married him. It was a quiet\nwedding, and nobody came.\n\nThe second paragraph stands\nhere alone.\n');
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'book.txt', title: 'Jane Eyre', author: 'Charlotte Brontë' }] }));
  writeFileSync(join(root, 'b.md'), 'She said\n“It means a lot to me, being able to do my work well.”\n\nAnd “Reader, I married him. It was a quiet wedding.”\n');
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'sub', 'c.md'), 'Again: “My name is Kathy H. I’m thirty-one years old.”\n');
  mkdirSync(join(root, 'node_modules'));
  writeFileSync(join(root, 'node_modules', 'x.md'), '“It means a lot to me, being able to do my work well.”\n');
  mkdirSync(join(root, '.hidden'));
  writeFileSync(join(root, '.hidden', 'd.md'), '“It means a lot to me, being able to do my work well.”\n');
  uriA = pathToFileURL(join(root, 'a.md')).href;
  uriB = pathToFileURL(join(root, 'b.md')).href;
  uriC = pathToFileURL(join(root, 'sub', 'c.md')).href;
  session = await startServer({ rootPath: root });
  await openAndCheck(session, uriA, ESSAY_A);
});
after(() => session.close());

function definitionAt(s: Session, uri: string, line: number, character: number): Promise<Location | null> {
  return s.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line, character } }) as Promise<Location | null>;
}

/** The range of `from … to` on a 0-based line of the review, found independently of the server. */
function reviewRange(line: number, from: string, to: string) {
  const text = REVIEW.split('\n')[line];
  const start = text.indexOf(from);
  const end = text.indexOf(to, start) + to.length;
  assert.ok(start >= 0 && end > start);
  return { start: { line, character: start }, end: { line, character: end } };
}

test('definition on a built-in quotation: the review shipped beside the server, at the quoted words', async () => {
  const kathy = await definitionAt(session, uriA, 2, 20);
  assert.deepEqual(kathy, { uri: pathToFileURL(REVIEW_PATH).href, range: reviewRange(9, 'My name is Kathy H.', 'over eleven years') });
  // A misquote goes to the passage too, at the source's wording.
  const ruth = await definitionAt(session, uriA, 3, 40);
  const line = REVIEW.split('\n').findIndex((l) => l.includes('It means a lot to me, being able to do my work well'));
  assert.deepEqual(ruth, { uri: pathToFileURL(REVIEW_PATH).href, range: reviewRange(line, 'It means a lot to me', 'my work well') });
});

test('definition on a quotation of a corpus file: that file, across its wrapped lines', async () => {
  assert.deepEqual(await definitionAt(session, uriA, 5, 20), {
    uri: pathToFileURL(join(root, 'book.txt')).href,
    range: { start: { line: 2, character: 0 }, end: { line: 3, character: 7 } },
  });
});

test('no definition outside quotations or for unverified ones; a term goes to where the review uses it', async () => {
  assert.equal(await definitionAt(session, uriA, 0, 1), null);
  assert.equal(await definitionAt(session, uriA, 7, 10), null);
  assert.deepEqual(await definitionAt(session, uriA, 5, 69), { uri: pathToFileURL(REVIEW_PATH).href, range: reviewRange(9, 'carer', 'carer') });
});

test('a client that opens verbatim-corpus: documents gets the virtual review, served by verbatim/corpusText', async () => {
  const vs = await startServer({ initializationOptions: { corpusDocuments: true } });
  try {
    const uri = 'file:///virtual/kathy.md';
    await openAndCheck(vs, uri, ESSAY_A);
    const target = await definitionAt(vs, uri, 2, 20);
    assert.deepEqual(target, { uri: 'verbatim-corpus:/never-let-me-go-review.txt', range: reviewRange(9, 'My name is Kathy H.', 'over eleven years') });
    assert.equal(await vs.connection.sendRequest('verbatim/corpusText', { uri: target!.uri }), REVIEW);
    assert.equal(await vs.connection.sendRequest('verbatim/corpusText', { uri: 'verbatim-corpus:/nothing.txt' }), null);
  } finally {
    await vs.close();
  }
});

test('document symbols: every checked quotation with its verdict and source', async () => {
  const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uriA } })) as DocumentSymbol[];
  assert.deepEqual(
    symbols.map((s) => ({ name: s.name, detail: s.detail, kind: s.kind, range: s.range, selectionRange: s.selectionRange })),
    [
      {
        name: '“My name is Kathy H. I’m thirty-one years old, and I’ve been…”',
        detail: '✓ quoted correctly — Kathy, Never Let Me Go',
        kind: 15,
        range: { start: { line: 2, character: 12 }, end: { line: 3, character: 27 } },
        selectionRange: { start: { line: 2, character: 12 }, end: { line: 3, character: 27 } },
      },
      {
        name: '"it means a lot to me, being able to do my job well"',
        detail: '⚠ misquoted — Kathy, Never Let Me Go',
        kind: 15,
        range: { start: { line: 3, character: 34 }, end: { line: 3, character: 86 } },
        selectionRange: { start: { line: 3, character: 34 }, end: { line: 3, character: 86 } },
      },
      {
        name: '“Reader, I married him. It was a quiet wedding.”',
        detail: '✓ quoted correctly — Jane Eyre',
        kind: 15,
        range: { start: { line: 5, character: 11 }, end: { line: 5, character: 59 } },
        selectionRange: { start: { line: 5, character: 11 }, end: { line: 5, character: 59 } },
      },
      {
        name: '“carer”',
        detail: '✓ quoted correctly — Kathy, Never Let Me Go',
        kind: 15,
        range: { start: { line: 5, character: 66 }, end: { line: 5, character: 73 } },
        selectionRange: { start: { line: 5, character: 66 }, end: { line: 5, character: 73 } },
      },
      {
        name: '“The sea remembers every name we ever gave it”',
        detail: '⚠ not found',
        kind: 15,
        range: { start: { line: 7, character: 0 }, end: { line: 7, character: 46 } },
        selectionRange: { start: { line: 7, character: 0 }, end: { line: 7, character: 46 } },
      },
    ],
  );
});

test('references: the same passage quoted in open documents and in Markdown files on disk', async () => {
  const refs = (await session.connection.sendRequest('textDocument/references', {
    textDocument: { uri: uriA },
    position: { line: 3, character: 40 },
    context: { includeDeclaration: true },
  })) as Location[];
  // b.md is not open; node_modules and hidden folders are not searched.
  assert.deepEqual(refs, [
    { uri: uriA, range: { start: { line: 3, character: 34 }, end: { line: 3, character: 86 } } },
    { uri: uriB, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 54 } } },
  ]);
  const others = (await session.connection.sendRequest('textDocument/references', {
    textDocument: { uri: uriA },
    position: { line: 2, character: 20 },
    context: { includeDeclaration: false },
  })) as Location[];
  assert.deepEqual(others, [{ uri: uriC, range: { start: { line: 0, character: 7 }, end: { line: 0, character: 54 } } }]);
  const none = await session.connection.sendRequest('textDocument/references', {
    textDocument: { uri: uriA },
    position: { line: 7, character: 5 },
    context: { includeDeclaration: true },
  });
  assert.deepEqual(none, []);
});

test('semantic tokens: one quotation token per line, with a modifier for the verdict', async () => {
  const uri = 'file:///virtual/tokens.md';
  const text = [
    '“They prove we have souls.” and “They prove we have hearts.”', // 0
    'a “carer” and “The sea remembers every name we ever gave it”', // 1
    'Kathy: “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer', // 2
    'now for over eleven years.”', // 3
  ].join('\n');
  await openAndCheck(session, uri, text);
  const tokens = (await session.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
  // [deltaLine, deltaStart, length, type (0 = quotation), modifiers (1 verified, 2 misquoted, 4 unverified)]
  assert.deepEqual(tokens.data, [
    [0, 0, 27, 0, 1],
    [0, 32, 28, 0, 2],
    [1, 2, 7, 0, 1],
    [0, 12, 46, 0, 4],
    [1, 7, 68, 0, 1],
    [1, 0, 27, 0, 1],
  ].flat());
});

test('verbatim/passages: every passage of the corpora that apply, with where to open each corpus', async () => {
  const result = (await session.connection.sendRequest('verbatim/passages', { uri: uriA })) as {
    corpora: { id: string; title: string; uri: string; passages: number }[];
    passages: { corpus: number; id: string; text: string; speaker?: string; section?: string; kind: string; line?: number }[];
  };
  assert.deepEqual(
    result.corpora.map((c) => ({ title: c.title, uri: c.uri })),
    [
      { title: 'Never Let Me Go', uri: pathToFileURL(REVIEW_PATH).href },
      { title: 'Jane Eyre', uri: pathToFileURL(join(root, 'book.txt')).href },
    ],
  );
  assert.equal(result.passages.length, result.corpora[0].passages + result.corpora[1].passages);
  assert.deepEqual(
    result.passages.filter((p) => p.corpus === 1),
    [
      { corpus: 1, id: 'line-3', text: 'Reader, I married him. It was a quiet wedding, and nobody came.', kind: 'book-paragraph', section: 'Chapter 1', line: 3 },
      { corpus: 1, id: 'line-6', text: 'The second paragraph stands here alone.', kind: 'book-paragraph', section: 'Chapter 1', line: 6 },
    ],
  );
  const ruth = result.passages.find((p) => p.id === 'it-means-a-lot-to-me');
  assert.deepEqual(ruth && { corpus: ruth.corpus, text: ruth.text, speaker: ruth.speaker }, {
    corpus: 0,
    text: 'It means a lot to me, being able to do my work well… especially that bit about my donors staying ‘calm’',
    speaker: 'Kathy',
  });
});

test('verbatim/passages with a query: the lines Insert Quotation offers, by words (typos forgiven) or speaker, each with its citation', async () => {
  type Lines = { corpora: { title: string }[]; passages: unknown[]; lines: { corpus: number; text: string; speaker?: string; where?: string; citation: string }[]; speaker?: string };
  const ask = (query: string) => session.connection.sendRequest('verbatim/passages', { uri: uriA, query }) as Promise<Lines>;
  const typo = await ask('there wre no deferals');
  assert.deepEqual(typo.passages, []);
  assert.deepEqual(typo.lines, [
    { corpus: 0, text: 'There were no deferrals. There never were. It was all just a rumor', speaker: 'Miss Emily', where: 'quoted in the review, section “The Visit to Madame and Miss Emily: Hope Extinguished”', citation: '(Ishiguro)' },
  ]);
  // A name: the lines that person speaks, and only those.
  const ruth = await ask('Ruth');
  assert.equal(ruth.speaker, 'Ruth');
  assert.deepEqual(ruth.lines.map((l) => l.speaker), ['Ruth', 'Ruth', 'Ruth', 'Ruth']);
  // The book: its sentence, cited by chapter.
  const book = await ask('reader i maried him');
  assert.deepEqual(book.lines[0], { corpus: 1, text: 'Reader, I married him.', where: 'Chapter 1', citation: '(Brontë ch. 1)' });
  // Nothing typed: the novel's lines, never the review's prose or a term.
  const all = await ask('');
  assert.equal(all.lines.length, 31);
  assert.ok(!all.lines.some((l) => l.text === 'carer'));
});

test('verbatim/passages with a query cites in verbatim.citationStyle', async () => {
  for (const [style, citation] of [
    ['apa', '(Ishiguro, 2005)'],
    ['chicago', '(Ishiguro 2005)'],
    ['pandoc', '[@ishiguro2005]'],
  ]) {
    const s = await startInProcess(new MemoryFileSystem({}), { rootPath: '/ws', settings: { citationStyle: style } });
    try {
      const result = (await s.connection.sendRequest('verbatim/passages', { uri: 'file:///ws/e.md', query: 'they prove we have soles' })) as { lines: { text: string; citation: string }[] };
      assert.deepEqual(result.lines.map((l) => [l.text, l.citation]), [['They prove we have souls.', citation]], style);
    } finally {
      await s.close();
    }
  }
});

test('verbatim.checkWorkspace checks every essay and publishes diagnostics for those not open', async () => {
  writeFileSync(join(root, 'sub', 'e.md'), 'Also: “It means a lot to me, being able to do my job well.”\n');
  const uriE = pathToFileURL(join(root, 'sub', 'e.md')).href;
  const published = session.diagnostics(uriE);
  const result = await session.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.checkWorkspace', arguments: [] });
  // a.md (open: 5 checked, 2 flagged), b.md (2 correct), sub/c.md (1 correct), sub/e.md (1 misquote);
  // the open documents outside the workspace folder, node_modules and hidden folders do not count.
  assert.deepEqual(result, { files: 4, quotations: 9, flagged: 3, skipped: 0 });
  assert.deepEqual(
    (await published).map((d) => ({ range: d.range, code: d.code, message: d.message })),
    [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 59 } }, code: 'misquote', message: 'Misquoted: "job" where the source has "work"' }],
  );
  const shown = session.received('window/showMessage') as { type: number; message: string }[];
  assert.deepEqual(shown.at(-1), { type: 3, message: 'Verbatim: 9 quotations checked in 4 essays: 3 flagged' });
});
