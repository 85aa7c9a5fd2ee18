// The VS Code client in the browser (vscode.dev, github.dev): the same features
// as on the desktop (features.ts), with the language server in a web worker
// (server/out/web/server.js) that reads the workspace through this client.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { CiteprocNotification, type CiteprocParams } from '../../../server/src/protocol';
import { clientOptions, registerFeatures } from '../features';
import { registerFileRequests } from './fileRequests';

let client: LanguageClient | undefined;

/**
 * The server's worker. VS Code's web worker host starts workers from http(s) and file: URLs (vscode.dev
 * serves extensions over https), not from a remote extension's vscode-remote: location (code-server,
 * Codespaces in a browser): then the script is read through the workspace file system and started from a blob.
 */
async function serverWorker(extensionUri: vscode.Uri): Promise<Worker> {
  const main = vscode.Uri.joinPath(extensionUri, 'server', 'out', 'web', 'server.js');
  return new Worker(/^(https?|file)$/.test(main.scheme) ? main.toString(true) : await blobUrl(main));
}

/** Where the worker's importScripts can load citeproc-js from: the extension's own URL over http(s); else it must be read first (a blob). */
function citeprocScript(extensionUri: vscode.Uri): { url: string } | { read: vscode.Uri } {
  const script = vscode.Uri.joinPath(extensionUri, 'server', 'out', 'web', 'citeproc.js');
  return /^https?$/.test(script.scheme) ? { url: script.toString(true) } : { read: script };
}

async function blobUrl(file: vscode.Uri): Promise<string> {
  const script = await vscode.workspace.fs.readFile(file);
  return URL.createObjectURL(new Blob([new Uint8Array(script)], { type: 'text/javascript' }));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const worker = await serverWorker(context.extensionUri);
  const citeproc = citeprocScript(context.extensionUri);
  // Essays in this workspace's file systems (vscode-vfs:, file: …), and untitled ones.
  const schemes = new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  const options = clientOptions({
    documentSelector: [...schemes].flatMap((scheme) => [{ scheme, language: 'markdown' }, ...(scheme === 'untitled' ? [] : [{ scheme, pattern: '**/.verbatim.json' }])]),
    initializationOptions: 'url' in citeproc ? { citeprocUrl: citeproc.url } : {},
    // A virtual workspace's file has no path on disk: the server is told its URI.
    sourceArgument: (picked) => picked.toString(),
  });
  const lc = (client = new LanguageClient('verbatim', 'Verbatim', options, worker));
  registerFileRequests(context, lc);
  registerFeatures(context, lc);
  await lc.start();
  // Read only once the server runs: a check never formats a reference, and the first diagnostics need the time.
  if ('read' in citeproc) void blobUrl(citeproc.read).then((url) => lc.sendNotification(CiteprocNotification.method, { url } satisfies CiteprocParams), () => undefined);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
