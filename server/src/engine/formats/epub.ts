// EPUB 2 and 3 → book blocks: the spine's XHTML files in reading order,
// chapters from the table of contents (EPUB 3 nav or the NCX), print pages
// from a page list (nav `page-list`, NCX `pageList`) or page-break markers, and
// title, author, date and publisher from the OPF. The ZIP is read with fflate,
// the XML and XHTML with htmlparser2. Pure.

import { unzipSync } from 'fflate';
import type { AnyNode, Element } from 'domhandler';
import type { BookBlock, BookMeta } from './book';
import { htmlBlocks, parseHtml, textOf } from './html';

export class EpubError extends Error {}

/** The most an EPUB may hold once unpacked (text and markup; images and fonts are never unpacked). */
export const MAX_EPUB_UNPACKED = 200 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8');

function elements(root: AnyNode): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag') out.push(n as Element);
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push((n as Element).children[i]);
  }
  return out;
}

/** Local name without its namespace prefix: `dc:title` → `title`. */
function local(el: Element): string {
  return el.name.toLowerCase().replace(/^.*:/, '');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** An href relative to `base` (a folder inside the ZIP), as a ZIP path plus fragment. */
function resolveHref(base: string, href: string): { file: string; fragment?: string } {
  const [rawPath, fragment] = href.split('#', 2);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  const parts = (path.startsWith('/') ? path.slice(1) : base + path).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return { file: out.join('/'), fragment: fragment || undefined };
}

/** Bytes as Latin-1 characters, one per byte (for signatures; no Buffer, so it runs in a browser too). */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
}

