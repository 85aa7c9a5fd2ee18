// The language server on any connection and any file system: wires the open
// documents, settings and one provider per feature to the service layer.
// server.ts runs it on Node's stdio/IPC with the disk; tests run it in process
// on an in-memory file system.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CompletionList,
  type Connection,
  type Disposable,
  type InitializeResult,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { choosePositionEncoding, encodedDocuments, type EncodedDocument, type PositionEncoding } from './positions';
import { addSourceEdit, addSourceFiles } from './providers/addSource';
import { codeActions, UPDATE_WORKS_CITED_KIND, worksCitedAction } from './providers/codeActions';
import { completion, resolveCompletion, type CompletionData } from './providers/completion';
import { DiagnosticsProvider, type RuntimeHooks } from './providers/diagnostics';
import { hover, quotationAt } from './providers/hover';
import { citationKeyCompletion, citationKeyHover, entryLine } from './providers/citationKeys';
import { plainText } from './providers/markup';
import { builtinStyle } from './engine/csl';
import { essayBibliography, essayStyle } from './service/bibliography';
import type { CheckedDocument } from './service/checker';
import { referencesEdit } from './providers/worksCited';
import { definition } from './providers/definition';
import { passages } from './providers/passages';
import { references } from './providers/references';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './providers/semanticTokens';
import { documentSymbols } from './providers/symbols';
import { checkWorkspace, describeWorkspaceCheck } from './providers/workspaceCheck';
import { WorkspaceQuotations } from './providers/workspaceQuotations';
import { CorpusLocator, fileSystemAccess, type CorpusFileAccess } from './providers/corpusLocator';
import {
  AddSourceCommand,
  CheckWorkspaceCommand,
  FIX_ALL_KIND,
  UpdateReferencesCommand,
  CorpusTextRequest,
  DEFAULT_SETTINGS,
  TIMING_ENABLED,
  TimingNotification,
  PassagesRequest,
  TrustNotification,
  type CheckWorkspaceResult,
  type InitializationOptions,
  type RequestType,
  type TimingParams,
  type TrustParams,
  type VerbatimSettings,
} from './protocol';
import { parseConfig } from './service/config';
import { isConfigPath } from './service/context';
import type { FileSystem } from './service/fileSystem';
import { Workspaces } from './service/workspace';

export interface ServerOptions extends RuntimeHooks {
  /** A folder for the disk caches, given by the client (Node only). */
  setCacheDir?: (dir: string) => void;
  /** Where the browser's worker loads citeproc-js from, given by the web client (browser only). */
  setCiteprocUrl?: (url: string) => void;
  /** How long to wait for `workspace/configuration` before using the defaults (ms). */
  configurationTimeoutMs?: number;
  /** How long an edited `.verbatim.json` must stay still (and parse) before open essays are re-checked (ms). */
  configDebounceMs?: number;
  /** Where each diagnostic code is documented (a URI), for `codeDescription.href`; none without it. */
  codeDocs?: (code: string) => string | undefined;
  /** Where corpora open and passages stand (Node: the shipped review, the disk); else through `fs`, every review virtual. */
  corpusFiles?: CorpusFileAccess;
  /**
   * Once initialized, make each workspace folder's context ready (its configs and corpora read, the built-in
   * index built) while the editor opens the first essay: for a file system that reads over the network (the browser's).
   */
  prepareFolders?: boolean;
}

