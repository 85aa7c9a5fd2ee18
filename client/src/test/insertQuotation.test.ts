// "Insert Quotation…" as a person uses it: the command opens the picker, the server's lines for
// what is typed in it are shown (here given as the command's `query`, as a keybinding may), the
// person moves down with the arrow key and presses Enter (VS Code's own quick-input commands), and
// the line is typed at the cursor with its citation and without doubled or nested marks.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

interface LinesShown {
  value: string;
  labels: string[];
}

/** Runs the command and resolves once the picker shows the lines for `query`. */
async function openPicker(query: string): Promise<{ labels: string[]; done: Thenable<unknown> }> {
  const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { onDidShowLines: vscode.Event<LinesShown> };
  const shown = new Promise<LinesShown>((resolve) => {
    const sub = api.onDidShowLines((e) => {
      if (e.value !== query) return;
      sub.dispose();
      resolve(e);
    });
  });
  const done = vscode.commands.executeCommand('verbatim.insertQuotation', { query });
  return { labels: (await shown).labels, done };
}

async function essay(line: string, cursor: number): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: line });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(0, cursor, 0, cursor);
  return editor;
}

describe('Insert Quotation… (the picker, then Enter)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('finds a line by words with typos, and completes an auto-closed quotation with its citation, the cursor after it', async () => {
    // The person typed “ and VS Code closed it: the cursor stands between the marks.
    const editor = await essay('Miss Emily admits, “”', 20);
    const { labels, done } = await openPicker('there wre no deferals');
    assert.deepEqual(labels, ['There were no deferrals. There never were. It was all just a rumor']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(editor.document.lineAt(0).text, 'Miss Emily admits, “There were no deferrals. There never were. It was all just a rumor” (Ishiguro)');
    assert.deepEqual(editor.selection.active, new vscode.Position(0, editor.document.lineAt(0).text.length));
  });

  it('lists the lines a speaker speaks (not lines that mention them); the second one chosen with the arrow key', async () => {
    const editor = await essay('Ruth insists ', 13);
    const { labels, done } = await openPicker('Ruth');
    assert.deepEqual(labels, [
      'ride Bramble',
      'You’ve got to really lean back on Daffodil!… She doesn’t like it unless you’re right back!',
      'I kept you and Tommy apart… That was the worst thing I did',
      'You should go and see her. Ask for a deferral. Maybe you’ll have time. Just a little time…',
    ]);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(editor.document.lineAt(0).text, 'Ruth insists “You’ve got to really lean back on Daffodil!… She doesn’t like it unless you’re right back!” (Ishiguro)');
  });

  it('inside a quotation already begun: the line in single marks, no second citation', async () => {
    const text = 'Kathy recalls “how Tommy said ” (Ishiguro).';
    const editor = await essay(text, text.indexOf('”'));
    const { labels, done } = await openPicker('souls');
    assert.deepEqual(labels, ['They prove we have souls.']);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(editor.document.lineAt(0).text, 'Kathy recalls “how Tommy said ‘They prove we have souls.’” (Ishiguro).');
  });

  it('types the line at every cursor, each cursor after its citation', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'First “” here.\nAgain “” there. And “”' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selections = [new vscode.Selection(0, 7, 0, 7), new vscode.Selection(1, 7, 1, 7), new vscode.Selection(1, 21, 1, 21)];
    const { done } = await openPicker('they prove');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.deepEqual(doc.getText().split('\n'), [
      'First “They prove we have souls” (Ishiguro) here.',
      'Again “They prove we have souls” (Ishiguro) there. And “They prove we have souls” (Ishiguro).',
    ]);
    const after = (line: number, text: string) => new vscode.Position(line, doc.lineAt(line).text.indexOf(text) + text.length);
    assert.deepEqual(
      editor.selections.map((s) => s.active),
      [after(0, '(Ishiguro)'), after(1, '(Ishiguro)'), new vscode.Position(1, doc.lineAt(1).text.length)],
    );
  });

  it('Escape inserts nothing', async () => {
    const editor = await essay('Kathy says ', 11);
    const { done } = await openPicker('');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await done;
    assert.equal(editor.document.lineAt(0).text, 'Kathy says ');
  });
});
