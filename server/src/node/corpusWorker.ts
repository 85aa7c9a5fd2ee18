// A corpus job in a worker thread: server-main.js started again as a worker
// (server.ts) loads and indexes one corpus file off the server's thread, through
// the same reader and disk cache as everything else — the same bundle, so the
// same cache keys — and sends back the corpus and its index as flat arrays
// (moved, not copied).

import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusConfig } from '../engine/config';
import { indexFor } from '../engine/library';
import { CorpusError } from '../engine/loaders';
import { setCacheDir } from './corpusCache';
import { loadCorpusFile } from './corpusFiles';
import type { Confinement } from '../service/fileSystem';

export interface CorpusJob {
  kind: 'verbatim-corpus-job';
  path: string;
  entry: CorpusConfig;
  /** The folder the file opened must lie inside (corpusFiles.ts checks it on the handle). */
  confine?: Confinement;
  /** The cache folder the client chose; undefined: the default. */
  cacheDir: string | undefined;
}

export function isCorpusJob(data: unknown): data is CorpusJob {
  return !!data && typeof data === 'object' && (data as CorpusJob).kind === 'verbatim-corpus-job';
}

export function runCorpusJob(): void {
  const job = workerData as CorpusJob;
  if (job.cacheDir !== undefined) setCacheDir(job.cacheDir);
  try {
    const corpus = loadCorpusFile(job.path, job.entry, job.confine);
    const data = indexFor(corpus).data();
    const buffers = new Set<ArrayBufferLike>();
    for (const value of Object.values(data)) if (ArrayBuffer.isView(value)) buffers.add(value.buffer);
    parentPort!.postMessage({ corpus, data }, [...buffers] as ArrayBuffer[]);
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error).message, corpusError: e instanceof CorpusError });
  }
}
