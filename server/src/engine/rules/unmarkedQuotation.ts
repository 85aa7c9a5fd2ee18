// Copied text without quotation marks: a run of the essay's own prose that
// reproduces a corpus passage word for word. Seeds are the essay's word pairs
// that are rare in a corpus (the index's pair postings); each seed is extended
// both ways along the passage, pieces of one passage a few edited words apart
// are joined, and what is left counts only if one piece has MIN_RUN words in a
// row and its word pairs are rare enough, over all the corpora, that
// coincidence is implausible ("at the same time as" never is).

import { isPunctCode } from '../align';
import { citationAfter } from '../citations';
import { STRIDE, type CorpusIndex } from '../corpusIndex';
import { FUNCTION_WORDS } from '../matcher';
import { tokenize } from '../normalize';
import type { ProseReport, Rule } from './types';

/** Thresholds, chosen on the labelled suite (test/accuracy/unmarked.json). */
export const UNMARKED = {
  /** Words in a row that must match in one piece. */
  minRun: 8,
  /** Shorter pieces only join a run (a lightly edited sentence). */
  minPiece: 3,
  /** Essay words between two pieces of one passage that may differ. */
  maxGap: 3,
  /** A pair standing more often than this in a corpus seeds nothing there (a copied run has rarer pairs). */
  seedLimit: 64,
  /**
   * Information of the run's word pairs (sum of log2 of how rare each is), below which it may be
   * chance. On the labelled suite, runs of common words that do stand in a novel reach up to 75
   * bits, and copied sentences fall below the bar only from 140: 100 leaves a margin both ways.
   */
  minBits: 100,
  /** At most this much for a pair of two function words ("of the"). */
  functionPairBits: 2,
};

interface Word {
  norm: string;
  start: number;
  end: number;
  /** Something that no run crosses (a blanked quotation, an omission, an alteration) stands just before it. */
  broken: boolean;
}

/** A stretch of essay words [s, e) standing word for word at passage tokens [ts, te). */
interface Piece {
  s: number;
  e: number;
  ts: number;
  te: number;
}

interface Found {
  index: CorpusIndex;
  passage: number;
  pieces: Piece[];
  s: number;
  e: number;
  matched: number;
}

/** The essay words of a prose run, and where something breaks them apart. */
function essayWords(text: string): Word[] {
  const words: Word[] = [];
  let broken = true;
  let last = 0;
  for (const t of tokenize(text)) {
    if (t.kind === 'word') {
      words.push({ norm: t.norm, start: t.start, end: t.end, broken: broken || text.slice(last, t.start).includes('\u0000') });
      broken = false;
      last = t.end;
    } else if (t.kind !== 'punct') broken = true;
  }
  return words;
}

/** The passage token holding the word before token t (punctuation is transparent), or -1. */
function wordBefore(codes: Int32Array, t: number): number {
  for (let k = t - 1; k >= 0; k--) {
    if (codes[k] >= 0) return k;
    if (!isPunctCode(codes[k])) return -1;
  }
  return -1;
}

function wordAfter(codes: Int32Array, t: number): number {
  for (let k = t + 1; k < codes.length; k++) {
    if (codes[k] >= 0) return k;
    if (!isPunctCode(codes[k])) return -1;
  }
  return -1;
}

/** Every piece of at least minPiece words that stands in a passage of this corpus, grouped by passage. */
function piecesIn(index: CorpusIndex, words: readonly Word[]): Map<number, Piece[]> {
  const ids = words.map((w) => index.wordId(w.norm));
  const byPassage = new Map<number, Piece[]>();
  for (let i = 1; i < words.length; i++) {
    if (words[i].broken || ids[i - 1] < 0 || ids[i] < 0) continue;
    const postings = index.pairPostingsOf(ids[i - 1], ids[i]);
    if (postings.length === 0 || postings.length > UNMARKED.seedLimit) continue;
    for (let k = 0; k < postings.length; k++) {
      const p = Math.floor(postings[k] / STRIDE);
      const t = postings[k] - p * STRIDE;
      const codes = index.codesOf(p);
      // Most seeds stop at two words: look one word on either side before anything else.
      const f0 = i + 1 < words.length && !words[i + 1].broken ? wordAfter(codes, t) : -1;
      if (f0 < 0 || codes[f0] !== ids[i + 1]) {
        const b0 = i >= 2 && !words[i - 1].broken ? wordBefore(codes, wordBefore(codes, t)) : -1;
        if (b0 < 0 || codes[b0] !== ids[i - 2]) continue;
      }
      const pieces = byPassage.get(p);
      const prev = pieces?.[pieces.length - 1];
      // A seed inside a piece already found there is that piece again.
      if (prev && prev.e > i && prev.s < i) continue;
      let s = i;
      let ts = t;
      for (let b = wordBefore(codes, t); b >= 0 && s > 0 && !words[s].broken && codes[b] === ids[s - 1]; b = wordBefore(codes, b)) {
        s--;
        ts = b;
      }
      let e = i + 1;
      let te = t + 1;
      for (let f = wordAfter(codes, t); f >= 0 && e < words.length && !words[e].broken && codes[f] === ids[e]; f = wordAfter(codes, f)) {
        e++;
        te = f + 1;
      }
      if (e - s < UNMARKED.minPiece) continue;
      if (pieces) {
        if (!pieces.some((q) => q.s === s && q.ts === ts)) pieces.push({ s, e, ts, te });
      } else byPassage.set(p, [{ s, e, ts, te }]);
    }
  }
  return byPassage;
}

