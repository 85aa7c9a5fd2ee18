// Reads corpus files and `.verbatim.json` from disk for the server and the CLI.
// Every failure becomes a message naming the path; nothing here throws past
// its caller, and the built-in corpus is always there.

import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BUILTIN_REVIEW_TEXT, builtinCorpus } from '../engine/builtin';
import type { CorpusConfig, VerbatimConfig } from '../engine/config';
import { parseConfig, type ConfigProblem } from '../service/config';
import { CorpusError, loadCorpus } from '../engine/loaders';
import { adoptIndex, indexFor } from '../engine/library';
import { cacheKey, readCached, writeCached } from './corpusCache';
import type { Corpus } from '../engine/types';

export const MAX_CORPUS_BYTES = 50 * 1024 * 1024;
export const CONFIG_FILE = '.verbatim.json';

export interface CorpusLoad {
  corpora: Corpus[];
  /** One line per corpus that could not be loaded, naming its path. */
  errors: string[];
}

const cache = new Map<string, { mtimeMs: number; size: number; meta: string; corpus: Corpus }>();

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

/** Loads one corpus file; throws CorpusError with a message that names the path. */
export function loadCorpusFile(path: string, entry: CorpusConfig): Corpus {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CorpusError(`Corpus ${path} does not exist`);
  }
  if (st.isDirectory()) throw new CorpusError(`Corpus ${path} is a folder, not a file`);
  if (st.size > MAX_CORPUS_BYTES) throw new CorpusError(`Corpus ${path} is too large (${(st.size / 1048576).toFixed(1)} MB; the limit is 50 MB)`);
  const meta = JSON.stringify(entry);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.meta === meta) return hit.corpus;
  const bytes = readFileSync(path);
  // Cleaned, split, tagged and indexed before (by this build, from these bytes): reuse it.
  const key = cacheKey(bytes, JSON.stringify([path, entry]));
  const saved = readCached(key);
  if (saved) {
    adoptIndex(saved);
    cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, meta, corpus: saved.corpus });
    return saved.corpus;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CorpusError(`Corpus ${path} is not UTF-8 text`);
  }
  let corpus: Corpus;
  try {
    corpus = loadCorpus(text.replace(/^\uFEFF/, ''), { id: path, origin: path, ...entry });
  } catch (e) {
    throw new CorpusError(`Corpus ${path} ${(e as Error).message}`);
  }
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, meta, corpus });
  writeCached(key, indexFor(corpus));
  return corpus;
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
export function loadCorpora(entries: readonly CorpusConfig[], base: string, confineTo?: { root: string; why: string }): CorpusLoad {
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
      corpora.push(loadCorpusFile(path, entry));
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

/** Reads a `.verbatim.json`; a missing file is no config, an unreadable one is a problem. */
export function readConfigFile(path: string): ConfigFile | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { path, text: '', config: { corpora: [], rules: {} }, problems: [{ message: `${path} could not be read: ${(e as Error).message}`, offset: 0, length: 0, severity: 'error' }] };
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
