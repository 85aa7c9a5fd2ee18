// Decides a quotation's verdict: find candidate passages through the indexes,
// align the quotation against each, keep the best, and describe the
// differences word by word.

import { align, exactAlignment, isPunctCode, OMISSION_CODE, PUNCT, QueryCodes, WORD, type Alignment, type Step } from './align';
import type { Candidate, CorpusIndex } from './corpusIndex';
import { squash, tokenize, trimEnds, wordCount, type Token } from './normalize';
import { spellingVariant } from './spelling';
import type { Corpus, DiffOp, MatchResult, Passage, PartialMatch, QuotationEdit } from './types';

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
  // Only excerpts were searched: say how many, and that the text itself was not.
  if (library.length > 0 && library.every((l) => l.corpus.excerpts)) {
    unverified.searchedExcerpts = library.map((l) => ({ title: l.corpus.title, ...l.corpus.excerpts! }));
  }
  if (words === 0 || q.length > THRESHOLDS.maxTokens) return unverified;

  const shared = queriesFor(q, library);
  const found0 = bestAlignment(q, library, options.exhaustive, shared);
  if (!found0) return unverified;
  const best = coverEnds(found0, q);
  const similarity = best.matched / Math.max(1, best.matched + best.wordErrors);

  const exact = best.wordErrors === 0;
  // A respelt word (rumour for rumor) is no match, but it is no evidence against the passage either.
  const variants = exact ? 0 : respelt(q, best);
  const close =
    best.matched >= 2 &&
    (best.matched + variants) / Math.max(1, best.matched + best.wordErrors) >= THRESHOLDS.similarity &&
    best.matchedContent + variants >= Math.max(1, Math.min(THRESHOLDS.contentWords, contentWords(q) - best.wordErrors + variants));
  if (exact && best.punctErrors === 0) return describe(text, q, best, searched, similarity);
  // Fragments joined by an ellipsis may each be exact but not belong together.
  const split = !exact && q.some((t) => t.kind === 'omission') ? fragmentsApart(q, library, searched, options.exhaustive) : undefined;
  if (split) return split;
  // An excerpt is a window onto a longer text: words beyond it, or where it omits some, are unknown, not wrong.
  const found = exact || (words >= options.minWords && close);
  const bestPassage = best.index.passages[best.passage];
  // A close reading of a whole book stands; one of an excerpt is read again as an excerpt (its own
  // alignment suffices); a quotation close to nothing, or only to the review's own prose (which
  // holds its excerpts), is tried against every excerpt.
  const fit = !library.some((l) => l.corpus.excerpts) || (found && !best.index.corpus.excerpts)
    ? undefined
    : found && isExcerpt(best.index.corpus, bestPassage)
      ? { fitted: acceptFit(fitExcerpt(best.index, best.passage, q, best.alignment), options.minWords), nearest: [] }
      : excerptFit(q, library, options.minWords, shared);
  if (fit?.fitted && (!found || fit.fitted.alignment.cost < best.alignment.cost)) {
    const { fitted } = fit;
    return describe(text, q, fitted, searched, fitted.matched / Math.max(1, fitted.matched + fitted.wordErrors), fitted.partial);
  }
  // Two stretches of one passage joined with the words between left out (a speech's tag, say), or swapped.
  // (Only a reading with two word errors or more, or none close, can be one: each stretch has two words or more.)
  const joined =
    words >= options.minWords && (!found || best.wordErrors >= 2) && !q.some((t) => t.kind === 'omission' || t.kind === 'alteration' || t.alt !== undefined)
      ? splice(text, q, library, searched, shared)
      : undefined;
  // A splice explains the words with none changed: it wins over a reading that has them changed (not merely left out).
  if (joined && (joined.tag || !found || changesWords(q, best))) return joined.result;
  if (found) return describe(text, q, best, searched, similarity);
  // No passage named, but how near the nearest came (the accuracy suite measures the margin).
  return { ...unverified, similarity, ...(fit?.nearest.length ? { nearest: fit.nearest } : {}) };
}

