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
import type { Bibliography } from '../engine/bibliography';
import { allFindings, documentFindings, linkQuotations, proseFindings, type CheckResult } from '../engine/check';
import { essayBibliography, essayBibliographyFiles } from './bibliography';
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
}

export interface DocumentInput {
  uri: string;
  text: string;
  version: number;
  /** The essay's bibliography, when the caller read it (the CLI); else the Checker's file system reads it. */
  bibliography?: Bibliography;
}

/** How long a check matches before it lets other messages (a newer edit) through. */
const SLICE_MS = 20;
const CACHE_LIMIT = 20_000;

export class Checker {
  private verdicts = new Map<string, MatchResult>();
  private readonly corpusIds = new WeakMap<Corpus, number>();
  private nextCorpusId = 1;

  /** With a file system, the bibliography an essay names is read through it (the server). */
  constructor(private readonly fs?: FileSystem) {}

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

  /** The check as steps: yields when it has run a slice long enough that others should get a turn. */
  private *steps(doc: DocumentInput, context: DocContext, finder: IncrementalQuotations, prose: IncrementalProse): Generator<void, CheckedDocument> {
    const base = { uri: doc.uri, version: doc.version, context };
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
    const bibliography = doc.bibliography ?? (this.fs ? essayBibliography(this.fs, doc.uri, doc.text, context) : undefined);
    const linked = bibliography ? linkQuotations(quotations, bibliography) : quotations;
    // The prose rules (unmarked quotations), per chunk, cached while the library and options stay the same objects.
    const { library } = context;
    // The essay's own `verbatim-disable-file` comment turns rules off for it.
    const options = withFileDirectives(doc.text, context.options);
    const unmarked = prose.find(doc.text, (chunk) => proseFindings(chunk, library, options), [library, options]);
    const findings = [...allFindings(linked, unmarked, options, library), ...documentFindings({ text: doc.text, bibliography }, options)];
    const result: CheckResult = { quotations: linked, findings: findings.sort((a, b) => a.start - b.start || a.end - b.end) };
    return { ...base, result, matched, tooLarge: false, bibliography };
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
