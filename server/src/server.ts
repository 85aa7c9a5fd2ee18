// The language server: wires the connection, the open documents, settings and
// one provider per feature. Start it with `node server/out/server.js --stdio`
// (any LSP editor) or over IPC (the VS Code client).

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeActions } from './providers/codeActions';
import { completion } from './providers/completion';
import { DiagnosticsProvider } from './providers/diagnostics';
import { hover, quotationAt } from './providers/hover';
import { citationKeyCompletion, citationKeyHover, entryLine } from './providers/citationKeys';
import { essayBibliography, essayStyle } from './essayBibliography';
import { builtinStyle } from './engine/csl';
import type { Checked } from './providers/diagnostics';
import { referencesEdit } from './providers/worksCited';
import { definition } from './providers/definition';
import { passages } from './providers/passages';
import { references } from './providers/references';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './providers/semanticTokens';
import { documentSymbols } from './providers/symbols';
import { checkWorkspace, describeWorkspaceCheck } from './providers/workspaceCheck';
import { WorkspaceQuotations } from './providers/workspaceQuotations';
import { CorpusLocations } from './node/corpusLocations';
import { readPdfsInBackground } from './node/bookFiles';
import { setCacheDir } from './node/corpusCache';
import {
  CheckWorkspaceCommand,
  UpdateReferencesCommand,
  CorpusTextRequest,
  DEFAULT_SETTINGS,
  TIMING_ENABLED,
  TimingNotification,
  PassagesRequest,
  type CheckWorkspaceResult,
  type CorpusTextParams,
  type InitializationOptions,
  type PassagesParams,
  type TimingParams,
  type VerbatimSettings,
} from './protocol';
import { TrustNotification, type TrustParams } from './protocol';
import { CONFIG_FILE, Workspaces } from './workspace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let canPullConfiguration = false;
let canRefreshTokens = false;
/** The client applies versioned edits (`documentChanges`): Update Works Cited sends one. */
let canVersionEdits = false;
let pushedSettings: Partial<VerbatimSettings> = {};
const settingsCache = new Map<string, Promise<VerbatimSettings>>();

async function settingsFor(uri: string): Promise<VerbatimSettings> {
  if (!canPullConfiguration) return { ...DEFAULT_SETTINGS, ...pushedSettings };
  let pending = settingsCache.get(uri);
  if (!pending) {
    pending = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'verbatim' })
      .then((s: Partial<VerbatimSettings> | null) => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) }))
      .catch(() => ({ ...DEFAULT_SETTINGS }));
    settingsCache.set(uri, pending);
  }
  return pending;
}

const workspaces = new Workspaces(settingsFor, (message) => {
  connection.console.warn(message);
  // A plain notification (not a request): every client shows it, none must answer.
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Verbatim: ${message}` });
});
const diagnostics = new DiagnosticsProvider(connection, workspaces, (uri) => documents.get(uri));
let corpusDocuments = false;
const locations = new CorpusLocations(() => corpusDocuments);
const workspaceQuotations = new WorkspaceQuotations(diagnostics, workspaces, () => documents.all());
// PDFs are read in a worker thread while the server goes on answering; once one is read, the corpora load again.
readPdfsInBackground(() => everythingChanged());

/** Runs a handler; an exception is logged and answered with an empty result, never a crash. */
function safely<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (e) {
      connection.console.error(`Verbatim: ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };
}

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  canRefreshTokens = !!params.capabilities.workspace?.semanticTokens?.refreshSupport;
  canVersionEdits = !!params.capabilities.workspace?.workspaceEdit?.documentChanges;
  const init = params.initializationOptions as InitializationOptions | undefined;
  if (init?.settings) pushedSettings = init.settings;
  corpusDocuments = init?.corpusDocuments === true;
  if (init?.trusted === false) workspaces.setTrusted(false);
  if (typeof init?.cacheDir === 'string' && init.cacheDir) setCacheDir(init.cacheDir);
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaces.setFolders(folders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['“', '"', '‘', '>'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: { label: 'Quotations' },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
      executeCommandProvider: { commands: [UpdateReferencesCommand, CheckWorkspaceCommand] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'verbatim', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'verbatim' });
});

function everythingChanged(): void {
  settingsCache.clear();
  workspaces.invalidate();
  workspaces.forgetWarnings();
  diagnostics.recheckAll(documents.all().map((d) => d.uri));
  // Verdicts may change with the corpora: the quotations' colours too.
  if (canRefreshTokens) void connection.languages.semanticTokens.refresh();
}

connection.onDidChangeConfiguration((change) => {
  const s = (change.settings as { verbatim?: Partial<VerbatimSettings> } | undefined)?.verbatim;
  if (s) pushedSettings = s;
  everythingChanged();
});

connection.onDidChangeWatchedFiles((change) => {
  // A config file or a corpus changed on disk: no verdict may rest on the old text.
  if (change.changes.some((c) => c.type !== FileChangeType.Changed || !c.uri.endsWith('.md'))) everythingChanged();
});

connection.onNotification(TrustNotification, (p: TrustParams) => {
  workspaces.setTrusted(p?.trusted !== false);
  everythingChanged();
});

documents.onDidOpen((e) => diagnostics.schedule(e.document.uri));
documents.onDidChangeContent((e) => {
  if (e.document.uri.endsWith(CONFIG_FILE)) everythingChanged();
  diagnostics.schedule(e.document.uri);
});
documents.onDidClose((e) => diagnostics.forget(e.document.uri));

