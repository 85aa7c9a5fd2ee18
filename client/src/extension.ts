// The VS Code client: starts the language server and adds what only VS Code
// can: the status bar, the command palette pickers and the read-only view of
// the built-in corpus. Everything else comes from the server over LSP.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  CORPUS_SCHEME,
  CorpusTextRequest,
  PassagesRequest,
  StatusNotification,
  TrustNotification,
  UpdateReferencesCommand,
  type InitializationOptions,
  type PassagesResult,
  type StatusParams,
  type VerbatimSettings,
} from '../../server/src/protocol';
import { quotationInsertion } from './insertion';
import { RestartPolicy } from './restartPolicy';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const cacheDir = path.join(context.globalStorageUri.fsPath, 'corpus-cache');
  const serverOptions: ServerOptions = {
    // The env names the cache folder before the server starts: its loader reads the code cache there.
    run: { module, transport: TransportKind.ipc, options: { env: { VERBATIM_CACHE_DIR: cacheDir, ...process.env } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // The server reads corpora only where trust allows (see package.json capabilities.untrustedWorkspaces).
  const initializationOptions: InitializationOptions = {
    corpusDocuments: true,
    statusNotifications: true,
    pullDiagnostics: false,
    trusted: vscode.workspace.isTrusted,
    cacheDir,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', pattern: '**/.verbatim.json' },
    ],
    initializationOptions,
    middleware: {
      workspace: {
        // Mark where each corpus setting comes from: workspace settings are confined to the folder.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (item.section !== 'verbatim' || !value || typeof value !== 'object') return value;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const seen = vscode.workspace.getConfiguration('verbatim', scope).inspect<VerbatimSettings['corpora']>('corpora');
            const origin = seen?.workspaceFolderValue !== undefined || seen?.workspaceValue !== undefined ? 'workspace' : 'user';
            const corpora = (value as Partial<VerbatimSettings>).corpora;
            return { ...value, corpora: Array.isArray(corpora) ? corpora.map((c) => ({ ...c, origin })) : corpora };
          });
        },
      },
    },
    errorHandler: restartPolicy(),
    synchronize: {
      configurationSection: 'verbatim',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.verbatim.json,*.txt,*.json,*.md,*.markdown}'),
    },
  };
  const lc = (client = new LanguageClient('verbatim', 'Verbatim', serverOptions, clientOptions));

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
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void lc.sendNotification(TrustNotification.method, { trusted: true })));
  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((d) => {
      counts.delete(d.uri.toString());
      show();
    }),
  );
  // Registered before start, so the first essay's counts are not missed.
  context.subscriptions.push(
    lc.onNotification(StatusNotification.method, (s: StatusParams) => {
      counts.set(s.uri, s);
      show();
    }),
  );

  // The built-in review, read-only: go to definition and "Show Corpus" open these documents.
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CORPUS_SCHEME, {
      provideTextDocumentContent: async (uri) => (await lc.sendRequest<string | null>(CorpusTextRequest.method, { uri: uri.toString() })) ?? '',
    }),
  );

  // The server owns the command (any LSP editor can run it); the palette entry passes the active essay.
  context.subscriptions.push(
    vscode.commands.registerCommand('verbatim.updateWorksCited', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'markdown') return void vscode.window.showInformationMessage('Verbatim: open a Markdown essay first.');
      await lc.sendRequest('workspace/executeCommand', { command: UpdateReferencesCommand, arguments: [doc.uri.toString()] });
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('verbatim.insertQuotation', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage('Verbatim: open an essay to insert a quotation.');
      const result = await lc.sendRequest<PassagesResult>(PassagesRequest.method, { uri: editor.document.uri.toString() });
      const items = result.passages.map((p) => {
        const corpus = result.corpora[p.corpus];
        return {
          label: p.text.length > 120 ? p.text.slice(0, 119) + '…' : p.text,
          description: [p.speaker && p.speaker !== 'unknown' ? p.speaker : undefined, corpus?.title].filter(Boolean).join(' — '),
          detail: p.section,
          wording: p.text,
        };
      });
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Verbatim: Insert Quotation',
        placeHolder: 'Type words of the passage, a speaker or a section',
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (!picked) return;
      await editor.edit((edit) => {
        for (const selection of editor.selections) {
          const line = editor.document.lineAt(selection.start.line).text;
          const text = quotationInsertion(line.slice(0, selection.start.character), line.slice(selection.end.character), picked.wording);
          edit.replace(selection, text);
        }
      });
    }),
    vscode.commands.registerCommand('verbatim.showCorpus', async () => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      const result = await lc.sendRequest<PassagesResult>(PassagesRequest.method, uri ? { uri } : {});
      const items = result.corpora.map((c) => ({
        label: c.title,
        description: c.author,
        detail: `${c.passages} passages · ${c.uri}`,
        uri: c.uri,
      }));
      const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: 'Verbatim: Show Corpus' });
      if (!picked) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(picked.uri));
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
  );

  await lc.start();
}

/** Restart a crashed server, but stop a crash loop with one clear message. */
function restartPolicy(): LanguageClientOptions['errorHandler'] {
  const policy = new RestartPolicy();
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      if (policy.crashed(Date.now())) return { action: CloseAction.Restart, handled: true };
      void vscode.window.showErrorMessage(policy.message);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
