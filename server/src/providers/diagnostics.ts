// Checks documents and publishes diagnostics. A check runs on the next turn
// of the event loop after a change, so a burst of keystrokes costs one check;
// results are published only if the document is still at the checked version.
// The document is parsed in chunks of blocks cached by their text, and
// verdicts are cached by quotation text, so an edit re-parses only the chunk
// it touched and re-matches only the quotations whose words changed. A long
// check yields now and then and gives up when a newer edit arrives.

import { getHeapSpaceStatistics } from 'node:v8';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { allFindings, proseFindings, type CheckResult } from '../engine/check';
import { parseConfig } from '../engine/config';
import { IncrementalQuotations } from '../engine/blocks';
import { IncrementalProse } from '../engine/prose';
import { matchQuotation } from '../engine/matcher';
import type { CheckedQuotation } from '../engine/rules';
import type { Finding, MatchResult, Severity } from '../engine/types';
import { toRange } from '../positions';
import { requestCodeCacheSave } from '../node/codeCache';
import { StatusNotification, TIMING_ENABLED, TimingNotification, type StatusParams, type TimingParams } from '../protocol';
import type { DocContext, Workspaces } from '../workspace';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return { range: toRange(doc, f.start, f.end), severity: SEVERITY[f.severity], source: 'verbatim', code: f.code, message: f.message, data: f.data };
}

export interface Checked {
  version: number;
  result: CheckResult;
  context: DocContext;
}

const CACHE_LIMIT = 20_000;
/** How long a check matches before it lets other messages (a newer edit) through. */
const SLICE_MS = 20;

export function isConfigFile(uri: string): boolean {
  return /(^|[\\/])\.verbatim\.json$/.test(uri);
}

/** CPU time of the whole process since `from` (the machine may be busy with other work). */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

function youngGenerationMb(): number {
  return (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) / 2 ** 20;
}

export class DiagnosticsProvider {
  private readonly latest = new Map<string, Checked>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  private cache = new Map<string, MatchResult>();
  /** Per document: its quotations by chunk, so an edit parses only the chunks it changed. */
  private readonly finders = new Map<string, IncrementalQuotations>();
  /** Per document: its prose findings (unmarked quotations) by chunk, so an edit scans only the chunks it changed. */
  private readonly proseFinders = new Map<string, IncrementalProse>();
  private cacheGeneration = -1;
  /** Quotations the last check had to match (not found in the cache): reported with timings. */
  private lastMatched = 0;

  constructor(
    private readonly connection: Connection,
    private readonly workspaces: Workspaces,
    private readonly getDocument: (uri: string) => TextDocument | undefined,
  ) {}

