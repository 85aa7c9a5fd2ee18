// In-text citations and reference lists rendered by citeproc-js (the CSL
// processor Zotero uses) with real CSL styles: MLA 9th, APA 7th and Chicago
// author-date 17th are shipped (server/styles, CC BY-SA 3.0, see its NOTICE),
// and any `.csl` file an essay names works the same way. Pure: style XML and
// CSL-JSON items in, Markdown out.

import CSL from 'citeproc';
import apa from '../../styles/apa.csl';
import chicago from '../../styles/chicago-author-date.csl';
import enUS from '../../styles/locales-en-US.xml';
import mla from '../../styles/modern-language-association.csl';
import type { CslItem } from './bibliography';
import type { CitationStyle } from './citations';
import type { Corpus } from './types';

/** The shipped style of each of Verbatim's named styles (Pandoc's own default is Chicago author-date). */
export function builtinStyle(style: CitationStyle): string {
  return style === 'mla' ? mla : style === 'apa' ? apa : chicago;
}

/** A corpus's metadata as a CSL-JSON book. */
export function cslItemOfCorpus(corpus: Pick<Corpus, 'id' | 'key' | 'title' | 'author' | 'year' | 'publisher'>): CslItem {
  const item: CslItem = { id: corpus.key ?? corpus.id, type: 'book', title: corpus.title };
  if (corpus.author) {
    const name = corpus.author.trim().replace(/\s+/g, ' ');
    const comma = name.indexOf(',');
    const parts = name.split(' ');
    item.author = [comma >= 0 ? { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() } : parts.length > 1 ? { family: parts.pop()!, given: parts.join(' ') } : { family: name }];
  }
  if (corpus.year !== undefined) item.issued = { 'date-parts': [[corpus.year]] };
  if (corpus.publisher) item.publisher = corpus.publisher;
  return item;
}

function engine(items: readonly CslItem[], styleXml: string): InstanceType<typeof CSL.Engine> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const sys = { retrieveLocale: () => enUS, retrieveItem: (id: string) => byId.get(id) };
  const e = new CSL.Engine(sys, styleXml, 'en-US', true);
  e.setOutputFormat('html');
  return e;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * citeproc's HTML as Markdown: italics and bold kept, every other tag dropped, entities decoded.
 * `escape` is applied to the text between tags (hover Markdown escapes what a bibliography file holds).
 */
export function htmlToMarkdown(html: string, escape: (text: string) => string = (t) => t): string {
  return html
    .split(/(<[^>]*>)/)
    .map((piece, i) => {
      if (i % 2 === 1) return /^<\/?i>$/.test(piece) ? '*' : /^<\/?b>$/.test(piece) ? '**' : '';
      return escape(
        piece.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
          name[0] === '#' ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : (ENTITIES[name.toLowerCase()] ?? whole),
        ),
      );
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The reference list for `items` in the style's own order, one Markdown paragraph each. */
export function renderBibliography(items: readonly CslItem[], styleXml: string, escape?: (text: string) => string): string[] {
  if (items.length === 0) return [];
  const e = engine(items, styleXml);
  e.updateItems(items.map((i) => i.id));
  const bib = e.makeBibliography();
  return bib ? bib[1].map((entry) => htmlToMarkdown(entry, escape)) : [];
}

/** The in-text citation of one item, with a page (or other CSL label's) locator. */
export function renderCitation(item: CslItem, styleXml: string, locator?: string, label = 'page', escape?: (text: string) => string): string {
  const e = engine([item], styleXml);
  const cite = locator ? { id: item.id, locator, label } : { id: item.id };
  return htmlToMarkdown(e.previewCitationCluster({ citationItems: [cite], properties: { noteIndex: 0 } }, [], [], 'html'), escape);
}
