// The bibliography of one essay: the files its front matter names (relative to
// the essay, inside its workspace folder), else the config's or setting's; and
// the CSL style its front matter names. Read through the injected file system.

import { dirname, isAbsolute, resolve } from 'node:path';
import { frontMatterOf, type Bibliography } from '../engine/bibliography';
import type { DocContext } from './context';
import type { FileSystem } from './fileSystem';
import { uriToPath } from './workspace';

export function essayBibliography(fs: FileSystem, uri: string, text: string, context: DocContext): Bibliography | undefined {
  if (!fs.loadBibliography) return undefined;
  const front = frontMatterOf(text);
  const path = uriToPath(uri);
  if (front.bibliography.length > 0) {
    if (!path) return { entries: [], problems: front.bibliography.map((file) => ({ file, line: 1, message: 'is named by an essay that is not a file on disk, so there is no folder to read it from' })) };
    const dir = dirname(path);
    return fs.loadBibliography(front.bibliography, dir, context.folder ?? dir);
  }
  const named = context.bibliography;
  return named ? fs.loadBibliography(named.names, named.base, named.root) : undefined;
}

/** The bibliography and CSL style files an essay reads, as absolute paths: a change to one of them re-checks it. */
export function essayCitationFiles(uri: string, text: string, context: DocContext): string[] {
  const front = frontMatterOf(text);
  const path = uriToPath(uri);
  const out: string[] = [];
  if (front.bibliography.length > 0) {
    if (path) for (const name of front.bibliography) out.push(isAbsolute(name) ? name : resolve(dirname(path), name));
  } else if (context.bibliography) {
    const { names, base } = context.bibliography;
    for (const name of names) out.push(isAbsolute(name) ? name : resolve(base, name));
  }
  if (front.csl && path) out.push(isAbsolute(front.csl) ? front.csl : resolve(dirname(path), front.csl));
  return out;
}

/** The CSL style the essay's front matter names (`csl: my-style.csl`), read inside its workspace folder; undefined: the shipped one. */
export function essayStyle(fs: FileSystem, uri: string, text: string, context: DocContext): string | undefined | { problem: string } {
  const name = frontMatterOf(text).csl;
  const path = uriToPath(uri);
  if (!name || !path || !fs.readCslStyle) return undefined;
  const file = isAbsolute(name) ? name : resolve(dirname(path), name);
  return fs.readCslStyle(file, name, context.folder ?? dirname(path));
}
