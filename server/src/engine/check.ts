// Checks one essay: find its quotations, match each against the library, and
// let every enabled rule report. The one entry point the server, the CLI and
// the tests share.

import { entryForCorpus, entryYear, type Bibliography } from './bibliography';
import type { CitationStyle, CiteOptions } from './citations';
import { Citeproc } from './csl';
import type { CorpusIndex } from './corpusIndex';
import type { RuleLevel } from './config';
import { IncrementalQuotations } from './blocks';
import { withFileDirectives } from './directives';
import { documentFixesFor, fixesFor, proseFixesFor } from './fixes';
import { quotationsInBlock } from './markdown';
import { plainBlocks } from './plainText';
import { IncrementalProse } from './prose';
import { matchQuotation } from './matcher';
import { proseRuns, runsOf } from './prose';
import { RULES, type CheckedQuotation, type DocumentInput } from './rules';
import type { Corpus, Finding, Quotation, Severity } from './types';

export interface CheckOptions {
  minWords: number;
  /** Per-rule level; a rule not named here uses its default (or is off, if optional). */
  rules: Record<string, RuleLevel>;
  /** How a fix that adds a citation cites (MLA unless said). */
  citationStyle?: CitationStyle;
}

export const DEFAULT_OPTIONS: CheckOptions = { minWords: 4, rules: {} };

export interface CheckResult {
  quotations: CheckedQuotation[];
  findings: Finding[];
}

export function checkQuotation(quotation: Quotation, library: readonly CorpusIndex[], options: CheckOptions): CheckedQuotation {
  return { quotation, match: matchQuotation(quotation.text, library, { minWords: options.minWords }) };
}

/** `cite`: how a fix's citation is rendered (the essay's CSL style and bibliography, engines to reuse). */
export function findingsFor(item: CheckedQuotation, options: CheckOptions, library?: readonly CorpusIndex[], cite?: CiteOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const level = options.rules[rule.code] ?? (rule.optional ? 'off' : undefined);
    if (level === 'off' || !rule.check) continue;
    const report = rule.check(item, { minWords: options.minWords, library, entries: cite?.entries });
    if (!report) continue;
    const severity: Severity = level ?? report.severity ?? rule.severity;
    const finding: Finding = { code: rule.code, severity, start: item.quotation.start, end: item.quotation.end, message: report.message, data: report.data };
    const fixes = fixesFor(finding, item, options.citationStyle ?? 'mla', cite);
    if (fixes.length > 0) finding.fixes = fixes;
    out.push(finding);
  }
  return out;
}

/** How many quotations have a finding: one with two findings is one flagged quotation. */
export function flaggedQuotations(findings: readonly Pick<Finding, 'start' | 'end'>[]): number {
  return new Set(findings.map((f) => `${f.start}:${f.end}`)).size;
}

/** The findings of the rules about the whole essay (citation keys against its bibliography). */
export function documentFindings(doc: DocumentInput, options: CheckOptions): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (!rule.checkDocument) continue;
    const level = options.rules[rule.code] ?? (rule.optional ? 'off' : undefined);
    if (level === 'off') continue;
    for (const r of rule.checkDocument(doc)) {
      const finding: Finding = { code: rule.code, severity: level ?? r.severity ?? rule.severity, start: r.start, end: r.end, message: r.message, data: r.data };
      const fixes = documentFixesFor(finding);
      if (fixes.length > 0) finding.fixes = fixes;
      out.push(finding);
    }
  }
  return out;
}

