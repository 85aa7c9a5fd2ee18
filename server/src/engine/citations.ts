// Citations: formatting an in-text citation and a reference entry for a
// corpus in the essay's style, and recognising the citation a writer put after
// a quotation. Pure: corpus metadata in, strings out.

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

/** The citation key: the corpus's own, else surname and year ("ishiguro2005"), else the title's first word. */
export function citationKey(corpus: Pick<Corpus, 'key' | 'author' | 'year' | 'title'>): string {
  if (corpus.key) return corpus.key;
  const base = corpus.author ? splitName(corpus.author).surname : (corpus.title.split(/\s+/).find((w) => /[\p{L}\p{N}]/u.test(w)) ?? 'source');
  const plain = base
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return (plain || 'source') + (corpus.year ?? '');
}

/** Who a citation names: the author's surname, or the title (in italics) when there is no author. */
function citedName(corpus: Pick<Corpus, 'author' | 'title'>): string {
  return corpus.author ? splitName(corpus.author).surname : `*${corpus.title}*`;
}

/**
 * The in-text citation for a corpus: MLA `(Ishiguro)` / `(Ishiguro 73)`, APA
 * `(Ishiguro, 2005)` / `(Ishiguro, 2005, p. 73)`, Chicago `(Ishiguro 2005)` /
 * `(Ishiguro 2005, 73)`, Pandoc `[@ishiguro2005]` / `[@ishiguro2005, ch. 3]`.
 * `locator` is a page number ("73") or, for Pandoc, any locator ("ch. 3").
 */
export function formatCitation(corpus: Pick<Corpus, 'key' | 'author' | 'year' | 'title'>, style: CitationStyle, locator?: string): string {
  const where = locator?.trim() || undefined;
  const name = citedName(corpus);
  const year = corpus.year !== undefined ? String(corpus.year) : 'n.d.';
  switch (style) {
    case 'mla':
      return where ? `(${name} ${where})` : `(${name})`;
    case 'apa':
      return where ? `(${name}, ${year}, ${/^\d+$/.test(where) ? `p. ${where}` : where})` : `(${name}, ${year})`;
    case 'chicago':
      return where ? `(${name} ${year}, ${where})` : `(${name} ${year})`;
    case 'pandoc':
      return where ? `[@${citationKey(corpus)}, ${where}]` : `[@${citationKey(corpus)}]`;
  }
}

/**
 * The entry for a corpus in the list of sources (Markdown, title in italics).
 * Pandoc builds its own list from the bibliography, so its entry is the
 * Chicago one, used only where no bibliography exists.
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
export function citationAfter(text: string, from: number): FoundCitation | undefined {
  // A quotation that ends its own sentence ("… years.”) takes its citation right after the mark, or none.
  const ended = /[.!?][”’"']*\s*$/.test(text.slice(Math.max(0, from - 4), from));
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (ended && depth === 0 && !/[\s([@-]/.test(c)) return undefined;
    if (depth === 0 && (c === '(' || c === '[' || c === '@' || c === '-')) {
      const rest = text.slice(i);
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
