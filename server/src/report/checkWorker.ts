// One worker thread of a parallel class check (see workers.ts), run by the
// CLI's own bundle (cli.js) when it starts as a worker: loads each
// configuration's corpora once and checks the essays it is sent. A result goes
// back without its corpora's passages (a stub with the corpus's metadata), as
// the report formats need only that: a structured copy of every book per essay
// would cost more than the check.

import { parentPort, workerData } from 'node:worker_threads';
import type { CheckResult } from '../engine/check';
import type { Corpus } from '../engine/types';
import { loadCorpora } from '../node/corpusFiles';
import { Checker } from '../service/checker';
import { contextOf } from '../service/context';
import { checkEssayText } from './run';
import type { CheckJob, WorkerData, WorkerReply } from './workers';

/** The corpora exactly as the serial run composes them (checkEssays). */
function corporaFor(sets: WorkerData['sets'], libraries: Map<string, Corpus[]>, key: string): Corpus[] {
  let library = libraries.get(key);
  if (!library) {
    const set = sets[key];
    const fromConfig = loadCorpora(set.entries, set.base).corpora;
    const fromFlags = loadCorpora(set.extra, set.cwd ?? process.cwd()).corpora;
    const corpora = [...fromConfig, ...fromFlags.slice(1).filter((c) => !fromConfig.some((x) => x.id === c.id))];
    libraries.set(key, (library = corpora));
  }
  return library;
}

function stub(stubs: Map<Corpus, Corpus>, corpus: Corpus): Corpus {
  let s = stubs.get(corpus);
  if (!s) stubs.set(corpus, (s = { ...corpus, passages: [], cast: undefined }));
  return s;
}

function portable(stubs: Map<Corpus, Corpus>, result: CheckResult): CheckResult {
  return {
    findings: result.findings,
    quotations: result.quotations.map((q) => (q.match.corpus ? { ...q, match: { ...q.match, corpus: stub(stubs, q.match.corpus) } } : q)),
  };
}

export function runCheckWorker(): void {
  const { sets } = workerData as WorkerData;
  const libraries = new Map<string, Corpus[]>();
  // The serial run's check loop, one per worker (its verdict cache shared by the worker's essays).
  const checker = new Checker();
  const stubs = new Map<Corpus, Corpus>();
  parentPort!.on('message', (job: CheckJob) => {
    let reply: WorkerReply;
    try {
      reply = { index: job.index, result: portable(stubs, checkEssayText(job.kind, job.name, job.text, contextOf(corporaFor(sets, libraries, job.corpusKey), job.check), checker, job.bibliography)) };
    } catch (e) {
      reply = { index: job.index, error: (e as Error).message };
    }
    parentPort!.postMessage(reply);
  });
}
