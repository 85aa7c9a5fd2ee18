// A PDF's text, as pdf.js gave it (node/pdfWorker.ts: lines with positions,
// page labels, metadata), turned into book blocks: running heads and footers
// and repeated boilerplate left out, paragraphs found by indentation and
// spacing, words hyphenated across line ends joined, ligatures unfolded, drop
// capitals put back, and each paragraph's printed page. Pure.

import type { BookBlock, BookMeta } from './book';

export interface PdfLine {
  text: string;
  x: number;
  y: number;
  size: number;
}
export interface PdfPage {
  /** The page label from /PageLabels, if the PDF has them. */
  label?: string;
  top: number;
  bottom: number;
  lines: PdfLine[];
}
export interface PdfExtract {
  error?: 'encrypted' | 'corrupt';
  detail?: string;
  pages: PdfPage[];
  title?: string;
  author?: string;
  date?: string;
}

export class PdfError extends Error {}

const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

function unfold(text: string): string {
  // Control characters are glyphs a font left unmapped (a page number in a private encoding).
  return text.replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c).replace(/[\u0000-\u001F\u007F]/g, '');
}

/** A line's text with its digits as one mark: "Letter IV 21" and "Letter IV 23" are the same running head. */
function shape(text: string): string {
  return text.replace(/[\u0000-\u001F]|\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const v of values) {
    const r = Math.round(v * 2) / 2;
    const c = (counts.get(r) ?? 0) + 1;
    counts.set(r, c);
    if (c > bestCount || (c === bestCount && r < best)) {
      best = r;
      bestCount = c;
    }
  }
  return best;
}

