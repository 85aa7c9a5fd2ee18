// Where the disk caches (corpora, compiled code) live unless the editor names a folder.

import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** VERBATIM_CACHE_DIR, `off` for none, or one folder per user: an entry written by someone else is never read. */
export function defaultCacheDir(): string | undefined {
  const env = process.env.VERBATIM_CACHE_DIR;
  if (env === 'off') return undefined;
  return env || join(tmpdir(), `verbatim-cache-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
}
