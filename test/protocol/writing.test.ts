import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

let session: Session;
before(async () => {
  // The status notification (the counts test) only goes to a client that asks for it.
  session = await startServer({ settings: { rules: { 'missing-citation': 'information' } }, initializationOptions: { statusNotifications: true } });
});
after(() => session.close());

/** Completion at `|` in `text` (the cursor; what follows it on the line is what the editor auto-closed). */
async function complete(s: Session, uri: string, text: string): Promise<CompletionList> {
  const at = text.includes('|') ? text.indexOf('|') : text.length;
  const doc = TextDocument.create(uri, 'markdown', 1, text.replace('|', ''));
  await openAndCheck(s, uri, doc.getText());
  return (await s.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: doc.positionAt(at) })) as CompletionList;
}

/** The document after accepting `item`, and where the cursor stands ($0). */
function accept(text: string, item: CompletionItem): { text: string; cursor: number } {
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text.replace('|', ''));
  // The main edit and the additional ones (an earlier typed character that must change), as a client applies them.
  const result = TextDocument.applyEdits(doc, [item.textEdit as TextEdit, ...(item.additionalTextEdits ?? [])]);
  return { text: result.replace('$0', ''), cursor: result.indexOf('$0') };
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

async function actionsFor(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
}

test('completion follows typos: it keeps the words typed, completes the misspelt word being typed, closes and cites', async () => {
  const { items, isIncomplete } = await complete(session, 'file:///virtual/typo.md', 'When Miss Emily explains, “there wre no defferal');
  assert.equal(isIncomplete, true);
  assert.equal(items[0].label, 'There were no deferrals. There never were. It was all just a rumor');
  // "wre" stays as typed (nothing typed is replaced): the item names what the source has.
  assert.equal(items[0].detail, 'Miss Emily — Never Let Me Go · kept as typed: wre → were');
  assert.equal(items[0].preselect, undefined);
  assert.deepEqual(items[0].textEdit, {
    range: { start: { line: 0, character: 40 }, end: { line: 0, character: 48 } },
    newText: 'deferrals. There never were. It was all just a rumor” (Ishiguro)$0',
  });
  // The words typed before it agree with the passage: no other edit; the client filters by the word being typed.
  assert.equal(items[0].additionalTextEdits, undefined);
  assert.equal(items[0].filterText, 'defferal');
  assert.deepEqual((items[0].documentation as { value: string }).value.split('\n').slice(0, 3), [
    'Kept as you typed it: “wre” → “were” in the source. Accepting changes none of your words; the misquote\'s quick fix corrects them.',
    '',
    '> There were no deferrals. There never were. It was all just a rumor',
  ]);
});

test('after an auto-closed mark: the passage, the closing mark stepped over, the citation, the cursor after it', async () => {
  const text = 'Kathy says, “|”';
  const { items } = await complete(session, 'file:///virtual/autoclose.md', text);
  assert.equal(items[0].detail, 'Kathy — Never Let Me Go');
  const done = accept(text, items[0]);
  const expected =
    'Kathy says, “We were holding each other because that’s what people do at times like that… But we didn’t move apart. We kept holding each other… and it seemed like we’d always been that way” (Ishiguro)';
  assert.equal(done.text, expected);
  assert.equal(done.cursor, expected.length);
});

test('several words inside a passage: the rest of it, the closing mark and the citation; the words typed stay', async () => {
  const text = 'She admits “It was all just|”';
  const { items } = await complete(session, 'file:///virtual/inside.md', text);
  assert.equal(items[0].label, 'There were no deferrals. There never were. It was all just a rumor');
  const done = accept(text, items[0]);
  assert.equal(done.text, 'She admits “It was all just a rumor” (Ishiguro)');
  assert.equal(done.cursor, done.text.length);
});

test('a one-word scare quote or the writer’s own words: nothing is offered, so Enter only breaks the line', async () => {
  for (const text of ['For me, Hailsham is a “home|”', 'They are “carers|”', 'For me, Hailsham is a “home for the lucky few|”']) {
    const { items, isIncomplete } = await complete(session, 'file:///virtual/scare.md', text);
    assert.deepEqual(items.map((i) => i.label), [], text);
    assert.equal(isIncomplete, true);
  }
});

