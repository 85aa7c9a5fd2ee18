// Publishes diagnostics. A check runs on the next turn of the event loop after
// a change, so a burst of keystrokes costs one check; results are published
// only if the document is still at the checked version. The check itself is the
// service's (service/checker.ts): chunks of blocks cached by their text,
// verdicts cached by library and quotation, a long check yielding now and then
// and giving up when a newer edit arrives.

import { flaggedQuotations } from '../engine/check';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IncrementalQuotations } from '../engine/blocks';
import type { CiteOptions } from '../engine/citations';
import { IncrementalProse } from '../engine/prose';
import type { Finding, Severity } from '../engine/types';
import { toRange } from '../positions';
import { StatusNotification, TIMING_ENABLED, TimingNotification, type DiagnosticCode, type StatusParams, type TimingParams } from '../protocol';
import { Checker, citationFilesChanged, type CheckedDocument } from '../service/checker';
import { parseConfig } from '../service/config';
import { isConfigPath, type DocContext } from '../service/context';
import type { Workspaces } from '../service/workspace';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return { range: toRange(doc, f.start, f.end), severity: SEVERITY[f.severity], source: 'verbatim', code: f.code, message: f.message, data: f.data };
}

export type Checked = CheckedDocument;

/** A `.verbatim.json`'s own problems, where they stand. */
function configDiagnostics(doc: TextDocument): Diagnostic[] {
  return parseConfig(doc.getText()).problems.map((p) => ({
    range: toRange(doc, p.offset, p.offset + p.length),
    severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: 'verbatim',
    code: 'invalid-config' satisfies DiagnosticCode,
    message: p.message,
  }));
}

/** An essay's findings, and a note when it was too large to check. */
function essayDiagnostics(doc: TextDocument, checked: Checked): Diagnostic[] {
  const diagnostics = checked.result.findings.map((f) => toDiagnostic(doc, f));
  if (checked.tooLarge) {
    diagnostics.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'verbatim',
      code: 'file-too-large' satisfies DiagnosticCode,
      message: `Not checked: the file is larger than verbatim.maxFileSize (${checked.context.maxFileSize} characters)`,
    });
  }
  return diagnostics;
}

export function isConfigFile(uri: string): boolean {
  return isConfigPath(uri);
}

/** What the diagnostics need from the runtime (Node's: server.ts; none in the browser). */
export interface RuntimeHooks {
  /** CPU time of the whole process so far, in ms (timing notifications); wall time where there is none. */
  cpuMs?: () => number;
  /** Heap in use and the young generation's size, in MB (timing notifications). */
  memory?: () => { heapMb: number; youngMb: number };
  /** After a check was published (Node: the V8 code cache is saved once, after the first). */
  afterCheck?: () => void;
}

/** How long after a check the citation style is compiled, if no other check comes first. */
const PREPARE_DELAY_MS = 300;

export class DiagnosticsProvider {
  private readonly latest = new Map<string, Checked>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  private readonly checker: Checker;
  /** Per document: its quotations by chunk, so an edit parses only the chunks it changed. */
  private readonly finders = new Map<string, IncrementalQuotations>();
  /** Per document: its prose findings (unmarked quotations) by chunk, so an edit scans only the chunks it changed. */
  private readonly proseFinders = new Map<string, IncrementalProse>();

  constructor(
    private readonly connection: Connection,
    private readonly workspaces: Workspaces,
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly client: {
      /** The client asked for `verbatim/status` (custom notifications go only to clients that ask). */
      wantsStatus: () => boolean;
      /** The client pulls open documents' diagnostics: they are not pushed, the client is asked to refresh. */
      pulled: () => boolean;
      /** Where a code is documented, when the client shows `codeDescription` and the documentation ships. */
      codeHref?: (code: string) => string | undefined;
    } = { wantsStatus: () => false, pulled: () => false },
    private readonly runtime: RuntimeHooks = {},
  ) {
    this.checker = new Checker(workspaces.fs);
  }

  private stopped = false;
  private prepareTimer: NodeJS.Timeout | undefined;

