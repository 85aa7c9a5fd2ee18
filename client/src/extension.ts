// The VS Code client: starts the language server and shows what only VS Code
// can (the status bar). Everything else comes from the server over LSP.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusNotification, UpdateReferencesCommand, type StatusParams } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/.verbatim.json' },
    ],
    synchronize: {
      configurationSection: 'verbatim',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.verbatim.json,*.txt,*.json,*.markdown}'),
    },
  };
  client = new LanguageClient('verbatim', 'Verbatim', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  status.command = 'workbench.actions.view.problems';
  status.tooltip = 'Verbatim: quotations checked in this essay (click for the Problems view)';
  context.subscriptions.push(status);
  const counts = new Map<string, StatusParams>();
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? counts.get(uri) : undefined;
    if (!s) return status.hide();
    status.text = `Verbatim: ${s.correct} ✓ ${s.flagged} ⚠`;
    status.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(show));
  context.subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => counts.delete(d.uri.toString())));

  // The server owns the command (any LSP editor can run it); the palette entry passes the active essay.
  context.subscriptions.push(
    vscode.commands.registerCommand('verbatim.updateWorksCited', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'markdown') return void vscode.window.showInformationMessage('Verbatim: open a Markdown essay first.');
      await client?.sendRequest('workspace/executeCommand', { command: UpdateReferencesCommand, arguments: [doc.uri.toString()] });
    }),
  );

  await client.start();
  context.subscriptions.push(
    client.onNotification(StatusNotification, (s: StatusParams) => {
      counts.set(s.uri, s);
      show();
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
