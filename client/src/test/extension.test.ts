// The extension as a user meets it in VS Code: diagnostics, hover, completion, the quick fix, a
// setting taking effect, and its commands, all through the VS Code API against the real language
// server. Expected values are exact; the diagnostics are shared with the Neovim check
// (test/fixtures/expected-diagnostics.json).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, fixture, hoverText, ours, summary, workspaceFolder } from './helpers';

interface Expected {
  diagnostics: { code: string; severity: string; source: string; range: [number, number, number, number]; message: string }[];
  quickFixes: { code: string; line: number; actions: { title: string; preferred: boolean; fixedLine?: string; line?: number; command?: string }[] }[];
  hover: { code: string; startsWith: string };
}
// test/fixtures/expected-diagnostics.json, beside the fixture workspace folder.
const expected: Expected = JSON.parse(
  readFileSync(vscode.Uri.joinPath(workspaceFolder(), '..', 'expected-diagnostics.json').fsPath, 'utf8'),
)['essay.md'];
const codes = (diagnostics: readonly vscode.Diagnostic[]) => ours(diagnostics).map((d) => summary(d).code);
const rangeOf = (code: string) => {
  const [a, b, c, d] = expected.diagnostics.find((e) => e.code === code)!.range;
  return new vscode.Range(a, b, c, d);
};

async function hoverAt(uri: vscode.Uri, line: number, character: number): Promise<{ text: string; range?: vscode.Range }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
  const mine = hovers.filter((h) => hoverText([h]).includes('Verbatim'));
  assert.equal(mine.length, 1, `one Verbatim hover expected at ${line}:${character}, got ${JSON.stringify(hoverText(hovers))}`);
  return { text: hoverText(mine), range: mine[0].range };
}

