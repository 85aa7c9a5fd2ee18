// The harness itself: a real VS Code, the development extension loaded and active,
// and its language server publishing diagnostics for the fixture essay.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, fixture, ours } from './helpers';

describe('smoke: the extension in a real VS Code', () => {
  it('is the development extension, and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    console.log(`  VS Code ${vscode.version}, ui kind ${vscode.UIKind[vscode.env.uiKind]}`);
  });

  it('publishes diagnostics for the fixture essay', async () => {
    const uri = fixture('essay.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'markdown');
    const diagnostics = await diagnosticsWhen(uri, (d) => ours(d).length > 0, 'any verbatim diagnostic on essay.md');
    assert.ok(ours(diagnostics).length > 0);
  });
});
