// Word-level alignment of a quotation against a stretch of source tokens.
//
// Semi-global: the whole quotation must be explained, but it may start and end
// anywhere in the source. An omission in the quotation ("…", "[...]") skips any
// number of source tokens for free; a bracketed alteration ("[she]") stands for
// up to MAX_ALTERED source words; a source omission that the quotation runs
// across without marking costs as much as a changed word.

import type { Token } from './normalize';

// Costs are integers: a word difference is 10, a punctuation difference 3.
export const WORD = 10;
export const PUNCT = 3;
const IMPOSSIBLE = 1 << 28;
const MAX_ALTERED = 5;

export type StepKind =
  | 'equal'
  | 'replace'
  | 'insert'
  | 'delete'
  | 'omission'
  | 'alteration'
  | 'unmarked-omission';

/** One step of an alignment: q / s are token indexes (or -1); s..sEnd is the source run covered. */
export interface Step {
  kind: StepKind;
  q: number;
  s: number;
  sEnd: number;
}

export interface Alignment {
  cost: number;
  steps: Step[];
  /** First and last+1 source token index covered. */
  sStart: number;
  sEnd: number;
}

// The aligner compares numbers, not strings: each source token is a code. A
// word is its id in the corpus's vocabulary (0 or more); everything else is
// negative: a punctuation mark, an omission, or a bracketed alteration.
const PUNCT_MARKS = ',;:.!?()—';
export const OMISSION_CODE = -11;
export const ALTERATION_CODE = -12;
/** A quoted word the corpus never has: equal to no source code. */
export const UNKNOWN_WORD = -100;

/** A source token's code, given its word id (for a word). */
export function tokenCode(t: Token, wordId: number): number {
  switch (t.kind) {
    case 'word':
      return wordId;
    case 'punct':
      return -1 - PUNCT_MARKS.indexOf(t.norm);
    case 'omission':
      return OMISSION_CODE;
    default:
      return ALTERATION_CODE;
  }
}

export const isPunctCode = (c: number) => c < 0 && c >= -PUNCT_MARKS.length;

/**
 * A quotation as the aligner reads it against one corpus: per token, its kind
 * and code, the code of its bracket-free spelling, and (made when first aligned)
 * the pairs of source words it may stand for as one ("forever" for "for ever").
 */
export class QueryCodes {
  /** Word id (or UNKNOWN_WORD) for a word, the punctuation code for a mark; unused otherwise. */
  readonly code: Int32Array;
  /** A word's other acceptable id (its spelling without bracketed letters), or UNKNOWN_WORD. */
  readonly alt: Int32Array;
  private joinTable: { start: Int32Array; pairs: Int32Array } | undefined;

  /** Encodes quotation tokens `q` against a vocabulary (`wordId` gives -1 for a word it lacks). */
  constructor(
    readonly tokens: readonly Token[],
    private readonly wordId: (word: string) => number,
  ) {
    const m = tokens.length;
    this.code = new Int32Array(m);
    this.alt = new Int32Array(m).fill(UNKNOWN_WORD);
    for (let i = 0; i < m; i++) {
      const t = tokens[i];
      if (t.kind === 'word') {
        this.code[i] = this.id(t.norm);
        if (t.alt !== undefined) this.alt[i] = this.id(t.alt);
      } else if (t.kind === 'punct') this.code[i] = tokenCode(t, -1);
    }
  }

  private id(word: string): number {
    const k = this.wordId(word);
    return k < 0 ? UNKNOWN_WORD : k;
  }

  /** Token i may stand for source words pairs[k], pairs[k + 1] for k in start[i] .. start[i + 1] step 2: every split of it into two words the corpus has. */
  joins(): { start: Int32Array; pairs: Int32Array } {
    if (this.joinTable) return this.joinTable;
    const m = this.tokens.length;
    const start = new Int32Array(m + 1);
    const pairs: number[] = [];
    for (let i = 0; i < m; i++) {
      const t = this.tokens[i];
      start[i] = pairs.length;
      if (t.kind !== 'word') continue;
      const w = t.alt ?? t.norm;
      for (let k = 1; k < w.length; k++) {
        const a = this.wordId(w.slice(0, k));
        if (a < 0) continue;
        const b = this.wordId(w.slice(k));
        if (b >= 0) pairs.push(a, b);
      }
    }
    start[m] = pairs.length;
    return (this.joinTable = { start, pairs: Int32Array.from(pairs) });
  }
}