  /** Checks soon; a newer call for the same document supersedes this one. */
  schedule(uri: string): void {
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
    if (hit && hit.version === doc.version) return hit;
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

  recheckAll(uris: readonly string[]): void {
    for (const uri of uris) this.schedule(uri);
  }

  private async run(uri: string): Promise<void> {
    const doc = this.getDocument(uri);
    if (!doc) return;
    if (isConfigFile(uri)) {
      // The config file itself: its problems, where they stand.
      const problems = parseConfig(doc.getText()).problems;
      await this.connection.sendDiagnostics({
        uri,
        version: doc.version,
        diagnostics: problems.map((p) => ({
          range: toRange(doc, p.offset, p.offset + p.length),
          severity: DiagnosticSeverity.Error,
          source: 'verbatim',
          code: 'invalid-config',
          message: p.message,
        })),
      });
      return;
    }
    const started = performance.now();
    const cpu = process.cpuUsage();
    const checked = await this.check(doc);
    // The document may have changed or closed while corpora loaded: publish only what is current.
    const now = this.getDocument(uri);
    if (!checked || !now || now.version !== checked.version) return;
    const diagnostics = checked.result.findings.map((f) => toDiagnostic(doc, f));
    if (doc.getText().length > checked.context.maxFileSize) {
      diagnostics.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'verbatim',
        code: 'file-too-large',
        message: `Not checked: the file is larger than verbatim.maxFileSize (${checked.context.maxFileSize} characters)`,
      });
    }
    await this.connection.sendDiagnostics({ uri, version: checked.version, diagnostics });
    requestCodeCacheSave();
    const quotations = checked.result.quotations.filter((q) => q.match.verdict !== 'short').length;
    const status: StatusParams = {
      uri,
      version: checked.version,
      quotations,
      correct: checked.result.quotations.filter((q) => q.match.verdict === 'correct').length,
      flagged: checked.result.findings.length,
    };
    await this.connection.sendNotification(StatusNotification, status);
    if (TIMING_ENABLED) {
      const timing: TimingParams = { kind: 'check', uri, version: checked.version, ms: performance.now() - started, cpuMs: cpuMs(cpu), quotations: checked.result.quotations.length, matched: this.lastMatched, heapMb: process.memoryUsage().heapUsed / 2 ** 20, youngMb: youngGenerationMb() };
      await this.connection.sendNotification(TimingNotification, timing);
    }
  }

  private async check(doc: TextDocument): Promise<Checked | undefined> {
    const uri = doc.uri;
    const version = doc.version;
    let finder = this.finders.get(uri);
    if (!finder) this.finders.set(uri, (finder = new IncrementalQuotations()));
    let prose = this.proseFinders.get(uri);
    if (!prose) this.proseFinders.set(uri, (prose = new IncrementalProse()));
    const checked = await this.checkWith(uri, doc.getText(), version, finder, () => this.getDocument(uri)?.version !== version, prose);
    if (checked) this.latest.set(uri, checked);
    return checked;
  }

  /** Checks a text that need not be open (workspace checks, references); nothing is stored. */
  async checkText(uri: string, text: string, version = 0): Promise<Checked> {
    return (await this.checkWith(uri, text, version, new IncrementalQuotations(), () => false))!;
  }

  /** Undefined when `stale()` says a newer version has arrived: a newer check is on its way. */
  private async checkWith(uri: string, text: string, version: number, finder: IncrementalQuotations, stale: () => boolean, prose = new IncrementalProse()): Promise<Checked | undefined> {
    const context = await this.workspaces.contextFor(uri);
    // Corpora may have loaded while the user typed.
    if (stale()) return undefined;
    if (text.length > context.maxFileSize) return { version, context, result: { quotations: [], findings: [] } };
    if (context.generation !== this.cacheGeneration || this.cache.size > CACHE_LIMIT) {
      this.cache = new Map();
      this.cacheGeneration = context.generation;
    }
    const key = context.options.minWords + '\u0000';
    let matched = 0;
    let slice = performance.now();
    const quotations: CheckedQuotation[] = [];
    for (const quotation of finder.find(text)) {
      let match = this.cache.get(key + quotation.text);
      if (!match) {
        match = matchQuotation(quotation.text, context.library, { minWords: context.options.minWords });
        this.cache.set(key + quotation.text, match);
        matched++;
        // A long check gives way now and then, and gives up once a newer edit has arrived
        // (what it matched stays cached for the check that replaces it).
        if (performance.now() - slice > SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          if (stale()) return undefined;
          slice = performance.now();
        }
      }
      quotations.push({ quotation, match });
    }
    this.lastMatched = matched;
    const { library, options } = context;
    const unmarked = prose.find(text, (chunk) => proseFindings(chunk, library, options), [library, options]);
    const result: CheckResult = { quotations, findings: allFindings(quotations, unmarked, options, library) };
    return { version, result, context };
  }

  /** Publishes the findings of a file that is not open (no version: the file on disk). */
  async publishUnopened(doc: TextDocument, checked: Checked): Promise<void> {
    if (this.getDocument(doc.uri)) return;
    await this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: checked.result.findings.map((f) => toDiagnostic(doc, f)) });
  }
}
