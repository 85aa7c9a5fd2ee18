// What the VS Code client adds to the language server, on the desktop
// (extension.ts, the server a Node process) and in the browser (web/extension.ts,
// the server a web worker) alike: the client options, the status bar, the
// command palette pickers and the read-only view of the built-in corpus.
// Everything else comes from the server over LSP.

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type BaseLanguageClient, type DocumentSelector, type LanguageClientOptions } from 'vscode-languageclient';
import {
  AddSourceCommand,
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

/** What differs between the desktop and the browser client. */
export interface ClientHost {
  documentSelector: DocumentSelector;
  /** Initialization options beyond the common ones (the desktop's cache folder). */
  initializationOptions?: Partial<InitializationOptions>;
  /** How the server is told which file "Add a Source…" picked: a path on disk, or (browser) its URI. */
  sourceArgument(picked: vscode.Uri): string;
}

export function clientOptions(host: ClientHost): LanguageClientOptions {
  // The server reads corpora only where trust allows (see package.json capabilities.untrustedWorkspaces).
  const initializationOptions: InitializationOptions = {
    corpusDocuments: true,
    statusNotifications: true,
    pullDiagnostics: false,
    trusted: vscode.workspace.isTrusted,
    ...host.initializationOptions,
  };
  return {
    documentSelector: host.documentSelector,
    initializationOptions,
    middleware: {
      // "Add a source…" (a quick fix, or the palette): VS Code asks for the file, the server writes
      // .verbatim.json, and the config is saved so that the essays are checked against it at once.
      executeCommand: async (command, args, next) => {
        if (command !== AddSourceCommand || args.length >= 2) return next(command, args);
        const essay = typeof args[0] === 'string' ? vscode.Uri.parse(args[0]) : vscode.window.activeTextEditor?.document.uri;
        if (!essay) return void vscode.window.showInformationMessage('Verbatim: open an essay first.');
        const picked = await vscode.window.showOpenDialog({
          title: 'Verbatim: Add a Source',
          openLabel: 'Add as a source',
          canSelectMany: false,
          defaultUri: vscode.workspace.getWorkspaceFolder(essay)?.uri,
          filters: { 'Texts and passages': ['txt', 'md', 'markdown', 'json'], 'All files': ['*'] },
        });
        if (!picked?.[0]) return undefined;
        const result = (await next(command, [essay.toString(), host.sourceArgument(picked[0])])) as { applied?: boolean; configUri?: string } | null;
        if (result?.applied && result.configUri) {
          const config = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.configUri);
          await config?.save();
        }
        return result;
      },
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
}

/** The status bar, the trust notification, the `verbatim-corpus:` documents and the commands; before `start`. */
export function registerFeatures(context: vscode.ExtensionContext, lc: BaseLanguageClient): void {
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 100);
  status.command = 'workbench.actions.view.problems';
  status.tooltip = 'Verbatim: quotations checked in this essay (click for the Problems view)';
  context.subscriptions.push(status);
  const counts = new Map<string, StatusParams>();
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? counts.get(uri) : undefined;
    if (!s) return status.hide();
    // By quotation: one with two findings is one flagged quotation.
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
