// Runs a CommonJS bundle through a V8 code cache, so that a start does not parse
// and compile the server's megabyte of JavaScript again. The cache is written
// once the first check has run (it then holds the lazily compiled functions too),
// keyed by the bundle's bytes, the Node/V8 version and flags; a missing, stale,
// corrupt, forged or rejected cache only means an ordinary compile.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { readCacheEntry, writeCacheEntry } from './cacheDir';

const MAGIC = 0x56434332; // "VCC2": the digest now ends the file and covers all of it
const SAVE = Symbol.for('verbatim.codeCache.save');

/** What the cache of a bundle must have been made from: its bytes, this Node, these flags. */
export function codeCacheKey(source: Uint8Array, execArgv: readonly string[] = process.execArgv): string {
  return createHash('sha256')
    .update(source)
    .update(`\0${process.version}\0${process.versions.v8}\0${process.arch}\0${execArgv.join(' ')}`)
    .digest('hex');
}

/** One file per bundle path: a rebuild replaces its entry rather than adding one. */
export function codeCacheFile(dir: string, bundle: string): string {
  return join(dir, `code-${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}.bin`);
}

// The code cache of a megabyte bundle is a few megabytes; anything far larger is not one.
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

/**
 * The saved code for `key`, or undefined (none, another build, damaged or forged bytes, or a
 * file or folder that is not the user's own: see cacheDir.ts). V8 checks only the source's
 * length and its flags, so these bytes would run as they are: the SHA-256 at the end of the
 * entry covers its whole content (the key, itself a hash of the source, and the code). A digest
 * without a secret catches damage and half-made forgeries; a whole forgery is kept out by the
 * folder's checks (nobody else can write there).
 */
export function readCodeCache(file: string, key: string): Buffer | undefined {
  const buf = readCacheEntry(file, MAX_ENTRY_BYTES);
  if (!buf || buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return undefined;
  const keyLength = buf.readUInt32LE(4);
  if (8 + keyLength > buf.length || buf.toString('latin1', 8, 8 + keyLength) !== key) return undefined;
  return buf.subarray(8 + keyLength);
}

/** Saves atomically in the user's own cache folder; a read-only or full disk only means no cache. */
export function writeCodeCache(file: string, key: string, data: Buffer): void {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(Buffer.byteLength(key, 'latin1'), 4);
  writeCacheEntry(file, [head, Buffer.from(key, 'latin1'), data]);
}

/**
 * Loads `bundle` as the CommonJS module it is (its __filename stays its own path),
 * compiled with the code cache in `dir` when there is one. Without a folder, or
 * under a debugger or source maps (which want the ordinary loader), a plain require.
 */
export function runCached(bundle: string, dir: string | undefined): void {
  const debugging = process.execArgv.some((a) => a.startsWith('--inspect') || a === '--enable-source-maps') || !!process.env.NODE_OPTIONS?.includes('--enable-source-maps');
  if (!dir || debugging) {
    require(bundle);
    return;
  }
  const source = readFileSync(bundle);
  const key = codeCacheKey(source);
  const file = codeCacheFile(dir, bundle);
  const cachedData = readCodeCache(file, key);
  const script = new Script(Module.wrap(source.toString('utf8')), { filename: bundle, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // Written after the first check (see requestCodeCacheSave), once per process.
    (globalThis as Record<symbol, unknown>)[SAVE] = () => writeCodeCache(file, key, script.createCachedData());
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle));
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, dirname(bundle));
  mod.loaded = true;
}

/** Called by the server once it has checked a document: the moment the compiled code is worth saving. */
export function requestCodeCacheSave(): void {
  const save = (globalThis as Record<symbol, unknown>)[SAVE];
  if (typeof save !== 'function') return;
  delete (globalThis as Record<symbol, unknown>)[SAVE];
  // After the diagnostics are on their way, not before.
  setImmediate(save as () => void);
}
