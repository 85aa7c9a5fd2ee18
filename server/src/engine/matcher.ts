// Decides a quotation's verdict: find candidate passages through the indexes,
// align the quotation against each, keep the best, and describe the
// differences word by word.

import { align, exactAlignment, isPunctCode, QueryCodes, WORD, type Alignment, type Step } from './align';
import type { Candidate, CorpusIndex } from './corpusIndex';
import { squash, tokenize, trimEnds, wordCount, type Token } from './normalize';
import type { DiffOp, MatchResult, Passage } from './types';

/** Thresholds, chosen from the labelled accuracy suite (test/accuracy). */
export const THRESHOLDS = {
  /**
   * A misquote keeps at least this share of its words in order. Measured on the
   * labelled suite: misquotes keep 0.75 or more, while the nearest passage of an
   * unverified quotation keeps at most 0.67 (a song line sharing the book's title
   * words); 0.7 separates them with a margin on both sides.
   */
  similarity: 0.7,
  /** …and at least this many matched words that are not function words. */
  contentWords: 2,
  /** Candidates aligned per quotation. */
  candidates: 6,
  /** Quotations longer than this many tokens are not aligned (pathological input). */
  maxTokens: 1500,
  /** Quotation × paragraph tokens above which only a window of the paragraph is aligned. */
  maxCells: 400_000,
};

// Function words carry little evidence that two sentences are the same.
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  ('a an the and or but if of to in on at by for with from as is was were be been are it its i me my we us our ' +
    'you your he him his she her they them their this that there then than so not no do did had have has ' +
    "what which who when all just very would could should will can i'm it's that's don't didn't").split(' '),
);

export interface MatchOptions {
  /** Quotations with fewer words are terms or scare quotes: only exact matches are reported. */
  minWords: number;
  /** Score every candidate even where an exact quotation can be found directly (tests check that both agree). */
  exhaustive?: boolean;
}

interface Scored {
  index: CorpusIndex;
  passage: number;
  alignment: Alignment;
  words: number;
  wordErrors: number;
  punctErrors: number;
  matched: number;
  matchedContent: number;
}

export function matchQuotation(text: string, library: readonly CorpusIndex[], options: MatchOptions): MatchResult {
  const searched = library.map((l) => (l.corpus.origin === 'builtin' ? `${l.corpus.title} (built-in passages)` : l.corpus.title));
  const all = tokenize(text);
  const q = trimEnds(all);
  const words = wordCount(q);
  const unverified: MatchResult = { verdict: words < options.minWords ? 'short' : 'unverified', diff: [], similarity: 0, searched };
  if (words === 0 || q.length > THRESHOLDS.maxTokens) return unverified;

  const best = bestAlignment(q, library, options.exhaustive);
  if (!best) return unverified;
  const similarity = best.matched / Math.max(1, best.matched + best.wordErrors);

  const exact = best.wordErrors === 0;
  const close =
    best.matched >= 2 &&
    similarity >= THRESHOLDS.similarity &&
    best.matchedContent >= Math.max(1, Math.min(THRESHOLDS.contentWords, contentWords(q) - best.wordErrors));
  if (exact) return describe(text, q, best, searched, similarity);
  // Fragments joined by an ellipsis may each be exact but not belong together.
  const split = q.some((t) => t.kind === 'omission') ? fragmentsApart(q, library, searched, options.exhaustive) : undefined;
  if (split) return split;
  if (words >= options.minWords && close) return describe(text, q, best, searched, similarity);
  // No passage named, but how near the nearest came (the accuracy suite measures the margin).
  return { ...unverified, similarity };
}

function contentWords(q: readonly Token[]): number {
  let n = 0;
  for (const t of q) if (t.kind === 'word' && !FUNCTION_WORDS.has(t.norm)) n++;
  return n;
}