/** The book blocks of a PDF, and its metadata; throws PdfError for a scan (no text at all). */
export function pdfBook(pdf: PdfExtract): { blocks: BookBlock[]; meta: BookMeta } {
  if (pdf.error === 'encrypted') throw new PdfError('is an encrypted PDF (it needs a password); save a copy without protection');
  if (pdf.error === 'corrupt') throw new PdfError(`is not a readable PDF (${pdf.detail ?? 'damaged file'})`);
  const words = pdf.pages.reduce((n, p) => n + p.lines.reduce((m, l) => m + (l.text.match(/\p{L}{2,}/gu)?.length ?? 0), 0), 0);
  if (words < Math.max(20, pdf.pages.length * 2)) throw new PdfError('has no text: it is a scan (run it through OCR first)');

  const all = pdf.pages.flatMap((p) => p.lines);
  const bodySize = mode(all.map((l) => l.size));

  // Running heads and footers: a page's first or last line, set apart from the text, whose shape
  // (digits aside) recurs on other pages, or that is only a number.
  const edgeShapes = new Map<string, number>();
  const edges = pdf.pages.map((p) => {
    const sorted = [...p.lines].sort((a, b) => b.y - a.y);
    const picks: PdfLine[] = [];
    for (const l of [sorted[0], sorted[1], sorted[sorted.length - 1], sorted[sorted.length - 2]]) if (l && !picks.includes(l)) picks.push(l);
    return picks;
  });
  for (const picks of edges) for (const s of new Set(picks.map((l) => shape(l.text)))) edgeShapes.set(s, (edgeShapes.get(s) ?? 0) + 1);
  const lineGap = mode(pdf.pages.flatMap((p) => p.lines.slice(1).map((l, k) => p.lines[k].y - l.y).filter((g) => g > 0)));
  const apart = (l: PdfLine, n: number) => {
    const ys = pdf.pages[n].lines.filter((o) => o !== l).map((o) => Math.abs(o.y - l.y));
    return ys.length === 0 || Math.min(...ys) > lineGap * 1.5;
  };
  const repeated = (l: PdfLine, n: number) => {
    // Headings set large recur too ("Chapter 5" atop each chapter) but are text.
    if (l.size > bodySize * 1.1) return false;
    const s = shape(l.text);
    if (/^[#ivxlcdm\s.-]*$/i.test(s)) return true;
    const count = edgeShapes.get(s) ?? 0;
    return count >= Math.max(3, pdf.pages.length * 0.01) || (count >= 2 && apart(l, n)) || (apart(l, n) && /^(?:\d+|[ivxlcdm]+)\s|\s(?:\d+|[ivxlcdm]+)$/.test(l.text.trim()));
  };
  // Lines that recur anywhere on many pages are boilerplate ("Free eBooks at Planet eBook.com").
  const anywhere = new Map<string, number>();
  for (const p of pdf.pages) for (const s of new Set(p.lines.map((l) => shape(l.text)))) anywhere.set(s, (anywhere.get(s) ?? 0) + 1);
  const boiler = (l: PdfLine, n: number) => (edges[n].includes(l) || l.size < bodySize * 0.95) && (anywhere.get(shape(l.text)) ?? 0) >= Math.max(5, pdf.pages.length * 0.2);

  // Printed page numbers read from the removed heads and footers, used where the PDF has no labels
  // and they agree with the physical page (one offset for most pages): otherwise the physical page.
  const hasLabels = pdf.pages.some((p) => p.label !== undefined && p.label !== '');
  let offset: number | undefined;
  const printed: (number | undefined)[] = pdf.pages.map((_, n) => {
    for (const l of edges[n]) {
      if (!repeated(l, n)) continue;
      const m = /(?:^|\s)(\d{1,4})$|^(\d{1,4})(?:\s|$)/.exec(l.text.trim());
      if (m) return Number(m[1] ?? m[2]);
    }
    return undefined;
  });
  if (!hasLabels) {
    const offsets = new Map<number, number>();
    let read = 0;
    printed.forEach((v, n) => {
      if (v === undefined) return;
      read++;
      offsets.set(v - (n + 1), (offsets.get(v - (n + 1)) ?? 0) + 1);
    });
    const top = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0];
    if (top && read >= pdf.pages.length * 0.5 && top[1] >= read * 0.9) offset = top[0];
  }
  const labelOf = (n: number) => (hasLabels ? (pdf.pages[n].label ?? String(n + 1)) : offset !== undefined && n + 1 + offset > 0 ? String(n + 1 + offset) : String(n + 1));

  // Words broken at a line end whose hyphen is part of the word elsewhere in the book ("self-command").
  const hyphenated = new Set<string>();
  for (const l of all) for (const m of l.text.matchAll(/\p{L}+(?:-\p{L}+)+/gu)) hyphenated.add(m[0].toLowerCase());

  const blocks: BookBlock[] = [];
  let para: { text: string; page: string; breaks: { at: number; page: string }[] } | undefined;
  let dropCap = '';
  let capY: number | undefined;
  const flush = () => {
    if (para && para.text.trim()) blocks.push({ kind: 'paragraph', text: para.text, page: para.page, ...(para.breaks.length ? { pageBreaks: para.breaks } : {}) });
    para = undefined;
  };
  const append = (raw: string, page: string) => {
    const text = dropCap + raw;
    dropCap = '';
    if (!para) {
      para = { text, page, breaks: [] };
      return;
    }
    if (para.page !== page && !para.breaks.some((b) => b.page === page)) {
      const lastPage = para.breaks.length ? para.breaks[para.breaks.length - 1].page : para.page;
      if (lastPage !== page) para.breaks.push({ at: para.text.length + 1, page });
    }
    // Only the paragraph's tail is searched: a regex anchored at the end still scans from the start.
    const broken = /(\p{L}+)-$/u.exec(para.text.slice(-64));
    const next = /^(\p{L}+)/u.exec(text);
    if (broken && next && /^\p{Ll}/u.test(next[1]) && !hyphenated.has(`${broken[1]}-${next[1]}`.toLowerCase())) {
      // The break moves back to the start of the joined word.
      const last = para.breaks[para.breaks.length - 1];
      if (last && last.at === para.text.length + 1) last.at = para.text.length - broken[0].length;
      para.text = para.text.slice(0, -1) + text;
    } else {
      para.text += (/-$/.test(para.text) ? '' : ' ') + text;
    }
  };

  pdf.pages.forEach((page, n) => {
    const label = labelOf(n);
    const body = page.lines.filter((l) => !(edges[n].includes(l) && repeated(l, n)) && !boiler(l, n));
    const left = mode(body.filter((l) => Math.abs(l.size - bodySize) < 0.5).map((l) => l.x));
    let prev: PdfLine | undefined;
    for (const l of body) {
      const text = unfold(l.text).replace(/\s+/g, ' ').trim();
      if (!text) continue;
      if (l.size > bodySize * 1.5 && /^[‘“"']?\p{Lu}$/u.test(text)) {
        // A drop capital: the first letter of the paragraph's first word, set large on its own.
        flush();
        dropCap = text;
        capY = l.y;
        prev = l;
        continue;
      }
      if (l.size > bodySize * 1.25) {
        flush();
        const last = blocks[blocks.length - 1];
        // A heading set over two lines ("Volume I" / "Chapter I") stays two headings.
        if (!(last?.kind === 'heading' && last.text === text)) blocks.push({ kind: 'heading', text, page: label });
        prev = l;
        continue;
      }
      const gap = prev ? prev.y - l.y : 0;
      // The lines beside a drop capital stand indented by its width, but go on with its paragraph.
      const besideCap = capY !== undefined && l.y >= capY - bodySize * 0.5;
      if (!besideCap) capY = undefined;
      const indented = !besideCap && l.x - left > bodySize * 0.8;
      const spaced = prev !== undefined && gap > bodySize * 1.9 && prev.size <= bodySize * 1.25;
      if (dropCap === '' && (indented || spaced || !para)) flush();
      append(text, label);
      prev = l;
    }
  });
  flush();

  // The PDF's dates are when the file was made, not when the book was: no year from them.
  return { blocks, meta: { title: pdf.title, author: pdf.author } };
}
