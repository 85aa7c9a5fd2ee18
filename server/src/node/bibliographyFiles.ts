// Reading the bibliography files an essay names (front matter `bibliography:`,
// or the `bibliography` of `.verbatim.json` / `verbatim.bibliography`), relative
// to the essay's folder. A file that cannot be read is a problem naming it, never
// an exception; the parse of each file is reused while its text is unchanged.

import { isAbsolute, resolve } from 'node:path';
import { bibFormatOf, parseBibliography, type Bibliography } from '../engine/bibliography';
import { escapes, openedInside } from './corpusFiles';
import { closeSync } from 'node:fs';
import { isRefusal, openRegular, readOpened } from './safeRead';

export const MAX_BIBLIOGRAPHY_BYTES = 20 * 1024 * 1024;

// Per path: the file's identity and times when read, so that an unchanged file is not read again on every check.
const parsed = new Map<string, { stamp: string; bib: Bibliography }>();

/**
 * The entries of every named file, in order (an earlier file's key wins), and each problem.
 * With `root`, a file outside that folder is refused: an essay from elsewhere must not read the disk.
 */
export function loadBibliography(names: readonly string[], base: string, root?: string): Bibliography {
  const out: Bibliography = { entries: [], problems: [] };
  for (const name of names) {
    const path = isAbsolute(name) ? name : resolve(base, name);
    const format = bibFormatOf(path);
    if (!format) {
      out.problems.push({ file: name, line: 1, message: 'is not a bibliography Verbatim reads (.bib, CSL-JSON .json or CSL-YAML .yaml)' });
      continue;
    }
    if (root && escapes(path, root)) {
      out.problems.push({ file: name, line: 1, message: 'lies outside the workspace folder and is not read' });
      continue;
    }
    const opened = openRegular(path, { maxBytes: MAX_BIBLIOGRAPHY_BYTES });
    if (isRefusal(opened)) {
      out.problems.push({ file: name, line: 1, message: opened.reason });
      continue;
    }
    let bib: Bibliography;
    try {
      if (root && !openedInside(path, opened.stat, root)) {
        out.problems.push({ file: name, line: 1, message: 'lies outside the workspace folder and is not read' });
        continue;
      }
      const { dev, ino, size, mtimeMs, ctimeMs } = opened.stat;
      const stamp = `${dev}:${ino}:${size}:${mtimeMs}:${ctimeMs}`;
      const hit = parsed.get(path + '\u0000' + name);
      if (hit && hit.stamp === stamp) bib = hit.bib;
      else {
        const bytes = readOpened(opened, MAX_BIBLIOGRAPHY_BYTES);
        if (isRefusal(bytes)) {
          out.problems.push({ file: name, line: 1, message: bytes.reason });
          continue;
        }
        bib = parseBibliography(bytes.toString('utf8').replace(/^\uFEFF/, ''), name, format);
        if (parsed.size > 64) parsed.clear();
        parsed.set(path + '\u0000' + name, { stamp, bib });
      }
    } finally {
      closeSync(opened.fd);
    }
    const keys = new Set(out.entries.map((e) => e.key));
    out.entries.push(...bib.entries.filter((e) => !keys.has(e.key)));
    out.problems.push(...bib.problems);
  }
  return out;
}

const MAX_STYLE_BYTES = 2 * 1024 * 1024;

/** A CSL style file's XML, read inside `root` (the file opened must be the one a real path inside it names); else why not. */
export function readCslStyle(file: string, name: string, root: string): string | { problem: string } {
  if (escapes(file, root)) return { problem: `the CSL style ${name} lies outside the workspace folder and is not read` };
  const opened = openRegular(file, { maxBytes: MAX_STYLE_BYTES });
  if (isRefusal(opened)) return { problem: `the CSL style ${name} ${opened.reason}` };
  let bytes: Buffer | ReturnType<typeof readOpened>;
  try {
    if (!openedInside(file, opened.stat, root)) return { problem: `the CSL style ${name} lies outside the workspace folder and is not read` };
    bytes = readOpened(opened, MAX_STYLE_BYTES);
  } finally {
    closeSync(opened.fd);
  }
  if (isRefusal(bytes)) return { problem: `the CSL style ${name} ${bytes.reason}` };
  const xml = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (!/<style[\s>]/.test(xml)) return { problem: `the CSL style ${name} is not a CSL style (no <style> element)` };
  return xml;
}