/** Whether the bytes are an EPUB: a ZIP whose first entry is `mimetype` = application/epub+zip. */
export function isEpub(bytes: Uint8Array): boolean {
  if (bytes.length < 60 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  return latin1(bytes.subarray(30, 100)).includes('mimetypeapplication/epub+zip');
}

export function epubBook(bytes: Uint8Array): { blocks: BookBlock[]; meta: BookMeta } {
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        // Only text is read: images, fonts, audio stay packed.
        if (!/\.(?:x?html?|xml|opf|ncx)$|^mimetype$/i.test(f.name)) return false;
        unpacked += f.originalSize;
        if (unpacked > MAX_EPUB_UNPACKED) throw new EpubError(`unpacks to more than ${MAX_EPUB_UNPACKED / 1048576} MB of text`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof EpubError) throw new EpubError(`is not a usable EPUB: it ${e.message}`);
    throw new EpubError(`is not a readable EPUB (a damaged ZIP: ${(e as Error).message})`);
  }
  const read = (name: string) => (files[name] ? utf8.decode(files[name]) : undefined);

  // Adobe ADEPT and other DRM leave rights.xml or encrypt the content files (font obfuscation is not DRM).
  if (files['META-INF/rights.xml']) throw new EpubError('is protected by DRM (Adobe rights.xml); use a DRM-free copy');
  const encryption = read('META-INF/encryption.xml');
  if (encryption) {
    for (const data of elements(parseHtml(encryption)).filter((e) => local(e) === 'encrypteddata')) {
      const method = elements(data).find((e) => local(e) === 'encryptionmethod')?.attribs.Algorithm ?? '';
      const uri = elements(data).find((e) => local(e) === 'cipherreference')?.attribs.URI ?? '';
      if (/idpf\.org\/2008\/embedding|ns\.adobe\.com\/pdf\/enc#RC/.test(method) || /\.(?:otf|ttf|woff2?)$/i.test(uri)) continue;
      throw new EpubError(`is protected by DRM (its content is encrypted: ${uri || 'encryption.xml'}); use a DRM-free copy`);
    }
  }

  const container = read('META-INF/container.xml');
  const rootfile = container && elements(parseHtml(container)).find((e) => local(e) === 'rootfile')?.attribs['full-path'];
  const opfText = rootfile ? read(rootfile) : undefined;
  if (!rootfile || !opfText) throw new EpubError('is not a readable EPUB (no package document: META-INF/container.xml names none)');
  const opfDir = dirOf(rootfile);
  const opf = elements(parseHtml(opfText));

  const meta: BookMeta = {};
  const first = (name: string) => opf.find((e) => local(e) === name && e.name.includes(':') && textOf(e));
  const title = first('title');
  if (title) meta.title = textOf(title);
  const creator = opf.find((e) => local(e) === 'creator' && textOf(e) && (!e.attribs['opf:role'] || e.attribs['opf:role'] === 'aut'));
  if (creator) meta.author = textOf(creator);
  const publisher = first('publisher');
  if (publisher) meta.publisher = textOf(publisher);
  // The first publication date; a conversion or modification date is not when the book appeared.
  const dates = opf.filter((e) => local(e) === 'date' && e.name.includes(':') && !/conversion|modification/i.test(e.attribs['opf:event'] ?? ''));
  const year = dates.map((d) => /\b(1\d{3}|20\d{2})\b/.exec(textOf(d))?.[1]).find(Boolean);
  if (year) meta.year = Number(year);

  const manifest = new Map<string, { href: string; type: string; properties: string }>();
  for (const item of opf.filter((e) => local(e) === 'item')) {
    if (item.attribs.id && item.attribs.href) manifest.set(item.attribs.id, { href: resolveHref(opfDir, item.attribs.href).file, type: item.attribs['media-type'] ?? '', properties: item.attribs.properties ?? '' });
  }
  const spineEl = opf.find((e) => local(e) === 'spine');
  const spine = opf
    .filter((e) => local(e) === 'itemref')
    .map((e) => manifest.get(e.attribs.idref ?? ''))
    .filter((m): m is { href: string; type: string; properties: string } => !!m && /x?html/.test(m.type) && !!files[m.href]);
  if (spine.length === 0) throw new EpubError('is not a readable EPUB (its spine lists no XHTML file)');

  // Table of contents and page list: from the EPUB 3 nav, else the NCX.
  const chapters = new Map<string, Map<string, string>>();
  const fileChapters = new Map<string, string>();
  const pages = new Map<string, Map<string, string>>();
  const target = (map: Map<string, Map<string, string>>, fileMap: Map<string, string> | undefined, base: string, href: string, label: string) => {
    if (!label) return;
    const { file, fragment } = resolveHref(base, href);
    if (!fragment) {
      if (fileMap && !fileMap.has(file)) fileMap.set(file, label);
      return;
    }
    if (!map.has(file)) map.set(file, new Map());
    if (!map.get(file)!.has(fragment)) map.get(file)!.set(fragment, label);
  };
  const navItem = [...manifest.values()].find((m) => /\bnav\b/.test(m.properties));
  const navText = navItem && read(navItem.href);
  if (navText) {
    const base = dirOf(navItem!.href);
    for (const nav of elements(parseHtml(navText)).filter((e) => e.name === 'nav')) {
      const type = `${nav.attribs['epub:type'] ?? ''} ${nav.attribs.role ?? ''}`;
      const links = elements(nav).filter((e) => e.name === 'a' && e.attribs.href);
      if (/\btoc\b|doc-toc/.test(type)) for (const a of links) target(chapters, fileChapters, base, a.attribs.href, textOf(a));
      if (/page-list|doc-pagelist/.test(type)) for (const a of links) target(pages, undefined, base, a.attribs.href, textOf(a));
    }
  }
  const ncxItem = manifest.get(spineEl?.attribs.toc ?? '') ?? [...manifest.values()].find((m) => m.type === 'application/x-dtbncx+xml');
  const ncxText = ncxItem && read(ncxItem.href);
  if (ncxText) {
    const base = dirOf(ncxItem!.href);
    const ncx = elements(parseHtml(ncxText));
    const labelOf = (el: Element) => {
      const label = elements(el).find((e) => local(e) === 'navlabel');
      return label ? textOf(label) : '';
    };
    const srcOf = (el: Element) => elements(el).find((e) => local(e) === 'content')?.attribs.src;
    if (chapters.size === 0 && fileChapters.size === 0) {
      for (const point of ncx.filter((e) => local(e) === 'navpoint')) {
        const src = srcOf(point);
        if (src) target(chapters, fileChapters, base, src, labelOf(point));
      }
    }
    if (pages.size === 0) {
      for (const t of ncx.filter((e) => local(e) === 'pagetarget')) {
        const src = srcOf(t);
        const label = labelOf(t) || t.attribs.value;
        if (src && label) target(pages, undefined, base, src, label);
      }
    }
  }

  const blocks: BookBlock[] = [];
  let page: string | undefined;
  const tocNamesChapters = chapters.size > 0 || fileChapters.size > 0;
  for (const item of spine) {
    const result = htmlBlocks(read(item.href) ?? '', {
      pageTargets: pages.get(item.href),
      chapterTargets: chapters.get(item.href),
      fileChapter: fileChapters.get(item.href),
      page,
      chaptersFromToc: tocNamesChapters,
    });
    page = result.page;
    blocks.push(...result.blocks);
  }
  if (!blocks.some((b) => b.kind === 'paragraph')) throw new EpubError('has no text in its spine (is it a comic or a scan?)');
  return { blocks, meta };
}