/**
 * A quotation made of two stretches of one passage, each word for word, that do
 * not stand together there: the words between left out with no ellipsis (a
 * splice; across a speech's tag when the source has a closing and an opening
 * mark between them), or the second standing before the first (re-ordered).
 * Each stretch has three words or more (two beside a speech tag).
 */
function splice(text: string, q: readonly Token[], library: readonly CorpusIndex[], searched: string[], shared: Queries): { result: MatchResult; tag: boolean } | undefined {
  const at: number[] = []; // token index of each quotation word
  q.forEach((t, i) => {
    if (t.kind === 'word') at.push(i);
  });
  const m = at.length;
  for (let c = 0; c < library.length; c++) {
    const index = library[c];
    const query = shared.queryOf(c);
    const ids = Array.from(query.codes.code).filter((_, t) => q[t].kind === 'word');
    if (ids.some((id) => id < 0)) continue;
    // A passage holding both stretches holds every word of the quotation: it scores highest.
    for (const cand of query.candidates.slice(0, 2)) {
      const codes = index.codesOf(cand.passage);
      const pw: number[] = []; // token index of each passage word
      for (let t = 0; t < codes.length; t++) if (codes[t] >= 0) pw.push(t);
      const n = pw.length;
      if (n * m > THRESHOLDS.maxCells) continue;
      // pre[i]: how many of the quotation's first words stand from passage word i on; suf[e]: how many of its last words end just before e.
      const pre = new Int32Array(n);
      const suf = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) {
        let l = 0;
        while (l < m && i + l < n && codes[pw[i + l]] === ids[l]) l++;
        pre[i] = l;
      }
      for (let e = 1; e <= n; e++) {
        let l = 0;
        while (l < m && e - 1 - l >= 0 && codes[pw[e - 1 - l]] === ids[m - 1 - l]) l++;
        suf[e] = l;
      }
      for (let i = 0; i < n; i++) {
        if (pre[i] < 2 || pre[i] >= m) continue;
        for (let e = 1; e <= n; e++) {
          if (suf[e] < 2 || pre[i] + suf[e] < m) continue;
          // Where the first stretch ends: at a sentence's end in the quotation if one falls where both
          // readings hold, else as far as it goes (leaving the second three words if it can).
          const hi = Math.min(pre[i], m - Math.min(3, suf[e]));
          const lo = Math.max(1, m - suf[e]);
          let k = hi;
          for (let c = hi; c >= lo; c--) {
            if (q.slice(at[c - 1] + 1, at[c]).some((t) => t.kind === 'punct' && /[.!?;]/.test(t.norm))) {
              k = c;
              break;
            }
          }
          const j = e - (m - k); // where the second stretch starts
          const apart = j > i + k; // words between: a splice
          const swapped = e <= i; // the second stretch stands first
          if (!apart && !swapped) continue;
          const passage = index.passages[cand.passage];
          const firstEnd = index.tokensBetween(cand.passage, pw[i + k - 1], pw[i + k - 1] + 1)[0];
          const secondStart = index.tokensBetween(cand.passage, pw[j], pw[j] + 1)[0];
          const between = apart ? passage.text.slice(firstEnd.end, secondStart.start) : '';
          const tag = isTag(between);
          if (!tag && (k < 3 || m - k < 3)) continue;
          return { result: spliced(text, q, at, k, index, cand.passage, pw, i, j, apart, between, searched), tag };
        }
      }
    }
  }
  return undefined;
}