function bestAlignment(q: readonly Token[], library: readonly CorpusIndex[], exhaustive = false): Scored | undefined {
  const qWords: string[] = [];
  const breaks = new Set<number>();
  for (const t of q) {
    if (t.kind === 'word') qWords.push(t.alt ?? t.norm);
    else if (t.kind === 'omission' || t.kind === 'alteration') breaks.add(qWords.length);
  }
  const hasOmission = q.some((t) => t.kind === 'omission');
  const queries: Query[] = [];
  const queryOf = (k: number) => (queries[k] ??= new Query(q, qWords, breaks, library[k]));
  const exact = exhaustive ? undefined : exactFirst(q, qWords, breaks, library, queryOf);
  if (exact) return exact;
  // Every candidate with its window and a lower bound on its alignment cost: each
  // quotation word that does not stand in the window costs at least a word error.
  const plans: Plan[] = [];
  for (let c = 0; c < library.length; c++) {
    const index = library[c];
    const first = plans.length;
    const query = queryOf(c);
    for (const cand of index.candidates(qWords, breaks, THRESHOLDS.candidates, query.rows)) plans.push(planFor(query, cand, hasOmission, plans.length));
    // Nothing beats an exact alignment of a preferred passage (see better()), and every
    // candidate of a later corpus comes later in order, so it would lose the tie: the
    // first such alignment, in order, ends the search before later corpora are searched.
    if (exact === null) continue; // exactFirst() found there is none
    for (let k = first; k < plans.length; k++) {
      const plan = plans[k];
      if (plan.bound !== 0) continue;
      const scored = alignPlan(plan, q);
      if (scored.alignment.cost === 0 && index.rank[plan.passage] === 0) return scored;
    }
  }
  // Cheapest bound first; equal bounds keep the candidates' own order, so that the
  // winner is the same as aligning every candidate in order (see better()).
  plans.sort((a, b) => a.bound - b.bound || a.order - b.order);
  let best: Scored | undefined;
  let bestOrder = -1;
  for (const plan of plans) {
    // No alignment of this candidate, or of any after it, can cost less than the best's.
    if (best && plan.bound > best.alignment.cost) break;
    // Even at its bound it could at best tie the best on cost and then lose on matched words,
    // rank or order (a duplicated corpus's copy of the best passage, say): skip it.
    if (best && plan.bound === best.alignment.cost && !couldWin(plan, best, bestOrder)) continue;
    const scored = alignPlan(plan, q);
    if (!best || better(scored, best) || (!better(best, scored) && plan.order < bestOrder)) {
      best = scored;
      bestOrder = plan.order;
    }
  }
  return best;
}

/**
 * What the search in bestAlignment() would return early, found without scoring
 * every candidate: the first exact alignment, in corpus order, of a preferred
 * passage. A quotation with no omission, alteration or bracketed letters aligns
 * exactly only with a passage holding its tokens as one unbroken stretch, and
 * such a passage holds every row of the quotation, so it has the highest score
 * there is: if the rarest row has no more postings than there are candidates,
 * every such passage is a candidate, first among them the one with the lowest
 * index. Returns undefined when that cannot be told this way (bestAlignment()
 * then searches as usual), and null when there is no such alignment.
 */
function exactFirst(
  q: readonly Token[],
  qWords: readonly string[],
  breaks: ReadonlySet<number>,
  library: readonly CorpusIndex[],
  queryOf: (corpus: number) => Query,
): Scored | null | undefined {
  if (breaks.size > 0 || q.some((t) => t.alt !== undefined)) return undefined;
  const tokenOf = new Int32Array(qWords.length);
  for (let t = 0, w = 0; t < q.length; t++) if (q[t].kind === 'word') tokenOf[w++] = t;
  for (let c = 0; c < library.length; c++) {
    const index = library[c];
    const query = queryOf(c);
    const { codes } = query;
    if (qWords.some((_, i) => codes.code[tokenOf[i]] < 0)) continue; // a word this corpus never has
    const { rows } = query;
    const { passages, rarest } = index.holding(codes.code, tokenOf, rows);
    const preferred = passages.filter((p) => index.rank[p] === 0);
    if (preferred.length === 0) continue;
    if (rarest > THRESHOLDS.candidates) return undefined;
    for (const p of preferred) {
      const [lo, hi] = windowOf(q, index, index.candidate(p, rows, qWords.length), false);
      const alignment = exactAlignment(codes.code, index.codesOf(p).subarray(lo, hi));
      if (!alignment) continue; // not in the window the search would align
      if (lo > 0) shift(alignment, lo);
      return score(index, p, q, alignment);
    }
  }
  return null;
}

/** The tokens lo..hi of a candidate's passage that its quotation is aligned with. */
function windowOf(q: readonly Token[], index: CorpusIndex, cand: Candidate, hasOmission: boolean): [number, number] {
  const length = index.tokenCount(cand.passage);
  // A quotation with an omission may skip far ahead in a paragraph: align it with the
  // whole paragraph unless that is huge. Otherwise a window around the densest hits will do.
  const span = q.length * 2 + 40;
  const cut = hasOmission ? length * q.length > THRESHOLDS.maxCells : length > span * 2;
  return cut ? [Math.max(0, cand.centre - span), Math.min(length, cand.centre + span)] : [0, length];
}

