// Requests and notifications shared by the server and the VS Code client,
// typed so both sides agree on params and results. Everything else is plain
// LSP, so any editor gets the same features.
//
// The server's and the client's LSP libraries each carry their own copy of
// vscode-jsonrpc, whose RequestType classes do not mix; so a definition here is
// its method plus phantom types, and each side makes its own typed handler or
// call from it (createServer.ts `onRequest`, the client's `.method` calls).

import type { RuleCode } from './engine/rules';

/** A request: its method, and (in the type only) its params and result. */
export interface RequestType<P, R> {
  readonly method: string;
  readonly types?: { params: P; result: R };
}

/** A notification: its method, and (in the type only) its params. */
export interface NotificationType<P> {
  readonly method: string;
  readonly types?: { params: P };
}

function request<P, R>(method: string): RequestType<P, R> {
  return { method };
}

function notification<P>(method: string): NotificationType<P> {
  return { method };
}

export interface StatusParams {
  uri: string;
  version: number;
  quotations: number;
  /** Quotations whose wording is correct and that have no finding. */
  correct: number;
  /** Quotations with at least one finding (one with two findings counts once). */
  flagged: number;
}

/** Sent after each check: the counts the VS Code status bar shows. */
export const StatusNotification = notification<StatusParams>('verbatim/status');

/** Every diagnostic code the server publishes (documented in the README's table): the rules' and two of its own. */
export type DiagnosticCode = RuleCode | 'invalid-config' | 'file-too-large';

/** The settings the server reads, under `verbatim.*`. */
export interface VerbatimSettings {
  /** `origin` is set by the VS Code client: "workspace" entries come from workspace settings and are confined to the folder. */
  corpora: { path: string; title?: string; author?: string; year?: number; key?: string; origin?: 'user' | 'workspace' }[];
  minWords: number;
  maxFileSize: number;
  rules: Record<string, string>;
  /** How completion and quick fixes cite, and which section `verbatim.updateReferences` writes. */
  citationStyle: 'mla' | 'apa' | 'chicago' | 'pandoc';
  /** `verbatim.enable`: false turns checking and completion off. */
  enable: boolean;
  /** Bibliography files for essays whose front matter names none (workspace-relative). */
  bibliography?: string | string[];
}

export const DEFAULT_SETTINGS: VerbatimSettings = { corpora: [], minWords: 4, maxFileSize: 1_000_000, rules: {}, citationStyle: 'mla', enable: true };

/** `workspace/executeCommand`, arguments `[uri]`: writes the essay's Works Cited / References section. */
export const UpdateReferencesCommand = 'verbatim.updateReferences';

/**
 * `workspace/executeCommand`, arguments `[essayUri, sourcePath]`: adds the file at `sourcePath` to the
 * essay's `.verbatim.json` (written next to the workspace folder's root when there is none), with the
 * title and author the file gives. The VS Code client asks for the file with a picker first.
 */
export const AddSourceCommand = 'verbatim.addSource';

/** The code action kind of "replace every misquote with the source wording". */
export const FIX_ALL_KIND = 'source.fixAll.verbatim';

/** The URI scheme of corpus texts the server serves (the built-in review), read-only in VS Code. */
export const CORPUS_SCHEME = 'verbatim-corpus';

/** The built-in review as a virtual document. */
export const BUILTIN_REVIEW_URI = `${CORPUS_SCHEME}:/never-let-me-go-review.txt`;

/** `initializationOptions` a client sends when it can show `verbatim-corpus:` documents. */
export interface InitializationOptions {
  settings?: Partial<VerbatimSettings>;
  /** The client opens `verbatim-corpus:` URIs (with `verbatim/corpusText`); go to definition then targets them. */
  corpusDocuments?: boolean;
  /** VS Code workspace trust; false reads no corpus outside the workspace folder. Absent means trusted. */
  trusted?: boolean;
  /** A folder where loaded and indexed corpora are cached between sessions (the extension's global storage). */
  cacheDir?: string;
  /**
   * Browser: a URL the server worker can importScripts citeproc-js from (server/out/web/citeproc.js), loaded
   * when first needed; a client that must read the file first sends it later (CiteprocNotification).
   */
  citeprocUrl?: string;
  /**
   * The client wants the custom `verbatim/status` notification (the VS Code client's status bar).
   * Other clients get only standard LSP messages (lsp-mode warns about unknown ones). The
   * experimental client capability `verbatimStatus: true` asks the same.
   */
  statusNotifications?: boolean;
  /** false: push diagnostics even to a client that can pull them (the VS Code client: it would show both). */
  pullDiagnostics?: boolean;
}

export interface CorpusTextParams {
  uri: string;
}

/** Request: the text of a `verbatim-corpus:` document; null if there is none. */
export const CorpusTextRequest = request<CorpusTextParams, string | null>('verbatim/corpusText');

export interface PassagesParams {
  uri?: string;
  /**
   * "Insert Quotation…": search the lines of the works (never the review's prose, terms or the critics
   * it quotes) by words, typos forgiven, or by who speaks them (the query starts with a name). With
   * a query (even empty) the result holds `lines` and no `passages`.
   */
  query?: string;
  /** At most this many lines (default 100, at most 500). */
  limit?: number;
}

