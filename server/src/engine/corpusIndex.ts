// An index over one corpus: each passage's tokens, and postings from word
// pairs (and rarer single words) to where they stand, so that a quotation's
// candidates are found without scanning the corpus.

import { tokenize, type Token } from './normalize';
import type { Corpus, Passage } from './types';

/** Postings are packed as passage * STRIDE + token index. */
const STRIDE = 1 << 20;

export interface Candidate {
  index: CorpusIndex;
  passage: number;
  /** Token index in the passage around which the hits cluster. */
  centre: number;
  score: number;
}

export class CorpusIndex {
  readonly tokens: Token[][];
  /** Word pair → postings. */
  private readonly pairs = new Map<string, number[]>();
  /** Word → postings (kept for all words; common words are skipped at query time). */
  private readonly words = new Map<string, number[]>();
  /** Passage order of preference when two match equally well (curated passages first). */
  readonly rank: Int8Array;

  constructor(readonly corpus: Corpus) {
    const passages = corpus.passages;
    this.tokens = new Array(passages.length);
    this.rank = new Int8Array(passages.length);
    for (let p = 0; p < passages.length; p++) {
      const toks = tokenize(passages[p].text);
      this.tokens[p] = toks;
      this.rank[p] = passages[p].kind === 'review-prose' ? 1 : 0;
      let prev: string | undefined;
      for (let t = 0; t < toks.length; t++) {
        const tok = toks[t];
        if (tok.kind !== 'word') {
          // Pairs never straddle an omission; punctuation is transparent.
          if (tok.kind === 'omission') prev = undefined;
          continue;
        }
        const at = p * STRIDE + t;
        push(this.words, tok.norm, at);
        if (prev !== undefined) push(this.pairs, prev + ' ' + tok.norm, at);
        prev = tok.norm;
      }
    }
  }

  get passages(): Passage[] {
    return this.corpus.passages;
  }

  /** How many places a word stands in (0 if never). */
  frequency(word: string): number {
    return this.words.get(word)?.length ?? 0;
  }

  /**
   * Passages where the quotation's word pairs (and rare words) cluster, best first.
   * `words` are the quotation's word tokens in order, with `breaks` marking where
   * an omission or alteration separates two words (no pair spans it).
   */
  candidates(words: readonly string[], breaks: ReadonlySet<number>, limit: number): Candidate[] {
    const hits = new Map<number, { score: number; positions: number[] }>();
    const seen = new Set<string>();
    const add = (postings: number[] | undefined, weight: number, key: string) => {
      if (!postings || seen.has(key)) return;
      seen.add(key);
      let lastPassage = -1;
      for (const at of postings) {
        const p = Math.floor(at / STRIDE);
        let h = hits.get(p);
        if (!h) hits.set(p, (h = { score: 0, positions: [] }));
        // Each distinct key counts once per passage, however often it repeats there.
        if (p !== lastPassage) h.score += weight;
        lastPassage = p;
        h.positions.push(at - p * STRIDE);
      }
    };
    const common = Math.max(50, this.tokens.length / 4);
    for (let i = 0; i + 1 < words.length; i++) {
      if (breaks.has(i + 1)) continue;
      const key = words[i] + ' ' + words[i + 1];
      const postings = this.pairs.get(key);
      if (postings && postings.length <= common * 4) add(postings, 2, key);
    }
    for (const w of words) {
      const postings = this.words.get(w);
      if (postings && postings.length <= common) add(postings, 1, '\u0000' + w);
    }
    const out: Candidate[] = [];
    // The centre is where hits are densest over a quotation's length, not their median:
    // in a long paragraph, common pairs hit everywhere, the quoted stretch hits most.
    const reach = words.length * 2 + 10;
    for (const [passage, h] of hits) {
      const pos = h.positions.sort((a, b) => a - b);
      let best = 0;
      let centre = pos[0];
      for (let a = 0, b = 0; b < pos.length; b++) {
        while (pos[b] - pos[a] > reach) a++;
        if (b - a + 1 > best) {
          best = b - a + 1;
          centre = (pos[a] + pos[b]) >> 1;
        }
      }
      out.push({ index: this, passage, centre, score: h.score });
    }
    out.sort((a, b) => b.score - a.score || this.rank[a.passage] - this.rank[b.passage] || a.passage - b.passage);
    return out.slice(0, limit);
  }
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (list) list.push(at);
  else map.set(key, [at]);
}
