// The lines a writer can insert ("Insert Quotation…"): the work's own lines, never the review's
// prose, its terms or the critics it quotes; found by words (typos forgiven, passageSearch.ts) and by
// who speaks them (a query that starts with a speaker's name: that person's lines, as the corpus says
// who speaks, never passages that merely mention the name). Pure: a library and a query in, lines out.

import type { CorpusIndex } from './corpusIndex';
import { placeOfMatch } from './formats/book';
import { tokenize } from './normalize';
import { score, searchPassages, speaks } from './passageSearch';
import { CONFIDENT } from './speakerModel';
import { compareNames, identify } from './speakers';
import type { Corpus, Passage, SpeechSpan } from './types';

/** Kinds that are lines of the work itself (a critic's or the author's remark quoted in the review is not). */
const LINE_KINDS: ReadonlySet<string> = new Set(['novel-dialogue', 'novel-narration', 'curated', 'book-paragraph']);

export interface Line {
  corpus: Corpus;
  passage: Passage;
  /** The wording to insert: the passage, or a book's sentence or speech (without the book's own marks around a speech). */
  text: string;
  /** Where `text` stands in the passage's text: [start, end). */
  start: number;
  end: number;
  speaker?: string;
}

export interface LineSearch {
  lines: Line[];
  /** The speaker the query starts with, as the corpus names them ("Miss Emily" for "emily"). */
  speaker?: string;
}

const isBook = (corpus: Corpus) => corpus.passages.length > 0 && corpus.passages.every((p) => p.kind === 'book-paragraph');
const known = (name: string | undefined) => (name && name !== 'unknown' ? name : undefined);
const wordsOf = (text: string) => tokenize(text).filter((t) => t.kind === 'word');

/** A speech span the book's model is sure of (a tag names it, or an inference at or above CONFIDENT). */
const confident = (s: SpeechSpan) => s.confidence === undefined || s.confidence >= CONFIDENT;

/** The speaker a query starts with, and the words after the name: "Miss Emily deferrals" → Miss Emily, [deferrals]. */
export function speakerOfQuery(library: readonly CorpusIndex[], query: string): { speaker: string; rest: string } | undefined {
  const words = wordsOf(query);
  // The longest opening of up to three words that names one person of a corpus's cast, as a whole.
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const phrase = query.slice(words[0].start, words[n - 1].end);
    for (const { corpus } of library) {
      if (!corpus.cast) continue;
      const who = identify(corpus.cast, phrase);
      if (who && who.at === 0) return { speaker: who.name, rest: query.slice(words[n - 1].end) };
    }
  }
  return undefined;
}

/** A book's sentence without a speech mark it cuts off (`“It is` → `It is`) or the marks of a whole speech, and without a trailing comma. */
function tidy(text: string): string {
  let t = text.trim();
  for (const [open, close] of [['“', '”'], ['"', '"']]) {
    const opens = t.split(open).length - 1;
    const closes = open === close ? 0 : t.split(close).length - 1;
    if (open === close) {
      // Straight marks: an odd count cuts a speech off; a pair around the whole is one speech.
      if (opens % 2 === 1) t = t.startsWith(open) ? t.slice(1) : t.endsWith(open) ? t.slice(0, -1) : t;
      else if (opens === 2 && t.startsWith(open) && t.endsWith(open)) t = t.slice(1, -1);
    } else if (opens > closes && t.startsWith(open)) t = t.slice(1);
    else if (closes > opens && t.endsWith(close)) t = t.slice(0, -1);
    // One whole speech: its words, as a line is quoted (the writer's marks go around them).
    else if (opens === 1 && closes === 1 && t.startsWith(open) && t.endsWith(close)) t = t.slice(1, -1);
  }
  return t.replace(/,$/, '').trim();
}

function bookLine(corpus: Corpus, passage: Passage, start: number, end: number): Line {
  // Words found inside a speech are that speech's words: `cried Elizabeth, “I am excessively diverted.` → the speech.
  const speech = passage.speakers?.find((s) => s.start < end && s.end > start && s.start >= start - 1);
  if (speech) {
    start = Math.max(start, speech.start);
    end = Math.min(end, speech.end);
  }
  const raw = passage.text.slice(start, end);
  const text = tidy(raw);
  const at = start + Math.max(0, raw.indexOf(text));
  const span = passage.speakers?.find((s) => confident(s) && known(s.name) && s.start <= at && at < s.end);
  return { corpus, passage, text, start: at, end: at + text.length, ...(span ? { speaker: span.name } : {}) };
}