connection.onHover(
  safely('hover', null, async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const checked = doc && (await diagnostics.current(doc));
    if (!doc || !checked) return null;
    const offset = doc.offsetAt(params.position);
    const onKey = citationKeyHover(doc, offset, checked.bibliography, styleOf(doc, checked));
    if (onKey) return onKey;
    const onQuotation = hover(doc, checked, offset);
    // A quotation whose source the essay's bibliography holds: its entry too.
    const entry = onQuotation && entryLine(quotationAt(checked, offset)?.match.corpus, checked.bibliography);
    if (!onQuotation || !entry || typeof onQuotation.contents !== 'object' || !('kind' in onQuotation.contents)) return onQuotation;
    return { ...onQuotation, contents: { kind: onQuotation.contents.kind, value: `${onQuotation.contents.value}\n\n${entry}` } };
  }),
);

connection.onCompletion(
  safely('completion', [], async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const context = await workspaces.contextFor(doc.uri);
    const started = performance.now();
    const cpu = process.cpuUsage();
    // After `[@`: the bibliography's keys; else quotation completion.
    const keys = citationKeyCompletion(doc, params.position, () => essayBibliography(doc.uri, doc.getText(), context));
    const items = keys ?? completion(doc, params.position, context, context.citationStyle);
    if (TIMING_ENABLED) {
      const cpuUsed = process.cpuUsage(cpu);
      void connection.sendNotification(TimingNotification, { kind: 'completion', uri: doc.uri, version: doc.version, ms: performance.now() - started, cpuMs: (cpuUsed.user + cpuUsed.system) / 1000 } satisfies TimingParams);
    }
    return items;
  }),
);

connection.onCodeAction(
  safely('code actions', [], async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const checked = doc && (await diagnostics.current(doc));
    return doc && checked ? codeActions(doc, checked, params.context.diagnostics, checked.context.citationStyle) : [];
  }),
);

connection.onExecuteCommand(
  safely('command', null, async (params): Promise<unknown> => {
    if (params.command === CheckWorkspaceCommand) return runWorkspaceCheck();
    if (params.command !== UpdateReferencesCommand) return null;
    const uri = params.arguments?.[0];
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    const tell = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Verbatim: ${message}` });
    if (!doc) {
      tell(`${UpdateReferencesCommand} needs the URI of an open essay as its argument`);
      return null;
    }
    const checked = await diagnostics.current(doc);
    const outcome = checked ? referencesEdit(doc, checked, checked.context.citationStyle, canVersionEdits) : { kind: 'nothing' as const };
    if (outcome.kind !== 'edit') {
      tell(
        outcome.kind === 'problem'
          ? `Works Cited not updated: ${outcome.message}`
          : outcome.kind === 'up-to-date'
            ? 'the Works Cited list is already up to date'
            : 'no quotation in this essay is found in a source, so there is nothing to list',
      );
      return null;
    }
    const result = await connection.workspace.applyEdit({ label: 'Update Works Cited', edit: outcome.edit });
    return { applied: result.applied };
  }),
);

connection.onDefinition(
  safely('definition', null, async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const checked = doc && (await diagnostics.current(doc));
    return doc && checked ? definition(checked, doc.offsetAt(params.position), locations) : null;
  }),
);

connection.onReferences(
  safely('references', [], async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const checked = doc && (await diagnostics.current(doc));
    if (!doc || !checked) return [];
    return references(doc, checked, doc.offsetAt(params.position), params.context.includeDeclaration, workspaceQuotations.all());
  }),
);

connection.onDocumentSymbol(
  safely('document symbols', [], async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const checked = doc && (await diagnostics.current(doc));
    return doc && checked ? documentSymbols(doc, checked) : [];
  }),
);

connection.languages.semanticTokens.on(
  safely('semantic tokens', { data: [] }, async (params) => {
    const doc = documents.get(params.textDocument.uri);
    const checked = doc && (await diagnostics.current(doc));
    return doc && checked ? semanticTokens(doc, checked) : { data: [] };
  }),
);

connection.onRequest(
  CorpusTextRequest,
  safely('corpus text', null, (params: CorpusTextParams) => locations.virtualText(params?.uri)),
);

connection.onRequest(
  PassagesRequest,
  safely('passages', { corpora: [], passages: [] }, async (params: PassagesParams | undefined) => {
    const uri = params?.uri ?? workspaces.folderPaths().map((f) => pathToFileURL(join(f, 'untitled.md')).href)[0] ?? 'untitled:passages';
    return passages(await workspaces.contextFor(uri), locations);
  }),
);

/** `verbatim.checkWorkspace` (dispatched from the one executeCommand handler). */
async function runWorkspaceCheck(): Promise<CheckWorkspaceResult> {
  const result = await checkWorkspace(workspaceQuotations, diagnostics, workspaces);
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: describeWorkspaceCheck(result) });
  return result;
}

process.on('uncaughtException', (e) => connection.console.error(`Verbatim: unexpected error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Verbatim: unexpected rejection: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();

/** The CSL style for an essay: the `csl:` its front matter names, else the shipped one of its citation style. */
function styleOf(doc: TextDocument, checked: Checked): string {
  const named = essayStyle(doc.uri, doc.getText(), checked.context);
  return typeof named === 'string' ? named : builtinStyle(checked.context.citationStyle);
}
