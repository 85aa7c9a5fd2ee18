// One way to check a document, for the server, the CLI and the remark plugin:
// its quotations (by chunk, reusing unchanged chunks), each matched against the
// context's library unless its verdict is cached, then every rule; and its own
// prose (by chunk, reusing unchanged chunks' findings) for the prose rules. The verdict
// cache is keyed by everything a verdict depends on: the library (which corpus
// objects, in which order — a reloaded corpus is a new object), minimum words
// and the quotation's text. The check loop is one generator: the server drives
// it asynchronously (yielding to other messages, giving up on a newer version),
// the CLI and the remark plugin synchronously.

import { withFileDirectives } from '../engine/directives';
import { IncrementalQuotations } from '../engine/blocks';
import type { BibEntry, Bibliography } from '../engine/bibliography';
import { citationAt, type CiteOptions } from '../engine/citations';
import { builtinStyle, Citeproc } from '../engine/csl';
import { allFindings, documentFindings, linkQuotations, proseFindings, type CheckResult } from '../engine/check';
import { essayBibliography, essayBibliographyFiles, essayStyle } from './bibliography';
import { matchQuotation } from '../engine/matcher';
import { IncrementalProse } from '../engine/prose';
import type { CheckedQuotation } from '../engine/rules';
import type { Corpus, MatchResult } from '../engine/types';
import type { DocContext } from './context';
import type { FileSystem } from './fileSystem';

export interface CheckedDocument {
  uri: string;
  version: number;
  result: CheckResult;
  context: DocContext;
  /** Quotations that had to be matched (not found in the cache). */
  matched: number;
  /** The document was larger than the context's maxFileSize and was not checked. */
  tooLarge: boolean;
  /** The bibliography the essay names (front matter or config), if any. */
  bibliography?: Bibliography;
  /** How the essay's citations are rendered (its CSL style and bibliography, the Checker's engines): completion, hover, Works Cited. */
  cite: CiteOptions;
  /** The bibliography and CSL style files the check read, with their times then: a change to one makes it stale. */
  citationFiles: { path: string; mtimeMs?: number; size?: number }[];
}

/** Whether a bibliography or style file a check read has changed on disk since (modification time, size). */
export function citationFilesChanged(fs: FileSystem, checked: Pick<CheckedDocument, 'citationFiles'>): boolean {
  return checked.citationFiles.some((f) => {
    const st = fs.stat(f.path);
    return st?.mtimeMs !== f.mtimeMs || st?.size !== f.size;
  });
}

export interface DocumentInput {
  uri: string;
  text: string;
  version: number;
  /** The essay's bibliography, when the caller read it (the CLI); else the Checker's file system reads it. */
  bibliography?: Bibliography;
}

/** How many of the library's sources a server cites ahead, when idle. */
const PREPARED_SOURCES = 8;

/** How long a check matches before it lets other messages (a newer edit) through. */
const SLICE_MS = 20;
const CACHE_LIMIT = 20_000;

export class Checker {
  private verdicts = new Map<string, MatchResult>();
  private readonly corpusIds = new WeakMap<Corpus, number>();
  private nextCorpusId = 1;
  /** The compiled citeproc engines, for every essay this Checker checks (keyed by style; see csl.ts). */
  readonly citeproc = new Citeproc();
  private readonly entryIds = new WeakMap<BibEntry, number>();
  private nextEntryId = 1;
  private cites = new Map<string, CiteOptions>();

  /** With a file system, the bibliography an essay names is read through it (the server). */
  constructor(private readonly fs?: FileSystem) {}

  /**
   * How an essay's citations are rendered: the CSL style its `csl:` names (read through the file
   * system; a style that cannot be read: the shipped one) and its bibliography's entries, with this
   * Checker's engines. The same object while its inputs are the same (entry objects, style text),
   * so that results cached with it (the prose findings) stay valid exactly as long.
   */
  citeOptions(doc: { uri: string; text: string }, context: DocContext, bibliography?: Bibliography): CiteOptions {
    const named = this.fs ? essayStyle(this.fs, doc.uri, doc.text, context) : undefined;
    const styleXml = typeof named === 'string' ? named : undefined;
    const entries = bibliography?.entries;
    const ids = (entries ?? []).map((e) => {
      let id = this.entryIds.get(e);
      if (id === undefined) this.entryIds.set(e, (id = this.nextEntryId++));
      return id;
    });
    const key = `${entries ? ids.join(',') : '-'}\u0000${styleXml ?? ''}`;
    let cite = this.cites.get(key);
    if (!cite) {
      if (this.cites.size > 256) this.cites = new Map();
      cite = { citeproc: this.citeproc, ...(styleXml ? { styleXml } : {}), ...(entries ? { entries } : {}) };
      this.cites.set(key, cite);
    }
    return cite;
  }

  /** A key naming the library exactly: each corpus object gets a number of its own. */
  libraryKey(context: DocContext): string {
    return context.library
      .map((index) => {
        let id = this.corpusIds.get(index.corpus);
        if (id === undefined) this.corpusIds.set(index.corpus, (id = this.nextCorpusId++));
        return id;
      })
      .join(',');
  }

