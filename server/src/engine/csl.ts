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
import { authorsOf, splitName, type CitationStyle, type CitedWork } from './citations';

/** The shipped style of each of Verbatim's named styles (Pandoc's own default is Chicago author-date). */
export function builtinStyle(style: CitationStyle): string {
  return style === 'mla' ? mla : style === 'apa' ? apa : chicago;
}

/** A corpus's metadata as a CSL-JSON book. */
export function cslItemOfCorpus(corpus: CitedWork): CslItem {
  const item: CslItem = { id: corpus.key ?? corpus.id ?? corpus.title, type: 'book', title: corpus.title };
  if (corpus.author) {
    // "Terry Pratchett and Neil Gaiman", "Austen, Jane": each author a CSL name ("Family, Given" or "Given Family").
    item.author = authorsOf(corpus.author).map((name) => {
      const { surname, given } = splitName(name);
      return given ? { family: surname, given } : { family: surname };
    });
  }
  if (corpus.year !== undefined) item.issued = { 'date-parts': [[corpus.year]] };
  if (corpus.publisher) item.publisher = corpus.publisher;
  return item;
}

type Engine = InstanceType<typeof CSL.Engine>;

const ENGINE_LIMIT = 16;
const ITEM_LIMIT = 5000;
const RENDER_LIMIT = 20_000;

/**
 * Compiled citeproc engines, reused: compiling a style costs 20–650 ms (APA is the slowest),
 * rendering with a compiled one a millisecond or two. Held by the caller (the service's Checker,
 * a check, the MCP session), never by this module. Every result depends only on its inputs: an
 * engine is keyed by style and locale, an item gets an internal id of its own for each distinct
 * content (so an id never names two items), and each render first sets the engine's registry to
 * exactly the items it renders (nothing of an earlier render is left to disambiguate against).
 */
export class Citeproc {
  private engines = new Map<string, Engine>();
  private ids = new Map<string, string>();
  private items = new Map<string, CslItem>();
  /** Per style: rendered citations by item, locator and label. */
  private rendered = new Map<string, Map<string, string>>();
  private renderedCount = 0;
  /** What each engine's registry holds now: a render of the same items needs no update. */
  private registered = new WeakMap<Engine, string>();
  /** How many engines were compiled (tests and benchmarks read it). */
  compiled = 0;

  private engine(styleXml: string): Engine {
    // Only the shipped en-US locale exists, so the style alone names the engine.
    let e = this.engines.get(styleXml);
    if (!e) {
      if (this.engines.size >= ENGINE_LIMIT) this.engines.clear();
      const sys = { retrieveLocale: () => enUS, retrieveItem: (id: string) => this.items.get(id) };
      e = new CSL.Engine(sys, styleXml, 'en-US', true);
      e.setOutputFormat('html');
      this.engines.set(styleXml, e);
      this.compiled++;
    }
    return e;
  }

  /** Compiles a style now, if it is not compiled yet (a server does it when idle). */
  prepare(styleXml: string): void {
    this.engine(styleXml);
  }

  /** The internal id of an item's content (its own id is part of it). */
  private idOf(item: CslItem): string {
    const content = JSON.stringify(item);
    let id = this.ids.get(content);
    if (id === undefined) {
      if (this.items.size >= ITEM_LIMIT) {
        // Ids are about to be reused: no engine may keep a registry that knew the old ones.
        this.ids.clear();
        this.items.clear();
        this.engines.clear();
        this.rendered.clear();
        this.renderedCount = 0;
      }
      id = `v${this.items.size}`;
      this.ids.set(content, id);
      this.items.set(id, { ...item, id });
    }
    return id;
  }

  /** Sets an engine's registry to exactly these items (citeproc drops the others). */
  private register(e: Engine, ids: string[]): void {
    const key = ids.join(',');
    if (this.registered.get(e) === key) return;
    e.updateItems(ids);
    this.registered.set(e, key);
  }

  /** The reference list of `items` in the style's order, as citeproc's HTML, one string per entry. */
  bibliographyHtml(items: readonly CslItem[], styleXml: string): string[] {
    if (items.length === 0) return [];
    const ids = [...new Set(items.map((i) => this.idOf(i)))];
    const e = this.engine(styleXml);
    this.register(e, ids);
    const bib = e.makeBibliography();
    return bib ? [...bib[1]] : [];
  }

  /** The in-text citation of one item, with a locator of a CSL label (page, chapter, …), as citeproc's HTML. */
  citationHtml(item: CslItem, styleXml: string, locator?: string, label = 'page'): string {
    const id = this.idOf(item);
    const key = `${id}\u0000${locator ?? ''}\u0000${label}`;
    const hit = this.rendered.get(styleXml)?.get(key);
    if (hit !== undefined) return hit;
    const e = this.engine(styleXml);
    this.register(e, [id]);
    const cite = locator ? { id, locator, label } : { id };
    // A cluster of one, outside any sequence of citations (no "ibid.", nothing to disambiguate against):
    // makeCitationCluster, four times quicker than previewCitationCluster and the same text.
    const html = e.makeCitationCluster([cite]);
    if (this.renderedCount >= RENDER_LIMIT) {
      this.rendered.clear();
      this.renderedCount = 0;
    }
    let forStyle = this.rendered.get(styleXml);
    if (!forStyle) this.rendered.set(styleXml, (forStyle = new Map()));
    forStyle.set(key, html);
    this.renderedCount++;
    return html;
  }
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

/** The reference list for `items` in the style's own order, one Markdown paragraph each; `citeproc`: the engines to reuse. */
export function renderBibliography(items: readonly CslItem[], styleXml: string, escape?: (text: string) => string, citeproc = new Citeproc()): string[] {
  return citeproc.bibliographyHtml(items, styleXml).map((entry) => htmlToMarkdown(entry, escape));
}

/** The in-text citation of one item, with a page (or other CSL label's) locator; `citeproc`: the engines to reuse. */
export function renderCitation(item: CslItem, styleXml: string, locator?: string, label = 'page', escape?: (text: string) => string, citeproc = new Citeproc()): string {
  return htmlToMarkdown(citeproc.citationHtml(item, styleXml, locator, label), escape);
}
