// Turns a user's corpus file into passages: a whole book as plain text
// (Project Gutenberg quirks included) or Markdown, or a JSON list of curated
// passages. Pure: takes the file's text and returns a corpus or throws a
// CorpusError whose message names the problem.

import { parseMarkdown, proseBlocks } from './markdown';
import { slug, squash, tokenize, wordCount } from './normalize';
import { inferSpeakers } from './speakers';
import type { Corpus, Passage } from './types';

export class CorpusError extends Error {}

export interface CorpusMeta {
  /** Stable id: the configured path. */
  id: string;
  origin: string;
  title?: string;
  author?: string;
  year?: number;
  key?: string;
}

export type CorpusFormat = 'text' | 'markdown' | 'json';

export function formatOf(path: string): CorpusFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return 'text';
}

export function loadCorpus(text: string, meta: CorpusMeta, format: CorpusFormat = formatOf(meta.origin)): Corpus {
  if (text.includes('\u0000')) throw new CorpusError('is not a text file (it contains NUL bytes)');
  const passages = format === 'json' ? jsonPassages(text) : format === 'markdown' ? markdownPassages(text) : textPassages(text);
  const base = meta.origin.split(/[\\/]/).pop() ?? meta.origin;
  return {
    id: meta.id,
    title: meta.title ?? base.replace(/\.[^.]+$/, ''),
    author: meta.author,
    year: meta.year,
    key: meta.key,
    origin: meta.origin,
    passages,
    cast: format === 'json' ? jsonCast(passages) : inferSpeakers(passages),
    // Curated passages are excerpts of a longer text; a book or Markdown file is the whole text.
    ...(format === 'json' ? { excerpts: { count: passages.length, from: 'curated passages' } } : {}),
  };
}

const HEADING = /^(?:chapter|letter|book|part|volume|act|scene|canto|section)\s+(?:[0-9]+|[ivxlcdm]+)\b.*$/i;
const GUTENBERG_START = /^\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG/im;
const GUTENBERG_END = /^\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG/im;

/** Cleans a book paragraph into the wording a reader would copy: unwrapped, `_italics_` and `--` resolved. */
export function cleanBookText(raw: string): string {
  return squash(
    doubleHyphens(raw.replace(/(^|[^\p{L}\p{N}_])_([^_\n]+(?:\n[^_\n]+)*)_(?=$|[^\p{L}\p{N}_])/gu, '$1$2')),
  );
}

const SPACE = /\s/;

/**
 * `--` as a dash: spaced on both sides it is " — ", else "—"; the spaces around it go.
 * What replacing the regex `\s*--\s*` (global) did, without its backtracking: at every
 * space of a long run it tried the whole run again, so one line of spaces took seconds.
 */
function doubleHyphens(text: string): string {
  let out = '';
  let last = 0;
  for (let at = text.indexOf('--'); at >= 0; at = text.indexOf('--', at)) {
    let a = at;
    while (a > last && SPACE.test(text[a - 1])) a--;
    let b = at + 2;
    while (b < text.length && SPACE.test(text[b])) b++;
    out += text.slice(last, a) + (a < at && b > at + 2 ? ' — ' : '—');
    last = at = b;
  }
  return last === 0 ? text : out + text.slice(last);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isRoman = (c: string | undefined) => c !== undefined && 'ivxlcdmIVXLCDM'.includes(c);

/**
 * A line of a list of contents: text, four spaces or more, a page or chapter number (digits
 * or a Roman numeral), perhaps a full stop. What `/\S\s{4,}(?:[0-9]+|[ivxlcdm]+)\.?\s*$/i`
 * tests, read from the line's end: that regex backtracked through every space of a long run.
 */
export function contentsEntry(line: string): boolean {
  let e = line.length;
  while (e > 0 && SPACE.test(line[e - 1])) e--;
  if (line[e - 1] === '.') e--;
  const kind = isDigit(line[e - 1]) ? isDigit : isRoman(line[e - 1]) ? isRoman : undefined;
  if (!kind) return false;
  let r = e - 1;
  while (kind(line[r - 1])) r--;
  let w = r;
  while (w > 0 && SPACE.test(line[w - 1])) w--;
  return r - w >= 4 && w > 0;
}

/** Plain text: paragraphs are separated by blank lines; chapter headings become sections. */
function textPassages(text: string): Passage[] {
  const lines = text.split(/\r\n|\r|\n/);
  let first = 0;
  let last = lines.length;
  const start = GUTENBERG_START.exec(text);
  if (start) first = text.slice(0, start.index).split(/\r\n|\r|\n/).length;
  const end = GUTENBERG_END.exec(text);
  if (end) last = text.slice(0, end.index).split(/\r\n|\r|\n/).length - 1;

  const passages: Passage[] = [];
  let section: string | undefined;
  let para: string[] = [];
  let paraLine = 0;
  let inIllustration = false;
  const flush = () => {
    if (para.length === 0) return;
    const raw = para.join('\n');
    // Words before each further line, so a match inside the paragraph can name its own line.
    const lineWords: number[] = [];
    let before = 0;
    for (let k = 0; k + 1 < para.length; k++) {
      before += wordCount(tokenize(cleanBookText(para[k])));
      lineWords.push(before);
    }
    para = [];
    const clean = cleanBookText(raw);
    if (!clean) return;
    if (HEADING.test(clean) && clean.length < 80) {
      section = clean.replace(/[.\]]+$/, '');
      return;
    }
    if (!/[\p{L}]/u.test(clean)) return;
    const passage: Passage = { id: `line-${paraLine}`, text: clean, kind: 'book-paragraph', section, line: paraLine };
    if (lineWords.length) passage.lineWords = lineWords;
    passages.push(passage);
  };
  for (let n = first; n < last; n++) {
    const line = lines[n];
    const trimmed = line.trim();
    if (inIllustration) {
      // A chapter heading may stand inside an illustration block: "Chapter I.]".
      const inner = trimmed.replace(/\]$/, '').trim();
      if (HEADING.test(inner)) section = inner.replace(/\.$/, '');
      if (trimmed.endsWith(']')) inIllustration = false;
      continue;
    }
    if (/^\[Illustration/i.test(trimmed)) {
      flush();
      inIllustration = !trimmed.endsWith(']');
      continue;
    }
    if (!trimmed) {
      flush();
      continue;
    }
    // A list of contents or illustrations: "“How nicely we are crammed in!”      272".
    if (contentsEntry(line)) continue;
    if (para.length === 0) paraLine = n + 1;
    para.push(line);
  }
  flush();
  return passages;
}

