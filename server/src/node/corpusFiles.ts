// Reads corpus files and `.verbatim.json` from disk for the server and the CLI.
// Every failure becomes a message naming the path; nothing here throws past
// its caller, and the built-in corpus is always there. Both are read through
// safeRead.ts: a regular file (a symlink to one is fine) within a size limit,
// decided on the opened handle, so a FIFO, a device or a swapped link never wins.

import { closeSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BUILTIN_REVIEW_TEXT, builtinCorpus } from '../engine/builtin';
import type { CorpusConfig, VerbatimConfig } from '../engine/config';
import { parseConfig, type ConfigProblem } from '../service/config';
import { CorpusError, loadCorpus } from '../engine/loaders';
import { adoptIndex, indexFor } from '../engine/library';
import { loadBookFile } from './bookFiles';
import { cacheKey, readCached, writeCached } from './corpusCache';
import type { Corpus } from '../engine/types';
import { isRefusal, openRegular, readOpened, readRegularFile } from './safeRead';

export const MAX_CORPUS_BYTES = 50 * 1024 * 1024;
/** A `.verbatim.json` is a few lines; a larger one is refused rather than parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const CONFIG_FILE = '.verbatim.json';

export interface CorpusLoad {
  corpora: Corpus[];
  /** One line per corpus that could not be loaded, naming its path. */
  errors: string[];
}

const cache = new Map<string, { dev: number; ino: number; mtimeMs: number; size: number; meta: string; corpus: Corpus }>();

let builtin: Corpus | undefined;

/**
 * The built-in corpus with its index, from the disk cache when this build saved
 * them before: deriving passages from the review and indexing them at every
 * start costs more than reading them back.
 */
export function cachedBuiltinCorpus(): Corpus {
  if (builtin) return builtin;
  // The review, facts and cast are inside the bundle, so the build stamp in the key covers them.
  const key = cacheKey(Buffer.from(BUILTIN_REVIEW_TEXT), 'builtin');
  const saved = readCached(key);
  if (saved) {
    adoptIndex(saved);
    return (builtin = saved.corpus);
  }
  builtin = builtinCorpus();
  writeCached(key, indexFor(builtin));
  return builtin;
}

export interface Confinement {
  root: string;
  why: string;
}

function refused(path: string, reason: string): CorpusError {
  return new CorpusError(`Corpus ${path} ${reason}`);
}

/**
 * Loads one corpus file; throws CorpusError with a message that names the path. With `confineTo`,
 * the file opened must be the one that a real path inside that folder names: a link switched
 * to a file outside between the check and the read is refused.
 */
export function loadCorpusFile(path: string, entry: CorpusConfig, confineTo?: Confinement): Corpus {
  const opened = openRegular(path, { maxBytes: MAX_CORPUS_BYTES });
  if (isRefusal(opened)) throw refused(path, opened.reason);
  try {
    const st = opened.stat;
    if (confineTo && !openedInside(path, st, confineTo.root)) {
      throw refused(path, `is outside ${confineTo.root} and was not read (${confineTo.why})`);
    }
    const meta = JSON.stringify(entry);
    const hit = cache.get(path);
    if (hit && hit.dev === st.dev && hit.ino === st.ino && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.meta === meta) return hit.corpus;
    const bytes = readOpened(opened, MAX_CORPUS_BYTES);
    if (isRefusal(bytes)) throw refused(path, bytes.reason);
    const remember = (corpus: Corpus) => cache.set(path, { dev: st.dev, ino: st.ino, mtimeMs: st.mtimeMs, size: st.size, meta, corpus });
    // Cleaned, split, tagged and indexed before (by this build, from these bytes): reuse it.
    const key = cacheKey(bytes, JSON.stringify([path, entry]));
    const saved = readCached(key);
    if (saved) {
      adoptIndex(saved);
      remember(saved.corpus);
      return saved.corpus;
    }
    // PDF, EPUB, HTML and Kindle clippings, told by their bytes; anything else is text.
    let corpus = loadBookFile(bytes, path, { id: path, origin: path, ...entry });
    if (!corpus) {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw refused(path, 'is not UTF-8 text');
      }
      try {
        corpus = loadCorpus(text.replace(/^\uFEFF/, ''), { id: path, origin: path, ...entry });
      } catch (e) {
        throw refused(path, (e as Error).message);
      }
    }
    remember(corpus);
    writeCached(key, indexFor(corpus));
    return corpus;
  } finally {
    closeSync(opened.fd);
  }
}

/** Whether the opened file (`st`) is the very file at `path`'s real path, and that lies inside `root`. */
export function openedInside(path: string, st: Stats, root: string): boolean {
  let real: string;
  let now: Stats;
  try {
    real = realpathSync(path);
    now = statSync(real);
  } catch {
    return false;
  }
  return now.dev === st.dev && now.ino === st.ino && !escapes(real, root);
}

/** The real path (symlinks followed) of what exists; the lexical path of what does not. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path`, symlinks followed, lies outside the folder `root`. */
export function escapes(path: string, root: string): boolean {
  const rel = relative(realPath(root), realPath(path));
  return rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel);
}

/**
 * The built-in corpus plus every configured corpus that loads; relative paths
 * resolve against `base`. With `confineTo`, a corpus outside that folder (by
 * `..` or a symlink) is refused: workspace files must not read the rest of the disk.
 */
export function loadCorpora(entries: readonly CorpusConfig[], base: string, confineTo?: Confinement): CorpusLoad {
  const corpora: Corpus[] = [cachedBuiltinCorpus()];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const path = isAbsolute(entry.path) ? entry.path : resolve(base, entry.path);
    if (seen.has(path)) continue;
    seen.add(path);
    if (confineTo && escapes(path, confineTo.root)) {
      errors.push(`Corpus ${path} is outside ${confineTo.root} and was not read (${confineTo.why})`);
      continue;
    }
    try {
      corpora.push(loadCorpusFile(path, entry, confineTo));
    } catch (e) {
      errors.push(e instanceof CorpusError ? e.message : `Corpus ${path} could not be read: ${(e as Error).message}`);
    }
  }
  return { corpora, errors };
}

export interface ConfigFile {
  path: string;
  text: string;
  config: VerbatimConfig;
  problems: ConfigProblem[];
}

/**
 * Reads a `.verbatim.json`; a missing file is no config; one that is not a regular file (a FIFO,
 * a device, a folder), too large, unreadable or not UTF-8 is a problem naming the file.
 */
export function readConfigFile(path: string): ConfigFile | undefined {
  const problem = (message: string): ConfigFile => ({ path, text: '', config: { corpora: [], rules: {} }, problems: [{ message, offset: 0, length: 0, severity: 'error' }] });
  const read = readRegularFile(path, { maxBytes: MAX_CONFIG_BYTES });
  // Shown after the file's path: `…/.verbatim.json: the file is a FIFO (named pipe), not a regular file; it was not read`.
  if (isRefusal(read)) return read.kind === 'missing' ? undefined : problem(`the file ${read.reason}; it was not read`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(read.bytes);
  } catch {
    return problem('the file is not UTF-8 text; it was not read');
  }
  return { path, text, ...parseConfig(text) };
}

/** The nearest `.verbatim.json` in `dir` or above it. */
export function findConfigUpward(dir: string): ConfigFile | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const found = readConfigFile(join(d, CONFIG_FILE));
    if (found) return found;
    if (dirname(d) === d) return undefined;
  }
}
