// An index over one corpus: each passage's tokens, and postings from word
// pairs (and rarer single words) to where they stand, so that a quotation's
// candidates are found without scanning the corpus.

import { tokenCode, type QueryCodes } from './align';
import { tokenize, type Token } from './normalize';
import type { Corpus, Passage } from './types';

/** Postings are packed as passage * STRIDE + token index. */
export const STRIDE = 1 << 20;
/** Where every ANCHOR_EVERY-th token of a passage starts, so that a stretch is tokenised without what comes before it. */
const ANCHOR_EVERY = 32;
/** Numbers per row in rowsFor(). */
const ROW = 5;

export interface Candidate {
  index: CorpusIndex;
  passage: number;
  /** Token index in the passage around which the hits cluster. */
  readonly centre: number;
}

/** A candidate whose centre is found only if asked for (only a long passage is cut to a window). */
class IndexCandidate implements Candidate {
  private found: number | undefined;
  constructor(
    readonly index: CorpusIndex,
    readonly passage: number,
    private readonly rows: readonly number[],
    private readonly reach: number,
  ) {}

  get centre(): number {
    return (this.found ??= this.index.centreOf(this.passage, this.rows, this.reach));
  }
}

/** Everything an index holds besides its corpus, as flat arrays (for a disk cache to store). */
export interface IndexData {
  /** The vocabulary in id order. */
  words: string[];
  /** Pair keys (see pairKey), sorted: a pair's id is where its key stands. */
  pairKeys: Float64Array;
  wordStart: Int32Array;
  wordPostings: Float64Array;
  pairStart: Int32Array;
  pairPostings: Float64Array;
  rank: Int8Array;
  /** Every passage's token codes (see align.ts), one after another; passage p's are rowStart[p] .. rowStart[p + 1]. */
  tokenCodes: Int32Array;
  rowStart: Int32Array;
  /** Character offsets of tokens 0, ANCHOR_EVERY, 2 × ANCHOR_EVERY… of every passage; passage p's from anchorStart[p]. */
  anchors: Int32Array;
  anchorStart: Int32Array;
}

export class CorpusIndex {
  /** Per passage, each token's code for the aligner: a word's id (0 or more), or a negative code (see align.ts). */
  private readonly codes: Int32Array[];
  /** Scratch counts per word id, for missingWords(); zeroed again after each use. */
  private counts: Int32Array | undefined;
  /** Word → id; ids index the posting tables below. */
  private readonly vocab = new Map<string, number>();
  /** Id → word. */
  private readonly words: string[];
  private readonly anchors: Int32Array;
  private readonly anchorStart: Int32Array;
  /** Every word pair's key (see pairKey), sorted; a pair's id is its key's index (found by binary search, so nothing is filled at load). */
  private readonly pairKeys: Float64Array;
  // Postings in compressed rows (one typed array each, not a Map of arrays): an
  // id's postings are postings[start[id] .. start[id + 1]), in corpus order.
  private readonly wordStart: Int32Array;
  private readonly wordPostings: Float64Array;
  private readonly pairStart: Int32Array;
  private readonly pairPostings: Float64Array;
  /** Passage order of preference when two match equally well (curated passages first). */
  readonly rank: Int8Array;