/** A candidate's window (around its hits, unless the whole passage will do) and a bound on its cost there. */
function planFor(query: Query, cand: Candidate, hasOmission: boolean, order: number): Plan {
  const { index, q, codes, words } = query;
  const [lo, hi] = windowOf(q, index, cand, hasOmission);
  const missing = index.missingWords(codes, cand.passage, lo, hi);
  return { index, query, passage: cand.passage, lo, hi, bound: WORD * missing, maxMatched: words - missing, order };
}

/** The plan's candidate aligned in its window and scored (once: kept on the plan). */
function alignPlan(plan: Plan, q: readonly Token[]): Scored {
  if (plan.scored) return plan.scored;
  const { index, lo, hi, query } = plan;
  const source = index.codesOf(plan.passage);
  const window = lo === 0 && hi === source.length ? source : source.subarray(lo, hi);
  const alignment = align(query.codes, window);
  if (lo > 0) shift(alignment, lo);
  return (plan.scored = score(index, plan.passage, q, alignment));
}

/** The quotation as one corpus sees it: its token codes, and the index rows that score it (see rowsFor), made when first needed. */
class Query {
  readonly codes: QueryCodes;
  private rowList: number[] | undefined;
  constructor(
    readonly q: readonly Token[],
    private readonly qWords: readonly string[],
    private readonly breaks: ReadonlySet<number>,
    readonly index: CorpusIndex,
  ) {
    this.codes = new QueryCodes(q, (w) => index.wordId(w));
  }

  /** How many words it has. */
  get words(): number {
    return this.qWords.length;
  }

  get rows(): number[] {
    return (this.rowList ??= this.index.rowsFor(this.qWords, this.breaks));
  }
}

interface Plan {
  index: CorpusIndex;
  query: Query;
  passage: number;
  lo: number;
  hi: number;
  /** No alignment in the window costs less… */
  bound: number;
  /** …or matches more words. */
  maxMatched: number;
  order: number;
  scored?: Scored;
}

/** Whether a candidate aligned at cost `plan.bound` could beat `best` (as better() and candidate order rank them). */
function couldWin(plan: Plan, best: Scored, bestOrder: number): boolean {
  if (plan.maxMatched !== best.matched) return plan.maxMatched > best.matched;
  const rank = plan.index.rank[plan.passage];
  const bestRank = best.index.rank[best.passage];
  if (rank !== bestRank) return rank < bestRank;
  return plan.order < bestOrder;
}

function shift(a: Alignment, by: number): void {
  a.sStart += by;
  a.sEnd += by;
  for (const st of a.steps) if (st.s >= 0) {
    st.s += by;
    st.sEnd += by;
  }
}

function score(index: CorpusIndex, passage: number, q: readonly Token[], alignment: Alignment): Scored {
  let wordErrors = 0;
  let punctErrors = 0;
  let matched = 0;
  let matchedContent = 0;
  const source = index.codesOf(passage);
  for (const st of alignment.steps) {
    const tok = st.q >= 0 ? q[st.q] : undefined;
    const isPunct = tok ? tok.kind === 'punct' && (st.kind !== 'replace' || isPunctCode(source[st.s])) : isPunctCode(source[st.s]);
    switch (st.kind) {
      case 'equal':
        if (tok!.kind === 'word') {
          matched++;
          if (!FUNCTION_WORDS.has(tok!.norm)) matchedContent++;
        }
        break;
      case 'replace':
      case 'insert':
      case 'delete':
        // Punctuation next to the essay's own omission mark belongs to the mark ("home. … She").
        if (isPunct && st.kind === 'insert' && nextToOmission(q, st.q)) break;
        if (isPunct) punctErrors++;
        else wordErrors++;
        break;
      case 'unmarked-omission':
        wordErrors++;
        break;
    }
  }
  return { index, passage, alignment, words: wordCount(q), wordErrors, punctErrors, matched, matchedContent };
}

function nextToOmission(q: readonly Token[], i: number): boolean {
  return q[i - 1]?.kind === 'omission' || q[i + 1]?.kind === 'omission';
}

