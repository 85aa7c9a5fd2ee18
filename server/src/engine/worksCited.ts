// The "Works Cited" (MLA) or "References" list for the sources an essay quotes.
// Verbatim owns only what it wrote: a block between two HTML comments, which
// Markdown renderers do not show,
//
//   <!-- verbatim:works-cited -->
//   ...entries (and the heading, when Verbatim wrote the section)...
//   <!-- /verbatim:works-cited -->
//
// and, in a section written by an earlier version (no markers), the paragraphs
// that are exactly entries it would write. Everything else (the user's own
// entries, notes, footnotes, a word count, the rest of the essay) is never
// touched. Pure: text in, edits out.

import { entryForCorpus, type BibEntry, type CslItem } from './bibliography';
import { CITATION_STYLES, formatReference, referencesHeading, type CitationStyle } from './citations';
import { builtinStyle, cslItemOfCorpus, renderBibliography, type Citeproc } from './csl';
import { parseMarkdown } from './markdown';
import type { Corpus } from './types';

export interface TextReplacement {
  start: number;
  end: number;
  newText: string;
}

/** The edits that bring the list up to date (none when it already is), or why the document cannot be edited safely. */
export type ReferencesUpdate = { edits: TextReplacement[] } | { problem: string };

export const START_MARKER = '<!-- verbatim:works-cited -->';
export const END_MARKER = '<!-- /verbatim:works-cited -->';
const START = /^<!--\s*verbatim:works-cited\s*-->$/;
const END = /^<!--\s*\/verbatim:works-cited\s*-->$/;
const MARKER_LINE = /^ {0,3}<!--\s*\/?verbatim:works-cited\s*-->\s*$/m;

const SECTION_NAME = /^(works cited|references|bibliography|works consulted)$/i;
const PANDOC_REFS = '::: {#refs}\n:::';

interface Node {
  type: string;
  depth?: number;
  value?: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

interface Block {
  type: string;
  depth: number;
  start: number;
  end: number;
  /** Plain text of a heading; raw value of an html node. */
  text: string;
}

function plain(node: Node): string {
  return node.value ?? (node.children ?? []).map(plain).join('');
}

/** The document's top-level blocks with their offsets. */
function blocks(text: string): Block[] {
  const tree = parseMarkdown(text) as Node;
  const out: Block[] = [];
  for (const node of tree.children ?? []) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const value = node.type === 'heading' ? plain(node).trim() : node.type === 'html' ? (node.value ?? '').trim() : '';
    out.push({ type: node.type, depth: node.depth ?? 0, start, end, text: value });
  }
  return out;
}

/** The document's own line end: the first one it uses (LF when it has none). */
export function lineEnding(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** What the list is drawn from besides the quoted sources: the essay's bibliography, the keys it cites, its own style. */
export interface ReferencesOptions {
  /** The bibliography's entries: a quoted source linked to one is listed as the entry says. */
  entries?: readonly BibEntry[];
  /** Keys the essay cites (`[@key]`): their entries are listed too, quoted or not. */
  citedKeys?: readonly string[];
  /** A CSL style the essay names (`csl:`), instead of the shipped one for `style`. */
  styleXml?: string;
  /** The compiled engines to reuse (held by the caller); without, the style is compiled for this list. */
  citeproc?: Citeproc;
}

/** The CSL items to list: each quoted source (as its entry, if linked) and each cited entry, once. */
export function referenceItems(sources: readonly Corpus[], options: ReferencesOptions = {}): CslItem[] {
  const out = new Map<string, CslItem>();
  for (const c of sources) {
    const entry = options.entries ? entryForCorpus(options.entries, c) : undefined;
    const item = entry?.item ?? cslItemOfCorpus(c);
    if (!out.has(item.id)) out.set(item.id, item);
  }
  for (const key of options.citedKeys ?? []) {
    const entry = options.entries?.find((e) => e.key === key);
    if (entry && !out.has(key)) out.set(key, entry.item);
  }
  return [...out.values()];
}

/** The list's entries in the style's order, one paragraph each (LF), or Pandoc's placeholder for its bibliography. */
export function referencesBody(sources: readonly Corpus[], style: CitationStyle, options: ReferencesOptions = {}): string {
  if (style === 'pandoc' && !options.styleXml) return PANDOC_REFS;
  return renderBibliography(referenceItems(sources, options), options.styleXml ?? builtinStyle(style), undefined, options.citeproc).join('\n\n');
}

/** Line arithmetic on the document: where lines start and where their content ends (before the line end). */
class Lines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  get count(): number {
    return this.starts.length;
  }
  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  start(line: number): number {
    return this.starts[line];
  }
  contentEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const lf = this.starts[line + 1] - 1;
    return lf > this.starts[line] && this.text[lf - 1] === '\r' ? lf - 1 : lf;
  }
  content(line: number): string {
    return this.text.slice(this.starts[line], this.contentEnd(line));
  }
  blank(line: number): boolean {
    return this.content(line).trim() === '';
  }
}