/** The answer LSP asks for when a request was cancelled. */
function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function createServer(connection: Connection, fs: FileSystem, options: ServerOptions = {}): { documents: TextDocuments<EncodedDocument>; corporaChanged: () => void } {
  /** How positions count (LSP 3.17 `positionEncoding`): chosen at initialize; the documents convert. */
  let positionEncoding: PositionEncoding = 'utf-16';
  const documents = new TextDocuments(encodedDocuments(() => positionEncoding));
  const configurationTimeoutMs = options.configurationTimeoutMs ?? 2000;
  const configDebounceMs = options.configDebounceMs ?? 300;

  let canPullConfiguration = false;
  let canRefreshTokens = false;
  let canWatchFiles = false;
  let canWatchFolders = false;
  /** The client applies versioned edits (`documentChanges`): Update Works Cited sends one. */
  let canVersionEdits = false;
  /** Until `initialize`, every request is answered ServerNotInitialized (-32002). */
  let initialized = false;
  /** Only registered dynamically when the client offers it (eglot warns otherwise). */
  let canRegisterConfiguration = false;
  /** What the client renders: snippets in completion, Markdown in completion documentation and in hover. */
  let completionFormat = { snippets: false, markdown: false };
  let hoverMarkdown = false;
  /** Custom notifications go only to a client that asked (lsp-mode warns about unknown ones). */
  let wantsStatus = false;
  /** The client pulls diagnostics (`textDocument/diagnostic`) and refreshes on request: nothing is pushed for open documents. */
  let pullDiagnostics = false;
  /** The essay the latest request or edit came from: what a command without arguments applies to (Helix). */
  let lastEssay: string | undefined;
  let pushedSettings: Partial<VerbatimSettings> = {};
  const settingsCache = new Map<string, Promise<VerbatimSettings>>();
  const warned = { configTimeout: false };

  async function settingsFor(uri: string): Promise<VerbatimSettings> {
    if (!canPullConfiguration) return { ...DEFAULT_SETTINGS, ...pushedSettings };
    let pending = settingsCache.get(uri);
    if (!pending) {
      // A client that never answers must not leave every document unchecked: after a while, the defaults.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => {
          if (!warned.configTimeout) connection.console.warn(`Verbatim: the client did not answer workspace/configuration within ${configurationTimeoutMs} ms; using the default settings`);
          warned.configTimeout = true;
          // Asked again next time: a slow client may answer later.
          settingsCache.delete(uri);
          resolve(null);
        }, configurationTimeoutMs);
      });
      pending = Promise.race([connection.workspace.getConfiguration({ scopeUri: uri, section: 'verbatim' }) as Promise<Partial<VerbatimSettings> | null>, timeout])
        .then((s) => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) }))
        .catch(() => ({ ...DEFAULT_SETTINGS }))
        .finally(() => clearTimeout(timer));
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  const workspaces = new Workspaces(fs, settingsFor, (message) => {
    connection.console.warn(message);
    // A plain notification (not a request): every client shows it, none must answer.
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Verbatim: ${message}` });
  }, undefined, () => recheckOpenEssays());
  /** The client shows a diagnostic's `codeDescription` (LSP 3.16 codeDescriptionSupport). */
  let codeDescriptions = false;
  const diagnostics = new DiagnosticsProvider(
    connection,
    workspaces,
    (uri) => documents.get(uri),
    {
      wantsStatus: () => wantsStatus,
      pulled: () => pullDiagnostics,
      codeHref: (code) => (codeDescriptions ? options.codeDocs?.(code) : undefined),
    },
    options,
  );
  const uriToPath = (uri: string) => fs.paths.uriToPath(uri);
  let corpusDocuments = false;
  const locations = new CorpusLocator(() => corpusDocuments, () => positionEncoding, options.corpusFiles ?? fileSystemAccess(fs));
  const workspaceQuotations = new WorkspaceQuotations(diagnostics, workspaces, () => documents.all(), fs, () => positionEncoding);

  /**
   * Runs a request handler: a cancelled request is answered with RequestCancelled (-32800) as
   * soon as it is cancelled, an exception is logged and answered with the fallback, never a crash.
   */
  function safely<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken | undefined) => R | Promise<R>) {
    return async (params: P, token?: CancellationToken): Promise<R> => {
      if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized yet: send initialize first');
      if (token?.isCancellationRequested) throw cancelled();
      let onCancel: Disposable | undefined;
      const whenCancelled = new Promise<never>((_, reject) => {
        onCancel = token?.onCancellationRequested(() => reject(cancelled()));
      });
      try {
        return await Promise.race([Promise.resolve().then(() => fn(params, token)), whenCancelled]);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        connection.console.error(`Verbatim: ${name} failed: ${(e as Error).stack ?? e}`);
        return fallback;
      } finally {
        onCancel?.dispose();
      }
    };
  }

  connection.onInitialize((params): InitializeResult => {
    const workspace = params.capabilities.workspace;
    canPullConfiguration = !!workspace?.configuration;
    canRefreshTokens = !!workspace?.semanticTokens?.refreshSupport;
    canWatchFiles = !!workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canWatchFolders = !!workspace?.workspaceFolders;
    canVersionEdits = !!workspace?.workspaceEdit?.documentChanges;
    canRegisterConfiguration = !!workspace?.didChangeConfiguration?.dynamicRegistration;
    const text = params.capabilities.textDocument;
    completionFormat = {
      snippets: text?.completion?.completionItem?.snippetSupport === true,
      markdown: text?.completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) === true,
    };
    hoverMarkdown = text?.hover?.contentFormat?.includes(MarkupKind.Markdown) === true;
    codeDescriptions = text?.publishDiagnostics?.codeDescriptionSupport === true || (text?.diagnostic as { codeDescriptionSupport?: boolean } | undefined)?.codeDescriptionSupport === true;
    const init = params.initializationOptions as InitializationOptions | undefined;
    const experimental = params.capabilities.experimental as { verbatimStatus?: unknown } | undefined;
    wantsStatus = init?.statusNotifications === true || experimental?.verbatimStatus === true;
    // Pull only where the client can be told to pull again after a corpus changes; the VS Code client keeps push.
    pullDiagnostics = !!text?.diagnostic && !!workspace?.diagnostics?.refreshSupport && init?.pullDiagnostics !== false;
    positionEncoding = choosePositionEncoding(params.capabilities.general?.positionEncodings);
    initialized = true;
    if (init?.settings) pushedSettings = init.settings;
    corpusDocuments = init?.corpusDocuments === true;
    if (init?.trusted === false) workspaces.setTrusted(false);
    if (typeof init?.cacheDir === 'string' && init.cacheDir) options.setCacheDir?.(init.cacheDir);
    if (typeof init?.citeprocUrl === 'string' && init.citeprocUrl) options.setCiteprocUrl?.(init.citeprocUrl);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaces.setFolders(folders);
    return {
      capabilities: {
        positionEncoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['“', '"', '‘', '>', ' '], resolveProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, UPDATE_WORKS_CITED_KIND, FIX_ALL_KIND] },
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: 'Quotations' },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        executeCommandProvider: { commands: [UpdateReferencesCommand, CheckWorkspaceCommand, AddSourceCommand] },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'verbatim', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'verbatim', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (options.prepareFolders) for (const folder of workspaces.folderPaths()) void workspaces.contextFor(fs.paths.pathToUri(fs.paths.join(folder, 'untitled.md'))).catch(() => undefined);
    if (canPullConfiguration && canRegisterConfiguration)
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'verbatim' }).catch((e: unknown) => connection.console.info(`Verbatim: the client did not register configuration changes (${(e as Error).message})`));
    // Config files, every kind of corpus file (Markdown too), bibliographies and CSL styles: the server decides what a change means;
    // corpora outside the workspace are checked by modification time before use.
    // A client may refuse (eglot 1.9 in batch): corpora are then checked by modification time, as ever.
    if (canWatchFiles)
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/{.verbatim.json,*.txt,*.md,*.markdown,*.json,*.bib,*.bibtex,*.biblatex,*.yaml,*.yml,*.csl}' }] })
        .catch((e: unknown) => connection.console.info(`Verbatim: the client did not register file watching (${(e as Error).message}); corpora are checked by modification time`));
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        const kept = workspaces.folderPaths().filter((p) => !removed.has(p)).map((p) => fs.paths.pathToUri(p));
        workspaces.setFolders([...kept, ...e.added.map((f) => f.uri)]);
        everythingChanged();
      });
    }
  });

  function everythingChanged(): void {
    settingsCache.clear();
    workspaces.invalidate();
    workspaces.forgetWarnings();
    recheckOpenEssays();
  }

  function recheckOpenEssays(): void {
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
    // A file system that holds what it fetched (the browser's) fetches these again before it answers.
    fs.forget?.(change.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => p !== undefined));
    // Only a config file or a corpus some configuration reads can change a verdict; an essay's
    // own edits arrive as document changes (and essays on disk are re-read by modification time).
    const matters = change.changes.some((c) => {
      const path = uriToPath(c.uri);
      return isConfigPath(c.uri) || (path !== undefined && workspaces.isCorpusPath(path));
    });
    if (matters) return everythingChanged();
    // A bibliography or CSL style file: only the essays that read it are checked again.
    const readers = diagnostics.citationReaders(change.changes.map((c) => uriToPath(c.uri)).filter((p): p is string => p !== undefined));
    if (readers.length > 0) diagnostics.recheckAll(readers);
  });

  connection.onNotification(TrustNotification.method, (p: TrustParams | undefined) => {
    workspaces.setTrusted(p?.trusted !== false);
    everythingChanged();
  });

  // Typing in an open `.verbatim.json`: its own problems at once, the essays only once it parses and
  // the typing has paused (the verdicts read the file on disk, so nothing is lost by waiting).
  let configTimer: NodeJS.Timeout | undefined;
  /** The text of each open config as last seen: opening one (which also reports a content change) is no edit. */
  const configTexts = new Map<string, string>();
  function configEdited(doc: TextDocument): void {
    const text = doc.getText();
    if (configTexts.get(doc.uri) === text) return;
    configTexts.set(doc.uri, text);
    clearTimeout(configTimer);
    configTimer = setTimeout(() => {
      const current = documents.get(doc.uri);
      if (!current) return;
      const broken = parseConfig(current.getText()).problems.some((p) => p.message.startsWith('.verbatim.json is not valid JSON'));
      if (!broken) recheckOpenEssays();
    }, configDebounceMs);
  }

  documents.onDidOpen((e) => {
    if (isConfigPath(e.document.uri)) configTexts.set(e.document.uri, e.document.getText());
    diagnostics.schedule(e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    if (!isConfigPath(e.document.uri)) lastEssay = e.document.uri;
    diagnostics.schedule(e.document.uri);
    if (isConfigPath(e.document.uri)) configEdited(e.document);
  });
  documents.onDidSave((e) => {
    if (isConfigPath(e.document.uri)) everythingChanged();
  });
  documents.onDidClose((e) => {
    if (lastEssay === e.document.uri) lastEssay = undefined;
    configTexts.delete(e.document.uri);
    diagnostics.forget(e.document.uri);
  });
  connection.onShutdown(() => {
    // Nothing more is published once the client has asked the server to stop.
    clearTimeout(configTimer);
    diagnostics.stop();
  });

  /** The CSL style for an essay: the `csl:` its front matter names, else the shipped one of its citation style. */
  function styleOf(checked: CheckedDocument): string {
    return checked.cite.styleXml ?? builtinStyle(checked.context.citationStyle);
  }

  /** The open essay of a request, with its current check (a config file is no essay). */
  async function checkedEssay(uri: string) {
    const doc = documents.get(uri);
    if (!doc || isConfigPath(uri)) return undefined;
    lastEssay = uri;
    const checked = await diagnostics.current(doc);
    return checked && { doc, checked };
  }

  connection.onHover(
    safely('hover', null, async (params) => {
      const open = await checkedEssay(params.textDocument.uri);
      if (!open) return null;
      const { doc, checked } = open;
      const offset = doc.offsetAt(params.position);
      const styleXml = styleOf(checked);
      const onKey = citationKeyHover(doc, offset, checked.bibliography, styleXml, checked.cite.citeproc);
      if (onKey) return hoverMarkdown || typeof onKey.contents !== 'object' || !('value' in onKey.contents) ? onKey : { ...onKey, contents: { kind: 'plaintext', value: plainText(onKey.contents.value) } };
      const onQuotation = hover(doc, checked, offset, hoverMarkdown);
      // A quotation whose source the essay's bibliography holds: its entry too.
      const entry = onQuotation && entryLine(quotationAt(checked, offset)?.match.corpus, checked.bibliography, styleXml, checked.cite.citeproc);
      if (!onQuotation || !entry || typeof onQuotation.contents !== 'object' || !('kind' in onQuotation.contents)) return onQuotation;
      const line = onQuotation.contents.kind === 'markdown' ? entry : plainText(entry);
      return { ...onQuotation, contents: { kind: onQuotation.contents.kind, value: `${onQuotation.contents.value}\n\n${line}` } };
    }),
  );

  connection.onCompletion(
    safely('completion', { isIncomplete: false, items: [] } as CompletionList, async (params): Promise<CompletionList> => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || isConfigPath(doc.uri)) return { isIncomplete: false, items: [] };
      lastEssay = doc.uri;
      const context = await workspaces.contextFor(doc.uri);
      const started = performance.now();
      const cpuMs = options.cpuMs ?? (() => performance.now());
      const cpu = cpuMs();
      // After `[@`: the bibliography's keys; else quotation completion.
      const keys = citationKeyCompletion(doc, params.position, () => essayBibliography(fs, doc.uri, doc.getText(), context));
      const items = keys ?? completion(doc, params.position, context, context.citationStyle, completionFormat, diagnostics.citeOptions(doc, context));
      if (TIMING_ENABLED) {
        void connection.sendNotification(TimingNotification.method, { kind: 'completion', uri: doc.uri, version: doc.version, ms: performance.now() - started, cpuMs: cpuMs() - cpu } satisfies TimingParams);
      }
      // Incomplete: the client asks again as the user types (the server ranks; clients filter by the word only).
      return { isIncomplete: true, items };
    }),
  );

  connection.onCompletionResolve((item, token) =>
    safely('completion resolve', item, async () => {
      const uri = (item.data as Partial<CompletionData> | undefined)?.uri;
      return typeof uri === 'string' ? resolveCompletion(item, await workspaces.contextFor(uri)) : item;
    })(item, token),
  );

  connection.onCodeAction(
    safely('code actions', [], async (params) => {
      const open = await checkedEssay(params.textDocument.uri);
      if (!open) return [];
      const only = params.context.only;
      const fixes = codeActions(open.doc, open.checked, params.range, params.context.diagnostics, only);
      // Update Works Cited as an action too: eglot, Helix and ALE have no way to run a command with arguments.
      return [...fixes, ...worksCitedAction(open.doc.uri, open.checked, only)];
    }),
  );

  connection.onExecuteCommand(
    safely('command', null, async (params, token): Promise<unknown> => {
      if (params.command === CheckWorkspaceCommand) return runWorkspaceCheck(token);
      if (params.command === AddSourceCommand) return runAddSource(params.arguments?.[0], params.arguments?.[1]);
      if (params.command !== UpdateReferencesCommand) return null;
      // No argument (Helix's :lsp-workspace-command, eglot): the essay the latest request came from.
      const uri = params.arguments?.[0] ?? lastEssay;
      const tell = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `Verbatim: ${message}` });
      const open = typeof uri === 'string' ? await checkedEssay(uri) : undefined;
      if (!open) {
        tell(`${UpdateReferencesCommand} needs the URI of an open essay as its argument`);
        return null;
      }
      const outcome = referencesEdit(open.doc, open.checked, open.checked.context.citationStyle, canVersionEdits, essayStyle(fs, open.doc.uri, open.doc.getText(), open.checked.context));
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
      const open = await checkedEssay(params.textDocument.uri);
      return open ? definition(open.checked, open.doc.offsetAt(params.position), locations) : null;
    }),
  );

  connection.onReferences(
    safely('references', [], async (params) => {
      const open = await checkedEssay(params.textDocument.uri);
      if (!open) return [];
      return references(open.doc, open.checked, open.doc.offsetAt(params.position), params.context.includeDeclaration, workspaceQuotations.all());
    }),
  );

  connection.onDocumentSymbol(
    safely('document symbols', [], async (params) => {
      const open = await checkedEssay(params.textDocument.uri);
      return open ? documentSymbols(open.doc, open.checked) : [];
    }),
  );

  connection.languages.semanticTokens.on(
    safely('semantic tokens', { data: [] }, async (params) => {
      const open = await checkedEssay(params.textDocument.uri);
      return open ? semanticTokens(open.doc, open.checked) : { data: [] };
    }),
  );

  connection.languages.diagnostics.on(
    safely('pull diagnostics', { kind: 'full' as const, items: [] }, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      return { kind: 'full' as const, items: (doc && (await diagnostics.report(doc))) ?? [] };
    }),
  );

  /** A typed request handler from a definition in protocol.ts. */
  function onRequest<P, R>(type: RequestType<P, R>, handler: (params: P, token?: CancellationToken) => Promise<R>): void {
    connection.onRequest(type.method, (params: P, token: CancellationToken) => handler(params, token));
  }

  onRequest(
    CorpusTextRequest,
    safely('corpus text', null, (params) => locations.virtualText(params?.uri)),
  );

  onRequest(
    PassagesRequest,
    safely('passages', { corpora: [], passages: [] }, async (params) => {
      const uri = params?.uri ?? workspaces.folderPaths().map((f) => fs.paths.pathToUri(fs.paths.join(f, 'untitled.md')))[0] ?? 'untitled:passages';
      const context = await workspaces.contextFor(uri);
      const cite = diagnostics.citeOptions(documents.get(uri) ?? { uri, getText: () => '' }, context);
      return passages(context, locations, params ?? undefined, cite);
    }),
  );

  /** `verbatim.addSource [essayUri, sourcePath]` (dispatched from the one executeCommand handler). */
  async function runAddSource(uri: unknown, source: unknown): Promise<{ applied: boolean; configUri?: string } | null> {
    const tell = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message: `Verbatim: ${message}` });
    const essay = typeof uri === 'string' ? uriToPath(uri) : undefined;
    if (!essay || typeof source !== 'string' || !source) {
      tell(MessageType.Info, `${AddSourceCommand} needs the URI of an essay on disk and the path of a source file as its arguments`);
      return null;
    }
    const openText = (path: string) => documents.get(fs.paths.pathToUri(path))?.getText();
    // The client may name the source by its URI (a virtual workspace's file has no path on disk).
    const sourcePath = uriToPath(source) ?? source;
    await fs.preload?.(addSourceFiles(fs, essay, sourcePath));
    const outcome = addSourceEdit(fs, essay, workspaces.folderOf(essay), sourcePath, openText);
    if (outcome.kind === 'problem') {
      tell(MessageType.Warning, `source not added: ${outcome.message}`);
      return null;
    }
    const result = await connection.workspace.applyEdit({ label: 'Add a source', edit: outcome.edit });
    if (result.applied) tell(MessageType.Info, `added ${outcome.entry.path}${outcome.entry.title ? ` (${outcome.entry.title})` : ''} to ${uriToPath(outcome.configUri)}`);
    return { applied: result.applied, configUri: outcome.configUri };
  }

  /** `verbatim.checkWorkspace` (dispatched from the one executeCommand handler). */
  async function runWorkspaceCheck(token?: CancellationToken): Promise<CheckWorkspaceResult> {
    const result = await checkWorkspace(workspaceQuotations, diagnostics, workspaces, token);
    if (token?.isCancellationRequested) return result;
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: describeWorkspaceCheck(result) });
    return result;
  }

  documents.listen(connection);
  return { documents, corporaChanged: () => everythingChanged() };
}
