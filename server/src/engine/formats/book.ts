// What every book format (PDF, EPUB, HTML, Kindle clippings) produces: blocks
// of reading text in order, headings among them, each paragraph knowing its
// page where the edition has pages. bookCorpus() turns them into passages and
// an extracted text whose lines the passages point at (go to definition opens
// that text). Pure.

import { squash } from '../normalize';
import type { MatchResult, Passage } from '../types';

export interface BookBlock {
  kind: 'heading' | 'paragraph';
  text: string;
  /** The printed page label where the block starts. */
  page?: string;
  /** Offsets in `text` where a further page begins. */
  pageBreaks?: { at: number; page: string }[];
  /** A chapter the format names (EPUB nav, HTML heading): starts a new section before this block. */
  chapter?: string;
}

export interface BookMeta {
  title?: string;
  author?: string;
  year?: number;
  publisher?: string;
}

export interface Book {
  passages: Passage[];
  /** The extracted reading text: headings and paragraphs separated by blank lines. */
  text: string;
  meta: BookMeta;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

/** "xiv" → 14; undefined for what is not a well-formed roman numeral. */
export function romanValue(s: string): number | undefined {
  const t = s.toLowerCase();
  if (!/^[ivxlcdm]+$/.test(t)) return undefined;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const v = ROMAN[t[i]];
    const next = ROMAN[t[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : undefined;
}

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

/** The number a chapter heading gives: "Chapter III." → "3", "CHAPTER 12" → "12", "Chapter the First" → undefined. */
export function chapterNumber(heading: string): string | undefined {
  const m = /^\s*(?:(?:chapter|chap\.|letter|canto|book)\s+([0-9]+|[ivxlcdm]+|[a-z]+)\b|([0-9]+|[ivxlcdm]+)\.?\s*$)/i.exec(heading);
  if (!m) return undefined;
  const n = m[1] ?? m[2];
  if (/^\d+$/.test(n)) return String(Number(n));
  const word = NUMBER_WORDS.indexOf(n.toLowerCase());
  if (word >= 0) return String(word + 1);
  const r = romanValue(n);
  return r !== undefined ? String(r) : undefined;
}

/** Passages and extracted text from a book's blocks; ids are `line-N` of the extracted text, as for plain text. */
export function bookCorpus(blocks: readonly BookBlock[], meta: BookMeta): Book {
  const passages: Passage[] = [];
  const out: string[] = [];
  let line = 1;
  let section: string | undefined;
  let chapter: string | undefined;
  const add = (text: string) => {
    out.push(text, '');
    const at = line;
    line += 2;
    return at;
  };
  for (const block of blocks) {
    const text = squash(block.text);
    if (!text) continue;
    if (block.chapter !== undefined) {
      section = squash(block.chapter) || section;
      // A chapter without a number ("Preface", "By Jane Austen") is cited by no chapter at all.
      chapter = chapterNumber(section ?? '');
    }
    if (block.kind === 'heading') {
      add(text);
      if (block.chapter === undefined) {
        section = text;
        const n = chapterNumber(text);
        if (n !== undefined) chapter = n;
      }
      continue;
    }
    if (!/\p{L}/u.test(text)) continue;
    const at = add(text);
    const passage: Passage = { id: `line-${at}`, text, kind: 'book-paragraph', line: at };
    if (section) passage.section = section;
    if (chapter) passage.chapter = chapter;
    if (block.page) passage.page = block.page;
    // squash() may have shortened the text before a break; breaks are kept where they still fall inside.
    const breaks = (block.pageBreaks ?? []).filter((b) => b.at > 0 && b.at < text.length && b.page !== block.page);
    if (breaks.length) passage.pageBreaks = breaks;
    passages.push(passage);
  }
  return { passages, text: out.join('\n'), meta };
}

/** Where [start, end) of a passage's text stands: the page (or range "20–21") and the chapter. */
export function placeIn(passage: Passage, start = 0, end = passage.text.length): { page?: string; chapter?: string } {
  const place: { page?: string; chapter?: string } = {};
  // A plain-text book's chapter comes from its heading ("Chapter III." → 3).
  const chapter = passage.chapter ?? (passage.kind === 'book-paragraph' && passage.section ? chapterNumber(passage.section) : undefined);
  if (chapter) place.chapter = chapter;
  if (passage.page === undefined) return place;
  let first = passage.page;
  let last = passage.page;
  for (const b of passage.pageBreaks ?? []) {
    if (b.at <= start) first = b.page;
    if (b.at < end) last = b.page;
  }
  place.page = first === last ? first : `${first}–${last}`;
  return place;
}

/** Where a match's words stand (undefined for the review's curated passages and JSON passages). */
export function placeOfMatch(match: Pick<MatchResult, 'passage' | 'sourceStart' | 'sourceEnd'>): { page?: string; chapter?: string } | undefined {
  if (!match.passage || match.passage.kind !== 'book-paragraph') return undefined;
  const place = placeIn(match.passage, match.sourceStart ?? 0, match.sourceEnd ?? match.passage.text.length);
  return place.page || place.chapter ? place : undefined;
}