// The tables are reused from one alignment to the next: whole book paragraphs
// are aligned many times per essay, and fresh tables would keep the GC busy.
let tables = { cost: new Int32Array(0), how: new Uint8Array(0), from: new Int32Array(0) };

const KEPT_CELLS = 1 << 20; // larger tables (a page-long blockquote) are not kept

function scratch(cells: number): typeof tables {
  if (tables.cost.length >= cells) return tables;
  const size = Math.max(cells, Math.min(KEPT_CELLS, tables.cost.length * 2));
  const fresh = { cost: new Int32Array(size), how: new Uint8Array(size), from: new Int32Array(size) };
  if (size <= KEPT_CELLS) tables = fresh;
  return fresh;
}

/**
 * Aligns a quotation (encoded by QueryCodes) against source token codes `s`
 * (already trimmed of end punctuation). Runs in O(|q| × |s|) time and memory.
 */
export function align(query: QueryCodes, s: Int32Array): Alignment {
  const q = query.tokens;
  const { code, alt } = query;
  const { start: joinStart, pairs: joins } = query.joins();
  const m = q.length;
  const n = s.length;
  const width = n + 1;
  // How each cell was reached: 0 start, 1 diagonal, 2 insert (up), 3 delete (left), 4 jump (omission/alteration),
  // 5 one quoted word for two source words.
  const { cost, how, from } = scratch((m + 1) * width);
  cost.fill(0, 0, width); // the quotation may start anywhere in the source

  for (let i = 0; i < m; i++) {
    const kind = q[i].kind;
    const row = i * width;
    const next = row + width;

    if (kind === 'omission') {
      let best = IMPOSSIBLE;
      let bestAt = 0;
      for (let j = 0; j <= n; j++) {
        if (cost[row + j] <= best) {
          best = cost[row + j];
          bestAt = j;
        }
        cost[next + j] = best;
        how[next + j] = 4;
        from[next + j] = bestAt;
      }
      continue;
    }

    const isWord = kind === 'word';
    const isPunct = kind === 'punct';
    const qc = code[i];
    const qa = alt[i];
    // Punctuation next to the essay's own omission mark is part of that mark ("home. … She").
    const nearOmission = (i > 0 && q[i - 1].kind === 'omission') || (i + 1 < m && q[i + 1].kind === 'omission');
    const ins = isPunct ? (nearOmission ? 0 : PUNCT) : WORD;
    const joinFrom = joinStart[i];
    const joinTo = joinStart[i + 1];
    // "[sic]" stands for nothing; other brackets stand for 0..MAX_ALTERED source words.
    const reach = kind !== 'alteration' ? -1 : q[i].norm === 'sic' ? 0 : MAX_ALTERED;

    for (let j = 0; j <= n; j++) {
      let c = cost[row + j] + ins;
      let h = 2;
      let f = j;
      if (j > 0) {
        const d = cost[row + j - 1] + substitution(isWord, isPunct, qc, qa, s[j - 1]);
        if (d <= c) {
          c = d;
          h = 1;
          f = j - 1;
        }
      }
      // One word for two ("forever" for "for ever", "today" for "to-day"): one respelled word.
      if (j > 1 && joinTo > joinFrom) {
        const a = s[j - 2];
        const b = s[j - 1];
        for (let k = joinFrom; k < joinTo; k += 2) {
          if (joins[k] !== a || joins[k + 1] !== b) continue;
          const mg = cost[row + j - 2] + WORD;
          if (mg < c) {
            c = mg;
            h = 5;
            f = j - 2;
          }
          break;
        }
      }
      for (let k = 0; k <= reach && j - k >= 0; k++) {
        if (k > 0 && s[j - k] < 0) break;
        const a = cost[row + j - k];
        if (a < c) {
          c = a;
          h = 4;
          f = j - k;
        }
      }
      if (j > 0) {
        const del = cost[next + j - 1] + (isPunctCode(s[j - 1]) ? PUNCT : WORD); // a skipped source omission is a word-level error
        if (del < c) {
          c = del;
          h = 3;
          f = j - 1;
        }
      }
      cost[next + j] = c;
      how[next + j] = h;
      from[next + j] = f;
    }
  }

  // Free end: the best cell of the last row.
  const last = m * width;
  let end = 0;
  // On a tie, cover more of the source: "rumour" replaces "rumor" rather than being added.
  for (let j = 1; j <= n; j++) if (cost[last + j] <= cost[last + end]) end = j;

  const steps = traceBack(query, s, how, from, width, end);
  let sStart = end;
  for (const st of steps) if (st.s >= 0) {
    sStart = st.s;
    break;
  }
  return { cost: cost[last + end], steps, sStart, sEnd: end };
}

