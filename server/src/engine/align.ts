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

function sameToken(q: Token, s: Token): boolean {
  return q.norm === s.norm || (q.alt !== undefined && q.alt === s.norm);
}

function substitution(q: Token, s: Token): number {
  if (q.kind === 'word' && s.kind === 'word') return sameToken(q, s) ? 0 : WORD;
  if (q.kind === 'punct' && s.kind === 'punct') return q.norm === s.norm ? 0 : PUNCT;
  // Punctuation where the source omits text: the omission is not marked.
  if (q.kind === 'punct' && s.kind === 'omission') return WORD;
  return IMPOSSIBLE;
}

function joins(q: Token, a: Token, b: Token): boolean {
  const w = q.alt ?? q.norm;
  return w.length === a.norm.length + b.norm.length && w.startsWith(a.norm) && w.endsWith(b.norm);
}

function deletion(s: Token): number {
  return s.kind === 'punct' ? PUNCT : WORD; // a skipped source omission is a word-level error
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
 * Aligns quotation tokens `q` against source tokens `s` (already trimmed of end
 * punctuation). Runs in O(|q| × |s|) time and memory.
 */
export function align(q: readonly Token[], s: readonly Token[]): Alignment {
  const m = q.length;
  const n = s.length;
  const width = n + 1;
  // How each cell was reached: 0 start, 1 diagonal, 2 insert (up), 3 delete (left), 4 jump (omission/alteration),
  // 5 one quoted word for two source words.
  const { cost, how, from } = scratch((m + 1) * width);
  cost.fill(0, 0, width); // the quotation may start anywhere in the source

  for (let i = 0; i < m; i++) {
    const qt = q[i];
    const row = i * width;
    const next = row + width;
    // Punctuation next to the essay's own omission mark is part of that mark ("home. … She").
    const nearOmission = (i > 0 && q[i - 1].kind === 'omission') || (i + 1 < m && q[i + 1].kind === 'omission');
    const ins = qt.kind === 'punct' ? (nearOmission ? 0 : PUNCT) : WORD;

    if (qt.kind === 'omission') {
      let best = IMPOSSIBLE;
      let bestAt = 0;
      for (let j = 0; j <= n; j++) {
        if (cost[row + j] < best) {
          best = cost[row + j];
          bestAt = j;
        }
        cost[next + j] = best;
        how[next + j] = 4;
        from[next + j] = bestAt;
      }
      continue;
    }

    for (let j = 0; j <= n; j++) {
      let c = cost[row + j] + ins;
      let h = 2;
      let f = j;
      if (j > 0) {
        const d = cost[row + j - 1] + substitution(qt, s[j - 1]);
        if (d <= c) {
          c = d;
          h = 1;
          f = j - 1;
        }
      }
      // One word for two ("forever" for "for ever", "today" for "to-day"): one respelled word.
      if (j > 1 && qt.kind === 'word' && s[j - 1].kind === 'word' && s[j - 2].kind === 'word' && joins(qt, s[j - 2], s[j - 1])) {
        const mg = cost[row + j - 2] + WORD;
        if (mg < c) {
          c = mg;
          h = 5;
          f = j - 2;
        }
      }
      if (qt.kind === 'alteration') {
        // "[sic]" stands for nothing; other brackets stand for 0..MAX_ALTERED source words.
        const reach = qt.norm === 'sic' ? 0 : MAX_ALTERED;
        for (let k = 0; k <= reach && j - k >= 0; k++) {
          if (k > 0 && s[j - k].kind !== 'word') break;
          const a = cost[row + j - k];
          if (a < c) {
            c = a;
            h = 4;
            f = j - k;
          }
        }
      }
      if (j > 0) {
        const del = cost[next + j - 1] + deletion(s[j - 1]);
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

  const steps: Step[] = [];
  let i = m;
  let j = end;
  while (i > 0) {
    const cell = i * width + j;
    const h = how[cell];
    const f = from[cell];
    const qt = q[i - 1];
    if (h === 1) {
      const kind = substitution(qt, s[f]) === 0 ? 'equal' : s[f].kind === 'omission' ? 'unmarked-omission' : 'replace';
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
      steps.push({ kind: s[f].kind === 'omission' ? 'unmarked-omission' : 'delete', q: -1, s: f, sEnd: f + 1 });
      j = f;
    } else {
      steps.push({ kind: qt.kind === 'omission' ? 'omission' : 'alteration', q: i - 1, s: f, sEnd: j });
      i--;
      j = f;
    }
  }
  steps.reverse();
  let sStart = end;
  for (const st of steps) if (st.s >= 0) {
    sStart = st.s;
    break;
  }
  return { cost: cost[last + end], steps, sStart, sEnd: end };
}
