// Every finding can be silenced or given a source, through the real server: "Ignore this quotation",
// "Disable <code> in this file" (a comment the checker honours), "Add a source…" on an unverified
// quotation (the verbatim.addSource command: .verbatim.json written or extended), and
// source.fixAll.verbatim replacing every misquote with the source wording.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

let session: Session;
before(async () => {
  session = await startServer();
});
after(() => session.close());

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

async function actions(uri: string, d: Diagnostic | undefined, only?: string[]): Promise<CodeAction[]> {
  const range = d?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: d ? [d] : [], only } })) as CodeAction[];
}

const MISQUOTE = 'Miss Emily admits: “There were no deferrals. There never were. It was just a rumor” (Ishiguro).';

test('every finding offers "Ignore this quotation" and "Disable <code> in this file"; the checker honours both', async () => {
  const cases: [string, string, string][] = [
    // Words before it on its line: the comment goes just before the quotation.
    [MISQUOTE, 'Miss Emily admits: <!-- verbatim-ignore --> “There were no deferrals. There never were. It was just a rumor” (Ishiguro).', 'misquote'],
    // It opens a paragraph: the comment on a line of its own before it.
    ['Intro.\n\n“The orchard of silver pears glowed under seven moons of Lethe,” the essay claims.', 'Intro.\n\n<!-- verbatim-ignore -->\n“The orchard of silver pears glowed under seven moons of Lethe,” the essay claims.', 'unverified-quote'],
    // It opens a later line of a paragraph: the comment ends the line before (a line starting with <!-- would be an HTML block).
    ['The essay claims\n“The orchard of silver pears glowed under seven moons of Lethe,” wrongly.', 'The essay claims <!-- verbatim-ignore -->\n“The orchard of silver pears glowed under seven moons of Lethe,” wrongly.', 'unverified-quote'],
  ];
  for (const [i, [text, ignored, code]] of cases.entries()) {
    const uri = `file:///virtual/silence-${i}.md`;
    const [d] = await openAndCheck(session, uri, text);
    assert.equal(d.code, code);
    const offered = await actions(uri, d);
    const ignore = offered.find((a) => a.title === 'Ignore this quotation')!;
    const disable = offered.find((a) => a.title === `Disable ${code} in this file`)!;
    assert.equal(apply(text, ignore.edit!.changes![uri]), ignored);
    const disabled = apply(text, disable.edit!.changes![uri]);
    assert.equal(disabled, `<!-- verbatim-disable-file ${code} -->\n\n${text}`);
    assert.deepEqual(await openAndCheck(session, `file:///virtual/silence-${i}-ignored.md`, ignored), []);
    assert.deepEqual(await openAndCheck(session, `file:///virtual/silence-${i}-disabled.md`, disabled), []);
  }
});

test('disabling a second code extends the file’s comment; other codes are still reported', async () => {
  const text = '<!-- verbatim-disable-file misquote -->\n\nRuth says, “They prove we have souls.” and “The orchard of silver pears glowed under seven moons of Lethe.”';
  const uri = 'file:///virtual/extend.md';
  const ds = await openAndCheck(session, uri, text);
  assert.deepEqual(ds.map((d) => d.code), ['misattribution', 'unverified-quote']);
  const disable = (await actions(uri, ds[1])).find((a) => a.title === 'Disable unverified-quote in this file')!;
  assert.equal(apply(text, disable.edit!.changes![uri]).split('\n')[0], '<!-- verbatim-disable-file misquote unverified-quote -->');
});

test('source.fixAll.verbatim replaces every misquote with the source wording, and only when asked', async () => {
  const text = [
    'Miss Emily: “There were no deferrals. There never were. It was just a rumor” (Ishiguro).',
    '',
    'Kathy: “it means a lot to me, being able to do my job well” (Ishiguro).',
    '',
    'Tommy: “They prove we have hearts.” (Ishiguro).',
  ].join('\n');
  const uri = 'file:///virtual/fixall.md';
  const ds = await openAndCheck(session, uri, text);
  assert.deepEqual(ds.map((d) => d.code), ['misquote', 'misquote', 'misquote']);
  // Not asked for by kind: no fix-all (Update Works Cited, a source action, is offered whenever a source is quoted).
  assert.deepEqual((await actions(uri, undefined)).map((a) => a.kind), ['source.verbatim.updateWorksCited']);
  const [all] = await actions(uri, undefined, ['source.fixAll']);
  assert.equal(all.kind, 'source.fixAll.verbatim');
  const fixed = apply(text, all.edit!.changes![uri]);
  assert.equal(
    fixed,
    [
      'Miss Emily: “There were no deferrals. There never were. It was all just a rumor” (Ishiguro).',
      '',
      'Kathy: “it means a lot to me, being able to do my work well” (Ishiguro).',
      '',
      'Tommy: “They prove we have souls.” (Ishiguro).',
    ].join('\n'),
  );
  assert.deepEqual(await openAndCheck(session, 'file:///virtual/fixall-done.md', fixed), []);
});

