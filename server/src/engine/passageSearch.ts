// Finding passages by the words a writer remembers: typed words (typos forgiven, the last one
// perhaps half typed) ranked against every passage, the named speaker's lines first. Completion
// and the MCP server's `find_passages` share it. Pure: a library in, ranked passages out.

import type { CorpusIndex } from './corpusIndex';
import { compareNames, identify } from './speakers';
import type { Corpus, Passage } from './types';

/** Whether a passage is spoken by the named person, through the corpus's cast (aliases) when it has one. */
export function speaks(corpus: Corpus, passage: Passage, name: string | undefined): boolean {
  if (!name || !passage.speaker || passage.speaker === 'unknown') return false;
  const who = corpus.cast && identify(corpus.cast, name);
  if (corpus.cast && who) return compareNames(corpus.cast, who.name, passage.speaker) === 'same';
  // No cast: "Emily" finds "Miss Emily" and the other way round.
  const named = name.toLowerCase().split(/\s+/);
  const words = passage.speaker.toLowerCase().split(/\s+/);
  return words.includes(named[named.length - 1]) || named.includes(words[words.length - 1]);
}

const KIND_ORDER: Record<string, number> = { 'novel-dialogue': 0, 'novel-narration': 0, curated: 0, critic: 1, author: 1, 'book-paragraph': 2, term: 3, 'review-prose': 4 };

export interface Ranked {
  passage: Passage;
  corpus: Corpus;
  score: number;
  speaker: boolean;
  text: string;
}

/** Edits between two short words, up to `max` (larger means "more than max"). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return false;
    prev = row;
  }
  return prev[b.length] <= max;
}

/** Does a typed word stand for a passage word: same, a typo away, or (the word being typed) its beginning. */
export function wordMatches(typed: string, word: string, last: boolean): boolean {
  if (typed === word) return true;
  if (last && word.startsWith(typed)) return true;
  const typos = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
  if (typos === 0) return false;
  if (last && word.length > typed.length && withinEdits(typed, word.slice(0, typed.length), typos)) return true;
  return withinEdits(typed, word, typos);
}

/** How well the typed words fit a passage: in order and adjacent scores best. */
export function score(typedWords: readonly string[], passageWords: readonly string[]): number {
  if (typedWords.length === 0) return 1;
  let s = 0;
  let from = 0;
  for (let i = 0; i < typedWords.length; i++) {
    const w = typedWords[i];
    const last = i === typedWords.length - 1;
    let at = -1;
    for (let k = from; k < passageWords.length; k++) {
      if (wordMatches(w, passageWords[k], last)) {
        at = k;
        break;
      }
    }
    if (at >= 0) {
      s += at === from ? 2 : 1;
      from = at + 1;
    } else if (passageWords.some((p) => wordMatches(w, p, last))) s += 0.5;
  }
  return s / typedWords.length;
}

/**
 * Passages that fit `typedWords`, best first: the speaker's own lines, then by score, by kind
 * (lines of the work before criticism, terms and the review's prose) and by length. Whole books
 * are searched through their index, and only once two words are typed; review prose never.
 */
export function searchPassages(library: readonly CorpusIndex[], typedWords: readonly string[], speaker?: string): Ranked[] {
  const ranked: Ranked[] = [];
  for (const index of library) {
    const corpus = index.corpus;
    const isBook = corpus.passages.length > 0 && corpus.passages.every((p) => p.kind === 'book-paragraph');
    if (isBook) {
      // Whole books: only passages the index finds for what was typed (at least two words).
      if (typedWords.length < 2) continue;
      for (const cand of index.candidates(typedWords, new Set(), 10)) {
        const passage = index.passages[cand.passage];
        const s = score(typedWords, index.wordsOf(cand.passage));
        const text = sentenceFrom(passage.text, index.tokensBetween(cand.passage, cand.centre, cand.centre + 1)[0]?.start ?? 0);
        if (s >= 0.75) ranked.push({ passage, corpus, score: s, speaker: false, text });
      }
      continue;
    }
    for (let p = 0; p < index.passages.length; p++) {
      const passage = index.passages[p];
      if (passage.kind === 'review-prose') continue;
      const s = score(typedWords, index.wordsOf(p));
      if (s > 0.5) ranked.push({ passage, corpus, score: s, speaker: speaks(corpus, passage, speaker), text: passage.text });
    }
  }
  ranked.sort(
    (a, b) =>
      Number(b.speaker) - Number(a.speaker) ||
      b.score - a.score ||
      (KIND_ORDER[a.passage.kind] ?? 5) - (KIND_ORDER[b.passage.kind] ?? 5) ||
      b.text.length - a.text.length,
  );
  return ranked;
}

/** The sentence of a paragraph that holds offset `at`. */
export function sentenceFrom(text: string, at: number): string {
  let a = at;
  while (a > 0 && !/[.!?]["”’]?\s$/.test(text.slice(Math.max(0, a - 3), a))) a--;
  const rest = /^.*?[.!?]["”’]?(?=\s|$)/s.exec(text.slice(a));
  return (rest ? rest[0] : text.slice(a)).trim();
}

/** Where typed words agree with a passage's words: the index of the passage word the last typed one stands for. */
export interface Agreement {
  /** Index (in the passage's words) of the first word that agrees. */
  from: number;
  /** Index of the word the last typed word stands for. */
  last: number;
}

/**
 * Do the typed words agree with a passage: from its first word, or (three words or more, so that a
 * one-word scare quote never matches) as consecutive words inside it? Typos are forgiven (one typed
 * word in four may differ, and one of three), but the first and the last must fit, so the continuation is sound.
 * `partial`: the last typed word is still being typed (it may be the beginning of a passage word).
 */
export function agreement(typed: readonly string[], words: readonly string[], partial: boolean): Agreement | undefined {
  const n = typed.length;
  if (n === 0) return { from: 0, last: -1 };
  const misses = n >= 3 ? Math.max(1, Math.floor(n / 4)) : 0;
  for (let j = 0; j + n <= words.length; j++) {
    if (j > 0 && n < 3) break;
    if (!wordMatches(typed[0], words[j], partial && n === 1)) continue;
    if (!wordMatches(typed[n - 1], words[j + n - 1], partial)) continue;
    let missed = 0;
    for (let i = 1; i < n - 1 && missed <= misses; i++) if (!wordMatches(typed[i], words[j + i], false)) missed++;
    if (missed <= misses) return { from: j, last: j + n - 1 };
  }
  return undefined;
}