test('a closed quotation with its citation: completion changes only the words', async () => {
  const text = 'She admits “It was all just|” (Ishiguro 258).';
  const { items } = await complete(session, 'file:///virtual/cited.md', text);
  assert.equal(accept(text, items[0]).text, 'She admits “It was all just a rumor” (Ishiguro 258).');
});

test('after a speech verb, that speaker’s passages come first', async () => {
  const { items } = await complete(session, 'file:///virtual/speaker.md', 'Late in the novel, Ruth confesses: “');
  const speakers = items.map((i) => i.detail?.split(' — ')[0]);
  const ruth = speakers.filter((s) => s === 'Ruth').length;
  assert.ok(ruth >= 2, `Ruth has several passages (${ruth})`);
  assert.deepEqual(speakers.slice(0, ruth), Array(ruth).fill('Ruth'));
  assert.notEqual(speakers[ruth], 'Ruth');
});

test('on a blockquote line, completion inserts the rest of the passage and the citation', async () => {
  const { items } = await complete(session, 'file:///virtual/block.md', 'The ending:\n\n> I found myself standing bef');
  assert.equal(items[0].label, 'I found myself standing before acres of ploughed earth. I didn’t know…');
  assert.deepEqual(items[0].textEdit, {
    range: { start: { line: 2, character: 26 }, end: { line: 2, character: 29 } },
    newText: 'before acres of ploughed earth. I didn’t know what it was, but I stared and stared, and suddenly I felt tears run down my face (Ishiguro)$0',
  });
  assert.equal(items[0].additionalTextEdits, undefined);
});

test('citationStyle pandoc: completion cites with the key, the period after it', async () => {
  const s = await startServer({ settings: { citationStyle: 'pandoc' } });
  try {
    const { items } = await complete(s, 'file:///virtual/pandoc.md', 'Kathy says “they prove we have');
    assert.equal(items[0].label, 'They prove we have souls.');
    // The word being typed is kept in the main edit (it covers only that word).
    assert.equal(items[0].textEdit!.newText, 'have souls” [@ishiguro2005].$0');
  } finally {
    await s.close();
  }
});

test('the status counts quotations, not findings: two quotations with four findings are two flagged', async () => {
  const uri = 'file:///virtual/counts.md';
  // The counts follow the diagnostics: await them rather than sleep.
  const counted = new Promise<unknown>((resolve) => {
    const handler = session.connection.onNotification('verbatim/status', (p: { uri: string }) => {
      if (p.uri !== uri) return;
      handler.dispose();
      resolve(p);
    });
  });
  const ds = await openAndCheck(session, uri, 'Ruth says, “They prove we have hearts.” Kathy: “They prove we have souls.” (Ishiguro).');
  assert.deepEqual(ds.map((d) => d.code).sort(), ['misattribution', 'misattribution', 'misquote', 'missing-citation']);
  assert.deepEqual(await counted, { uri, version: 1, quotations: 2, correct: 0, flagged: 2 });
});

test('the hover on a misquote is compact: verdict, the essay’s words over the source’s with the changes marked, who and where; no internal id', async () => {
  const uri = 'file:///virtual/hover.md';
  await openAndCheck(session, uri, 'Miss Emily is blunt: “There were no deferrals. There never was. It was all just a rumor.” (Ishiguro)');
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 30 } })) as { contents: { value: string } };
  assert.equal(
    hover.contents.value,
    [
      '**Verbatim: misquoted** — "was" where the source has "were"',
      '',
      'Essay: “There were no deferrals. There never **was**. It was all just a rumor.”',
      '',
      'Source: “There were no deferrals. There never **were**. It was all just a rumor”',
      '',
      '**Miss Emily** · dialogue in the novel · *Never Let Me Go*, Kazuo Ishiguro · quoted in the review, section “The Visit to Madame and Miss Emily: Hope Extinguished”',
    ].join('\n'),
  );
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
    ['Replace with the source wording', 'Insert an ellipsis where words are left out', 'Ignore this quotation', 'Disable misquote in this file'],
  );
  const fixed = await applyAction(essayDiagnostics[1], 'Insert an ellipsis where words are left out');
  assert.equal(fixed, ESSAY.replace('It was just a rumor', 'It was … just a rumor'));
});

test('missing-citation: add one in the essay’s style', async () => {
  const fixed = await applyAction(essayDiagnostics[2], 'Add a citation: (Ishiguro)');
  assert.equal(fixed, ESSAY.replace('apart.” Then', 'apart” (Ishiguro). Then'));
});
