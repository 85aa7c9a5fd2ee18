// Reading the bibliography files an essay names (front matter `bibliography:`,
// or the `bibliography` of `.verbatim.json` / `verbatim.bibliography`), relative
// to the essay's folder. A file that cannot be read is a problem naming it, never
// an exception; the parse of each file is reused while its text is unchanged.

import { isAbsolute, resolve } from 'node:path';
import { bibFormatOf, parseBibliography, type Bibliography } from '../engine/bibliography';
import { escapes } from './corpusFiles';
import { isRefusal, readRegularFile } from './safeRead';

export const MAX_BIBLIOGRAPHY_BYTES = 20 * 1024 * 1024;

const parsed = new Map<string, { text: string; bib: Bibliography }>();

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
    const read = readRegularFile(path, { maxBytes: MAX_BIBLIOGRAPHY_BYTES });
    if (isRefusal(read)) {
      out.problems.push({ file: name, line: 1, message: read.reason });
      continue;
    }
    const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
    const hit = parsed.get(path + '\u0000' + name);
    const bib = hit && hit.text === text ? hit.bib : parseBibliography(text, name, format);
    if (parsed.size > 64) parsed.clear();
    parsed.set(path + '\u0000' + name, { text, bib });
    const keys = new Set(out.entries.map((e) => e.key));
    out.entries.push(...bib.entries.filter((e) => !keys.has(e.key)));
    out.problems.push(...bib.problems);
  }
  return out;
}
