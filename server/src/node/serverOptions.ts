// What the language server takes from Node (createServer's ServerOptions): the
// disk's corpus locations, process CPU time and heap for timing notifications,
// and the V8 code cache saved after the first check.

import { getHeapSpaceStatistics } from 'node:v8';
import type { ServerOptions } from '../createServer';
import { requestCodeCacheSave } from './codeCache';
import { nodeCorpusFiles } from './corpusLocations';
import { useCacheDir } from './nodeFileSystem';

export function nodeServerOptions(): ServerOptions {
  return {
    setCacheDir: useCacheDir,
    corpusFiles: nodeCorpusFiles(),
    // CPU time of the whole process (the machine may be busy with other work).
    cpuMs: () => {
      const d = process.cpuUsage();
      return (d.user + d.system) / 1000;
    },
    memory: () => ({
      heapMb: process.memoryUsage().heapUsed / 2 ** 20,
      youngMb: (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) / 2 ** 20,
    }),
    afterCheck: requestCodeCacheSave,
  };
}
