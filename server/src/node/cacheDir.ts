// Where the disk caches (corpora, compiled code) live, and what makes a folder fit
// to hold one. A cache entry is trusted: a forged V8 code cache runs as you, a
// forged corpus entry changes verdicts, and entries hold your private corpora.
// So a cache is read only from a folder that is the user's own (owned by them,
// mode 0700, not a symbolic link), only from entries they wrote (regular files,
// theirs, written by no one else), and only when the SHA-256 stored at the end of
// the entry matches its whole content. Anything else means no cache, said once.

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isRefusal, readRegularFile } from './safeRead';

const DIGEST_BYTES = 32;
// Shared by the loader and the server bundle it runs (each has its own copy of this module).
const warned: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('verbatim.cacheWarnings')] ??= new Set<string>()) as Set<string>;

function uid(): number | undefined {
  return typeof process.getuid === 'function' ? process.getuid() : undefined;
}

/** Said once per process on stderr (the editor's log for the server; the terminal for the CLI). */
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  try {
    process.stderr.write(`Verbatim: ${message}\n`);
  } catch {
    // no stderr: nothing to tell
  }
}

/**
 * The folders to try, best first: VERBATIM_CACHE_DIR alone when set (`off`: none);
 * else `$XDG_CACHE_HOME/verbatim` or `~/.cache/verbatim`, then a private folder in
 * the temp folder for a user with no usable home.
 */
export function cacheDirCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const named = env.VERBATIM_CACHE_DIR;
  if (named === 'off') return [];
  if (named) return [resolve(named)];
  const dirs: string[] = [];
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) dirs.push(join(xdg, 'verbatim'));
  else if (process.platform === 'win32' && env.LOCALAPPDATA) dirs.push(join(env.LOCALAPPDATA, 'verbatim', 'Cache'));
  else {
    let home = env.HOME;
    try {
      home ||= homedir();
    } catch {
      // no home directory
    }
    if (home && isAbsolute(home)) dirs.push(join(home, '.cache', 'verbatim'));
  }
  dirs.push(join(tmpdir(), `verbatim-cache-${uid() ?? 'user'}`));
  return dirs;
}

/** The first candidate folder that is (or could be made) the user's own; undefined for no cache. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return cacheDirCandidates(env).find((dir) => usableCacheDir(dir, true));
}

/**
 * Why `dir` must not hold a cache, or undefined when it may. With `create`, a missing folder is
 * made (mode 0700). `quiet` marks a folder that merely could not be made (a read-only disk).
 */
export function cacheDirProblem(dir: string, create: boolean): { problem: string; quiet: boolean } | undefined {
  if (create) {
    try {
      mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
      mkdirSync(dir, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { problem: `could not be created: ${(e as Error).message}`, quiet: true };
    }
  }
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    return { problem: `could not be read: ${(e as Error).message}`, quiet: true };
  }
  if (st.isSymbolicLink()) return { problem: 'is a symbolic link', quiet: false };
  if (!st.isDirectory()) return { problem: 'is not a folder', quiet: false };
  const me = uid();
  if (me === undefined) return undefined; // Windows: the profile folder is the user's own
  if (st.uid !== me) return { problem: `belongs to uid ${st.uid}, not to you (uid ${me})`, quiet: false };
  if ((st.mode & 0o777) !== 0o700) return { problem: `has mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}, not 0700 (chmod 700 it to use it)`, quiet: false };
  return undefined;
}

/** Whether `dir` may hold the cache now; a refused folder is reported once. */
export function usableCacheDir(dir: string, create: boolean): boolean {
  const found = cacheDirProblem(dir, create);
  if (!found) return true;
  if (!found.quiet) warnOnce(`the cache folder ${dir} ${found.problem}; nothing in it is read or written`);
  return false;
}

/**
 * The content of a cache entry written by this user, its digest checked and removed; undefined
 * when there is none, or it is damaged, forged, too large, a link or not theirs.
 */
export function readCacheEntry(file: string, maxBytes: number): Buffer | undefined {
  if (!usableCacheDir(dirname(file), false)) return undefined;
  const read = readRegularFile(file, { maxBytes, noFollow: true, ownOnly: true });
  if (isRefusal(read)) {
    if (read.kind !== 'missing' && read.kind !== 'too-large') warnOnce(`the cache entry ${file} ${read.reason}; it is not read`);
    return undefined;
  }
  const { bytes } = read;
  if (bytes.length < DIGEST_BYTES) return undefined;
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  const digest = createHash('sha256').update(body).digest();
  return digest.equals(bytes.subarray(bytes.length - DIGEST_BYTES)) ? body : undefined;
}

/**
 * Saves `parts` and their SHA-256 as one entry, atomically: a new file of mode 0600 that nobody
 * else can have opened, renamed into place. Failures (a read-only or full disk) mean no cache.
 */
export function writeCacheEntry(file: string, parts: readonly Uint8Array[]): void {
  const dir = dirname(file);
  if (!usableCacheDir(dir, true)) return;
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  const all = [...parts, hash.digest()];
  const temp = join(dir, `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    for (const p of all) {
      for (let at = 0; at < p.length; ) at += writeSync(fd, p, at, p.length - at);
    }
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch {
    try {
      if (fd !== undefined) closeSync(fd);
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}
