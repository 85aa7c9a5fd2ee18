import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { CodeAction, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { openAndCheck, startServer } from '../helpers/lspClient';

const ESSAY = [
  '# Hailsham',
  '',
  'Near the end, 😀 Madame finally tells them, “There were no deferrals. There never were.”',
  '',
  '“They prove we have souls,” Tommy insists.',
].join('\n');

test('a misattribution is a diagnostic on the quotation; its quick fix puts in the speaker', async () => {
  const session = await startServer();
  try {
    const uri = 'file:///virtual/attribution.md';
    const diagnostics = await openAndCheck(session, uri, ESSAY);
    assert.deepEqual(
      diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, source: d.source, message: d.message, data: d.data })),
      [
        {
          range: { start: { line: 2, character: 44 }, end: { line: 2, character: 88 } },
          severity: 2,
          code: 'misattribution',
          source: 'verbatim',
          message: 'Miss Emily says this, not Madame',
          data: {
            corpus: 'builtin:never-let-me-go',
            passageId: 'there-were-no-deferrals-there-never',
            speaker: 'Miss Emily',
            attributed: 'Madame',
            nameStart: 29,
            nameEnd: 35,
          },
        },
      ],
    );
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred]),
      [
        ['Attribute to Miss Emily', 'quickfix', true],
        ['Ignore this quotation', 'quickfix', false],
        ['Disable misattribution in this file', 'quickfix', false],
      ],
    );
    const edits = actions[0].edit!.changes![uri] as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, ESSAY), edits);
    assert.equal(
      fixed,
      [
        '# Hailsham',
        '',
        'Near the end, 😀 Miss Emily finally tells them, “There were no deferrals. There never were.”',
        '',
        '“They prove we have souls,” Tommy insists.',
      ].join('\n'),
    );
    // The fixed essay is clean.
    const clean = session.diagnostics(uri, 2);
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    assert.deepEqual(await clean, []);
  } finally {
    await session.close();
  }
});

test('a book corpus: hover names the tagged speaker, and a wrong name is flagged', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-speakers-'));
  writeFileSync(
    join(root, 'pp.txt'),
    'Chapter 1\n\n“I have been used to consider poetry as the _food_ of love,” said Darcy.\n\n“Of a fine, stout, healthy love it may,” replied Elizabeth.\n',
  );
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen' }] }));
  const session = await startServer({ rootPath: root, pullConfiguration: true });
  try {
    const essay = pathToFileURL(join(root, 'essay.md')).href;
    const text = 'Elizabeth sighs, “I have been used to consider poetry as the food of love.” “Of a fine, stout, healthy love it may,” Jane replies.';
    const diagnostics = await openAndCheck(session, essay, text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message, d.range.start.character, d.range.end.character]),
      [['misattribution', 'Darcy says this, not Elizabeth', 17, 75]],
    );
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: essay },
      position: { line: 0, character: 30 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.ok(value.includes('**Darcy** · the book · *Pride and Prejudice*, Jane Austen · Chapter 1, line 3'), value);
  } finally {
    await session.close();
  }
});

test('a book corpus: hover gives an inferred speaker with its reason, and a guess as a guess', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-speakers-'));
  writeFileSync(
    join(root, 'mill.txt'),
    [
      'Chapter 1',
      '',
      '"Will you walk to the mill with me this morning?" asked Tom.',
      '',
      '"Not to-day," said Maggie, "I have my lessons to learn before dinner."',
      '',
      '"Lessons! On a Saturday, with the river so high?"',
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'mill.txt', title: 'The Mill' }] }));
  const session = await startServer({ rootPath: root, pullConfiguration: true });
  try {
    const essay = pathToFileURL(join(root, 'essay.md')).href;
    const text = 'Maggie says, “I have my lessons to learn before dinner.” Tom asks, “Lessons! On a Saturday, with the river so high?”';
    const diagnostics = await openAndCheck(session, essay, text);
    assert.deepEqual(diagnostics.map((d) => d.code), []);
    const hoverAt = async (character: number) => {
      const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: essay }, position: { line: 0, character } })) as Hover;
      return (hover.contents as { value: string }).value;
    };
    const first = await hoverAt(20);
    assert.ok(first.includes('**Maggie** (tagged in the same paragraph) · the book · *The Mill* · Chapter 1, line 5'), first);
    const second = await hoverAt(80);
    assert.ok(second.includes('perhaps **Tom** (by turn-taking after Maggie) · the book · *The Mill* · Chapter 1, line 7'), second);
  } finally {
    await session.close();
  }
});

test('a book corpus: a line the book repeats names every speaker in the hover, and a wrong name gets a fix for each', async () => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-speakers-'));
  writeFileSync(
    join(root, 'ss.txt'),
    [
      'Chapter 1',
      '',
      '“You must not go out in this rain tonight,” said Edward.',
      '',
      '“I shall walk to the cottage all the same,” replied Elinor.',
      '',
      'Chapter 2',
      '',
      '“You must not go out in this rain tonight,” said Marianne.',
      '',
      '“I shall take the carriage then,” replied Lucy.',
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'ss.txt', title: 'Sense and Sensibility' }] }));
  const session = await startServer({ rootPath: root, pullConfiguration: true });
  try {
    const essay = pathToFileURL(join(root, 'essay.md')).href;
    const text = 'Elinor warns, “You must not go out in this rain tonight.” Marianne warns, “You must not go out in this rain tonight.”';
    const diagnostics = await openAndCheck(session, essay, text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message, d.range.start.character, d.range.end.character]),
      [['misattribution', 'Edward and Marianne say these words in the book, not Elinor', 14, 57]],
    );
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: essay },
      range: diagnostics[0].range,
      context: { diagnostics, only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.slice(0, 2).map((a) => [a.title, a.isPreferred]),
      [
        ['Attribute to Edward', false],
        ['Attribute to Marianne', false],
      ],
    );
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: essay },
      position: { line: 0, character: 90 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.ok(value.includes('**Edward** · the same words stand elsewhere in the book, spoken by **Marianne** · the book · *Sense and Sensibility* · Chapter 1, line 3'), value);
  } finally {
    await session.close();
  }
});
