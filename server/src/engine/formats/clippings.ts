// Kindle's `My Clippings.txt` → book blocks: each highlight of the book a
// passage, with its page when the record gives one; notes and bookmarks left
// out; an edited highlight's older versions (same book, overlapping location
// or page, one text inside the other's span) dropped for the newest. The
// metadata lines are read in English, French, German, Spanish, Italian and
// Portuguese. Pure.

import { CorpusError } from '../loaders';
import type { BookBlock, BookMeta } from './book';

export interface Clipping {
  title: string;
  author?: string;
  kind: 'highlight' | 'note' | 'bookmark';
  page?: string;
  location?: [number, number];
  text: string;
}

// "- Your Highlight on page 45 | Location 678-680 | Added on …" and its translations.
const KINDS: [Clipping['kind'], RegExp][] = [
  ['bookmark', /\b(?:bookmark|signet|lesezeichen|marcador|segnalibro)\b/i],
  ['note', /\b(?:note|notiz|nota)\b/i],
  ['highlight', /\b(?:highlight|surlignement|markierung|subrayado|resaltado|evidenziazione|destaque)\b/i],
];
const PAGE = /\b(?:page|seite|página|pagina)\s+([0-9ivxlcdm]+)(?:\s*-\s*[0-9ivxlcdm]+)?/i;
const LOCATION = /\b(?:location|loc\.|emplacement|position|posición|posizione|posição)\s+(\d+)(?:\s*-\s*(\d+))?/i;

/** The records of a clippings file; throws CorpusError for metadata lines in a language not read here. */
export function parseClippings(text: string): Clipping[] {
  const records = text.replace(/^\uFEFF/, '').split(/\r?\n==========\s*(?:\r?\n|$)/);
  const out: Clipping[] = [];
  let unknown: string | undefined;
  for (const record of records) {
    const lines = record.replace(/^\uFEFF/, '').split(/\r?\n/);
    while (lines.length && !lines[0].trim()) lines.shift();
    if (lines.length < 2) continue;
    const head = lines[0].replace(/^\uFEFF/, '').trim();
    const metaLine = lines[1].trim();
    const kind = KINDS.find(([, re]) => re.test(metaLine))?.[0];
    if (!kind) {
      unknown ??= metaLine;
      continue;
    }
    const body = lines.slice(2).join('\n').trim();
    // "Title (Author)": the author is the last parenthesised group.
    const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(head);
    const clip: Clipping = { title: (m ? m[1] : head).trim(), kind, text: body.replace(/\s+/g, ' ') };
    if (m && m[2].trim()) clip.author = m[2].trim();
    const page = PAGE.exec(metaLine);
    if (page) clip.page = page[1];
    const loc = LOCATION.exec(metaLine);
    if (loc) {
      const from = Number(loc[1]);
      let to = loc[2] ? Number(loc[2]) : from;
      // Kindle shortens ranges: "1234-36" is 1234–1236.
      if (loc[2] && loc[2].length < loc[1].length) to = Number(loc[1].slice(0, loc[1].length - loc[2].length) + loc[2]);
      clip.location = [from, Math.max(from, to)];
    }
    out.push(clip);
  }
  if (out.length === 0 && unknown !== undefined) {
    throw new CorpusError(`is a Kindle clippings file whose record lines are in a language Verbatim does not read ("${unknown.slice(0, 60)}"; English, French, German, Spanish, Italian and Portuguese are read)`);
  }
  return out;
}

function overlaps(a: Clipping, b: Clipping): boolean {
  if (a.location && b.location) return a.location[0] <= b.location[1] && b.location[0] <= a.location[1];
  return a.page !== undefined && a.page === b.page;
}

/** Highlights of one book (`title`, else the book with most highlights) as blocks, oldest versions of edits dropped. */
export function clippingsBook(text: string, title?: string): { blocks: BookBlock[]; meta: BookMeta } {
  const clips = parseClippings(text);
  const highlights = clips.filter((c) => c.kind === 'highlight' && c.text);
  if (highlights.length === 0) throw new CorpusError('is a Kindle clippings file with no highlights');
  const counts = new Map<string, number>();
  for (const h of highlights) counts.set(h.title, (counts.get(h.title) ?? 0) + 1);
  const wanted = title?.trim().toLowerCase();
  const book = wanted
    ? [...counts.keys()].find((t) => t.toLowerCase() === wanted) ?? [...counts.keys()].find((t) => t.toLowerCase().startsWith(wanted))
    : [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  if (!book) throw new CorpusError(`has no highlights of "${title}" (its books: ${[...counts.keys()].slice(0, 5).join('; ')})`);
  const mine = highlights.filter((h) => h.title === book);
  const kept: Clipping[] = [];
  for (const h of mine) {
    // An edited highlight is recorded again: the later record replaces the earlier one it overlaps.
    const older = kept.findIndex((k) => overlaps(k, h) && (k.text.includes(h.text) || h.text.includes(k.text) || (k.location && h.location && k.location[0] === h.location[0])));
    if (older >= 0) kept.splice(older, 1);
    kept.push(h);
  }
  const blocks: BookBlock[] = kept.map((h) => ({ kind: 'paragraph', text: h.text, ...(h.page ? { page: h.page } : {}) }));
  return { blocks, meta: { title: book, author: mine.find((h) => h.author)?.author } };
}
