// `server/out/pdf-worker.mjs`: reads a PDF's text with pdf.js in a worker
// thread, so that a long book never blocks the language server. It sends back
// the raw material only (lines with their positions, page labels, metadata);
// engine/formats/pdf.ts turns that into passages. An ES module because pdf.js's
// legacy build uses top-level await.

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { nativePush } from './pdfWorkerPrelude';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import type { PdfExtract, PdfLine } from '../engine/formats/pdf';

// eslint-disable-next-line no-extend-native -- restoring the engine's own method, see pdfWorkerPrelude.ts
Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });

// pdf.js runs its parser as a "fake worker" in this thread when it finds the handler here.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

async function extract(data: Uint8Array): Promise<PdfExtract> {
  let doc;
  try {
    // No eval (font programs), no system fonts, nothing fetched: the file is untrusted input.
    doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: false, verbosity: 0 }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') return { error: 'encrypted', pages: [] };
    return { error: 'corrupt', detail: (e as Error).message, pages: [] };
  }
  const labels = ((await doc.getPageLabels().catch(() => null)) as string[] | null) ?? null;
  const meta = await doc.getMetadata().catch(() => undefined);
  const info = (meta?.info ?? {}) as Record<string, unknown>;
  const pages: PdfExtract['pages'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const view = page.view;
    const content = await page.getTextContent();
    const lines: PdfLine[] = [];
    let current: PdfLine | undefined;
    let lastEnd = 0;
    for (const raw of content.items as TextItem[]) {
      if (typeof raw.str !== 'string') continue;
      const x = raw.transform[4];
      const y = raw.transform[5];
      const size = Math.abs(raw.transform[3]) || raw.height;
      if (current && Math.abs(current.y - y) <= Math.max(1, size * 0.3)) {
        // Same line: a gap wider than a fifth of the font size is a space the PDF left implicit.
        if (raw.str && x - lastEnd > size * 0.2 && !/\s$/.test(current.text) && !/^\s/.test(raw.str)) current.text += ' ';
        current.text += raw.str;
      } else if (raw.str.trim()) {
        current = { text: raw.str, x, y, size };
        lines.push(current);
      }
      if (raw.str) lastEnd = x + raw.width;
      if (raw.hasEOL) current = undefined;
    }
    pages.push({ label: labels?.[n - 1] ?? undefined, top: view[3], bottom: view[1], lines: lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text) });
    page.cleanup();
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  await doc.destroy();
  return { pages, title: str(info.Title), author: str(info.Author), date: str(info.CreationDate) };
}

const input = workerData as { bytes: Uint8Array; port?: MessagePort; signal?: Int32Array };
extract(input.bytes)
  .catch((e: unknown): PdfExtract => ({ error: 'corrupt', detail: (e as Error).message, pages: [] }))
  .then((result) => {
    if (input.port) input.port.postMessage(result);
    else parentPort?.postMessage(result);
    if (input.signal) {
      Atomics.store(input.signal, 0, 1);
      Atomics.notify(input.signal, 0);
    }
  });