/** The findings of the prose rules in one chunk of an essay (see prose.ts), offsets relative to the chunk. */
export function proseFindings(chunk: string, library: readonly CorpusIndex[], options: CheckOptions, runs = proseRuns(chunk), cite?: CiteOptions): Finding[] {
  const rules = RULES.filter((r) => r.checkProse && (options.rules[r.code] ?? (r.optional ? 'off' : undefined)) !== 'off');
  if (rules.length === 0 || library.length === 0) return [];
  const out: Finding[] = [];
  for (const run of runs) {
    for (const rule of rules) {
      for (const report of rule.checkProse!(run, library, { minWords: options.minWords, library })) {
        const level = options.rules[rule.code];
        const severity: Severity = (level !== 'off' ? level : undefined) ?? report.severity ?? rule.severity;
        const finding: Finding = { code: rule.code, severity, start: report.start, end: report.end, message: report.message, data: report.data };
        const fixes = proseFixesFor(finding, chunk, library, options.citationStyle ?? 'mla', cite);
        if (fixes.length > 0) finding.fixes = fixes;
        out.push(finding);
      }
    }
  }
  return out;
}

/** Quotation findings and prose findings in one list, in essay order. */
export function allFindings(quotations: readonly CheckedQuotation[], prose: readonly Finding[], options: CheckOptions, library: readonly CorpusIndex[], cite?: CiteOptions): Finding[] {
  const findings = quotations.flatMap((q) => findingsFor(q, options, library, cite));
  if (prose.length === 0) return findings;
  return [...findings, ...prose].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Checks an essay of plain text (see plainText.ts): the same rules, no Markdown. */
export function checkPlainText(text: string, library: readonly CorpusIndex[], options: CheckOptions = DEFAULT_OPTIONS, eachLine = false, cite: CiteOptions = { citeproc: new Citeproc() }): CheckResult {
  const blocks = plainBlocks(text, eachLine);
  const quotations = blocks.flatMap(quotationsInBlock).map((q) => checkQuotation(q, library, options));
  const prose = proseFindings(text, library, options, runsOf(blocks), cite);
  return { quotations, findings: allFindings(quotations, prose, options, library, cite) };
}

/** `cite`: the essay's CSL style and the engines to reuse; by default the shipped style, compiled once for this check. */
export function checkText(text: string, library: readonly CorpusIndex[], options: CheckOptions = DEFAULT_OPTIONS, bibliography?: Bibliography, cite: CiteOptions = { citeproc: new Citeproc() }): CheckResult {
  const citing: CiteOptions = bibliography ? { ...cite, entries: bibliography.entries } : cite;
  // Chunk by chunk, as the server reads it (blocks.ts, prose.ts): the same quotations and prose findings, and no chunk too long to parse.
  const found = new IncrementalQuotations().find(text).map((q) => checkQuotation(q, library, options));
  const quotations = bibliography ? linkQuotations(found, bibliography) : found;
  // The essay's own `verbatim-disable-file` comment turns rules off for it.
  const own = withFileDirectives(text, options);
  const prose = new IncrementalProse().find(text, (chunk) => proseFindings(chunk, library, own, undefined, citing), [library, own]);
  const findings = [...allFindings(quotations, prose, own, library, citing), ...documentFindings({ text, bibliography }, own)];
  return { quotations, findings: findings.sort((x, y) => x.start - y.start || x.end - y.end) };
}

/** The corpus as its bibliography entry cites it: the entry's key, and its year and publisher where the corpus has none. */
export function linkedCorpus(corpus: Corpus, bibliography: Bibliography): Corpus {
  const entry = entryForCorpus(bibliography.entries, corpus);
  if (!entry) return corpus;
  const year = corpus.year ?? (Number(entryYear(entry.item)) || undefined);
  return { ...corpus, key: entry.key, year, publisher: corpus.publisher ?? entry.item.publisher };
}

export function linkQuotations(quotations: readonly CheckedQuotation[], bibliography: Bibliography): CheckedQuotation[] {
  const linked = new Map<Corpus, Corpus>();
  return quotations.map((q) => {
    const corpus = q.match.corpus;
    if (!corpus) return q;
    let c = linked.get(corpus);
    if (!c) linked.set(corpus, (c = linkedCorpus(corpus, bibliography)));
    return c === corpus ? q : { quotation: q.quotation, match: { ...q.match, corpus: c } };
  });
}