function better(a: Scored, b: Scored): boolean {
  if (a.alignment.cost !== b.alignment.cost) return a.alignment.cost < b.alignment.cost;
  if (a.matched !== b.matched) return a.matched > b.matched;
  return a.index.rank[a.passage] < b.index.rank[b.passage];
}

/** Each fragment found exactly, but not together: out of order, or from different places. */
function fragmentsApart(q: readonly Token[], library: readonly CorpusIndex[], searched: string[], exhaustive = false): MatchResult | undefined {
  const fragments: Token[][] = [[]];
  for (const t of q) {
    if (t.kind === 'omission') fragments.push([]);
    else fragments[fragments.length - 1].push(t);
  }
  const found = fragments.filter((f) => wordCount(f) > 0).map((f) => bestAlignment(trimEnds(f), library, exhaustive));
  if (found.length < 2 || found.some((f) => !f || f.wordErrors > 0 || f.matchedContent < 1 || f.matched < 2)) return undefined;
  const places = found as Scored[];
  const samePassage = places.every((p) => p.index === places[0].index && p.passage === places[0].passage);
  const first = places[0];
  const passage = first.index.passages[first.passage];
  const message = samePassage
    ? 'the fragments joined by an ellipsis are out of order in the source'
    : 'the fragments joined by an ellipsis come from different places in the source';
  const line = lineOf(first);
  return {
    verdict: 'misquote',
    corpus: first.index.corpus,
    passage,
    line,
    locator: places
      .map((p) => {
        const psg = p.index.passages[p.passage];
        return locator(psg, lineOf(p));
      })
      .filter((l, k, all) => all.indexOf(l) === k)
      .join('; '),
    sourceText: places.map((p) => sourceSlice(p.index.passages[p.passage].text, matchedTokens(p))).join(' … '),
    diff: [{ op: 'omission', quote: message, source: '' }],
    similarity: 1,
    searched,
  };
}

/** The source tokens a match covers (tokens sStart..sEnd-1 of its passage). */
function matchedTokens(m: Scored): Token[] {
  return m.index.tokensBetween(m.passage, m.alignment.sStart, m.alignment.sEnd);
}

/** The file line where a match starts: its passage's line, moved on by the words before the match. */
function lineOf(m: Scored): number | undefined {
  const passage = m.index.passages[m.passage];
  if (passage.line === undefined) return undefined;
  const lw = passage.lineWords;
  if (!lw) return passage.line;
  const codes = m.index.codesOf(m.passage);
  let words = 0;
  for (let t = 0; t < m.alignment.sStart; t++) if (codes[t] >= 0) words++;
  let k = 0;
  while (k < lw.length && lw[k] <= words) k++;
  return passage.line + k;
}

/** Where a match stands, for people: its section and line, or a curated passage's id and locator. */
export function locator(passage: Passage, line: number | undefined): string {
  if (passage.kind === 'curated') return passage.section ? `${passage.section} (passage ${passage.id})` : `passage ${passage.id}`;
  return [passage.section, line !== undefined ? `line ${line}` : `passage ${passage.id}`].filter(Boolean).join(', ');
}

function sourceSlice(text: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return '';
  return squash(text.slice(tokens[0].start, tokens[tokens.length - 1].end));
}

function describe(text: string, q: readonly Token[], best: Scored, searched: string[], similarity: number): MatchResult {
  const { index, passage: p, alignment } = best;
  const passage = index.passages[p];
  // Only the matched stretch is tokenised again: source[k] is the passage's token sStart + k.
  const source = matchedTokens(best);
  const base = alignment.sStart;
  const diff = diffOps(text, q, passage.text, source, base, alignment.steps);
  const verdict = best.wordErrors === 0 && best.punctErrors === 0 ? 'correct' : 'misquote';
  const line = lineOf(best);
  return {
    verdict,
    corpus: index.corpus,
    passage,
    line,
    locator: locator(passage, line),
    sourceText: sourceSlice(passage.text, source),
    ...(source.length > 0 ? { sourceStart: source[0].start, sourceEnd: source[source.length - 1].end } : {}),
    corrected: verdict === 'misquote' ? corrected(text, q, passage.text, source, base, alignment.steps) : undefined,
    diff,
    punctuationOnly: verdict === 'misquote' && best.wordErrors === 0,
    similarity,
    searched,
  };
}

