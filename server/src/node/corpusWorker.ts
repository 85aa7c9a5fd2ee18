// `server/out/corpus-worker.js`: loads and indexes one corpus file off the
// server's thread (node/nodeFileSystem.ts starts it for a large book), through
// the same reader and disk cache as everything else, and sends back the corpus
// and its index as flat arrays (moved, not copied).

import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusConfig } from '../engine/config';
import { indexFor } from '../engine/library';
import { CorpusError } from '../engine/loaders';
import { setCacheDir } from './corpusCache';
import { loadCorpusFile } from './corpusFiles';

export interface CorpusJob {
  path: string;
  entry: CorpusConfig;
  /** The server's cache folder (a client may have moved it); null: no cache. */
  cacheDir: string | null | undefined;
}

const job = workerData as CorpusJob;
if (job.cacheDir !== undefined) setCacheDir(job.cacheDir ?? undefined);
try {
  const corpus = loadCorpusFile(job.path, job.entry);
  const data = indexFor(corpus).data();
  const buffers = new Set<ArrayBufferLike>();
  for (const value of Object.values(data)) if (ArrayBuffer.isView(value)) buffers.add(value.buffer);
  parentPort!.postMessage({ corpus, data }, [...buffers] as ArrayBuffer[]);
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message, corpusError: e instanceof CorpusError });
}