/** Pieces of one passage joined where the essay and the passage go on in step after a small edit. */
function runsOf(index: CorpusIndex, passage: number, pieces: Piece[]): Found[] {
  pieces.sort((a, b) => a.s - b.s || b.e - a.e);
  const out: Found[] = [];
  let cur: Found | undefined;
  for (const piece of pieces) {
    const last = cur?.pieces[cur.pieces.length - 1];
    if (cur && last && piece.s >= last.e && piece.s - last.e <= UNMARKED.maxGap && piece.ts >= last.te && piece.ts - last.te <= 4 * (UNMARKED.maxGap + 1)) {
      cur.pieces.push(piece);
      cur.e = piece.e;
      cur.matched += piece.e - piece.s;
      continue;
    }
    if (cur && last && piece.s < last.e) continue; // overlaps the run at another place in the passage
    cur = { index, passage, pieces: [piece], s: piece.s, e: piece.e, matched: piece.e - piece.s };
    out.push(cur);
  }
  return out.filter((f) => f.pieces.some((p) => p.e - p.s >= UNMARKED.minRun));
}

/** How unlikely the run's matched word pairs are by chance: log2 of each pair's rarity over all the corpora, summed. */
function bits(words: readonly Word[], found: Found, library: readonly CorpusIndex[]): number {
  const total = library.reduce((n, l) => n + l.pairTotal, 0);
  let sum = 0;
  for (const piece of found.pieces) {
    for (let i = piece.s + 1; i < piece.e; i++) {
      const a = words[i - 1].norm;
      const b = words[i].norm;
      let count = 0;
      for (const l of library) count += l.pairPostingsOf(l.wordId(a), l.wordId(b)).length;
      const info = Math.log2((total + 1) / (count + 1));
      sum += FUNCTION_WORDS.has(a) && FUNCTION_WORDS.has(b) ? Math.min(info, UNMARKED.functionPairBits) : info;
    }
  }
  return sum;
}

/** "Chapter I" → "chapter I", as it reads inside a sentence. */
function sectionPhrase(section: string | undefined): string | undefined {
  if (!section) return undefined;
  return section.replace(/^(Chapter|Letter|Book|Part|Volume|Act|Scene|Canto|Section)\b/i, (w) => w.toLowerCase());
}

export const unmarkedQuotation: Rule = {
  code: 'unmarked-quotation',
  description: 'Essay prose outside quotation marks that reproduces a source passage: 8 or more words in a row, rare enough not to be chance.',
  severity: 'warning',
  checkProse(run, library) {
    const words = essayWords(run.text);
    if (words.length < UNMARKED.minRun) return [];
    const found: Found[] = [];
    for (const index of library) for (const [p, pieces] of piecesIn(index, words)) found.push(...runsOf(index, p, pieces));
    // The best explanation of each stretch: most words matched, then the preferred passage, then library order.
    found.sort((a, b) => b.matched - a.matched || a.index.rank[a.passage] - b.index.rank[b.passage]);
    const taken: Found[] = [];
    for (const f of found) {
      if (taken.some((t) => f.s < t.e && t.s < f.e)) continue;
      if (bits(words, f, library) < UNMARKED.minBits) continue;
      taken.push(f);
    }
    taken.sort((a, b) => a.s - b.s);
    return taken.map((f): ProseReport => {
      const { corpus } = f.index;
      const passage = f.index.passages[f.passage];
      const from = words[f.s].start;
      const to = words[f.e - 1].end;
      const start = run.offsets[from];
      const end = run.offsets[to - 1] + 1;
      const n = f.e - f.s;
      const where = [corpus.title, sectionPhrase(passage.section)].filter(Boolean).join(', ');
      const source = f.index.tokensBetween(f.passage, f.pieces[0].ts, f.pieces[f.pieces.length - 1].te);
      const citation = citationAfter(run.text, to);
      return {
        start,
        end,
        message: `Unmarked quotation: ${n} words from ${where}, without quotation marks`,
        data: {
          corpus: corpus.id,
          passageId: passage.id,
          source: source.length ? passage.text.slice(source[0].start, source[source.length - 1].end).replace(/\s+/g, ' ') : undefined,
          locator: passage.section,
          words: n,
          citation: citation?.text,
          contentStart: start,
          contentEnd: end,
        },
      };
    });
  },
};