function spliced(
  text: string,
  q: readonly Token[],
  at: number[],
  k: number,
  index: CorpusIndex,
  p: number,
  pw: number[],
  i: number,
  j: number,
  apart: boolean,
  between: string,
  searched: string[],
): MatchResult {
  const passage = index.passages[p];
  const m = at.length;
  const first = index.tokensBetween(p, pw[i], pw[i + k - 1] + 1);
  const second = index.tokensBetween(p, pw[j], pw[j + m - k - 1] + 1);
  const qa = q[at[k - 1]];
  const qb = q[at[k]];
  const lastWord = text.slice(qa.start, qa.end);
  const nextWord = text.slice(qb.start, qb.end);
  const gap = squash(between.replace(/[“”"‘]|’(?![\p{L}])/gu, ' ').replace(/^[\s,;:.!?—–-]+|[\s,;:.!?—–-]+$/g, ''));
  const tag = apart && isTag(between);
  const note = !apart
    ? `re-ordered: in the source “${firstWords(text.slice(qb.start), 4)}…” comes before “${firstWords(text.slice(q[0].start), 4)}…”`
    : tag
      ? `the speech tag “${gap}” left out without an ellipsis between “${lastWord}” and “${nextWord}”`
      : `words left out without an ellipsis between “${lastWord}” and “${nextWord}”`;
  // The junction: after the first stretch's last quoted token (its punctuation included).
  let end = at[k - 1];
  while (end + 1 < at[k] && q[end + 1].kind === 'punct') end++;
  const junction = q[end].end;
  const line = passage.line;
  return {
    verdict: 'misquote',
    corpus: index.corpus,
    passage,
    line,
    locator: locator(passage, line),
    sourceText: [sourceSlice(passage.text, first), sourceSlice(passage.text, second)].join(' … '),
    sourceStart: Math.min(first[0].start, second[0].start),
    sourceEnd: Math.max(first[first.length - 1].end, second[second.length - 1].end),
    diff: [
      { op: 'equal', quote: text.slice(q[0].start, qa.end), source: text.slice(q[0].start, qa.end), qStart: q[0].start, qEnd: qa.end },
      apart
        ? { op: 'unmarked-omission', quote: '', source: gap, qStart: junction, qEnd: junction }
        : { op: 'replace', quote: text.slice(q[0].start, q[q.length - 1].end), source: '', qStart: q[0].start, qEnd: q[q.length - 1].end },
      { op: 'equal', quote: text.slice(qb.start, q[q.length - 1].end), source: text.slice(qb.start, q[q.length - 1].end), qStart: qb.start, qEnd: q[q.length - 1].end },
    ].filter((_, n) => apart || n === 1) as DiffOp[],
    note,
    // An ellipsis at the junction makes a splice a correct quotation; nothing mends a re-ordering.
    ...(apart ? { edits: [{ start: junction, end: junction, text: ' …' }], corrected: text.slice(0, junction) + ' …' + text.slice(junction) } : {}),
    similarity: 1,
    searched,
  };
}

/** Whether an alignment has a quoted word in place of a different source word. */
function changesWords(q: readonly Token[], best: Scored): boolean {
  return best.alignment.steps.some((st) => st.kind === 'replace' && q[st.q].kind === 'word');
}

/** Whether the source between two stretches closes a speech and opens it again (“…,” said she, “…” or ‘…,’ said she, ‘…’). */
function isTag(between: string): boolean {
  const close = between.search(/[”"’]/);
  return close >= 0 && /[“"‘]/.test(between.slice(close + 1));
}

/** The first words of a text, up to n and never past the end of its sentence. */
function firstWords(text: string, n: number): string {
  const out: string[] = [];
  for (const w of text.trim().split(/\s+/)) {
    out.push(w);
    if (out.length === n || /[.!?;:]$/.test(w)) break;
  }
  return out.join(' ').replace(/[,;:.!?]+$/, '');
}

/**
 * An alignment that ends in quoted words "added" which the passage has a few
 * tokens further on ("several of them uncommonly pretty" for "several of them,
 * you see, uncommonly pretty") is read as those source words left out: the
 * free end made the shorter reading cheaper, but it names the wrong difference.
 */
function coverEnds(m: Scored, q: readonly Token[]): Scored {
  const steps = m.alignment.steps;
  let k = steps.length;
  while (k > 0 && steps[k - 1].kind === 'insert') k--;
  const added = steps.slice(k).filter((st) => q[st.q].kind === 'word');
  if (added.length === 0 || k === 0) return m;
  const codes = m.index.codesOf(m.passage);
  const want = added.map((st) => m.index.wordId(q[st.q].norm));
  if (want.some((w) => w < 0)) return m;
  // The added words, in order, within six tokens after the match (punctuation between them skipped).
  for (let at = m.alignment.sEnd; at < Math.min(codes.length, m.alignment.sEnd + 7); at++) {
    if (codes[at] !== want[0]) continue;
    const place: number[] = [];
    let t = at;
    for (const w of want) {
      while (t < codes.length && isPunctCode(codes[t])) t++;
      if (codes[t] !== w) break;
      place.push(t++);
    }
    if (place.length !== want.length) continue;
    const rewritten: Step[] = steps.slice(0, k);
    for (let s2 = m.alignment.sEnd; s2 < at; s2++) rewritten.push({ kind: 'delete', q: -1, s: s2, sEnd: s2 + 1 });
    let next = 0;
    for (const st of steps.slice(k)) {
      if (q[st.q].kind === 'word') {
        const sIdx = place[next++];
        // Punctuation of the source between the re-found words is left out too.
        const last = rewritten[rewritten.length - 1];
        for (let g = (last && last.s >= 0 ? last.sEnd : at); g < sIdx; g++) if (g >= at) rewritten.push({ kind: 'delete', q: -1, s: g, sEnd: g + 1 });
        rewritten.push({ kind: 'equal', q: st.q, s: sIdx, sEnd: sIdx + 1 });
      } else rewritten.push(st);
    }
    let cost = 0;
    for (const st of rewritten) cost += stepCost(q, codes, st);
    const alignment: Alignment = { cost, steps: rewritten, sStart: m.alignment.sStart, sEnd: place[place.length - 1] + 1 };
    return score(m.index, m.passage, q, alignment);
  }
  return m;
}

/** How many quoted words an alignment has in place of the source's word spelt the British or American way. */
function respelt(q: readonly Token[], m: Scored): number {
  const source = m.index.codesOf(m.passage);
  let n = 0;
  for (const st of m.alignment.steps) {
    if (st.kind !== 'replace' || st.sEnd !== st.s + 1 || source[st.s] < 0 || q[st.q].kind !== 'word') continue;
    if (spellingVariant(q[st.q].norm, m.index.word(source[st.s]))) n++;
  }
  return n;
}

/** Whether a passage is an excerpt of a longer text (see Corpus.excerpts); terms and the review's own prose are not. */
export function isExcerpt(corpus: Corpus | undefined, passage: Passage | undefined): boolean {
  return !!corpus?.excerpts && !!passage && passage.kind !== 'review-prose' && passage.kind !== 'term';
}

interface Fitted extends Scored {
  partial: PartialMatch;
}

/**
 * The best reading of a quotation as an excerpt passage plus words the excerpt
 * does not hold: words before the passage's first word or after its last, and
 * words (or punctuation) where the excerpt prints an ellipsis. The alignment is
 * the usual one; only its steps there stop counting as errors. The words the
 * passage does hold must be at least `minWords` (and two content words), and
 * changes among them still count. Also the passages that share a run of three
 * words or more with the quotation, for an unverified one's hover.
 */
function excerptFit(q: readonly Token[], library: readonly CorpusIndex[], minWords: number, shared: Queries): { fitted?: Fitted; nearest: Passage[] } {
  let best: Fitted | undefined;
  const near: { passage: Passage; run: number }[] = [];
  for (let c = 0; c < library.length; c++) {
    const index = library[c];
    if (!index.corpus.excerpts) continue;
    const query = shared.queryOf(c);
    for (const cand of query.candidates) {
      const passage = index.passages[cand.passage];
      if (!isExcerpt(index.corpus, passage)) continue;
      const codes = index.codesOf(cand.passage);
      if (codes.length * q.length > THRESHOLDS.maxCells) continue;
      const alignment = align(query.codes, codes);
      const run = longestRun(q, alignment.steps);
      if (run >= 3) near.push({ passage, run });
      const fitted = acceptFit(fitExcerpt(index, cand.passage, q, alignment), minWords);
      if (fitted && (!best || better(fitted, best))) best = fitted;
    }
  }
  near.sort((a, b) => b.run - a.run);
  return { fitted: best, nearest: near.slice(0, 3).map((n) => n.passage) };
}

/** A fit whose verified words are enough to name the passage: minWords of them, two content words, and close. */
function acceptFit(fitted: Fitted | undefined, minWords: number): Fitted | undefined {
  if (!fitted || fitted.matched < Math.max(minWords, 2) || fitted.matchedContent < THRESHOLDS.contentWords) return undefined;
  return fitted.matched / (fitted.matched + fitted.wordErrors) < THRESHOLDS.similarity ? undefined : fitted;
}

/** The most quotation words matched one after another in an alignment. */
function longestRun(q: readonly Token[], steps: readonly Step[]): number {
  let best = 0;
  let run = 0;
  for (const st of steps) {
    if (st.kind === 'equal') {
      if (q[st.q].kind === 'word') best = Math.max(best, ++run);
    } else if (!(st.q >= 0 && q[st.q].kind === 'punct')) run = 0;
  }
  return best;
}

/**
 * An alignment with an excerpt, less the steps the excerpt cannot speak for:
 * quotation words inserted before the passage's first word or after its last,
 * and the run of insertions around an ellipsis of the excerpt's own. Undefined
 * when there are none (the alignment is then read as usual).
 */
function fitExcerpt(index: CorpusIndex, passage: number, q: readonly Token[], alignment: Alignment): Fitted | undefined {
  const codes = index.codesOf(passage);
  const steps = alignment.steps;
  let a = 0;
  while (a < steps.length && steps[a].kind === 'insert') a++;
  let b = steps.length;
  while (b > a && steps[b - 1].kind === 'insert') b--;
  if (a === b) return undefined;
  // Words beyond the passage only where it really starts or ends (nothing but punctuation past the match).
  const firstS = steps.find((st) => st.s >= 0)?.s ?? 0;
  if (a > 0 && wordIn(codes, 0, firstS)) a = 0;
  if (b < steps.length && wordIn(codes, alignment.sEnd, codes.length)) b = steps.length;
  const core: Step[] = [];
  const unverified: PartialMatch['unverified'] = [];
  const fills = (st: Step) =>
    st.kind === 'insert' || st.kind === 'unmarked-omission' || ((st.kind === 'replace' || st.kind === 'delete') && isPunctCode(codes[st.s]) && (st.q < 0 || q[st.q].kind === 'punct'));
  for (let k = a; k < b; k++) {
    if (steps[k].kind !== 'unmarked-omission' || codes[steps[k].s] !== OMISSION_CODE) {
      core.push(steps[k]);
      continue;
    }
    // The excerpt's own ellipsis: whatever the quotation has there (words, a comma, nothing) is the text's, unknown here.
    let lo = k;
    while (lo > a && fills(steps[lo - 1]) && core.length > 0 && core[core.length - 1] === steps[lo - 1]) {
      lo--;
      core.pop();
    }
    let hi = k + 1;
    while (hi < b && fills(steps[hi])) hi++;
    const quoted = steps.slice(lo, hi).filter((st) => st.q >= 0);
    const prev = core.length ? core[core.length - 1] : undefined;
    const at = prev && prev.q >= 0 ? q[prev.q].end : quoted.length ? q[quoted[0].q].start : 0;
    unverified.push(quoted.length ? { start: q[quoted[0].q].start, end: q[quoted[quoted.length - 1].q].end, where: 'gap' } : { start: at, end: at, where: 'gap' });
    k = hi - 1;
  }
  if (a === 0 && b === steps.length && unverified.length === 0) return undefined;
  // The words beyond it (punctuation next to the excerpt's edge belongs to neither side).
  const beyond = (from: number, to: number) => steps.slice(from, to).filter((st) => q[st.q].kind !== 'punct');
  const lead = beyond(0, a);
  const trail = beyond(b, steps.length);
  if (lead.length) unverified.unshift({ start: q[lead[0].q].start, end: q[lead[lead.length - 1].q].end, where: 'before' });
  if (trail.length) unverified.push({ start: q[trail[0].q].start, end: q[trail[trail.length - 1].q].end, where: 'after' });
  const coreQ = core.filter((st) => st.q >= 0 && q[st.q].kind === 'word');
  if (coreQ.length === 0) return undefined;
  const covered = core.filter((st) => st.s >= 0);
  let cost = 0;
  for (const st of core) cost += stepCost(q, codes, st);
  const fittedAlignment: Alignment = {
    cost,
    steps: core,
    sStart: covered.length ? covered[0].s : alignment.sStart,
    sEnd: covered.length ? covered[covered.length - 1].sEnd : alignment.sEnd,
  };
  const scored = score(index, passage, q, fittedAlignment);
  const partial: PartialMatch = { start: q[coreQ[0].q].start, end: q[coreQ[coreQ.length - 1].q].end, unverified };
  return { ...scored, partial };
}

/** What a step of an alignment costs (as align() counts it). */
function stepCost(q: readonly Token[], codes: Int32Array, st: Step): number {
  switch (st.kind) {
    case 'equal':
    case 'omission':
    case 'alteration':
      return 0;
    case 'delete':
      return isPunctCode(codes[st.s]) ? PUNCT : WORD;
    case 'unmarked-omission':
      return WORD;
    default:
      if (q[st.q].kind !== 'punct') return WORD;
      return st.kind === 'insert' && nextToOmission(q, st.q) ? 0 : PUNCT;
  }
}

function wordIn(codes: Int32Array, from: number, to: number): boolean {
  for (let t = from; t < to; t++) if (codes[t] >= 0) return true;
  return false;
}

function contentWords(q: readonly Token[]): number {
  let n = 0;
  for (const t of q) if (t.kind === 'word' && !FUNCTION_WORDS.has(t.norm)) n++;
  return n;
}

/** A quotation's words, where an omission or alteration breaks them, and its Query per corpus (made when first needed, shared by every search). */
interface Queries {
  qWords: string[];
  breaks: Set<number>;
  queryOf: (corpus: number) => Query;
}

function queriesFor(q: readonly Token[], library: readonly CorpusIndex[]): Queries {
  const qWords: string[] = [];
  const breaks = new Set<number>();
  for (const t of q) {
    if (t.kind === 'word') qWords.push(t.alt ?? t.norm);
    else if (t.kind === 'omission' || t.kind === 'alteration') breaks.add(qWords.length);
  }
  const queries: Query[] = [];
  return { qWords, breaks, queryOf: (k: number) => (queries[k] ??= new Query(q, qWords, breaks, library[k])) };
}

function bestAlignment(q: readonly Token[], library: readonly CorpusIndex[], exhaustive = false, shared = queriesFor(q, library)): Scored | undefined {
  const { qWords, breaks, queryOf } = shared;
  const hasOmission = q.some((t) => t.kind === 'omission');
  const exact = exhaustive ? undefined : exactFirst(q, qWords, breaks, library, queryOf);
  if (exact) return exact;
  // Every candidate with its window and a lower bound on its alignment cost: each
  // quotation word that does not stand in the window costs at least a word error.
  const plans: Plan[] = [];
  for (let c = 0; c < library.length; c++) {
    const index = library[c];
    const first = plans.length;
    const query = queryOf(c);
    for (const cand of query.candidates) plans.push(planFor(query, cand, hasOmission, plans.length));
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
  private candidateList: Candidate[] | undefined;
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

  /** The corpus's best candidate passages for it, best first (found once, for every search of this quotation). */
  get candidates(): Candidate[] {
    return (this.candidateList ??= this.index.candidates(this.qWords, this.breaks, THRESHOLDS.candidates, this.rows));
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

function describe(text: string, q: readonly Token[], best: Scored, searched: string[], similarity: number, partial?: PartialMatch): MatchResult {
  const { index, passage: p, alignment } = best;
  const passage = index.passages[p];
  // Only the matched stretch is tokenised again: source[k] is the passage's token sStart + k.
  const source = matchedTokens(best);
  const base = alignment.sStart;
  const diff = diffOps(text, q, passage.text, source, base, alignment.steps);
  const verdict = best.wordErrors === 0 && best.punctErrors === 0 ? 'correct' : 'misquote';
  const line = lineOf(best);
  const edits = verdict === 'misquote' ? fixEdits(text, q, passage.text, source, base, alignment.steps) : undefined;
  // A fix is offered only if the quotation then reads exactly as its source.
  const verified = edits && readsAsSource(applyEdits(text, edits), index, p, partial !== undefined, alignment) ? edits : undefined;
  return {
    verdict,
    corpus: index.corpus,
    passage,
    line,
    locator: locator(passage, line),
    sourceText: sourceSlice(passage.text, source),
    ...(source.length > 0 ? { sourceStart: source[0].start, sourceEnd: source[source.length - 1].end } : {}),
    corrected: verified ? applyEdits(text, verified) : undefined,
    ...(verified ? { edits: verified } : {}),
    diff,
    punctuationOnly: verdict === 'misquote' && best.wordErrors === 0,
    similarity,
    searched,
    ...(partial ? { partial } : {}),
  };
}

/** Whether a quotation's text aligns with passage p with no difference (for an excerpt, in the words it holds). */
function readsAsSource(text: string, index: CorpusIndex, p: number, excerpt: boolean, matched: Alignment): boolean {
  const q = trimEnds(tokenize(text));
  if (q.length === 0) return false;
  // The fix restores the matched stretch: a whole text is aligned there alone; an excerpt whole (it is short).
  const codes = index.codesOf(p);
  const query = new QueryCodes(q, (w) => index.wordId(w));
  const window = excerpt ? codes : codes.subarray(matched.sStart, matched.sEnd);
  // Most fixes leave a quotation that is the stretch token for token: no table needed to see it.
  if (!excerpt && window.length === q.length && q.every((t, i) => (t.kind === 'word' || t.kind === 'punct') && query.code[i] === window[i])) return true;
  const alignment = align(query, window);
  if (alignment.cost === 0) return true;
  if (!excerpt) return false;
  const fitted = fitExcerpt(index, p, q, alignment);
  return fitted !== undefined && fitted.alignment.cost === 0;
}

/** Applies edits (sorted, not overlapping) to a text. */
export function applyEdits(text: string, edits: readonly QuotationEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
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
function joinTokens(text: string, tokens: readonly Token[], own: (t: Token) => string = (t) => text.slice(t.start, t.end)): string {
  let out = '';
  for (const t of tokens) {
    const piece = own(t);
    out += out && !(t.kind === 'punct' && /^[,;:.!?)]/.test(piece)) ? ' ' + piece : piece;
  }
  return out;
}

/**
 * The edits that make a quotation read as its source: each run of differences
 * replaced token by token with the source's words, so that everything between
 * tokens (line breaks, markup, spaces) stays as the essay has it; the essay's
 * omission marks and bracketed alterations are kept, and steps left out of
 * `steps` (an excerpt's unknown words) are not touched. A word written in
 * place of the first word keeps the essay's capital (or not), and source words
 * take the essay's apostrophes.
 */
function fixEdits(qText: string, q: readonly Token[], sText: string, s: readonly Token[], base: number, steps: readonly Step[]): QuotationEdit[] | undefined {
  const edits: QuotationEdit[] = [];
  const straight = qText.includes("'") && !qText.includes('’');
  const word = (t: Token) => {
    const w = sText.slice(t.start, t.end);
    return straight ? w.replace(/’/g, "'") : w;
  };
  const firstStart = q[0].start;
  const cased = (start: number, w: string) => {
    if (start !== firstStart || !w) return w;
    const theirs = qText[start];
    return theirs === theirs.toUpperCase() ? w[0].toUpperCase() + w.slice(1) : w[0].toLowerCase() + w.slice(1);
  };
  let lastEnd: number | undefined; // end of the last quotation token before the run
  let runQ: Token[] = [];
  let runS: Token[] = [];
  // Source words that stand across a quotation mark (narration between two speeches) are never written in.
  let acrossMarks = false;
  const flush = (nextStart: number | undefined) => {
    if (runQ.length === 0 && runS.length === 0) return;
    if (runS.length > runQ.length && /[“”"]/.test(sText.slice(runS[0].start, runS[runS.length - 1].end))) acrossMarks = true;
    if (runQ.length === 0) {
      const text = joinTokens(sText, runS, word);
      if (lastEnd !== undefined) edits.push({ start: lastEnd, end: lastEnd, text: (attaches(runS[0], sText) ? '' : ' ') + text });
      else if (nextStart !== undefined) edits.push({ start: nextStart, end: nextStart, text: cased(nextStart, text) + ' ' });
    } else if (runS.length === 0) {
      edits.push(deletion(qText, runQ[0].start, runQ[runQ.length - 1].end));
    } else {
      // Pair tokens in order; the last quotation token takes any source words left over, and
      // quotation tokens left over go.
      const n = Math.min(runQ.length, runS.length);
      for (let k = 0; k < n; k++) {
        const qt = runQ[k];
        const rest = k === n - 1 ? runS.slice(k) : [runS[k]];
        const text = cased(qt.start, joinTokens(sText, rest, word));
        if (text !== qText.slice(qt.start, qt.end)) edits.push({ start: qt.start, end: qt.end, text });
      }
      if (runQ.length > n) edits.push(deletion(qText, runQ[n].start, runQ[runQ.length - 1].end));
    }
    runQ = [];
    runS = [];
  };
  for (const st of steps) {
    if (st.kind === 'equal' || st.kind === 'omission' || st.kind === 'alteration') {
      flush(q[st.q].start);
      lastEnd = q[st.q].end;
      continue;
    }
    if (st.q >= 0) runQ.push(q[st.q]);
    if (st.s >= 0) for (let k = st.s; k < st.sEnd; k++) runS.push(s[k - base]);
  }
  flush(undefined);
  return acrossMarks ? undefined : edits;
}

/** Whether a source token is written against the word before it (",", "…"). */
function attaches(t: Token, text: string): boolean {
  return t.kind === 'omission' || (t.kind === 'punct' && /^[,;:.!?)]/.test(text.slice(t.start, t.end)));
}

/** Deleting [start, end) of a quotation's text, with the spaces after it (or, at a line's end, before it). */
function deletion(text: string, start: number, end: number): QuotationEdit {
  // Punctuation written against the word before it goes alone ("well, and" → "well and").
  if (start > 0 && text[start - 1] !== ' ') return { start, end, text: '' };
  let e = end;
  while (e < text.length && text[e] === ' ') e++;
  if (e > end && e < text.length) return { start, end: e, text: '' };
  let b = start;
  while (b > 0 && text[b - 1] === ' ') b--;
  return { start: b, end, text: '' };
}
