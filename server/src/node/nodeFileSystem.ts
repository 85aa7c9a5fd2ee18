// The service's file system on Node: the disk, read through corpusFiles.ts
// (its size limits and safe reads) and the corpus caches.

import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CorpusConfig } from '../engine/config';
import { CorpusIndex, type IndexData } from '../engine/corpusIndex';
import { adoptIndex } from '../engine/library';
import type { Corpus } from '../engine/types';
import type { Confinement, FileSystem, FileStat, ReadResult } from '../service/fileSystem';
import { isConfigPath } from '../service/context';
import { loadBibliography, readCslStyle } from './bibliographyFiles';
import { defaultCacheDir } from './cacheDir';
import { cacheKey, setCacheDir } from './corpusCache';
import { cachedBuiltinCorpus, escapes, loadCorpusFile, readConfigFile } from './corpusFiles';
import type { CorpusJob } from './corpusWorker';
import { isRefusal, readRegularFile } from './safeRead';
import { markdownFiles } from './workspaceFiles';
import { nodePaths } from './nodePaths';

/** Essays on disk larger than this (bytes) are not read at all. */
const MAX_ESSAY_BYTES = 10 * 1024 * 1024;

function stat(path: string): FileStat | undefined {
  try {
    const st = statSync(path);
    return { isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Corpus files at least this large load in a worker thread (smaller ones load faster than a worker starts). */
const WORKER_BYTES = Number(process.env.VERBATIM_CORPUS_WORKER_BYTES) || 2 * 1024 * 1024;
// The server bundle itself, started as a worker (server.ts): the same build, so the same disk cache keys.
// Other bundles (the CLI, remark-verbatim) never prepare corpora; an ES module bundle has no __dirname.
const WORKER_SCRIPT = typeof __dirname === 'string' ? join(__dirname, 'server-main.js') : undefined;

/** The cache folder a client chose, passed on to workers (undefined: the default). */
let cacheDir: string | undefined;

/** Moves the disk caches (the client's storage folder), for this thread and the corpus workers. */
export function useCacheDir(dir: string): void {
  cacheDir = dir;
  setCacheDir(dir);
}

/** Corpora loaded by a worker, by path, with the file state and settings they were loaded from. */
const prepared = new Map<string, { key: string; corpus: Corpus }>();
const inFlight = new Map<string, Promise<void>>();

function stateKey(path: string, entry: CorpusConfig, confine?: Confinement): string | undefined {
  const st = stat(path);
  return st?.isFile ? JSON.stringify([st.mtimeMs, st.size, entry, confine?.root ?? null]) : undefined;
}

/**
 * Whether the disk cache holds an entry for this file and settings written after the file changed:
 * then loading it here takes milliseconds, less than starting a worker. (The entry's name depends only
 * on the path and settings, as corpusFiles.ts names it; its key is checked when it is read.)
 */
function cachedOnDisk(path: string, entry: CorpusConfig, fileMtimeMs: number): boolean {
  const dir = cacheDir ?? defaultCacheDir();
  if (!dir) return false;
  const saved = stat(join(dir, cacheKey(new Uint8Array(0), JSON.stringify([path, entry])).file));
  return !!saved && saved.mtimeMs >= fileMtimeMs;
}

/** Loads a large corpus in a worker; anything that goes wrong is left to the ordinary load, which reports it. */
function prepareCorpus(path: string, entry: CorpusConfig, confine?: Confinement): Promise<void> {
  const st = stat(path);
  const key = stateKey(path, entry, confine);
  if (!st || !key || st.size < WORKER_BYTES || prepared.get(path)?.key === key || !WORKER_SCRIPT || !existsSync(WORKER_SCRIPT)) return Promise.resolve();
  if (cachedOnDisk(path, entry, st.mtimeMs)) return Promise.resolve();
  const flight = `${path}\u0000${key}`;
  let pending = inFlight.get(flight);
  if (!pending) {
    pending = new Promise<void>((resolve) => {
      const job: CorpusJob = { kind: 'verbatim-corpus-job', path, entry, confine, cacheDir };
      const worker = new Worker(WORKER_SCRIPT!, { workerData: job });
      const done = () => {
        inFlight.delete(flight);
        void worker.terminate();
        resolve();
      };
      worker.once('message', (m: { corpus?: Corpus; data?: IndexData }) => {
        if (m.corpus && m.data) {
          adoptIndex(new CorpusIndex(m.corpus, m.data));
          prepared.set(path, { key, corpus: m.corpus });
        }
        done();
      });
      worker.once('error', done);
      worker.once('exit', done);
    });
    inFlight.set(flight, pending);
  }
  return pending;
}

function loadCorpus(path: string, entry: CorpusConfig, confine?: Confinement): Corpus {
  const hit = prepared.get(path);
  // Loaded by a worker under the same confinement (checked there on the opened file).
  if (hit && hit.key === stateKey(path, entry, confine)) return hit.corpus;
  return loadCorpusFile(path, entry, confine);
}

export const nodeFileSystem: FileSystem = {
  paths: nodePaths,
  stat,
  readText(path: string): ReadResult | undefined {
    if (isConfigPath(path)) {
      const file = readConfigFile(path);
      if (!file) return undefined;
      // readConfigFile reports a failed read as its only problem, with no text.
      const failed = file.text === '' && file.problems.length > 0;
      return failed ? { error: file.problems[0].message } : { text: file.text };
    }
    // An essay on disk (workspace checks): a regular file within the limit, decided on the opened handle.
    const read = readRegularFile(path, { maxBytes: MAX_ESSAY_BYTES });
    if (isRefusal(read)) return read.kind === 'missing' ? undefined : { error: `${path} ${read.reason}` };
    return { text: read.bytes.toString('utf8') };
  },
  markdownFiles: (folders) => markdownFiles(folders),
  loadCorpus,
  prepareCorpus,
  builtinCorpus: cachedBuiltinCorpus,
  loadBibliography,
  readCslStyle,
  escapes,
};