/**
 * The edits that write the list of `sources` in `style`:
 * - every marked block is rewritten with the current entries (and its heading, if it holds one);
 * - else, in the section an earlier version wrote (a heading named Works Cited, References,
 *   Bibliography or Works Consulted), the paragraphs that exactly equal an entry Verbatim writes
 *   for one of the `known` corpora (in any style) become one marked block, and if there is none,
 *   a marked block goes right under the heading, above what the section already holds;
 * - else a marked section (heading and entries) is appended at the end.
 * Undefined when there is nothing to list.
 */
export function updateReferences(
  text: string,
  sources: readonly Corpus[],
  style: CitationStyle,
  known: readonly Corpus[] = sources,
  options: ReferencesOptions = {},
): ReferencesUpdate | undefined {
  if (referenceItems(sources, options).length === 0) return undefined;
  const eol = lineEnding(text);
  const lines = new Lines(text);
  const body = referencesBody(sources, style, options).replace(/\n/g, eol);
  const all = blocks(text);
  const at = (offset: number) => `line ${lines.lineOf(offset) + 1}`;
  // A document nested too deeply for remark is read as one paragraph (markdown.ts): its markers
  // cannot be seen, so appending would add a second list on every run.
  if (all.length === 1 && all[0].type === 'paragraph' && all[0].start === 0 && all[0].end === text.length && MARKER_LINE.test(text)) {
    return { problem: 'the essay nests blockquotes or lists too deeply to find its Works Cited block safely' };
  }

  // 1. Marked blocks: pair the markers, in order.
  const pairs: [Block, Block][] = [];
  let open: Block | undefined;
  for (const b of all) {
    if (b.type !== 'html') continue;
    if (START.test(b.text)) {
      if (open) return { problem: `${START_MARKER} on ${at(open.start)} has no ${END_MARKER} before the next one (${at(b.start)}); put the end marker back and run the command again` };
      open = b;
    } else if (END.test(b.text)) {
      if (!open) return { problem: `${END_MARKER} on ${at(b.start)} has no ${START_MARKER} before it; put the start marker back (or remove this one) and run the command again` };
      pairs.push([open, b]);
      open = undefined;
    }
  }
  if (open) return { problem: `${START_MARKER} on ${at(open.start)} has no ${END_MARKER} after it; put the end marker back (or remove this one) and run the command again` };
  if (pairs.length > 0) {
    const edits: TextReplacement[] = [];
    for (const [s, e] of pairs) {
      const first = all.find((b) => b.start >= s.end && b.end <= e.start);
      const heading = first?.type === 'heading' ? `${'#'.repeat(first.depth)} ${referencesHeading(style)}${eol}${eol}` : '';
      const inner = `${eol}${eol}${heading}${body}${eol}${eol}`;
      if (text.slice(s.end, e.start) !== inner) edits.push({ start: s.end, end: e.start, newText: inner });
    }
    return { edits };
  }

  const block = `${START_MARKER}${eol}${eol}${body}${eol}${eol}${END_MARKER}`;

  // 2. A section without markers: its exact generated entries, or right under its heading.
  // What this version writes, and what earlier versions (hand-written formats) wrote.
  const generated = new Set<string>([PANDOC_REFS]);
  for (const entry of body.split(eol + eol)) generated.add(entry.replace(/\r\n/g, '\n'));
  for (const c of [...known, ...sources]) {
    for (const st of CITATION_STYLES) {
      if (st === 'pandoc') continue;
      generated.add(formatReference(c, st));
      // As versions before publishers wrote them (the built-in corpus's until issues #17 and #22).
      generated.add(formatReference({ ...c, publisher: undefined, place: undefined }, st));
    }
  }
  const headings = all.filter((b) => b.type === 'heading');
  const sections = headings
    .filter((h) => SECTION_NAME.test(h.text))
    .map((h) => {
      const next = headings.find((n) => n.start > h.start);
      const until = next ? next.start : text.length;
      const entries = all.filter((b) => b.type === 'paragraph' && b.start > h.end && b.end <= until && generated.has(paragraphText(lines, b)));
      return { heading: h, entries };
    });
  const chosen =
    sections.find((s) => s.entries.length > 0) ??
    sections.find((s) => s.heading.text.toLowerCase() === referencesHeading(style).toLowerCase()) ??
    sections[0];
  if (chosen && chosen.entries.length > 0) {
    const [first, ...rest] = chosen.entries;
    const a = lines.lineOf(first.start);
    const b = lines.lineOf(first.end);
    const edits: TextReplacement[] = [{ start: lines.start(a), end: lines.contentEnd(b), newText: block }];
    for (const p of rest) {
      // The paragraph and the blank lines above it go; the entry (or block) above stays.
      const from = lines.lineOf(p.start);
      let prev = from - 1;
      while (prev > 0 && lines.blank(prev)) prev--;
      edits.push({ start: lines.contentEnd(prev), end: lines.contentEnd(lines.lineOf(p.end)), newText: '' });
    }
    return checked(text, edits, lines);
  }
  if (chosen) {
    const line = lines.lineOf(chosen.heading.end);
    const where = lines.contentEnd(line);
    const atEnd = where === text.length;
    const nextBlank = line + 1 >= lines.count || lines.blank(line + 1);
    return checked(text, [{ start: where, end: where, newText: `${eol}${eol}${block}${atEnd || !nextBlank ? eol : ''}` }], lines);
  }

  // 3. No section yet: append one, heading inside the markers (Verbatim owns it).
  const section = `${START_MARKER}${eol}${eol}## ${referencesHeading(style)}${eol}${eol}${body}${eol}${eol}${END_MARKER}${eol}`;
  const gap = text.length === 0 || text.endsWith(eol + eol) || /^\s*$/.test(text) ? '' : text.endsWith('\n') ? eol : eol + eol;
  return checked(text, [{ start: text.length, end: text.length, newText: gap + section }], lines);
}

