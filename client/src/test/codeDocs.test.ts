// Each diagnostic's code links to its documentation (codeDescription.href → Diagnostic.code.target):
// the rules.md inside the extension, opened at the code's heading.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, fixture, ours } from './helpers';

describe('diagnostic codes link to their documentation', () => {
  it('every code is a link to its heading in the extension’s rules.md, and VS Code opens it there', async () => {
    const essay = fixture('essay.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(essay));
    const diagnostics = ours(await diagnosticsWhen(essay, (d) => ours(d).length >= 3, 'the fixture essay’s findings'));
    const rulesMd = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'server', 'out', 'rules.md');
    const lines = readFileSync(rulesMd, 'utf8').split('\n');
    for (const d of diagnostics) {
      assert.equal(typeof d.code, 'object', `the code of "${d.message}" is a link`);
      const { value, target } = d.code as { value: string; target: vscode.Uri };
      assert.equal(target.scheme, 'file');
      assert.equal(target.fsPath, rulesMd);
      const line = Number(/^L(\d+)$/.exec(target.fragment)?.[1]);
      assert.equal(lines[line - 1], `## \`${value}\``);
    }
    // As a click on the code does: the file opens with the code's heading selected.
    const { value, target } = diagnostics[0].code as { value: string; target: vscode.Uri };
    await vscode.commands.executeCommand('vscode.open', target);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.fsPath, rulesMd);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, `## \`${value}\``);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