  /**
   * Compiles the CSL style a checked essay's citations use, if it is not compiled yet: a server calls
   * it when idle, so that the first completion or added citation does not wait for it (APA: 0.3–0.6 s).
   */
  prepareCitations(checked: Pick<CheckedDocument, 'cite' | 'context'>): void {
    const { styleXml } = checked.cite;
    const style = checked.context.citationStyle;
    if (style === 'pandoc' && !styleXml) return;
    try {
      this.citeproc.prepare(styleXml ?? builtinStyle(style));
    } catch {
      // A style citeproc cannot use: citations fall back to the shipped one.
      if (style !== 'pandoc') this.citeproc.prepare(builtinStyle(style));
    }
    // Each source cited once (kept for later): citeproc's rendering code is warm for the first completion too.
    for (const { corpus } of checked.context.library.slice(0, PREPARED_SOURCES)) citationAt(corpus, style, undefined, checked.cite);
  }

  /** The same, reading the essay's bibliography through the file system (completion, before any check of this text). */
  citeOptionsFor(doc: { uri: string; text: string }, context: DocContext): CiteOptions {
    return this.citeOptions(doc, context, this.fs ? essayBibliography(this.fs, doc.uri, doc.text, context) : undefined);
  }

  /** The check as steps: yields when it has run a slice long enough that others should get a turn. */
  private *steps(doc: DocumentInput, context: DocContext, finder: IncrementalQuotations, prose: IncrementalProse): Generator<void, CheckedDocument> {
    const base = { uri: doc.uri, version: doc.version, context, cite: { citeproc: this.citeproc }, citationFiles: [] };
    if (context.enabled === false) return { ...base, result: { quotations: [], findings: [] }, matched: 0, tooLarge: false };
    if (doc.text.length > context.maxFileSize) return { ...base, result: { quotations: [], findings: [] }, matched: 0, tooLarge: true };
    if (this.verdicts.size > CACHE_LIMIT) this.verdicts = new Map();
    const key = `${this.libraryKey(context)}\u0000${context.options.minWords}\u0000`;
    let matched = 0;
    let slice = performance.now();
    const quotations: CheckedQuotation[] = [];
    for (const quotation of finder.find(doc.text)) {
      let match = this.verdicts.get(key + quotation.text);
      if (!match) {
        match = matchQuotation(quotation.text, context.library, { minWords: context.options.minWords });
        this.verdicts.set(key + quotation.text, match);
        matched++;
        if (performance.now() - slice > SLICE_MS) {
          yield;
          slice = performance.now();
        }
      }
      quotations.push({ quotation, match });
    }
    // The essay's bibliography: its entries give the sources their keys, and its keys are checked.
    // Its files (and the `csl:` style's) are stat'ed first, so that a change while they are read is seen next time.
    const citationFiles = this.fs ? essayBibliographyFiles(this.fs, doc.uri, doc.text, context).map((path) => {
      const st = this.fs!.stat(path);
      return { path, mtimeMs: st?.mtimeMs, size: st?.size };
    }) : [];
    const bibliography = doc.bibliography ?? (this.fs ? essayBibliography(this.fs, doc.uri, doc.text, context) : undefined);
    const linked = bibliography ? linkQuotations(quotations, bibliography) : quotations;
    const cite = this.citeOptions(doc, context, bibliography);
    // The prose rules (unmarked quotations), per chunk, cached while the library and options stay the same objects.
    const { library } = context;
    // The essay's own `verbatim-disable-file` comment turns rules off for it.
    const options = withFileDirectives(doc.text, context.options);
    const unmarked = prose.find(doc.text, (chunk) => proseFindings(chunk, library, options, undefined, cite), [library, options, cite]);
    const findings = [...allFindings(linked, unmarked, options, library, cite), ...documentFindings({ text: doc.text, bibliography }, options)];
    const result: CheckResult = { quotations: linked, findings: findings.sort((a, b) => a.start - b.start || a.end - b.end) };
    return { ...base, result, matched, tooLarge: false, bibliography, cite, citationFiles };
  }

  /**
   * Checks, giving way to other work every slice; undefined when `stale()` says a newer version
   * has arrived (what it matched stays cached for the check that replaces it).
   */
  async check(
    doc: DocumentInput,
    context: DocContext,
    finder = new IncrementalQuotations(),
    stale: () => boolean = () => false,
    prose = new IncrementalProse(),
  ): Promise<CheckedDocument | undefined> {
    // A file system that reads asynchronously fetches the bibliography and style first (the steps read them synchronously).
    if (this.fs?.preload && !doc.bibliography && context.enabled !== false) await this.fs.preload(essayBibliographyFiles(this.fs, doc.uri, doc.text, context));
    const run = this.steps(doc, context, finder, prose);
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) return step.value;
      await new Promise((resolve) => setImmediate(resolve));
      if (stale()) return undefined;
    }
  }

  /** The same check without yielding (the CLI, remark-verbatim). */
  checkNow(doc: DocumentInput, context: DocContext, finder = new IncrementalQuotations(), prose = new IncrementalProse()): CheckedDocument {
    const run = this.steps(doc, context, finder, prose);
    for (;;) {
      const step = run.next();
      if (step.done) return step.value;
    }
  }
}
