// Derives the built-in passage corpus from the review text: every quotation in
// curly double marks becomes a passage (repeats merged), with its section
// heading, its sentence as context, and where it stands; curated facts (who
// speaks it, what kind of source it is) come from a reviewed data file. The
// review's own paragraphs are a second, citable source in the same corpus.

import { canonicalKey, slug, squash } from './normalize';
import type { Corpus, Passage, PassageKind } from './types';

export interface PassageFacts {
  speaker: string;
  kind: PassageKind;
}

export interface ReviewFacts {
  title: string;
  author: string;
  year: number;
  /** The first edition's publisher and its place, for the list of works cited. */
  publisher?: string;
  place?: string;
  key: string;
  reviewTitle: string;
  passages: Record<string, PassageFacts>;
}

export interface ExtractedQuote {
  text: string;
  /** Offset of the opening mark in the review. */
  offset: number;
  line: number;
  section: string;
  context: string;
}

/** A heading is a short line that does not end like a sentence. */
function isHeading(line: string): boolean {
  const t = line.trim();
  if (!t || t.startsWith('- ')) return false;
  return t.split(/\s+/).length <= 10 && !/[.!?:;,”"…]$/.test(t);
}

/** The sentence around [start, end) in a paragraph, never cutting inside a quotation. */
export function sentenceAround(paragraph: string, start: number, end: number): string {
  let depth = 0;
  const bounds: number[] = [0];
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i];
    if (c === '“') depth++;
    else if (c === '”') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /[.!?]/.test(c) && (i + 1 === paragraph.length || /\s/.test(paragraph[i + 1]))) bounds.push(i + 1);
  }
  bounds.push(paragraph.length);
  let a = 0;
  let b = paragraph.length;
  for (const x of bounds) {
    if (x <= start) a = x;
    if (x >= end && x < b) b = x;
  }
  return squash(paragraph.slice(a, b));
}

/** Every quotation in curly double marks, in order, with where it stands. */
export function extractReviewQuotes(review: string): ExtractedQuote[] {
  const out: ExtractedQuote[] = [];
  let section = '';
  let offset = 0;
  const lines = review.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '');
    if (isHeading(line)) section = line.trim();
    for (let i = line.indexOf('“'); i >= 0; i = line.indexOf('“', i + 1)) {
      const close = line.indexOf('”', i + 1);
      if (close < 0) break;
      out.push({
        text: line.slice(i + 1, close),
        offset: offset + i,
        line: n + 1,
        section,
        context: sentenceAround(line, i, close + 1),
      });
      i = close;
    }
    offset += lines[n].length + 1;
  }
  return out;
}

/** Strips the punctuation a quotation carries at its very end (“…,” “…!”): style, not wording. */
function passageText(raw: string): string {
  return raw.trim().replace(/[\s,;:]+$/, '').replace(/\s+\.$/, '.');
}

export interface ReviewCorpusProblem {
  message: string;
}

/**
 * Builds the corpus. Throws when the facts file and the review disagree (a
 * passage without facts, or facts for no passage): the built-in corpus must be
 * complete, and this is checked at build time by the tests.
 */
export function buildReviewCorpus(review: string, facts: ReviewFacts): Corpus {
  const quotes = extractReviewQuotes(review);
  const byKey = new Map<string, Passage>();
  const ids = new Set<string>();
  const passages: Passage[] = [];
  for (const q of quotes) {
    const key = canonicalKey(q.text);
    const existing = byKey.get(key);
    if (existing) {
      existing.occurrences = (existing.occurrences ?? 1) + 1;
      continue;
    }
    let id = slug(q.text);
    for (let k = 2; ids.has(id); k++) id = `${slug(q.text)}-${k}`;
    ids.add(id);
    const f = facts.passages[id];
    if (!f) throw new Error(`review passage "${id}" has no curated facts (speaker, kind)`);
    const passage: Passage = {
      id,
      text: passageText(q.text),
      speaker: f.speaker,
      kind: f.kind,
      section: q.section,
      context: q.context,
      line: q.line,
      occurrences: 1,
    };
    byKey.set(key, passage);
    passages.push(passage);
  }
  for (const id of Object.keys(facts.passages)) {
    if (!ids.has(id)) throw new Error(`curated facts name "${id}", which is no passage of the review`);
  }
  // The novel's words as the review quotes them: excerpts of a text Verbatim does not have.
  const excerpts = { count: passages.length, from: 'quoted in the review' };
  // The review's own prose: every paragraph that is not a heading.
  let section = '';
  const lines = review.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].replace(/\r$/, '').trim();
    if (!line) continue;
    if (isHeading(line)) {
      section = line;
      continue;
    }
    passages.push({
      id: `review-line-${n + 1}`,
      text: line.replace(/^-\s+/, ''),
      speaker: facts.reviewTitle,
      kind: 'review-prose',
      section,
      line: n + 1,
    });
  }
  return {
    id: 'builtin:never-let-me-go',
    title: facts.title,
    author: facts.author,
    year: facts.year,
    publisher: facts.publisher,
    place: facts.place,
    key: facts.key,
    origin: 'builtin',
    passages,
    excerpts,
  };
}