function passageLine(corpus: Corpus, passage: Passage): Line {
  const speaker = known(passage.speaker);
  return { corpus, passage, text: passage.text, start: 0, end: passage.text.length, ...(speaker ? { speaker } : {}) };
}

/** Every line `speaker` speaks: curated lines by their speaker, a book's speeches by its model's speaker. */
function linesSpokenBy(library: readonly CorpusIndex[], speaker: string): Line[] {
  const out: Line[] = [];
  for (const { corpus } of library) {
    if (isBook(corpus)) {
      if (!corpus.cast) continue;
      // A book has thousands of speeches and a few hundred names: each name compared once.
      const same = new Map<string, boolean>();
      const isSpeaker = (name: string) => {
        let known = same.get(name);
        if (known === undefined) same.set(name, (known = compareNames(corpus.cast!, speaker, name) === 'same'));
        return known;
      };
      for (const passage of corpus.passages) {
        for (const s of passage.speakers ?? []) {
          if (!confident(s) || !isSpeaker(s.name)) continue;
          const line = bookLine(corpus, passage, s.start, s.end);
          if (wordsOf(line.text).length > 0) out.push({ ...line, speaker: s.name });
        }
      }
      continue;
    }
    for (const passage of corpus.passages) {
      if (LINE_KINDS.has(passage.kind) && speaks(corpus, passage, speaker)) out.push(passageLine(corpus, passage));
    }
  }
  return out;
}

/** Lines whose words fit `words` (typos forgiven), best first. */
function linesByWords(library: readonly CorpusIndex[], words: readonly string[]): Line[] {
  const out: Line[] = [];
  for (const r of searchPassages(library, words)) {
    if (!LINE_KINDS.has(r.passage.kind)) continue;
    if (r.passage.kind === 'book-paragraph' && isBook(r.corpus)) {
      const at = r.passage.text.indexOf(r.text);
      out.push(bookLine(r.corpus, r.passage, Math.max(0, at), Math.max(0, at) + r.text.length));
    } else out.push(passageLine(r.corpus, r.passage));
  }
  return out;
}

/**
 * The lines for a query, best first, at most `limit`. Empty: every line of the corpora that are
 * not whole books (a book is searched, never listed whole). Starting with a speaker's name: their
 * lines (filtered and ranked by the words after the name), then lines whose words fit the whole query.
 */
export function findLines(library: readonly CorpusIndex[], query: string, limit = 100): LineSearch {
  const words = wordsOf(query).map((t) => t.norm);
  const out: Line[] = [];
  const seen = new Set<string>();
  const add = (line: Line) => {
    const key = `${line.corpus.id}\u0000${line.passage.id}\u0000${line.start}`;
    if (out.length >= limit || seen.has(key) || wordsOf(line.text).length === 0) return;
    seen.add(key);
    out.push(line);
  };
  if (words.length === 0) {
    for (const { corpus } of library) if (!isBook(corpus)) for (const p of corpus.passages) if (LINE_KINDS.has(p.kind)) add(passageLine(corpus, p));
    return { lines: out };
  }
  const who = speakerOfQuery(library, query);
  if (who) {
    const rest = wordsOf(who.rest).map((t) => t.norm);
    const spoken = linesSpokenBy(library, who.speaker)
      .map((line, i) => ({ line, i, s: rest.length ? score(rest, wordsOf(line.text).map((t) => t.norm)) : 1 }))
      .filter((x) => x.s > 0.5)
      .sort((a, b) => b.s - a.s || a.i - b.i);
    for (const { line } of spoken) add(line);
    // A name alone asks for that person's lines, not for the passages that mention them.
    if (rest.length === 0) return { lines: out, speaker: who.speaker };
  }
  for (const line of linesByWords(library, words)) add(line);
  return { lines: out, ...(who ? { speaker: who.speaker } : {}) };
}

/** A line's page or chapter in its book (what a citation gives), if the book says. */
export function placeOfLine(line: Line): { page?: string; chapter?: string } | undefined {
  return placeOfMatch({ passage: line.passage, sourceStart: line.start, sourceEnd: line.end });
}

/** Where a reader finds a line: the built-in corpus's section of the review, else the book's section and page. */
export function whereOfLine(line: Line): string | undefined {
  if (line.corpus.origin === 'builtin') return line.passage.section ? `quoted in the review, section “${line.passage.section}”` : undefined;
  const page = placeOfLine(line)?.page;
  return [line.passage.section, page && `page ${page}`].filter(Boolean).join(', ') || undefined;
}
