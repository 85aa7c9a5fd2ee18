// The fixes of a finding, as engine data (edits on offsets of the essay), so
// that every front end offers the same ones: the editor's quick fixes, SARIF's
// `fixes`, remark-verbatim's expected wording. A misquote can take the source
// wording, keep the essay's wording with the changes marked as bracketed
// alterations, or gain an ellipsis where words are left out; a missing
// citation can be added in the essay's style; a misattribution can name the
// speaker; a wrong source can credit the right one; an unmarked quotation can
// gain quotation marks and a citation.

import { citationAt, formatCitation, type CitationStyle, type CiteOptions } from './citations';
import type { CorpusIndex } from './corpusIndex';
import { placeOfMatch } from './formats/book';
import type { CheckedQuotation } from './rules';
import type { DiffOp, Finding, Fix, Quotation } from './types';

const WORDLIKE = /[\p{L}\p{N}]/u;

/** `cite`: how an added citation is rendered (the essay's CSL style and bibliography, engines to reuse). */
export function fixesFor(finding: Finding, item: CheckedQuotation, style: CitationStyle, cite?: CiteOptions): Fix[] {
  if (finding.code === 'misquote') return misquoteFixes(finding, item);
  if (finding.code === 'missing-citation' && item.match.corpus) {
    // With the page or chapter where the words stand, when the source knows it.
    const citation = citationAt(item.match.corpus, style, placeOfMatch(item.match), cite);
    const q = item.quotation;
    const at = q.end;
    // A quotation that ends its sentence with a period inside the marks: MLA, APA and Chicago put the
    // period after the parenthetical (“…” (Ishiguro).), so the period moves there.
    const after = q.paragraph.text.slice(q.paragraph.end);
    const endsSentence = after.trim() === '' || /^\s+\p{Lu}/u.test(after);
    if (q.mark !== 'blockquote' && /[^.…]\.$/.test(q.text) && endsSentence) {
      const dot = q.offsets[q.text.length - 1];
      return [{ title: `Add a citation: ${citation}`, edits: [{ start: dot, end: dot + 1, newText: '' }, { start: at, end: at, newText: ` ${citation}.` }], preferred: true }];
    }
    return [{ title: `Add a citation: ${citation}`, edits: [{ start: at, end: at, newText: ` ${citation}` }], preferred: true }];
  }
  if (finding.code === 'wrong-locator') {
    const { citationStart, citationEnd, replacement } = finding.data ?? {};
    if (citationStart === undefined || citationEnd === undefined || !replacement) return [];
    return [{ title: `Cite ${replacement}`, edits: [{ start: citationStart, end: citationEnd, newText: replacement }], preferred: true }];
  }
  if (finding.code === 'wrong-source') {
    // The right author, work or citation key in place of the wrong one.
    const { nameStart, nameEnd, replacement } = finding.data ?? {};
    if (nameStart === undefined || nameEnd === undefined || !replacement) return [];
    return [{ title: `Credit ${replacement}`, edits: [{ start: nameStart, end: nameEnd, newText: replacement }], preferred: true }];
  }
  if (finding.code === 'misattribution') {
    const { nameStart, nameEnd, speaker, speakers, likely } = finding.data ?? {};
    if (nameStart === undefined || nameEnd === undefined) return [];
    // A name the book rules out, with the conversation's likely speaker: offered, not preferred.
    if (!speaker) return likely ? [{ title: `Attribute to ${likely}`, edits: [{ start: nameStart, end: nameEnd, newText: likely }], preferred: false }] : [];
    // A repeated line: one fix per speaker, none preferred (which place the essay means is the writer's to say).
    const who = speakers && speakers.length > 1 ? speakers : [speaker];
    return who.map((s) => ({ title: `Attribute to ${s}`, edits: [{ start: nameStart, end: nameEnd, newText: s }], preferred: who.length === 1 }));
  }
  return [];
}

/** The fixes of a finding about the whole essay (no quotation): an unknown citation key takes the nearest key. */
export function documentFixesFor(finding: Finding): Fix[] {
  if (finding.code === 'unknown-citation-key') {
    const { citationStart, citationEnd, replacement } = finding.data ?? {};
    if (citationStart === undefined || citationEnd === undefined || !replacement) return [];
    return [{ title: `Change to @${replacement}`, edits: [{ start: citationStart, end: citationEnd, newText: replacement }], preferred: true }];
  }
  return [];
}

/** The fixes of a prose rule's finding; `text` is what its offsets refer to (the chunk or the essay). */
export function proseFixesFor(finding: Finding, text: string, library: readonly CorpusIndex[], style: CitationStyle, cite?: CiteOptions): Fix[] {
  if (finding.code === 'unmarked-quotation') {
    const corpus = library.find((l) => l.corpus.id === finding.data?.corpus)?.corpus;
    // The essay's own words in quotation marks, and its source's citation unless one follows already.
    const citation = corpus && !finding.data?.citation ? ` ${formatCitation(corpus, style, undefined, cite)}` : '';
    const words = text.slice(finding.start, finding.end);
    return [{ title: 'Add quotation marks and a citation', edits: [{ start: finding.start, end: finding.end, newText: `“${words}”${citation}` }], preferred: true }];
  }
  return [];
}

function misquoteFixes(finding: Finding, { quotation, match }: CheckedQuotation): Fix[] {
  const out: Fix[] = [];
  const { contentStart, contentEnd, replacement } = finding.data ?? {};
  if (contentStart !== undefined && contentEnd !== undefined && replacement !== undefined) {
    out.push({ title: 'Replace with the source wording', edits: [{ start: contentStart, end: contentEnd, newText: replacement }], preferred: true });
  }
  // Changed or added words, kept as the essay has them but marked as the writer's own: "[job]".
  const altered = match.diff.filter((d) => (d.op === 'replace' && !isReorder(d)) || d.op === 'insert').filter((d) => WORDLIKE.test(d.quote));
  if (altered.length > 0 && altered.every(hasSpan)) {
    const edits = altered.map((d) => ({ start: quotation.offsets[d.qStart!], end: quotation.offsets[d.qEnd! - 1] + 1, newText: `[${quotation.text.slice(d.qStart, d.qEnd)}]` }));
    out.push({ title: `Mark as an intentional alteration: ${edits.map((e) => e.newText).join(', ')}`, edits });
  }
  // Source words left out with no mark: an ellipsis where they were.
  const gaps = match.diff.filter((d) => d.op === 'unmarked-omission' || (d.op === 'delete' && WORDLIKE.test(d.source)));
  if (gaps.length > 0 && gaps.every(hasSpan)) {
    const edits = gaps.map((d) => {
      const at = pointOffset(quotation, d.qEnd!);
      return { start: at, end: at, newText: d.qEnd === 0 ? '… ' : ' …' };
    });
    out.push({ title: 'Insert an ellipsis where words are left out', edits });
  }
  return out;
}

function hasSpan(d: DiffOp): boolean {
  return d.qStart !== undefined && d.qEnd !== undefined;
}

function isReorder(d: DiffOp): boolean {
  const sorted = (s: string) => s.toLowerCase().split(/\s+/).sort().join(' ');
  return sorted(d.quote) === sorted(d.source);
}

/** The essay offset just after visible character `at - 1` (or at the first, for 0). */
function pointOffset(q: Quotation, at: number): number {
  return at === 0 ? q.offsets[0] : q.offsets[at - 1] + 1;
}
