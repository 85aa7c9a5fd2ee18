// A disk cache of loaded corpora and their indexes, so that a book is cleaned,
// split, tagged and indexed once, not at every start. Entries are keyed by the
// corpus file's content hash, its settings and the running build; a cache that
// cannot be read or does not fit is ignored (and rewritten). Entries live only in
// the user's own folder and end with a SHA-256 of their whole content, so damaged
// or planted bytes are never taken for an index (cacheDir.ts). Writes are atomic.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusIndex, type IndexData } from '../engine/corpusIndex';
import type { Corpus } from '../engine/types';
import { defaultCacheDir, readCacheEntry, writeCacheEntry } from './cacheDir';

// Bump when the file layout changes; engine changes are caught by the build stamp below.
const FORMAT = 'verbatim-corpus-cache 7'; // 7: speeches no sieve is sure of carry who may speak them (among, elsewhere)
const MAGIC = 0x56424336; // "VBC6": a SHA-256 of the whole entry ends it
// A 50 MB book's entry (UTF-16 text and index arrays) stays well below this.
const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

const ARRAYS = {
  pairKeys: Float64Array,
  wordStart: Int32Array,
  wordPostings: Float64Array,
  pairStart: Int32Array,
  pairPostings: Float64Array,
  rank: Int8Array,
  tokenCodes: Int32Array,
  rowStart: Int32Array,
  anchors: Int32Array,
  anchorStart: Int32Array,
} as const;
type ArrayName = keyof typeof ARRAYS;

// Chosen at first use, not at load: the default's folder is made and checked then.
let requested: { dir: string | undefined } | undefined;
let chosen: { dir: string | undefined } | undefined;

/** Where the cache lives (the editor's storage folder, say); undefined switches it off. */
export function setCacheDir(path: string | undefined): void {
  requested = { dir: path };
  chosen = undefined;
}

/** The folder in use; it must pass the same checks as the default (cacheDir.ts) at every read and write. */
function cacheDir(): string | undefined {
  chosen ??= { dir: requested ? requested.dir : defaultCacheDir() };
  return chosen.dir;
}

// The running build: any rebuild of the code (tokeniser, loaders, index) invalidates every entry.
// An ES module bundle (remark-verbatim.mjs) has no __filename: with no build to key by, it caches nothing.
const bundleFile: string | undefined = typeof __filename === 'string' ? __filename : undefined;
let stamp: string | undefined;
function buildStamp(): string {
  if (stamp === undefined) {
    try {
      const st = statSync(bundleFile ?? '');
      stamp = `${bundleFile} ${st.size} ${st.mtimeMs}`;
    } catch {
      stamp = String(bundleFile);
    }
  }
  return stamp;
}

export interface CacheKey {
  /** One file per corpus path and settings: a newer build or a changed file replaces the old entry. */
  file: string;
  /** What the entry must have been made from: these bytes, these settings, this build. */
  key: string;
}

/** The cache key of a corpus file's bytes loaded with the given settings (its path among them). */
export function cacheKey(bytes: Uint8Array, settings: string): CacheKey {
  const hash = () => createHash('sha256').update(FORMAT).update('\0').update(settings);
  return {
    file: hash().digest('hex').slice(0, 32) + '.bin',
    key: hash().update('\0').update(buildStamp()).update('\0').update(bytes).digest('hex'),
  };
}

/** The corpus and its index saved under `key`, or undefined (none, unreadable, or not matching). */
export function readCached({ file, key }: CacheKey): CorpusIndex | undefined {
  const dir = cacheDir();
  if (!dir || !bundleFile) return undefined;
  const buf = readCacheEntry(join(dir, file), MAX_ENTRY_BYTES);
  if (!buf) return undefined;
  try {
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return undefined;
    const headerLength = buf.readUInt32LE(4);
    const header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as {
      key: string;
      corpus: Corpus;
      textLengths: number[];
      textBytes: number;
      words: string[];
      arrays: [ArrayName, number][];
    };
    if (header.key !== key) return undefined;
    // Passage texts are one UTF-16 run after the header: copying it out and slicing is far
    // cheaper than JSON-parsing (or UTF-8 decoding) a megabyte of text.
    const textAt = align8(8 + headerLength);
    const { passages } = header.corpus;
    if (textAt + header.textBytes > buf.length || header.textLengths.length !== passages.length) return undefined;
    const texts = buf.toString('utf16le', textAt, textAt + header.textBytes);
    let from = 0;
    for (let p = 0; p < passages.length; p++) {
      const to = from + header.textLengths[p];
      if (!(to <= texts.length)) return undefined;
      passages[p].text = texts.slice(from, to);
      from = to;
    }
    if (from !== texts.length) return undefined;
    let at = align8(textAt + header.textBytes);
    const arrays: Partial<Record<ArrayName, unknown>> = {};
    for (const [name, length] of header.arrays) {
      const Kind = ARRAYS[name];
      if (!Kind || !Number.isInteger(length) || length < 0) return undefined;
      const bytes = length * Kind.BYTES_PER_ELEMENT;
      if (at + bytes > buf.length) return undefined;
      // Copied out: the file's buffer need not be aligned for the array's type.
      const copy = new Uint8Array(bytes);
      copy.set(buf.subarray(at, at + bytes));
      arrays[name] = new Kind(copy.buffer);
      at = align8(at + bytes);
    }
    for (const name of Object.keys(ARRAYS) as ArrayName[]) if (!arrays[name]) return undefined;
    return new CorpusIndex(header.corpus, { words: header.words, ...(arrays as Omit<IndexData, 'words'>) });
  } catch {
    return undefined; // corrupt: rebuilt and rewritten by the caller
  }
}

/** Saves a corpus and its index under `key`; failures (read-only disk, say) are silent. */
export function writeCached({ file, key }: CacheKey, index: CorpusIndex): void {
  const dir = cacheDir();
  if (!dir || !bundleFile) return;
  const data = index.data();
  const names = Object.keys(ARRAYS) as ArrayName[];
  const { passages } = index.corpus;
  const texts = Buffer.from(passages.map((p) => p.text).join(''), 'utf16le');
  // Texts left empty in place (the key keeps its order in every passage), stored after the header.
  const corpus = { ...index.corpus, passages: passages.map((p) => ({ ...p, text: '' })) };
  const header = Buffer.from(
    JSON.stringify({ key, corpus, textLengths: passages.map((p) => p.text.length), textBytes: texts.length, words: data.words, arrays: names.map((n) => [n, data[n].length]) }),
    'utf8',
  );
  const parts: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(header.length, 4);
  parts.push(head, header, Buffer.alloc(align8(8 + header.length) - 8 - header.length), texts);
  let at = align8(8 + header.length) + texts.length;
  for (const name of names) {
    parts.push(Buffer.alloc(align8(at) - at));
    at = align8(at);
    const a = data[name];
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    at += a.byteLength;
  }
  writeCacheEntry(join(dir, file), parts);
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
