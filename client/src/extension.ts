// The VS Code client on the desktop: starts the language server as a Node
// process over IPC; what it adds to the server is features.ts's, shared with
// the browser client (web/extension.ts).

import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, registerFeatures, type LinesShown } from './features';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ onDidShowLines: vscode.Event<LinesShown> } | undefined> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const cacheDir = path.join(context.globalStorageUri.fsPath, 'corpus-cache');
  const serverOptions: ServerOptions = {
    // The env names the cache folder before the server starts: its loader reads the code cache there.
    run: { module, transport: TransportKind.ipc, options: { env: { VERBATIM_CACHE_DIR: cacheDir, ...process.env } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const options = clientOptions({
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/.verbatim.json' },
    ],
    initializationOptions: { cacheDir },
    sourceArgument: (picked) => picked.fsPath,
  });
  const lc = (client = new LanguageClient('verbatim', 'Verbatim', serverOptions, options));
  const features = registerFeatures(context, lc);
  await lc.start();
  // The integration suite drives the Insert Quotation picker as a person does (value, then Enter).
  return process.env.VERBATIM_TEST === '1' ? features : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
