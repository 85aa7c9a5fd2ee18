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
  type LineInfo,
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

/**
 * The status bar, the trust notification, the `verbatim-corpus:` documents and the commands; before `start`.
 * Returns when the Insert Quotation picker shows the server's lines for a value (the integration suite waits for it).
 */
export function registerFeatures(context: vscode.ExtensionContext, lc: BaseLanguageClient): { onDidShowLines: vscode.Event<LinesShown> } {
  const linesShown = new vscode.EventEmitter<LinesShown>();
  context.subscriptions.push(linesShown);
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
    vscode.commands.registerCommand('verbatim.insertQuotation', (options?: { query?: string }) =>
      insertQuotation(lc, typeof options?.query === 'string' ? options.query : '', (shown) => linesShown.fire(shown)),
    ),
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
  return { onDidShowLines: linesShown.event };
}

interface LineItem extends vscode.QuickPickItem {
  line: LineInfo;
}

/**
 * Insert Quotation…: a picker over the server's lines (searched by words, typos forgiven, or by who
 * speaks them: the server ranks, so every item stays shown in its order), then the line typed at
 * each cursor with its citation and no nested or doubled marks (insertion.ts).
 */
async function insertQuotation(lc: BaseLanguageClient, query: string, shown: (e: LinesShown) => void): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return void vscode.window.showInformationMessage('Verbatim: open an essay to insert a quotation.');
  const uri = editor.document.uri.toString();
  const pick = vscode.window.createQuickPick<LineItem>();
  pick.title = 'Verbatim: Insert Quotation';
  pick.placeholder = 'Words of the line (typos are fine), or who speaks it: Ruth, Miss Emily deferrals';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  // VS Code would move items whose label holds the typed text first ("truth" for "Ruth"): keep the server's order.
  (pick as { sortByLabel?: boolean }).sortByLabel = false;
  let asked = 0;
  const search = async (value: string) => {
    const n = ++asked;
    pick.busy = true;
    let result: PassagesResult;
    try {
      result = await lc.sendRequest<PassagesResult>(PassagesRequest.method, { uri, query: value });
    } catch (e) {
      // The server is restarting or gone: say so in the picker rather than spin.
      if (n === asked) {
        pick.busy = false;
        pick.items = [];
        pick.placeholder = `Verbatim: the language server did not answer (${e instanceof Error ? e.message : String(e)})`;
      }
      return;
    }
    if (n !== asked) return;
    pick.items = (result.lines ?? []).map((line) => ({
      label: line.text.length > 150 ? line.text.slice(0, 149) + '…' : line.text,
      // Who speaks and the citation on the second line, where a long line's label leaves them visible.
      detail: [[line.speaker, result.corpora[line.corpus]?.title].filter(Boolean).join(' — '), line.citation, line.where].filter(Boolean).join(' · '),
      alwaysShow: true,
      line,
    }));
    pick.busy = false;
    if (pick.items.length === 0) shown({ value, labels: [] });
  };
  // The lines are on screen once VS Code makes the first one active.
  pick.onDidChangeActive((active) => {
    if (active.length && !pick.busy) shown({ value: pick.value, labels: pick.items.map((i) => i.label) });
  });
  const picked = new Promise<LineItem | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      // Enter before any line is shown picks nothing: the picker stays open.
      if (!item) return;
      resolve(item);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
  });
  pick.onDidChangeValue((value) => void search(value));
  pick.value = query;
  pick.show();
  void search(query);
  const item = await picked;
  pick.dispose();
  if (!item) return;
  const doc = editor.document;
  const order = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
  const edits = order.map((selection) => {
    const before = doc.lineAt(selection.start.line).text.slice(0, selection.start.character);
    const after = doc.lineAt(selection.end.line).text.slice(selection.end.character);
    const insertion = quotationInsertion(before, after, item.line.text, item.line.citation);
    return { range: new vscode.Range(selection.start, selection.end.translate(0, insertion.replaces)), insertion };
  });
  // Each cursor after what was typed there, counted in offsets (earlier edits move later ones).
  let delta = 0;
  const cursors = edits.map((e) => {
    const start = doc.offsetAt(e.range.start) + delta;
    delta += e.insertion.text.length - (doc.offsetAt(e.range.end) - doc.offsetAt(e.range.start));
    return start + e.insertion.text.length;
  });
  const applied = await editor.edit((edit) => {
    for (const e of edits) edit.replace(e.range, e.insertion.text);
  });
  if (!applied) return;
  editor.selections = cursors.map((offset) => {
    const at = doc.positionAt(offset);
    return new vscode.Selection(at, at);
  });
}

/** What the picker shows for a value (the integration suite waits for it). */
export interface LinesShown {
  value: string;
  labels: string[];
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