/**
 * The edits, if the block they write reads as one: an essay that ends inside an
 * unclosed code fence or HTML comment would swallow an appended block (and a
 * next run would append another), so that is reported instead.
 */
function checked(text: string, edits: TextReplacement[], lines: Lines): ReferencesUpdate {
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  const markers = blocks(out).filter((b) => b.type === 'html' && (START.test(b.text) || END.test(b.text)));
  if (markers.length === 2) return { edits };
  const around = blocks(text).find((b) => b.start <= edits[0].start && edits[0].start <= b.end && b.type !== 'heading');
  const where = around ? ` (line ${lines.lineOf(around.start) + 1})` : '';
  return { problem: `the list would land inside an unclosed code block or HTML comment${where}; close it and run the command again` };
}

/** A paragraph's lines, each without trailing spaces, joined with LF: what an entry is compared as. */
function paragraphText(lines: Lines, b: Block): string {
  const out: string[] = [];
  for (let l = lines.lineOf(b.start); l <= lines.lineOf(b.end); l++) out.push(lines.content(l).trimEnd());
  return out.join('\n').trim();
}

/** The sources an essay quotes (found correct or misquoted), each once, in order of first use. */
export function quotedSources(matches: readonly { verdict: string; corpus?: Corpus }[]): Corpus[] {
  const out: Corpus[] = [];
  for (const m of matches) {
    if ((m.verdict === 'correct' || m.verdict === 'misquote') && m.corpus && !out.includes(m.corpus)) out.push(m.corpus);
  }
  return out;
}
