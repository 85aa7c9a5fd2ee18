// `server/out/server.js`: a small loader that starts the language server bundle
// (server-main.js, built from server.ts) through a V8 code cache, so that a cold
// start does not compile the whole server again (see node/codeCache.ts).

import { join } from 'node:path';
import { defaultCacheDir } from './node/cacheDir';
import { runCached } from './node/codeCache';
import { limitHeapGrowth } from './node/heap';

limitHeapGrowth();

runCached(join(__dirname, 'server-main.js'), defaultCacheDir());