describe('Verbatim in VS Code (fixture workspace)', () => {
  const essay = fixture('essay.md');
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(essay);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    // Leave the fixture as it was on disk, whatever a failed test left in the editor.
    if (document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.workspace.getConfiguration('verbatim').update('minWords', undefined, vscode.ConfigurationTarget.Global);
  });

  it('reports exactly the expected diagnostics, with their ranges', async () => {
    const diagnostics = await diagnosticsWhen(essay, (d) => ours(d).length === expected.diagnostics.length, `${expected.diagnostics.length} diagnostics on essay.md`);
    const got = ours(diagnostics)
      .map((d) => ({ ...summary(d), source: d.source, message: d.message }))
      .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    assert.deepEqual(
      got,
      expected.diagnostics.map((e) => ({ code: e.code, severity: e.severity, range: e.range, source: e.source, message: e.message })),
    );
  });

  it('hovers a misquote with the verdict, the source wording and who says it', async () => {
    const { text, range } = await hoverAt(essay, 4, 30);
    assert.deepEqual(range, rangeOf('misquote'));
    assert.ok(text.startsWith(expected.hover.startsWith), text);
    assert.ok(text.includes('Source: “There were no deferrals. There never **were**. It was all just a rumor”'), text);
    assert.ok(text.includes('**Miss Emily** · dialogue in the novel · *Never Let Me Go*, Kazuo Ishiguro'), text);
    assert.ok(!text.includes('there-were-no-deferrals-there-never'), 'no internal passage id');
  });

  it('hovers correct quotations, from the built-in corpus and from the .verbatim.json corpus', async () => {
    const kathy = await hoverAt(essay, 2, 30);
    assert.deepEqual(kathy.range, new vscode.Range(2, 26, 2, 122));
    assert.ok(kathy.text.startsWith('**Verbatim: quoted correctly** ✓'), kathy.text);
    assert.ok(kathy.text.includes('**Kathy** · narration in the novel · *Never Let Me Go*, Kazuo Ishiguro'), kathy.text);

    const austen = await hoverAt(essay, 8, 20);
    assert.deepEqual(austen.range, new vscode.Range(8, 15, 8, 133));
    assert.equal(
      austen.text,
      [
        '**Verbatim: quoted correctly** ✓',
        '',
        '> It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.',
        '',
        // The compact hover: no internal passage id, no match line.
        'the book · *Pride and Prejudice*, Jane Austen · Chapter I, line 3',
      ].join('\n'),
    );
  });

  it('hovers an unverified quotation with the corpora searched', async () => {
    const { text, range } = await hoverAt(essay, 6, 30);
    assert.deepEqual(range, rangeOf('unverified-quote'));
    assert.equal(text, '**Verbatim: not found** in Never Let Me Go (built-in passages), Pride and Prejudice');
  });

  it('hovers a misattributed quotation with its speaker in the source', async () => {
    const { text, range } = await hoverAt(essay, 10, 40);
    assert.deepEqual(range, rangeOf('misattribution'));
    // The words are right, the speaker is not: the hover says both.
    assert.ok(text.startsWith('**Verbatim: words quoted correctly** ✓\n\n⚠ Tommy says this, not Ruth (`misattribution`)'), text);
    assert.ok(text.includes('**Tommy** · dialogue in the novel · *Never Let Me Go*, Kazuo Ishiguro'), text);
    assert.ok(!text.includes('they-prove-we-have-souls'), 'no internal passage id');
  });

  it('completes a quotation after an opening “ with the rest of the source wording, keeping what was typed', async () => {
    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Kathy says “\n\nRuth: “I kept you' });
    const editor = await vscode.window.showTextDocument(draft);

    // Right after the opening mark, as typing “ triggers it: passages of the novel are offered.
    const opened = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', draft.uri, new vscode.Position(0, 12), '“');
    const offered = opened.items.filter((i) => i.detail?.endsWith('Never Let Me Go'));
    assert.ok(offered.length > 0, `no passage offered after “: ${JSON.stringify(opened.items.slice(0, 5).map((i) => i.label))}`);
    // Nothing typed yet: the speaker the sentence names comes first; every item inserts from just
    // after the mark and closes the quotation.
    assert.equal(offered[0].detail, 'Kathy — Never Let Me Go');
    for (const item of offered) {
      assert.ok(item.insertText instanceof vscode.SnippetString && item.insertText.value.includes('”'), String(item.label));
      assert.deepEqual(item.range, new vscode.Range(0, 12, 0, 12), String(item.label));
    }

    // With words typed, the best match comes first and inserts the rest of the passage (what was
    // typed stays), the closing mark and a citation (the default citation style).
    const typed = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', draft.uri, new vscode.Position(2, 17));
    const first = typed.items.find((i) => i.detail !== undefined && i.detail.includes('Never Let Me Go'))!;
    assert.equal(first, typed.items.filter((i) => i.detail)[0], 'the best match is the first of the server’s items');
    assert.equal(first.label, 'I kept you and Tommy apart… That was the worst thing I did');
    assert.equal(first.detail, 'Ruth — Never Let Me Go');
    assert.equal(first.kind, vscode.CompletionItemKind.Text);
    assert.ok(first.insertText instanceof vscode.SnippetString);
    assert.equal(first.insertText.value, 'you and Tommy apart… That was the worst thing I did” (Ishiguro)$0');
    // The main edit covers the word being typed (VS Code filters by it); what was typed before it stays.
    assert.deepEqual(first.range, new vscode.Range(2, 14, 2, 17));
    assert.equal(first.filterText, 'you');
    assert.equal(first.additionalTextEdits, undefined);

    await editor.insertSnippet(first.insertText, first.range as vscode.Range);
    assert.equal(draft.lineAt(2).text, 'Ruth: “I kept you and Tommy apart… That was the worst thing I did” (Ishiguro)');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const fix of expected.quickFixes) {
    for (const [index, action] of fix.actions.entries()) {
      it(`fixes a ${fix.code} with "${action.title}", and the diagnostic goes away`, async () => {
        await vscode.window.showTextDocument(document);
        await diagnosticsWhen(essay, (d) => codes(d).includes(fix.code), `a ${fix.code} on essay.md`);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', essay, rangeOf(fix.code), vscode.CodeActionKind.QuickFix.value);
        const fixes = actions.filter((a) => a.kind?.value === 'quickfix');
        // (vscode.executeCodeActionProvider does not hand back the actions' diagnostics.)
        assert.deepEqual(
          fixes.map((a) => [a.title, !!a.isPreferred]),
          fix.actions.map((a) => [a.title, a.preferred]),
        );
        const chosen = fixes[index];
        if (action.command) {
          // Add a source…: the command (VS Code's picker first), with the essay; nothing edited here.
          assert.equal(chosen.command?.command, action.command);
          assert.deepEqual(chosen.command?.arguments, [essay.toString()]);
          return;
        }
        assert.ok(chosen.edit, 'the quick fix carries a workspace edit');
        assert.equal(await vscode.workspace.applyEdit(chosen.edit), true);
        assert.equal(document.lineAt(action.line ?? fix.line).text, action.fixedLine);

        const after = await diagnosticsWhen(essay, (d) => !codes(d).includes(fix.code), `the ${fix.code} to disappear after the fix`);
        assert.deepEqual(codes(after), expected.diagnostics.map((e) => e.code).filter((c) => c !== fix.code));

        await vscode.commands.executeCommand('workbench.action.files.revert');
        assert.equal(document.isDirty, false);
        await diagnosticsWhen(essay, (d) => codes(d).includes(fix.code), `the ${fix.code} to come back after reverting`);
      });
    }
  }

  it('fix-all (source.fixAll.verbatim) replaces three misquotes with the source wording', async () => {
    const lines = [
      'Miss Emily: “There were no deferrals. There never were. It was just a rumor” (Ishiguro).',
      '',
      'Kathy: “it means a lot to me, being able to do my job well” (Ishiguro).',
      '',
      'Tommy: “They prove we have hearts.” (Ishiguro).',
    ];
    const draft = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
    await vscode.window.showTextDocument(draft);
    await diagnosticsWhen(draft.uri, (d) => codes(d).length === 3, 'three misquotes');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft.uri, new vscode.Range(0, 0, 0, 0), vscode.CodeActionKind.SourceFixAll.value);
    const all = actions.find((a) => a.kind?.value === 'source.fixAll.verbatim');
    assert.ok(all?.edit, `fix-all offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    // Applied as a person applies it: the editor's "Fix All" command (it applies the one fix-all offered).
    const edited = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === draft) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('editor.action.fixAll');
    await edited;
    assert.deepEqual(draft.getText().split('\n'), [
      'Miss Emily: “There were no deferrals. There never were. It was all just a rumor” (Ishiguro).',
      '',
      'Kathy: “it means a lot to me, being able to do my work well” (Ishiguro).',
      '',
      'Tommy: “They prove we have souls.” (Ishiguro).',
    ]);
    await diagnosticsWhen(draft.uri, (d) => codes(d).length === 0, 'no finding after fix-all');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('applies a change of verbatim.minWords at once', async () => {
    const config = () => vscode.workspace.getConfiguration('verbatim');
    await diagnosticsWhen(essay, (d) => codes(d).includes('unverified-quote'), 'the unverified-quote on essay.md');
    // The unverified quotation has 10 words: with minWords 11 it is a term, not a quotation to verify.
    await config().update('minWords', 11, vscode.ConfigurationTarget.Global);
    const raised = await diagnosticsWhen(essay, (d) => !codes(d).includes('unverified-quote'), 'the unverified-quote to disappear with minWords 11');
    assert.deepEqual(codes(raised), ['misquote', 'misattribution']);

    await config().update('minWords', undefined, vscode.ConfigurationTarget.Global);
    const restored = await diagnosticsWhen(essay, (d) => codes(d).includes('unverified-quote'), 'the unverified-quote to come back with the default minWords');
    assert.deepEqual(codes(restored), expected.diagnostics.map((e) => e.code));
  });

  it('registers every command it contributes, and the command its status bar item runs', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = (extension.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const command of [...contributed, 'workbench.actions.view.problems']) {
      assert.ok(all.has(command), `command ${command} is not registered`);
    }
    console.log(`  ${contributed.length} contributed command(s): ${contributed.join(', ') || '(none)'}`);
  });
});