/** Markdown: each prose block is a passage; headings become sections. */
function markdownPassages(text: string): Passage[] {
  const tree = parseMarkdown(text);
  const passages: Passage[] = [];
  let section: string | undefined;
  const lineOf = lineIndex(text);
  const headingStarts = new Set<number>();
  for (const child of (tree as { children?: { type: string; position?: { start: { offset?: number } } }[] }).children ?? []) {
    if (child.type === 'heading' && child.position?.start.offset !== undefined) headingStarts.add(child.position.start.offset);
  }
  for (const block of proseBlocks(tree, text)) {
    const clean = squash(block.text.replace(/\u0000/g, ' '));
    if (!clean) continue;
    if (headingStarts.has(block.start)) {
      section = clean;
      continue;
    }
    const line = lineOf(block.start);
    passages.push({ id: `line-${line}`, text: clean, kind: 'book-paragraph', section, line });
  }
  return passages;
}

/** A JSON list of curated passages: `[{ "text", "id"?, "speaker"?, "locator"? }]` or `{ "passages": [...] }`. */
function jsonPassages(text: string): Passage[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CorpusError(`is not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { passages?: unknown })?.passages;
  if (!Array.isArray(list)) throw new CorpusError('must be a JSON list of passages, or an object with a "passages" list');
  const ids = new Set<string>();
  // For each id given (or derived) more than once, the next suffix to try: every smaller
  // one is taken already, so each passage tries only suffixes no one tried before.
  const nextSuffix = new Map<string, number>();
  return list.map((item, i) => {
    const p = item as Record<string, unknown>;
    if (!p || typeof p !== 'object' || typeof p.text !== 'string' || !p.text.trim()) {
      throw new CorpusError(`passage ${i + 1} has no "text" string`);
    }
    for (const field of ['id', 'speaker', 'locator'] as const) {
      if (p[field] !== undefined && typeof p[field] !== 'string') throw new CorpusError(`passage ${i + 1}: "${field}" must be a string`);
    }
    const base = (p.id as string | undefined) ?? slug(p.text);
    let id = base;
    if (ids.has(base)) {
      let k = nextSuffix.get(base) ?? 2;
      while (ids.has(`${base}-${k}`)) k++;
      id = `${base}-${k}`;
      nextSuffix.set(base, k + 1);
    }
    ids.add(id);
    return {
      id,
      text: squash(p.text),
      speaker: p.speaker as string | undefined,
      kind: 'curated',
      section: p.locator as string | undefined,
    } satisfies Passage;
  });
}

/** Curated passages name their speakers; every name is its own person, compared by its words. */
function jsonCast(passages: readonly Passage[]): Corpus['cast'] {
  const people: Record<string, string[]> = {};
  for (const p of passages) if (p.speaker && p.speaker !== 'unknown') people[p.speaker] = [p.speaker];
  return { curated: false, people };
}

/** offset → 1-based line, by binary search over line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