export interface CorpusInfo {
  id: string;
  title: string;
  author?: string;
  /** Where to open it: a `file:` URI, or a `verbatim-corpus:` URI for the built-in review. */
  uri: string;
  passages: number;
}

export interface PassageInfo {
  /** Index into `PassagesResult.corpora`. */
  corpus: number;
  id: string;
  text: string;
  speaker?: string;
  section?: string;
  kind: string;
  line?: number;
}

/** A line to insert, with its citation in the essay's citation style. */
export interface LineInfo {
  /** Index into `PassagesResult.corpora`. */
  corpus: number;
  /** The wording (a book's sentence or speech, without the book's own marks around a speech). */
  text: string;
  speaker?: string;
  /** Where it stands: the review's section, a book's chapter or page. */
  where?: string;
  /** The in-text citation (`(Ishiguro)`, `(Austen ch. 1)`, `[@ishiguro2005]`). */
  citation: string;
}

export interface PassagesResult {
  corpora: CorpusInfo[];
  passages: PassageInfo[];
  /** Only with a query: the lines that fit it, best first. */
  lines?: LineInfo[];
  /** The speaker the query starts with, as the corpus names them. */
  speaker?: string;
}

/** Request: every passage of the corpora that apply to a document (or to the workspace, without uri). */
export const PassagesRequest = request<PassagesParams | undefined, PassagesResult>('verbatim/passages');

/** workspace/executeCommand: check every Markdown file in the workspace folders and publish diagnostics. */
export const CheckWorkspaceCommand = 'verbatim.checkWorkspace';

export interface CheckWorkspaceResult {
  files: number;
  quotations: number;
  flagged: number;
  /** Files left out because the workspace holds more than the limit. */
  skipped: number;
}

/** Semantic token legend: one token type for quotations, one modifier per verdict. */
export const SEMANTIC_TOKEN_TYPES = ['quotation'];
export const SEMANTIC_TOKEN_MODIFIERS = ['verified', 'misquoted', 'unverified'];

export interface TimingParams {
  /** `citations`: the essay's citation style compiled in idle time after a check (benchmarks wait for it). */
  kind: 'check' | 'completion' | 'citations';
  uri: string;
  version: number;
  ms: number;
  /** CPU time the server spent meanwhile (wall time suffers when the machine is busy). */
  cpuMs?: number;
  /** For checks: quotations in the document, and how many had to be matched (not cached). */
  quotations?: number;
  matched?: number;
  /** For checks: the server's JavaScript heap in use afterwards, in MB (memory growth is told apart from V8 keeping spare room). */
  heapMb?: number;
  /** Size of V8's young generation, MB: it grows once, in a step, under allocation (checks only). */
  youngMb?: number;
}

/**
 * Sent only when the server runs with VERBATIM_TIMING=1 (used by `npm run bench`):
 * how long a check or a completion took inside the server, in milliseconds.
 */
export const TimingNotification = notification<TimingParams>('verbatim/timing');

export const TIMING_ENABLED = typeof process !== 'undefined' && process.env.VERBATIM_TIMING === '1';
export interface TrustParams {
  trusted: boolean;
}

/** Sent by the VS Code client when the user trusts the workspace (it starts untrusted otherwise). */
export const TrustNotification = notification<TrustParams>('verbatim/trust');

// The browser build (web/): the server in a web worker reads the workspace through the client, which
// answers with vscode.workspace.fs (virtual workspaces: vscode-vfs://, github.dev). URIs as VS Code prints them.

export interface FsFetchParams {
  /**
   * Each file, with the state the server holds it in (`${mtime}:${size}`), if any, and the most bytes it
   * reads of it: its bytes come only if it changed and is within that size.
   */
  files: { uri: string; known?: string; maxBytes: number }[];
}
/**
 * Per file, in order: null when nothing is there; else its type, size and time (ms) (a symbolic link's
 * target's, with `link`), and for a file whose state is not `known` and within `maxBytes`, its bytes as
 * base64 or why they could not be read.
 */
export type FsFetchResult = ({ type: 'file' | 'directory'; size: number; mtime: number; link?: boolean; base64?: string; error?: string } | null)[];
/** One round trip for what a check reads: state and (changed) content together. */
export const FsFetchRequest = request<FsFetchParams, FsFetchResult>('verbatim/fs/fetch');

export interface FsMarkdownFilesParams {
  folders: string[];
  limit: number;
}
/** The folders' Markdown files (hidden folders and node_modules left out), and how many more there were past the limit. */
export interface FsMarkdownFilesResult {
  uris: string[];
  skipped: number;
}
export const FsMarkdownFilesRequest = request<FsMarkdownFilesParams, FsMarkdownFilesResult>('verbatim/fs/markdownFiles');

/** Browser: the URL of citeproc-js for the server worker, when the client could not give it at initialize. */
export interface CiteprocParams {
  url: string;
}
export const CiteprocNotification = { method: 'verbatim/citeproc' } as const;
