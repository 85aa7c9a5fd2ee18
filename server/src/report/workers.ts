// A class checked in parallel: worker threads running the CLI's own bundle
// (cli.js starts runCheckWorker() when it is not the main thread), each
// loading the corpora once per configuration and checking the essays it is
// handed one at a time, so that a slow essay never holds the others back.
// Results come back by index: the output order is the serial run's.

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Bibliography } from '../engine/bibliography';
import type { CheckOptions, CheckResult } from '../engine/check';
import type { CorpusConfig } from '../engine/config';
import type { EssayKind } from './run';

/** How a worker loads an essay's corpora, as the serial run does: the config's entries from its folder, then the --corpus flags. */
export interface CorpusSet {
  entries: CorpusConfig[];
  base: string;
  extra: CorpusConfig[];
  cwd?: string;
}

export interface CheckJob {
  index: number;
  name: string;
  text: string;
  kind: EssayKind;
  check: CheckOptions;
  corpusKey: string;
  /** The essay's bibliography, read once by the main thread (plain data). */
  bibliography?: Bibliography;
}

export interface WorkerData {
  sets: Record<string, CorpusSet>;
}

export type WorkerReply = { index: number; result: CheckResult } | { index: number; error: string };

export function checkInWorkers(jobs: readonly CheckJob[], sets: ReadonlyMap<string, CorpusSet>, count: number, onResult: (index: number, result: CheckResult) => void): Promise<void> {
  const data: WorkerData = { sets: Object.fromEntries(sets) };
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = count;
    let failed = false;
    for (let k = 0; k < count; k++) {
      const worker = new Worker(join(__dirname, 'cli.js'), { workerData: data });
      const feed = () => {
        if (failed) return;
        if (next < jobs.length) {
          const { index, name, text, kind, check, corpusKey, bibliography } = jobs[next++];
          worker.postMessage({ index, name, text, kind, check, corpusKey, bibliography } satisfies CheckJob);
          return;
        }
        void worker.terminate();
        if (--running === 0) resolve();
      };
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return fail(new Error(`checking ${jobs[reply.index].name} failed: ${reply.error}`));
        onResult(reply.index, reply.result);
        feed();
      });
      worker.on('error', fail);
      feed();
    }
  });
}
