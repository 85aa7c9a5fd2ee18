// The bibliography of one essay: the files its front matter names (relative to
// the essay, inside its workspace folder), else the config's or setting's; and
// its sources linked to their entries, so that rules read `[@key]` by the key
// the bibliography gives them.

import { dirname, isAbsolute, resolve } from 'node:path';
import { escapes, openedInside } from './node/corpusFiles';
import { closeSync } from 'node:fs';
import { isRefusal, openRegular, readOpened } from './node/safeRead';
import type { Bibliography } from './engine/bibliography';
import { loadBibliography } from './node/bibliographyFiles';
import { uriToPath, type DocContext } from './workspace';
import { frontMatterOf } from './engine/bibliography';

export { linkQuotations } from './engine/check';

export function essayBibliography(uri: string, text: string, context: DocContext): Bibliography | undefined {
  const front = frontMatterOf(text);
  const path = uriToPath(uri);
  if (front.bibliography.length > 0) {
    if (!path) return { entries: [], problems: front.bibliography.map((file) => ({ file, line: 1, message: 'is named by an essay that is not a file on disk, so there is no folder to read it from' })) };
    const dir = dirname(path);
    return loadBibliography(front.bibliography, dir, context.folder ?? dir);
  }
  const named = context.bibliography;
  return named ? loadBibliography(named.names, named.base, named.root) : undefined;
}

const MAX_STYLE_BYTES = 2 * 1024 * 1024;

/** The CSL style the essay's front matter names (`csl: my-style.csl`), read inside its workspace folder; undefined: the shipped one. */
export function essayStyle(uri: string, text: string, context: DocContext): string | undefined | { problem: string } {
  const name = frontMatterOf(text).csl;
  const path = uriToPath(uri);
  if (!name || !path) return undefined;
  const file = isAbsolute(name) ? name : resolve(dirname(path), name);
  if (escapes(file, context.folder ?? dirname(path))) return { problem: `the CSL style ${name} lies outside the workspace folder and is not read` };
  const root = context.folder ?? dirname(path);
  const opened = openRegular(file, { maxBytes: MAX_STYLE_BYTES });
  if (isRefusal(opened)) return { problem: `the CSL style ${name} ${opened.reason}` };
  let bytes: Buffer | ReturnType<typeof readOpened>;
  try {
    // The file opened must be the one a real path inside the folder names (no link swapped in between).
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
