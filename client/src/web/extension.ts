// The VS Code client in the browser (vscode.dev, github.dev): the same features
// as on the desktop (features.ts), with the language server in a web worker
// (server/out/web/server.js) that reads the workspace through this client.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, registerFeatures } from '../features';
import { registerFileRequests } from './fileRequests';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const main = vscode.Uri.joinPath(context.extensionUri, 'server', 'out', 'web', 'server.js');
  const worker = new Worker(main.toString(true));
  // Essays in this workspace's file systems (vscode-vfs:, file: …), and untitled ones.
  const schemes = new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  const options = clientOptions({
    documentSelector: [...schemes].flatMap((scheme) => [{ scheme, language: 'markdown' }, ...(scheme === 'untitled' ? [] : [{ scheme, pattern: '**/.verbatim.json' }])]),
    // A virtual workspace's file has no path on disk: the server is told its URI.
    sourceArgument: (picked) => picked.toString(),
  });
  const lc = (client = new LanguageClient('verbatim', 'Verbatim', options, worker));
  registerFileRequests(context, lc);
  registerFeatures(context, lc);
  await lc.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