// Apart from align() so that the table's loop, which is hot from the first
// alignment, is optimised on its own: branches of the walk back that have not
// run yet do not throw its optimised code away when they first do.
/** The steps of the alignment ending at source index `end`, read back from the table (in order). */
function traceBack(query: QueryCodes, s: Int32Array, how: Uint8Array, from: Int32Array, width: number, end: number): Step[] {
  const q = query.tokens;
  const { code, alt } = query;
  const steps: Step[] = [];
  let i = q.length;
  let j = end;
  while (i > 0) {
    const cell = i * width + j;
    const h = how[cell];
    const f = from[cell];
    const qt = q[i - 1];
    if (h === 1) {
      const same = substitution(qt.kind === 'word', qt.kind === 'punct', code[i - 1], alt[i - 1], s[f]) === 0;
      const kind = same ? 'equal' : s[f] === OMISSION_CODE ? 'unmarked-omission' : 'replace';
      steps.push({ kind, q: i - 1, s: f, sEnd: f + 1 });
      i--;
      j = f;
    } else if (h === 5) {
      steps.push({ kind: 'replace', q: i - 1, s: f, sEnd: j });
      i--;
      j = f;
    } else if (h === 2) {
      steps.push({ kind: 'insert', q: i - 1, s: -1, sEnd: -1 });
      i--;
    } else if (h === 3) {
      steps.push({ kind: s[f] === OMISSION_CODE ? 'unmarked-omission' : 'delete', q: -1, s: f, sEnd: f + 1 });
      j = f;
    } else {
      steps.push({ kind: qt.kind === 'omission' ? 'omission' : 'alteration', q: i - 1, s: f, sEnd: j });
      i--;
      j = f;
    }
  }
  return steps.reverse();
}

/** The cost of aligning quotation token (word or mark, with code qc / alt qa) with source code sc. */
function substitution(isWord: boolean, isPunct: boolean, qc: number, qa: number, sc: number): number {
  if (isWord) return sc < 0 ? IMPOSSIBLE : sc === qc || sc === qa ? 0 : WORD;
  if (isPunct) {
    if (isPunctCode(sc)) return sc === qc ? 0 : PUNCT;
    // Punctuation where the source omits text: the omission is not marked.
    return sc === OMISSION_CODE ? WORD : IMPOSSIBLE;
  }
  return IMPOSSIBLE;
}

/**
 * What align() returns when the quotation's codes `seq` (no omission or
 * alteration in it) stand unbroken in `s`, found without the table: only equal
 * steps cost nothing, and on a tie align() takes the end that covers more of
 * the source, so it is the last such stretch. Undefined if there is none.
 */
export function exactAlignment(seq: Int32Array, s: Int32Array): Alignment | undefined {
  const m = seq.length;
  for (let end = s.length; end >= m && m > 0; end--) {
    const start = end - m;
    let i = m - 1;
    while (i >= 0 && s[start + i] === seq[i]) i--;
    if (i >= 0) continue;
    const steps: Step[] = [];
    for (let k = 0; k < m; k++) steps.push({ kind: 'equal', q: k, s: start + k, sEnd: start + k + 1 });
    return { cost: 0, steps, sStart: start, sEnd: end };
  }
  return undefined;
}