  /** Checks soon; a newer call for the same document supersedes this one. */
  schedule(uri: string): void {
    if (this.stopped) return;
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.delete(uri);
        this.run(uri).catch((e) => this.connection.console.error(`Verbatim: checking ${uri} failed: ${(e as Error).stack ?? e}`));
      }),
    );
  }

  /** The latest check of a document at its current version, computing it if needed. */
  async current(doc: TextDocument): Promise<Checked | undefined> {
    const hit = this.latest.get(doc.uri);
    // Keyed by everything it rests on: the version, the context (a corpus or config may have changed since),
    // and the bibliography and CSL style files it read.
    if (hit && hit.version === doc.version && hit.context === (await this.workspaces.contextFor(doc.uri)) && !citationFilesChanged(this.workspaces.fs, hit)) return hit;
    return this.check(doc);
  }

  forget(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    this.pending.delete(uri);
    this.latest.delete(uri);
    this.finders.delete(uri);
    this.proseFinders.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The server is shutting down: nothing is checked or published any more. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.prepareTimer);
    for (const timer of this.pending.values()) clearImmediate(timer);
    this.pending.clear();
  }

  /** The open essays whose latest check read one of these bibliography or CSL style files. */
  citationReaders(paths: readonly string[]): string[] {
    const changed = new Set(paths);
    return [...this.latest.values()].filter((c) => c.citationFiles.some((f) => changed.has(f.path))).map((c) => c.uri);
  }

  /** Each diagnostic with a link to its code's documentation, where there is one. */
  private linked(diagnostics: Diagnostic[]): Diagnostic[] {
    const href = this.client.codeHref;
    if (!href) return diagnostics;
    return diagnostics.map((d) => {
      const target = typeof d.code === 'string' ? href(d.code) : undefined;
      return target ? { ...d, codeDescription: { href: target } } : d;
    });
  }

  recheckAll(uris: readonly string[]): void {
    for (const uri of uris) this.schedule(uri);
    // A pulling client asks again (and gets the new verdicts).
    if (this.client.pulled() && uris.length > 0) this.connection.languages.diagnostics.refresh();
  }

  private async run(uri: string): Promise<void> {
    const doc = this.getDocument(uri);
    if (!doc) return;
    if (isConfigFile(uri)) {
      // The config file itself: its problems, where they stand.
      if (!this.client.pulled()) await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: this.linked(configDiagnostics(doc)) });
      return;
    }
    const started = performance.now();
    const cpuMs = this.runtime.cpuMs ?? (() => performance.now());
    const cpu = cpuMs();
    const checked = await this.check(doc);
    // The document may have changed or closed while corpora loaded: publish only what is current.
    const now = this.getDocument(uri);
    if (!checked || !now || now.version !== checked.version || this.stopped) return;
    const diagnostics = this.linked(essayDiagnostics(doc, checked));
    if (!this.client.pulled()) await this.connection.sendDiagnostics({ uri, version: checked.version, diagnostics });
    this.runtime.afterCheck?.();
    const quotations = checked.result.quotations.filter((q) => q.match.verdict !== 'short').length;
    const flaggedAt = new Set(checked.result.findings.map((f) => `${f.start}:${f.end}`));
    const status: StatusParams = {
      uri,
      version: checked.version,
      quotations,
      // By quotation: a correct wording with a finding (a misattribution) is flagged, not correct.
      correct: checked.result.quotations.filter((q) => q.match.verdict === 'correct' && !flaggedAt.has(`${q.quotation.start}:${q.quotation.end}`)).length,
      flagged: flaggedQuotations(checked.result.findings),
    };
    if (this.client.wantsStatus()) await this.connection.sendNotification(StatusNotification.method, status);
    if (TIMING_ENABLED) {
      const timing: TimingParams = { kind: 'check', uri, version: checked.version, ms: performance.now() - started, cpuMs: cpuMs() - cpu, quotations: checked.result.quotations.length, matched: checked.matched, ...this.runtime.memory?.() };
      await this.connection.sendNotification(TimingNotification.method, timing);
    }
    // Soon after a check, the essay's citation style is compiled (once per style; later calls find it
    // compiled), not at the first completion that cites. Not put off by more checks: typing never pauses long.
    if (!this.prepareTimer) {
      this.prepareTimer = setTimeout(() => {
        this.prepareTimer = undefined;
        if (this.stopped) return;
        try {
          const begun = performance.now();
          this.checker.prepareCitations(checked);
          if (TIMING_ENABLED) void this.connection.sendNotification(TimingNotification.method, { kind: 'citations', uri, version: checked.version, ms: performance.now() - begun } satisfies TimingParams);
        } catch (e) {
          // Only a head start: a citation that cannot be prepared is rendered (or refused) when asked for.
          this.connection.console.error(`Verbatim: preparing citations failed: ${(e as Error).stack ?? e}`);
        }
      }, PREPARE_DELAY_MS);
      this.prepareTimer.unref();
    }
  }

  private async check(doc: TextDocument): Promise<Checked | undefined> {
    const uri = doc.uri;
    const version = doc.version;
    let finder = this.finders.get(uri);
    if (!finder) this.finders.set(uri, (finder = new IncrementalQuotations()));
    let prose = this.proseFinders.get(uri);
    if (!prose) this.proseFinders.set(uri, (prose = new IncrementalProse()));
    const stale = () => this.getDocument(uri)?.version !== version;
    const context = await this.workspaces.contextFor(uri);
    // Corpora may have loaded while the user typed.
    if (stale()) return undefined;
    const checked = await this.checker.check({ uri, text: doc.getText(), version }, context, finder, stale, prose);
    if (checked) this.latest.set(uri, checked);
    return checked;
  }

  /** What is (or would be) published for an open document now: pull diagnostics answer the same. */
  async report(doc: TextDocument): Promise<Diagnostic[] | undefined> {
    if (isConfigFile(doc.uri)) return this.linked(configDiagnostics(doc));
    const checked = await this.current(doc);
    return checked && this.linked(essayDiagnostics(doc, checked));
  }

  /** How an essay's citations are rendered now (completion, Insert Quotation): its CSL style and
   * bibliography, with the checks' compiled engines. The essay need not be open (its text is then empty). */
  citeOptions(doc: { uri: string; getText(): string }, context: DocContext): CiteOptions {
    return this.checker.citeOptionsFor({ uri: doc.uri, text: doc.getText() }, context);
  }

  /** Checks a text that need not be open (workspace checks, references); nothing is stored. */

  async checkText(uri: string, text: string, version = 0): Promise<Checked> {
    const context = await this.workspaces.contextFor(uri);
    return (await this.checker.check({ uri, text, version }, context))!;
  }

  /** Publishes the findings of a file that is not open (no version: the file on disk). */
  async publishUnopened(doc: TextDocument, checked: Checked): Promise<void> {
    if (this.getDocument(doc.uri)) return;
    await this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: this.linked(checked.result.findings.map((f) => toDiagnostic(doc, f))) });
  }
}
