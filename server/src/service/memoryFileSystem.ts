// A file system held in memory: for in-process tests and any host without a
// disk. Paths are absolute POSIX paths; every write bumps the file's time, so a
// reload decision sees the change exactly as it would on disk.

import { builtinCorpus } from '../engine/builtin';
import type { CorpusConfig } from '../engine/config';
import { CorpusError, loadCorpus } from '../engine/loaders';
import type { Corpus } from '../engine/types';
import type { Confinement, FileStat, FileSystem, ReadResult } from './fileSystem';
import { escapesLexically, uriPaths } from './paths';

const posix = uriPaths;

export class MemoryFileSystem implements FileSystem {
  readonly paths = uriPaths;
  private readonly files = new Map<string, { text: string; mtimeMs: number }>();
  private clock = 1;
  private builtin: Corpus | undefined;

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string): void {
    this.files.set(posix.resolve(path), { text, mtimeMs: this.clock++ });
  }

  delete(path: string): void {
    this.files.delete(posix.resolve(path));
  }

  stat(path: string): FileStat | undefined {
    const p = posix.resolve(path);
    const file = this.files.get(p);
    if (file) return { isFile: true, isDirectory: false, size: new TextEncoder().encode(file.text).length, mtimeMs: file.mtimeMs };
    const prefix = p.endsWith('/') ? p : p + '/';
    for (const other of this.files.keys()) if (other.startsWith(prefix)) return { isFile: false, isDirectory: true, size: 0, mtimeMs: 0 };
    return undefined;
  }

  readText(path: string): ReadResult | undefined {
    const file = this.files.get(posix.resolve(path));
    return file ? { text: file.text } : undefined;
  }

  loadCorpus(path: string, entry: CorpusConfig, confine?: Confinement): Corpus {
    if (confine && this.escapes(path, confine.root)) throw new CorpusError(`Corpus ${path} is outside ${confine.root} and was not read (${confine.why})`);
    const st = this.stat(path);
    if (!st) throw new CorpusError(`Corpus ${path} does not exist`);
    if (st.isDirectory) throw new CorpusError(`Corpus ${path} is a folder, not a file`);
    try {
      return loadCorpus(this.files.get(posix.resolve(path))!.text.replace(/^\uFEFF/, ''), { id: path, origin: path, ...entry });
    } catch (e) {
      throw new CorpusError(`Corpus ${path} ${(e as Error).message}`);
    }
  }

  builtinCorpus(): Corpus {
    return (this.builtin ??= builtinCorpus());
  }

  escapes(path: string, root: string): boolean {
    return escapesLexically(posix, path, root);
  }

  markdownFiles(folders: readonly string[]): { paths: string[]; skipped: number } {
    const roots = folders.map((f) => posix.resolve(f) + '/');
    const paths = [...this.files.keys()].filter((p) => roots.some((r) => p.startsWith(r)) && /\.(md|markdown)$/i.test(p) && !/\/(\.[^/]*|node_modules)\//.test(p));
    return { paths: paths.sort(), skipped: 0 };
  }
}
