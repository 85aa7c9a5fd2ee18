// `.verbatim.json` in VS Code: a configuration, not an essay. No Verbatim hover, symbols or passage
// completion; key completion and hover come from VS Code's JSON service through the shipped schema;
// comments are allowed (JSON with comments); an unknown rule code is an error at the key.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, fixture, hoverText } from './helpers';

const CONFIG = [
  '{',
  '  // a comment, as the fixture config has one',
  '  "corpora": [{ "path": "notes.md", "title": "“There were no deferrals. There never were.”" }],',
  '  "rules": { "misquotes": "off" }',
  '}',
].join('\n');

/** Polls `probe` until it returns something (VS Code's JSON service starts on the first JSON document). */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (const deadline = Date.now() + 20_000; ; ) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`no ${what} within 20 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('.verbatim.json in VS Code', () => {
  const folder = fixture('config-test');
  const uri = vscode.Uri.joinPath(folder, '.verbatim.json');
  let doc: vscode.TextDocument;

  before(async () => {
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('is JSON with comments, and an unknown rule code is an error at the key (invalid-config), nothing else', async () => {
    assert.equal(doc.languageId, 'jsonc');
    const diagnostics = await diagnosticsWhen(uri, (d) => d.some((x) => x.source === 'verbatim'), 'the config’s problems');
    const key = doc.getText().indexOf('"misquotes"');
    // Settled: the JSON service's own pass has run too (it reports the unknown key as well, from the schema).
    // (The schema hover answering means the JSON service has read the file; give its diagnostics a moment.)
    await until(async () => (hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(doc.getText().indexOf('"corpora"') + 2))).includes('Corpora to check') ? true : undefined), 'the JSON service');
    await new Promise((r) => setTimeout(r, 1000));
    const all = vscode.languages.getDiagnostics(uri).map((d) => ({ source: d.source, code: typeof d.code === 'object' ? d.code.value : d.code, severity: vscode.DiagnosticSeverity[d.severity], at: doc.offsetAt(d.range.start), message: d.message }));
    const ours = all.filter((d) => d.source === 'verbatim');
    assert.deepEqual(ours.map(({ code, severity, at }) => ({ code, severity, at })), [{ code: 'invalid-config', severity: 'Error', at: key }]);
    assert.ok(diagnostics.length > 0);
    // No "comments are not permitted", and no essay finding on the quotation in the title.
    assert.ok(!all.some((d) => /comment/i.test(d.message)), JSON.stringify(all));
    // VS Code's JSON service words the unknown key its own way, not with the rules object's type message.
    assert.ok(!all.some((d) => d.message.includes('must be an object such as')), JSON.stringify(all));
    assert.ok(!all.some((d) => ['misquote', 'unverified-quote', 'partly-verified'].includes(String(d.code))), JSON.stringify(all));
  });

  it('hovers keys from the schema, never as an essay', async () => {
    const at = (text: string, plus = 2) => doc.positionAt(doc.getText().indexOf(text) + plus);
    const onKey = await until(async () => {
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at('"corpora"')));
      return text.includes('Corpora to check quotations against') ? text : undefined;
    }, 'schema hover on "corpora"');
    // (VS Code escapes the schema's description as Markdown: built\-in.)
    assert.ok(onKey.replace(/\\(.)/g, '$1').includes('Corpora to check quotations against, besides the built-in Never Let Me Go corpus.'), onKey);
    assert.ok(!onKey.includes('Verbatim:'), onKey);
    const onQuotation = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at('There were', 3)));
    assert.ok(!onQuotation.includes('Verbatim'), onQuotation);
  });

  it('completes rule codes from the schema and offers no passage; its outline is the JSON keys', async () => {
    const inRules = doc.positionAt(doc.getText().indexOf('"rules": { ') + '"rules": { '.length);
    const labels = await until(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inRules);
      const got = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return got.some((l) => l.replace(/"/g, '') === 'misquote') ? got : undefined;
    }, 'rule code completion from the schema');
    for (const code of ['misquote', 'unverified-quote', 'missing-citation']) assert.ok(labels.some((l) => l.replace(/"/g, '') === code), `${code} in ${JSON.stringify(labels)}`);
    // In the title's quotation: nothing from the essay checker's passages.
    const inTitle = doc.positionAt(doc.getText().indexOf('There were no'));
    const there = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, inTitle, '“');
    assert.ok(!there.items.some((i) => i.detail?.includes('Never Let Me Go')), JSON.stringify(there.items.map((i) => i.detail)));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols.map((s) => s.name), ['corpora', 'rules']);
  });
});