test('"Add a source…" on an unverified quotation: verbatim.addSource writes .verbatim.json, then extends it', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-addsource-'));
  writeFileSync(join(root, 'orchard.txt'), 'Title: The Silver Orchard\nAuthor: Ada Lethe\n\nChapter 1\n\nThe orchard of silver pears glowed under seven moons of Lethe.\n');
  writeFileSync(join(root, 'notes.md'), '---\ntitle: Field Notes\nauthor: B. Writer\n---\n\nNothing here.\n');
  const s = await startServer({ rootPath: root });
  try {
    const uri = pathToFileURL(join(root, 'essay.md')).href;
    const [d] = await openAndCheck(s, uri, 'She writes “The orchard of silver pears glowed under seven moons of Lethe.”');
    assert.equal(d.code, 'unverified-quote');
    const offered = (await s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const add = offered.find((a) => a.title === 'Add a source…')!;
    assert.deepEqual(add.command, { title: 'Add a source…', command: 'verbatim.addSource', arguments: [uri] });

    const edits: WorkspaceEdit[] = [];
    const handler = s.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      edits.push(p.edit);
      return { applied: true };
    });
    const configUri = pathToFileURL(join(root, '.verbatim.json')).href;
    const result = await s.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.addSource', arguments: [uri, 'orchard.txt'] });
    assert.deepEqual(result, { applied: true, configUri });
    const [create, write] = edits[0].documentChanges as [unknown, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: configUri, options: { ignoreIfExists: true } });
    const created = apply('', write.edits as TextEdit[]);
    assert.deepEqual(JSON.parse(created), { corpora: [{ path: 'orchard.txt', title: 'The Silver Orchard', author: 'Ada Lethe' }] });

    // The config now on disk: the quotation is found, and a second source extends the list.
    writeFileSync(join(root, '.verbatim.json'), '{\n  // the class sources\n' + created.slice(2));
    const next = s.diagnostics(uri, 2);
    s.change(uri, 2, 'She writes “The orchard of silver pears glowed under seven moons of Lethe.”\n');
    assert.deepEqual(await next, []);
    await s.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.addSource', arguments: [uri, join(root, 'notes.md')] });
    const whole = (edits[1].changes![configUri] as TextEdit[])[0].newText;
    // Appended in the layout of the entry before it; the comment and the rest stay.
    assert.equal(
      whole,
      '{\n  // the class sources\n  "corpora": [\n    {\n      "path": "orchard.txt",\n      "title": "The Silver Orchard",\n      "author": "Ada Lethe"\n    },\n' +
        '    {\n      "path": "notes.md",\n      "title": "Field Notes",\n      "author": "B. Writer"\n    }\n  ]\n}\n',
    );
    // Again, once saved: already there, nothing written, one clear message.
    writeFileSync(join(root, '.verbatim.json'), whole);
    assert.equal(await s.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.addSource', arguments: [uri, 'notes.md'] }), null);
    assert.equal(edits.length, 2);
    assert.deepEqual(s.received('window/showMessage').slice(-1), [{ type: 2, message: `Verbatim: source not added: notes.md is already a source in ${join(root, '.verbatim.json')}` }]);
    // A list written one entry a line gets one more such line (not the entry before it spread out).
    writeFileSync(join(root, '.verbatim.json'), '{\n  "corpora": [\n    { "path": "orchard.txt", "title": "The Silver Orchard" }\n  ],\n  "minWords": 4\n}\n');
    await s.connection.sendRequest('workspace/executeCommand', { command: 'verbatim.addSource', arguments: [uri, 'notes.md'] });
    assert.equal(
      (edits[2].changes![configUri] as TextEdit[])[0].newText,
      '{\n  "corpora": [\n    { "path": "orchard.txt", "title": "The Silver Orchard" },\n    { "path": "notes.md", "title": "Field Notes", "author": "B. Writer" }\n  ],\n  "minWords": 4\n}\n',
    );
    handler.dispose();
  } finally {
    await s.close();
  }
});