/** Groups the alignment's steps into runs: equal runs, and runs of differences between them (s[k] is source token base + k). */
function diffOps(qText: string, q: readonly Token[], sText: string, s: readonly Token[], base: number, steps: readonly Step[]): DiffOp[] {
  const ops: DiffOp[] = [];
  let qs: Token[] = [];
  let ss: Token[] = [];
  // End of the last quotation token seen: where missing words would go.
  let lastEnd = q[0]?.start ?? 0;
  const flush = (at: number) => {
    if (qs.length === 0 && ss.length === 0) return;
    const op = qs.length === 0 ? 'delete' : ss.length === 0 ? 'insert' : 'replace';
    const span = qs.length ? { qStart: qs[0].start, qEnd: qs[qs.length - 1].end } : { qStart: at, qEnd: at };
    ops.push({ op, quote: joinTokens(qText, qs), source: joinTokens(sText, ss), ...span });
    qs = [];
    ss = [];
  };
  for (const st of steps) {
    const before = lastEnd;
    if (st.q >= 0) lastEnd = q[st.q].end;
    switch (st.kind) {
      case 'replace':
      case 'insert':
      case 'delete':
        if (st.q >= 0) qs.push(q[st.q]);
        if (st.s >= 0) ss.push(...s.slice(st.s - base, st.sEnd - base));
        break;
      case 'equal': {
        flush(before);
        const prev = ops[ops.length - 1];
        const word = joinTokens(qText, [q[st.q]]);
        if (prev?.op === 'equal') {
          prev.quote = prev.source = prev.quote + ' ' + word;
          prev.qEnd = lastEnd;
        } else ops.push({ op: 'equal', quote: word, source: word, qStart: q[st.q].start, qEnd: lastEnd });
        break;
      }
      default:
        flush(before);
        ops.push({
          op: st.kind,
          quote: st.q >= 0 ? qText.slice(q[st.q].start, q[st.q].end) : '',
          source: st.sEnd > st.s ? joinTokens(sText, s.slice(st.s - base, st.sEnd - base)) : '',
          qStart: st.q >= 0 ? q[st.q].start : before,
          qEnd: st.q >= 0 ? q[st.q].end : before,
        });
    }
  }
  flush(lastEnd);
  return ops;
}

/** Tokens' own text joined by spaces, punctuation attached to the word before it. */
function joinTokens(text: string, tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    const piece = text.slice(t.start, t.end);
    out += out && !(t.kind === 'punct' && /^[,;:.!?)]/.test(piece)) ? ' ' + piece : piece;
  }
  return out;
}

/**
 * The quotation as it should read: the source's wording for every quoted
 * stretch, the essay's own omission marks and bracketed alterations kept, and
 * the essay's punctuation at the very ends kept.
 */
function corrected(qText: string, q: readonly Token[], sText: string, s: readonly Token[], base: number, steps: readonly Step[]): string {
  let out = '';
  let runStart = -1;
  let runEnd = -1;
  const flushRun = () => {
    if (runStart < 0) return;
    out += squash(sText.slice(s[runStart - base].start, s[runEnd - base].end));
    runStart = runEnd = -1;
  };
  for (const st of steps) {
    if (st.kind === 'omission' || st.kind === 'alteration') {
      flushRun();
      const tok = q[st.q];
      const before = tok.start > 0 && /\s/.test(qText[tok.start - 1]) ? ' ' : '';
      const after = tok.end < qText.length && /\s/.test(qText[tok.end]) ? ' ' : '';
      out = out.replace(/\s+$/, '') + before + qText.slice(tok.start, tok.end) + after;
      continue;
    }
    if (st.s < 0) continue; // words the essay added are dropped
    if (runStart >= 0 && st.s !== runEnd + 1) flushRun();
    if (runStart < 0) {
      if (out && !/\s$/.test(out)) out += ' ';
      runStart = st.s;
    }
    runEnd = st.sEnd - 1;
  }
  flushRun();
  out = out.trim();
  // Keep the essay's capital (or not) on the first letter, and its end punctuation.
  const first = q[0];
  if (first && first.kind === 'word' && out) {
    const theirs = qText[first.start];
    if (theirs !== undefined && out[0].toLowerCase() === theirs.toLowerCase()) out = theirs + out.slice(1);
  }
  const lead = qText.slice(0, q[0].start);
  const tail = qText.slice(q[q.length - 1].end);
  return lead + out + tail;
}

