// HTML and XHTML (a saved Gutenberg or Standard Ebooks page, a web article, an
// EPUB's chapter files) → book blocks: the readable text of each block element,
// headings as chapters, nothing from navigation, scripts or styles. Page-break
// markers (`epub:type="pagebreak"`, `role="doc-pagebreak"`) and the targets of
// an EPUB's page list set the page. Parsed with htmlparser2. Pure.

import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import type { BookBlock } from './book';

export interface HtmlOptions {
  /** Element id → page label (EPUB page-list / NCX pageList targets in this file). */
  pageTargets?: ReadonlyMap<string, string>;
  /** Element id → chapter label (EPUB table of contents targets in this file). */
  chapterTargets?: ReadonlyMap<string, string>;
  /** A chapter the table of contents starts at this file's top. */
  fileChapter?: string;
  /** The page in force where this file begins (carried over from the previous file). */
  page?: string;
  /** The table of contents names the chapters: headings are not chapters of their own. */
  chaptersFromToc?: boolean;
}

export interface HtmlResult {
  blocks: BookBlock[];
  title?: string;
  /** The page in force at the end (for the next file of an EPUB). */
  page?: string;
}

const SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'svg', 'math', 'button', 'form', 'select', 'textarea', 'iframe', 'object', 'canvas', 'audio', 'video', 'title', 'rt', 'rp']);
const BLOCK = new Set(['p', 'div', 'li', 'blockquote', 'dd', 'dt', 'td', 'th', 'pre', 'section', 'article', 'main', 'figcaption', 'caption', 'address', 'center', 'tr', 'table', 'ul', 'ol', 'dl', 'figure', 'aside', 'header', 'footer', 'body', 'hr', 'br-block']);
const HEADING = /^h[1-6]$/;
// Gutenberg's licence and headers, and a page's site furniture, are not the book.
const FURNITURE = /(?:^|[\s_-])(?:pg-(?:header|footer|boilerplate)|site-(?:header|footer|nav)|navbar|breadcrumbs?|cookie|sidebar|menu|skip-link)(?:$|[\s_-])/i;

function epubTypes(el: Element): string[] {
  return `${el.attribs['epub:type'] ?? ''} ${el.attribs.role ?? ''}`.split(/\s+/).filter(Boolean);
}

/** Whether an element is a page-break marker, and its label. */
function pageBreakLabel(el: Element): string | undefined {
  const types = epubTypes(el);
  if (!types.includes('pagebreak') && !types.includes('doc-pagebreak')) return undefined;
  const label = el.attribs.title ?? el.attribs['aria-label'] ?? textOf(el) ?? '';
  const clean = label.replace(/^\s*(?:page|p\.)\s*/i, '').trim();
  if (clean) return clean;
  const fromId = /(?:page|pg|p)[_-]?([0-9ivxlcdm]+)$/i.exec(el.attribs.id ?? '');
  return fromId?.[1];
}

/** The text of a node and its descendants, white space folded. */
export function textOf(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += (n as unknown as { data: string }).data;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function parseHtml(html: string): AnyNode {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false, recognizeSelfClosing: true });
}

/** The blocks of an HTML document in reading order. */
export function htmlBlocks(html: string, options: HtmlOptions = {}): HtmlResult {
  const doc = parseHtml(html);
  const blocks: BookBlock[] = [];
  let page = options.page;
  let title: string | undefined;
  let text = '';
  let kind: BookBlock['kind'] = 'paragraph';
  let blockPage = page;
  let breaks: { at: number; page: string }[] = [];
  let pendingBreak: string | undefined;
  let chapter = options.fileChapter;

  const flush = () => {
    const t = text.trimEnd();
    if (t) {
      const block: BookBlock = { kind, text: t };
      if (blockPage !== undefined) block.page = blockPage;
      const inside = breaks.filter((b) => b.at < t.length);
      if (inside.length) block.pageBreaks = inside;
      if (chapter !== undefined) {
        block.chapter = chapter;
        chapter = undefined;
      }
      blocks.push(block);
    }
    text = '';
    breaks = [];
    kind = 'paragraph';
    blockPage = page;
  };
  const setPage = (label: string) => {
    page = label;
    if (text.trim()) pendingBreak = label;
    else blockPage = label;
  };
  const appendText = (raw: string) => {
    let piece = raw.replace(/\s+/g, ' ');
    if (!text || text.endsWith(' ')) piece = piece.replace(/^ /, '');
    if (!piece) return;
    if (pendingBreak !== undefined && /\S/.test(piece)) {
      const lead = piece.length - piece.trimStart().length;
      breaks.push({ at: text.length + lead, page: pendingBreak });
      pendingBreak = undefined;
    }
    text += piece;
  };

  // An explicit stack, not recursion: a hostile page may nest thousands of elements.
  type Step = { node: AnyNode; leave?: Element };
  const stack: Step[] = [{ node: doc }];
  while (stack.length) {
    const step = stack.pop()!;
    if (step.leave) {
      const name = step.leave.name;
      if (BLOCK.has(name) || HEADING.test(name)) flush();
      continue;
    }
    const node = step.node;
    if (node.type === 'text') {
      appendText((node as unknown as { data: string }).data);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') continue;
    if (node.type === 'script' || node.type === 'style') continue;
    if (node.type === 'tag') {
      const el = node as Element;
      const name = el.name.toLowerCase();
      if (name === 'head' && !title) {
        const t = el.children.find((c): c is Element => c.type === 'tag' && (c as Element).name.toLowerCase() === 'title');
        if (t) title = textOf(t) || undefined;
      }
      const id = el.attribs.id;
      if (id && options.pageTargets?.has(id)) setPage(options.pageTargets.get(id)!);
      const marker = pageBreakLabel(el);
      if (marker !== undefined) {
        setPage(marker);
        continue;
      }
      if (id && options.chapterTargets?.has(id)) {
        flush();
        chapter = options.chapterTargets.get(id);
      }
      if (SKIP.has(name) || el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') continue;
      const types = epubTypes(el);
      if (types.includes('navigation') || types.includes('toc') || types.includes('doc-toc') || types.includes('page-list') || types.includes('landmarks')) continue;
      if (FURNITURE.test(`${el.attribs.id ?? ''} ${el.attribs.class ?? ''}`)) continue;
      if (name === 'br') {
        appendText(' ');
        continue;
      }
      if (BLOCK.has(name) || HEADING.test(name)) {
        flush();
        if (HEADING.test(name)) {
          kind = 'heading';
          // A heading is a chapter of a web page; an EPUB's chapters come from its table of contents.
          if (!options.chaptersFromToc && chapter === undefined) chapter = textOf(el) || undefined;
        }
        stack.push({ node: el, leave: el });
      }
    }
    const children = 'children' in node ? (node as Element).children : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] });
  }
  flush();
  return { blocks, title, page };
}