  constructor(readonly corpus: Corpus, saved?: IndexData) {
    const passages = corpus.passages;
    if (saved) {
      const fits = saved.rank.length === passages.length && saved.rowStart.length === passages.length + 1 && saved.anchorStart.length === passages.length + 1;
      if (!fits) throw new Error('saved index does not fit its corpus');
      this.words = saved.words;
      saved.words.forEach((w, id) => this.vocab.set(w, id));
      this.anchors = saved.anchors;
      this.anchorStart = saved.anchorStart;
      this.pairKeys = saved.pairKeys;
      this.wordStart = saved.wordStart;
      this.wordPostings = saved.wordPostings;
      this.pairStart = saved.pairStart;
      this.pairPostings = saved.pairPostings;
      this.rank = saved.rank;
      this.codes = new Array(passages.length);
      for (let p = 0; p < passages.length; p++) this.codes[p] = saved.tokenCodes.subarray(saved.rowStart[p], saved.rowStart[p + 1]);
      return;
    }
    this.codes = new Array(passages.length);
    this.rank = new Int8Array(passages.length);
    this.words = [];
    this.anchorStart = new Int32Array(passages.length + 1);
    const anchors: number[] = [];
    // First pass: every word occurrence as (word id, pair id or -1, posting), counted per id.
    let occWord = new Int32Array(1 << 16);
    let occPair = new Int32Array(1 << 16);
    let occAt = new Float64Array(1 << 16);
    let n = 0;
    const wordCount: number[] = [];
    const pairCount: number[] = [];
    const pairIds = new Map<number, number>(); // in order of first occurrence, sorted by key below
    for (let p = 0; p < passages.length; p++) {
      const toks = tokenize(passages[p].text);
      for (let t = 0; t < toks.length; t += ANCHOR_EVERY) anchors.push(toks[t].start);
      this.anchorStart[p + 1] = anchors.length;
      const codes = (this.codes[p] = new Int32Array(toks.length));
      this.rank[p] = passages[p].kind === 'review-prose' ? 1 : 0;
      let prev = -1;
      for (let t = 0; t < toks.length; t++) {
        const tok = toks[t];
        if (tok.kind !== 'word') {
          codes[t] = tokenCode(tok, -1);
          // Pairs never straddle an omission; punctuation is transparent.
          if (tok.kind === 'omission') prev = -1;
          continue;
        }
        let id = this.vocab.get(tok.norm);
        if (id === undefined) {
          id = wordCount.length;
          this.vocab.set(tok.norm, id);
          this.words.push(tok.norm);
          wordCount.push(0);
        }
        wordCount[id]++;
        codes[t] = id;
        let pair = -1;
        if (prev >= 0) {
          const key = pairKey(prev, id);
          const known = pairIds.get(key);
          if (known === undefined) {
            pair = pairCount.length;
            pairIds.set(key, pair);
            pairCount.push(0);
          } else pair = known;
          pairCount[pair]++;
        }
        if (n === occAt.length) {
          occWord = grow(occWord, new Int32Array(n * 2));
          occPair = grow(occPair, new Int32Array(n * 2));
          occAt = grow(occAt, new Float64Array(n * 2));
        }
        occWord[n] = id;
        occPair[n] = pair;
        occAt[n] = p * STRIDE + t;
        n++;
        prev = id;
      }
    }
    this.anchors = Int32Array.from(anchors);
    // Pair ids in key order, for pairId() to find by binary search.
    const keys = new Float64Array(pairIds.size);
    for (const [key, id] of pairIds) keys[id] = key;
    const byKey = Int32Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b]);
    const sortedId = new Int32Array(byKey.length);
    this.pairKeys = new Float64Array(byKey.length);
    const sortedCount = new Array<number>(byKey.length);
    for (let k = 0; k < byKey.length; k++) {
      sortedId[byKey[k]] = k;
      this.pairKeys[k] = keys[byKey[k]];
      sortedCount[k] = pairCount[byKey[k]];
    }
    // Second pass: fill the rows in corpus order, as the occurrences came.
    this.wordStart = offsets(wordCount);
    this.pairStart = offsets(sortedCount);
    this.wordPostings = new Float64Array(this.wordStart[wordCount.length]);
    this.pairPostings = new Float64Array(this.pairStart[pairCount.length]);
    const wordFill = this.wordStart.slice(0, wordCount.length);
    const pairFill = this.pairStart.slice(0, pairCount.length);
    for (let i = 0; i < n; i++) {
      this.wordPostings[wordFill[occWord[i]]++] = occAt[i];
      if (occPair[i] >= 0) this.pairPostings[pairFill[sortedId[occPair[i]]]++] = occAt[i];
    }
  }

  /** How many tokens a passage has (without making them). */
  tokenCount(p: number): number {
    return this.codes[p].length;
  }

  /** A passage's token codes, for the aligner (made with the index: no tokenising). */
  codesOf(p: number): Int32Array {
    return this.codes[p];
  }

  /** A passage's tokens from..to-1 (tokenised from the nearest anchor, not from the start). */
  tokensBetween(p: number, from: number, to: number): Token[] {
    if (to <= from) return [];
    const anchor = Math.floor(from / ANCHOR_EVERY);
    const tokens = tokenize(this.corpus.passages[p].text, this.anchors[this.anchorStart[p] + anchor], to - anchor * ANCHOR_EVERY);
    return tokens.slice(from - anchor * ANCHOR_EVERY);
  }

  /** The word with this id. */
  word(id: number): string {
    return this.words[id];
  }

  /** A passage's words in order, normalised. */
  wordsOf(p: number): string[] {
    const out: string[] = [];
    for (const code of this.codes[p]) if (code >= 0) out.push(this.words[code]);
    return out;
  }

  /** The index as flat arrays, for CorpusIndex(corpus, data) to rebuild without tokenising the corpus. */
  data(): IndexData {
    const rowStart = new Int32Array(this.codes.length + 1);
    for (let p = 0; p < this.codes.length; p++) rowStart[p + 1] = rowStart[p] + this.codes[p].length;
    const tokenCodes = new Int32Array(rowStart[this.codes.length]);
    for (let p = 0; p < this.codes.length; p++) tokenCodes.set(this.codes[p], rowStart[p]);
    const { words, pairKeys, wordStart, wordPostings, pairStart, pairPostings, rank, anchors, anchorStart } = this;
    return { words, pairKeys, wordStart, wordPostings, pairStart, pairPostings, rank, tokenCodes, rowStart, anchors, anchorStart };
  }

  get passages(): Passage[] {
    return this.corpus.passages;
  }

  /** How many places a word stands in (0 if never). */
  frequency(word: string): number {
    const id = this.vocab.get(word);
    return id === undefined ? 0 : this.wordStart[id + 1] - this.wordStart[id];
  }

  /** Where word pair (a, b) (word ids) stands: postings passage * STRIDE + token index of b, in corpus order (a view, not a copy). */
  pairPostingsOf(a: number, b: number): Float64Array {
    const pair = a < 0 || b < 0 ? -1 : this.pairId(pairKey(a, b));
    return pair < 0 ? EMPTY : this.pairPostings.subarray(this.pairStart[pair], this.pairStart[pair + 1]);
  }

  /** How many word pairs the corpus holds in all (for how rare one pair is). */
  get pairTotal(): number {
    return this.pairPostings.length;
  }

  /** A pair key's id, or -1 if the corpus never has the pair. */
  private pairId(key: number): number {
    const k = firstAtLeast(this.pairKeys, 0, this.pairKeys.length, key);
    return k < this.pairKeys.length && this.pairKeys[k] === key ? k : -1;
  }

  /** A word's id, or -1 if the corpus never has it. */
  wordId(word: string): number {
    return this.vocab.get(word) ?? -1;
  }

  /**
   * How many of the quotation's words (encoded for this corpus) cannot be matched
   * inside tokens lo..hi of a passage: words unknown to the corpus, or standing
   * there fewer times than the quotation has them. A word with a bracketed
   * spelling counts as missing only if neither form stands there at all.
   */
  missingWords(query: QueryCodes, passage: number, lo: number, hi: number): number {
    const row = this.codes[passage];
    const counts = this.counts ?? (this.counts = new Int32Array(this.vocab.size));
    for (let t = lo; t < hi; t++) if (row[t] >= 0) counts[row[t]]++;
    let missing = 0;
    const { tokens, code, alt } = query;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].kind !== 'word') continue;
      const id = code[i];
      if (tokens[i].alt !== undefined) {
        if ((id < 0 || counts[id] === 0) && (alt[i] < 0 || counts[alt[i]] === 0)) missing++;
      } else if (id < 0 || counts[id] === 0) missing++;
      else counts[id]--;
    }
    for (let t = lo; t < hi; t++) if (row[t] >= 0) counts[row[t]] = 0;
    return missing;
  }

  /**
   * The rows of postings that count for a quotation: each distinct pair, or word,
   * of the quotation once, unless it is too common to tell passages apart.
   * `words` are the quotation's word tokens in order, with `breaks` marking where
   * an omission or alteration separates two words (no pair spans it). Each row is
   * ROW numbers: postings (0 pair, 1 word), from, to, weight, and the index in
   * `words` of the word its postings point at (a pair's second word).
   */
  rowsFor(words: readonly string[], breaks: ReadonlySet<number>): number[] {
    const rows: number[] = [];
    const seenPairs = new Set<number>();
    const seenWords = new Set<number>();
    const common = Math.max(50, this.codes.length / 4);
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = this.wordId(words[i]);
    for (let i = 0; i + 1 < words.length; i++) {
      if (breaks.has(i + 1)) continue;
      const a = ids[i];
      const b = ids[i + 1];
      if (a < 0 || b < 0) continue;
      const pair = this.pairId(pairKey(a, b));
      if (pair < 0 || seenPairs.has(pair)) continue;
      seenPairs.add(pair);
      const from = this.pairStart[pair];
      const to = this.pairStart[pair + 1];
      if (to - from <= common * 4) rows.push(0, from, to, 2, i + 1);
    }
    for (let i = 0; i < words.length; i++) {
      const id = ids[i];
      if (id < 0 || seenWords.has(id)) continue;
      seenWords.add(id);
      const from = this.wordStart[id];
      const to = this.wordStart[id + 1];
      if (to - from <= common) rows.push(1, from, to, 1, i);
    }
    return rows;
  }

  /**
   * Passages where the quotation's word pairs (and rare words) cluster, best
   * first: scored by how many of its rows (see rowsFor) stand in them.
   */
  candidates(words: readonly string[], breaks: ReadonlySet<number>, limit: number, rows = this.rowsFor(words, breaks)): Candidate[] {
    // Scores per passage: each row counts once per passage, however often it repeats there.
    const score = this.scoreScratch();
    const touched: number[] = [];
    for (let r = 0; r < rows.length; r += ROW) {
      const postings = rows[r] === 0 ? this.pairPostings : this.wordPostings;
      let lastPassage = -1;
      for (let k = rows[r + 1]; k < rows[r + 2]; k++) {
        const p = Math.floor(postings[k] / STRIDE);
        if (p === lastPassage) continue;
        lastPassage = p;
        if (score[p] === 0) touched.push(p);
        score[p] += rows[r + 3];
      }
    }
    // The best `limit` passages: higher score, then preferred rank, then corpus order.
    const before = (a: number, b: number) => score[b] - score[a] || this.rank[a] - this.rank[b] || a - b;
    const top: number[] = [];
    for (const p of touched) {
      if (top.length === limit && before(p, top[limit - 1]) >= 0) continue;
      let k = Math.min(top.length, limit - 1);
      top[k] = p;
      while (k > 0 && before(top[k], top[k - 1]) < 0) {
        [top[k], top[k - 1]] = [top[k - 1], top[k]];
        k--;
      }
    }
    const out: Candidate[] = [];
    for (const passage of top) out.push(this.candidate(passage, rows, words.length));
    for (const p of touched) score[p] = 0;
    return out;
  }

  /** Passage p as a candidate for a quotation of `words` words with these rows. */
  candidate(passage: number, rows: readonly number[], words: number): Candidate {
    return new IndexCandidate(this, passage, rows, words * 2 + 10);
  }

  /**
   * The passages that hold token codes `seq` (an exact quotation) as one unbroken
   * stretch, in passage order, found by checking each posting of the rarest of
   * the quotation's rows; and that row's length, which no number of passages
   * holding every row can exceed. `tokenOf[i]` is the index in `seq` of word i.
   */
  holding(seq: Int32Array, tokenOf: Int32Array, rows: readonly number[]): { passages: number[]; rarest: number } {
    let r = -1;
    for (let k = 0; k < rows.length; k += ROW) if (r < 0 || rows[k + 2] - rows[k + 1] < rows[r + 2] - rows[r + 1]) r = k;
    const passages: number[] = [];
    if (r < 0) return { passages, rarest: 0 };
    const postings = rows[r] === 0 ? this.pairPostings : this.wordPostings;
    const offset = tokenOf[rows[r + 4]];
    for (let k = rows[r + 1]; k < rows[r + 2]; k++) {
      const p = Math.floor(postings[k] / STRIDE);
      if (passages[passages.length - 1] === p) continue;
      const start = postings[k] - p * STRIDE - offset;
      const codes = this.codes[p];
      if (start < 0 || start + seq.length > codes.length) continue;
      let t = 0;
      while (t < seq.length && codes[start + t] === seq[t]) t++;
      if (t === seq.length) passages.push(p);
    }
    return { passages, rarest: rows[r + 2] - rows[r + 1] };
  }

  /**
   * Token index in a passage around which the rows' hits are densest over `reach`
   * tokens (not their median: in a long paragraph, common pairs hit everywhere,
   * the quoted stretch hits most).
   */
  centreOf(passage: number, rows: readonly number[], reach: number): number {
    const pos: number[] = [];
    const lo = passage * STRIDE;
    for (let r = 0; r < rows.length; r += ROW) {
      const postings = rows[r] === 0 ? this.pairPostings : this.wordPostings;
      for (let k = firstAtLeast(postings, rows[r + 1], rows[r + 2], lo); k < rows[r + 2] && postings[k] < lo + STRIDE; k++) pos.push(postings[k] - lo);
    }
    pos.sort((a, b) => a - b);
    let best = 0;
    let centre = pos[0];
    for (let a = 0, b = 0; b < pos.length; b++) {
      while (pos[b] - pos[a] > reach) a++;
      if (b - a + 1 > best) {
        best = b - a + 1;
        centre = (pos[a] + pos[b]) >> 1;
      }
    }
    return centre;
  }

  private scores: Float64Array | undefined;

  /** Per-passage scores, all zero between calls. */
  private scoreScratch(): Float64Array {
    return this.scores ?? (this.scores = new Float64Array(this.codes.length));
  }
}

const EMPTY = new Float64Array(0);

/** The first k in from..to with postings[k] >= value (postings are sorted). */
function firstAtLeast(postings: Float64Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (postings[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One number per word pair. Small ids pack into a small integer (fast Map keys);
 * larger ones go above 2^30, exact in a double for vocabularies under 2^22 words.
 */
function pairKey(a: number, b: number): number {
  return a < 32768 && b < 32768 ? (a << 15) | b : 2 ** 30 + a * 2 ** 22 + b;
}

function grow<T extends Int32Array | Float64Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/** Row starts from counts: start[i] .. start[i + 1] is row i. */
function offsets(counts: readonly number[]): Int32Array {
  const start = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) start[i + 1] = start[i] + counts[i];
  return start;
}
