// Citations: the in-text citation for a corpus in the essay's style (citeproc with
// the CSL style, csl.ts; Pandoc's key citation), the hand-written reference entries
// of earlier versions (recognised in an essay's list), and the citation a writer put
// after a quotation. Pure: corpus metadata in, strings out.

import { entryForCorpus, type BibEntry } from './bibliography';
import { builtinStyle, Citeproc, cslItemOfCorpus, renderCitation } from './csl';
import { romanValue } from './formats/book';
import type { Corpus } from './types';

export type CitationStyle = 'mla' | 'apa' | 'chicago' | 'pandoc';

export const CITATION_STYLES: readonly CitationStyle[] = ['mla', 'apa', 'chicago', 'pandoc'];

/** The heading of the list of sources, per style. */
export function referencesHeading(style: CitationStyle): string {
  return style === 'mla' ? 'Works Cited' : 'References';
}

/** An author's name split for citing: "Kazuo Ishiguro" → Ishiguro, Kazuo; "Shelley, Mary" is already split. */
export function splitName(author: string): { surname: string; given: string } {
  const name = author.trim().replace(/\s+/g, ' ');
  const comma = name.indexOf(',');
  if (comma >= 0) return { surname: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
  const parts = name.split(' ');
  const surname = parts.pop() ?? '';
  return { surname, given: parts.join(' ') };
}

/** The authors an author string names: "Terry Pratchett and Neil Gaiman", "A; B", "Austen, Jane" (one). */
export function authorsOf(author: string): string[] {
  return author
    .split(/\s*;\s*|\s+(?:and|&)\s+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The citation key: the corpus's own, else surname and year ("ishiguro2005"), else the title's first word. */
export function citationKey(corpus: Pick<Corpus, 'key' | 'author' | 'year' | 'title'>): string {
  if (corpus.key) return corpus.key;
  const base = corpus.author ? splitName(authorsOf(corpus.author)[0] ?? corpus.author).surname : (corpus.title.split(/\s+/).find((w) => /[\p{L}\p{N}]/u.test(w)) ?? 'source');
  const plain = base
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return (plain || 'source') + (corpus.year ?? '');
}

/** What a citation needs of a source: a title, and the author, year, key and publisher it has. */
export type CitedWork = Pick<Corpus, 'title'> & Partial<Pick<Corpus, 'id' | 'key' | 'author' | 'year' | 'publisher'>>;

/**
 * How in-text citations are rendered, beyond the style's name: the compiled citeproc engines to
 * reuse (held by the caller: the service's Checker, one check, the MCP session; without them each
 * citation compiles its style, 20–650 ms), the CSL style the essay names (`csl:`; else the shipped
 * one), and the essay's bibliography (a source linked to an entry is cited as the entry).
 */
export interface CiteOptions {
  citeproc?: Citeproc;
  styleXml?: string;
  entries?: readonly BibEntry[];
}

/** A locator as a writer types it ("73", "20–21", "p. 73", "ch. 3") read as a place. */
function placeOfLocator(locator: string): Place {
  const chapter = /^(?:ch\.|chap\.|chapter)\s*(.+)$/i.exec(locator);
  if (chapter) return { chapter: chapter[1].trim() };
  return { page: locator.replace(/^(?:pp?\.|pages?)\s*/i, '').replace(/\s*[-–—]\s*/, '–') };
}

/**
 * The in-text citation for a corpus, rendered by citeproc with the style's CSL: MLA `(Ishiguro)` /
 * `(Ishiguro 73)`, APA `(Ishiguro, 2005)` / `(Ishiguro, 2005, p. 73)`, Chicago `(Ishiguro 2005)` /
 * `(Ishiguro 2005, 73)`; Pandoc cites the key, `[@ishiguro2005]` / `[@ishiguro2005, ch. 3]`.
 * `locator` is a page ("73", "20–21") or a chapter ("ch. 3"); for Pandoc, any locator.
 */
export function formatCitation(corpus: CitedWork, style: CitationStyle, locator?: string, cite: CiteOptions = {}): string {
  const where = locator?.trim() || undefined;
  if (style === 'pandoc') {
    const key = (cite.entries && entryForCorpus(cite.entries, corpus)?.key) ?? citationKey(corpus);
    return where ? `[@${key}, ${where}]` : `[@${key}]`;
  }
  return citationAt(corpus, style, where ? placeOfLocator(where) : undefined, cite);
}
/**
 * The entry earlier versions wrote by hand for a corpus in the list of sources (Markdown, title in
 * italics; Pandoc's was the Chicago one): Update Works Cited recognises these in an essay's list
 * (worksCited.ts). Entries are rendered by citeproc now (csl.ts).
 */
export function formatReference(corpus: Pick<Corpus, 'author' | 'year' | 'title' | 'publisher' | 'place'>, style: CitationStyle): string {
  const title = `*${corpus.title}*`;
  const publisher = corpus.publisher?.trim() || undefined;
  const year = corpus.year !== undefined ? String(corpus.year) : 'n.d.';
  const name = corpus.author ? splitName(corpus.author) : undefined;
  const full = name ? (name.given ? `${name.surname}, ${name.given}` : name.surname) : undefined;
  switch (style) {
    case 'mla':
      // MLA 9: Author. *Title*. Publisher, Year.
      if (publisher) return [full && `${full}.`, `${title}.`, corpus.year !== undefined ? `${publisher}, ${corpus.year}.` : `${publisher}.`].filter(Boolean).join(' ');
      return [full && `${full}.`, `${title}.`, corpus.year !== undefined && `${corpus.year}.`].filter(Boolean).join(' ');
    case 'apa': {
      const initials = name?.given
        .split(/[\s-]+/)
        .filter(Boolean)
        .map((g) => `${g[0].toUpperCase()}.`)
        .join(' ');
      const author = name ? (initials ? `${name.surname}, ${initials}` : `${name.surname}.`) : undefined;
      // APA 7: the publisher after the title, no place.
      const by = publisher ? ` ${publisher}.` : '';
      return author ? `${author} (${year}). ${title}.${by}` : `${title}. (${year}).${by}`;
    }
    case 'chicago':
    case 'pandoc':
    {
      // Chicago author-date: Place: Publisher.
      const place = corpus.place?.trim();
      const imprint = publisher ? ` ${place ? `${place}: ` : ''}${publisher}.` : '';
      return full ? `${full}. ${year}. ${title}.${imprint}` : `${title}. ${year}.${imprint}`;
    }
  }
}

/** A citation found after a quotation: where it stands in the text searched, and its text. */
export interface FoundCitation {
  start: number;
  end: number;
  text: string;
}

// A parenthetical that cites: it opens with a name (capitalised word), a page
// or line number, or a page marker — "(Ishiguro 73)", "(Ishiguro, 2005)",
// "(73)", "(p. 73)", "(*Never Let Me Go* 12)". Asides such as "(in 2005)" are not citations.
const PARENTHETICAL = /^\(\s*(?:[*_“"]*\p{Lu}|\d|pp?\.\s*\d|ch\.\s*\d|see\s)[^()]*\)/u;
// Pandoc: [@key], [@key, p. 3], [see @key; @other], and a bare @key or -@key.
const PANDOC = /^(?:\[[^\][]*-?@[\p{L}\p{N}_][^\][]*\]|-?@[\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/u;

/**
 * The citation that follows a quotation in the same sentence: searched in
 * `text` from `from` (just after the closing mark) to the end of the sentence.
 * Another quotation may stand between ("“a” and “b” (Ishiguro 4, 7)").
 */
export function citationAfter(text: string, from: number): FoundCitation | undefined;
/**
 * Reading at most `limit` characters from `from` (a citation too): 'unread' when the
 * sentence runs on past them. So that quotations one after another in a sentence that
 * never ends are not each read to the paragraph's end (quadratic).
 */
export function citationAfter(text: string, from: number, limit: number): FoundCitation | 'unread' | undefined;
export function citationAfter(text: string, from: number, limit = Infinity): FoundCitation | 'unread' | undefined {
  // A quotation that ends its own sentence ("… years.”) takes its citation right after the mark, or none.
  const ended = /[.!?][”’"']*\s*$/.test(text.slice(Math.max(0, from - 4), from));
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (i - from >= limit) return 'unread';
    const c = text[i];
    if (ended && depth === 0 && !/[\s([@-]/.test(c)) return undefined;
    if (depth === 0 && (c === '(' || c === '[' || c === '@' || c === '-')) {
      const rest = limit === Infinity ? text.slice(i) : text.slice(i, from + limit);
      const m = (c === '(' ? PARENTHETICAL : PANDOC).exec(rest);
      if (m) return { start: i, end: i + m[0].length, text: m[0] };
    }
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    // The sentence ends at . ! ? followed by a space or the end, outside any parenthesis.
    else if (depth === 0 && /[.!?]/.test(c) && (i + 1 >= text.length || /\s/.test(text[i + 1]))) return undefined;
    else if (c === '\u0000') return undefined;
  }
  return undefined;
}

/** Where quoted words stand in their source: a printed page (or range "20–21") and/or a chapter number. */
export interface Place {
  page?: string;
  chapter?: string;
}

/**
 * The locator a Pandoc citation gives: a page where the edition has pages (`p. 20`, a range
 * `pp. 20–21`), else the chapter (`chap. 3`), never both. (The other styles' locators are the
 * CSL style's: citationAt.)
 */
export function locatorFor(place: Place | undefined): string | undefined {
  if (place?.page) return `${place.page.includes('–') ? 'pp.' : 'p.'} ${place.page}`;
  if (place?.chapter) return `chap. ${place.chapter}`;
  return undefined;
}

/**
 * The in-text citation with the locator of `place` (a page where the edition has pages, else the
 * chapter): `(Shelley 20)`, `(Austen, ch. 3)`, `(Shelley, 1818, pp. 20–21)`, `[@shelley1818, p. 20]`.
 * Rendered by citeproc (CSL `page` and `chapter` locators) with the essay's style; a style file
 * citeproc cannot use falls back to the shipped one of `style`.
 */
export function citationAt(corpus: CitedWork, style: CitationStyle, place?: Place, cite: CiteOptions = {}): string {
  if (style === 'pandoc') return formatCitation(corpus, style, locatorFor(place), cite);
  const entry = cite.entries ? entryForCorpus(cite.entries, corpus) : undefined;
  const item = entry?.item ?? cslItemOfCorpus(corpus);
  const [locator, label] = place?.page ? [place.page, 'page'] : place?.chapter ? [place.chapter, 'chapter'] : [undefined, 'page'];
  const citeproc = cite.citeproc ?? new Citeproc();
  if (cite.styleXml) {
    try {
      return renderCitation(item, cite.styleXml, locator, label, undefined, citeproc);
    } catch {
      // A style citeproc cannot use (the Works Cited command says so): the shipped one.
    }
  }
  return renderCitation(item, builtinStyle(style), locator, label, undefined, citeproc);
}

/** What a citation cites: page labels or ranges, or chapters. Empty when it gives neither (or another work). */
export interface CitedLocator {
  kind: 'page' | 'chapter';
  /** Each cited page or chapter, a range as [from, to] (equal for one). */
  items: [string, string][];
  /** Where the locator's text stands in the citation, for the fix: [start, end) offsets into the citation text. */
  start: number;
  end: number;
}

const PAGE_TOKEN = String.raw`(?:\d+|[ivxlcdm]+)`;
const RANGE = new RegExp(String.raw`^(${PAGE_TOKEN})(?:\s*[-–—]\s*(${PAGE_TOKEN}))?$`, 'i');

/** A page label's number for comparing ranges: arabic as is, roman numerals negative (front matter comes first). */
function pageValue(label: string): number | undefined {
  if (/^\d+$/.test(label)) return Number(label);
  const roman = romanValue(label);
  return roman !== undefined ? -10000 + roman : undefined;
}

/**
 * The locator of a citation of `corpus`: `(Shelley 20)`, `(20–21)`, `(p. 20)`,
 * `(Shelley, 1818, p. 20)`, `(Shelley 1818, 20)`, `[@shelley1818, p. 20]`,
 * `(Austen ch. 3)`, `[@austen1813, chap. 3]`. A part naming another author is
 * not read; a year is not a page.
 */
export function citedLocator(citation: string, corpus: Pick<Corpus, 'key' | 'author' | 'year' | 'title'>): CitedLocator | undefined {
  const pandoc = citation.startsWith('[') || citation.startsWith('@') || citation.startsWith('-@');
  const inner = citation.replace(/^[[(]|[\])]$/g, '');
  const offset = citation.length - citation.replace(/^[[(]/, '').length;
  const surname = corpus.author ? splitName(corpus.author).surname.toLowerCase() : undefined;
  const key = citationKey(corpus).toLowerCase();
  // Several works cited at once ("Shelley 20; Austen 3"): only the part that names this one.
  const parts: { text: string; at: number }[] = [];
  let at = 0;
  for (const text of inner.split(';')) {
    parts.push({ text, at });
    at += text.length + 1;
  }
  const mine = parts.filter((p) => {
    const lower = p.text.toLowerCase();
    if (pandoc) return lower.includes(`@${key}`);
    const name = /^\s*(?:see\s+)?([*_“"]*\p{Lu}[\p{L}’'*_\s.-]*?)(?=\s*[\d,]|\s+(?:pp?\.|ch(?:ap)?\.|chapter)\s|\s+[ivxlcdm]+\s*$|\s*$)/u.exec(p.text)?.[1];
    if (!name) return parts.length === 1; // "(20)", "(p. 20)": whatever the quotation matched
    const n = name.replace(/[*_“"]/g, '').trim().toLowerCase();
    return (surname !== undefined && n.split(/\s+/).includes(surname)) || corpus.title.toLowerCase().startsWith(n) || (parts.length === 1 && surname === undefined);
  });
  if (mine.length !== 1) return undefined;
  const part = mine[0];
  let body = part.text;
  let base = part.at;
  // Past the name, key or year: what is left is the locator.
  const lead = pandoc
    ? /^\s*(?:see\s+)?-?@[\p{L}\p{N}_:.#$%&\-+?<>~/]*\s*,?\s*/iu.exec(body)
    : /^\s*(?:see\s+)?(?:[*_“"]*\p{Lu}[\p{L}’'*_.-]*(?:\s+[*_“"]*[\p{Lu}][\p{L}’'*_.-]*)*[*_”"]*)?\s*,?\s*(?:(?:1[5-9]|20)\d\d[a-z]?\s*,\s*|n\.d\.\s*,\s*)?/u.exec(body);
  if (lead) {
    body = body.slice(lead[0].length);
    base += lead[0].length;
  }
  const trimmed = body.trimEnd();
  if (!trimmed) return undefined;
  const chapter = /^(?:ch\.|chap\.|chapter)\s*/i.exec(trimmed);
  const page = /^(?:pp?\.|pages?)\s*/i.exec(trimmed);
  const list = trimmed.slice((chapter ?? page)?.[0].length ?? 0);
  const items: [string, string][] = [];
  for (const piece of list.split(/\s*,\s*/)) {
    const m = RANGE.exec(piece.trim());
    if (!m) return undefined; // "ll. 3–5", "para. 4", a section name: nothing to check
    items.push([m[1], m[2] ?? m[1]]);
  }
  if (items.length === 0) return undefined;
  // A lone four-digit number equal to the year is the year (Chicago "(Shelley 1818)"), not a page.
  if (!chapter && !page && items.length === 1 && corpus.year !== undefined && items[0][0] === String(corpus.year)) return undefined;
  return { kind: chapter ? 'chapter' : 'page', items, start: offset + base, end: offset + base + trimmed.length };
}

/** Whether a cited page/chapter list covers the place where the words stand (both ends of a page range). */
export function locatorCovers(cited: CitedLocator, place: Place): boolean | undefined {
  const where = cited.kind === 'page' ? place.page : place.chapter;
  if (!where) return undefined;
  const [first, last] = where.split('–');
  const within = (label: string) =>
    cited.items.some(([from, to]) => {
      if (label.toLowerCase() === from.toLowerCase() || label.toLowerCase() === to.toLowerCase()) return true;
      const v = pageValue(label);
      const a = pageValue(from);
      let b = pageValue(to);
      if (v === undefined || a === undefined || b === undefined) return false;
      // "120–21": the second number shortened.
      if (b < a && /^\d+$/.test(from) && /^\d+$/.test(to) && to.length < from.length) b = Number(from.slice(0, from.length - to.length) + to);
      return v >= a && v <= b;
    });
  return within(first) && within(last ?? first);
}
