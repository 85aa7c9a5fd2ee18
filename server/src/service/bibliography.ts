// The bibliography of one essay: the files its front matter names (relative to
// the essay, inside its workspace folder), else the config's or setting's; and
// the CSL style its front matter names. Read through the injected file system.

import { bibFormatOf, frontMatterOf, parseBibliography, type Bibliography } from '../engine/bibliography';
import type { DocContext } from './context';
import type { FileSystem } from './fileSystem';
import { escapesLexically, type PathOps } from './paths';

export function essayBibliography(fs: FileSystem, uri: string, text: string, context: DocContext): Bibliography | undefined {
  if (!fs.loadBibliography) return undefined;
  const front = frontMatterOf(text);
  const path = fs.paths.uriToPath(uri);
  if (front.bibliography.length > 0) {
    if (!path) return { entries: [], problems: front.bibliography.map((file) => ({ file, line: 1, message: 'is named by an essay that is not a file on disk, so there is no folder to read it from' })) };
    const dir = fs.paths.dirname(path);
    return fs.loadBibliography(front.bibliography, dir, context.folder ?? dir);
  }
  const named = context.bibliography;
  return named ? fs.loadBibliography(named.names, named.base, named.root) : undefined;
}

/** The CSL style the essay's front matter names (`csl: my-style.csl`), read inside its workspace folder; undefined: the shipped one. */
export function essayStyle(fs: FileSystem, uri: string, text: string, context: DocContext): string | undefined | { problem: string } {
  const file = stylePath(fs, uri, text);
  const path = fs.paths.uriToPath(uri);
  if (!file || !path || !fs.readCslStyle) return undefined;
  return fs.readCslStyle(file, frontMatterOf(text).csl!, context.folder ?? fs.paths.dirname(path));
}

function stylePath(fs: FileSystem, uri: string, text: string): string | undefined {
  const name = frontMatterOf(text).csl;
  const path = fs.paths.uriToPath(uri);
  if (!name || !path) return undefined;
  return fs.paths.isAbsolute(name) ? name : fs.paths.resolve(fs.paths.dirname(path), name);
}

/** Every file the essay's bibliography and style would be read from (a file system with `preload` fetches them first). */
export function essayBibliographyFiles(fs: FileSystem, uri: string, text: string, context: DocContext): string[] {
  const front = frontMatterOf(text);
  const path = fs.paths.uriToPath(uri);
  const { isAbsolute, resolve, dirname } = fs.paths;
  const at = (names: readonly string[], base: string) => names.map((n) => (isAbsolute(n) ? n : resolve(base, n)));
  const files = front.bibliography.length > 0 ? (path ? at(front.bibliography, dirname(path)) : []) : context.bibliography ? at(context.bibliography.names, context.bibliography.base) : [];
  const style = stylePath(fs, uri, text);
  return style ? [...files, style] : files;
}

/** What a file system without disk rules (the browser's, memory) reads a bibliography or style file as. */
export type TextRead = { text: string; stamp: string } | { problem: string };

/**
 * The bibliography named, each file read by `read` (an earlier file's key wins), every problem said by
 * name; with `root`, a file outside that folder is refused by its path. The parse of a file is reused
 * while its stamp is unchanged (`parsed`, the caller's).
 */
export function bibliographyFromFiles(paths: PathOps, names: readonly string[], base: string, root: string | undefined, read: (path: string) => TextRead, parsed: Map<string, { stamp: string; bib: Bibliography }>): Bibliography {
  const out: Bibliography = { entries: [], problems: [] };
  for (const name of names) {
    const path = paths.isAbsolute(name) ? name : paths.resolve(base, name);
    const format = bibFormatOf(path);
    if (!format) {
      out.problems.push({ file: name, line: 1, message: 'is not a bibliography Verbatim reads (.bib, CSL-JSON .json or CSL-YAML .yaml)' });
      continue;
    }
    if (root && escapesLexically(paths, path, root)) {
      out.problems.push({ file: name, line: 1, message: 'lies outside the workspace folder and is not read' });
      continue;
    }
    const file = read(path);
    if ('problem' in file) {
      out.problems.push({ file: name, line: 1, message: file.problem });
      continue;
    }
    const key = path + '\u0000' + name;
    let bib = parsed.get(key)?.stamp === file.stamp ? parsed.get(key)!.bib : undefined;
    if (!bib) {
      bib = parseBibliography(file.text.replace(/^\uFEFF/, ''), name, format);
      if (parsed.size > 64) parsed.clear();
      parsed.set(key, { stamp: file.stamp, bib });
    }
    const keys = new Set(out.entries.map((e) => e.key));
    out.entries.push(...bib.entries.filter((e) => !keys.has(e.key)));
    out.problems.push(...bib.problems);
  }
  return out;
}

/** A CSL style's XML read by `read` inside `root` (by its path), or why not; the same wording as on disk. */
export function cslStyleFromFile(paths: PathOps, file: string, name: string, root: string, read: (path: string) => TextRead): string | { problem: string } {
  if (escapesLexically(paths, file, root)) return { problem: `the CSL style ${name} lies outside the workspace folder and is not read` };
  const got = read(file);
  if ('problem' in got) return { problem: `the CSL style ${name} ${got.problem}` };
  const xml = got.text.replace(/^\uFEFF/, '');
  if (!/<style[\s>]/.test(xml)) return { problem: `the CSL style ${name} is not a CSL style (no <style> element)` };
  return xml;
}
