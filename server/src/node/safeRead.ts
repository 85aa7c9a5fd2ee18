// Reading a file whose path someone else may control (a workspace's config and
// corpora, a cache entry): the decision is made on the opened handle, so a file
// swapped between a check and the read cannot win, and nothing can block or
// grow without bound. FIFOs open without blocking (O_NONBLOCK) and are refused
// by fstat like devices and sockets; a regular file is read up to a limit.

import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export type RefusalKind = 'missing' | 'folder' | 'special' | 'link' | 'foreign' | 'too-large' | 'unreadable';

export interface Refusal {
  kind: RefusalKind;
  /** Completes "<path> …": `is a FIFO (named pipe), not a regular file`. */
  reason: string;
}

export interface OpenOptions {
  maxBytes: number;
  /** Refuse a symbolic link as the last part of the path (cache entries). */
  noFollow?: boolean;
  /** Refuse a file that is not the user's own or that others may write (cache entries). */
  ownOnly?: boolean;
}

export interface Opened {
  fd: number;
  stat: Stats;
}

// Windows has neither flag; a FIFO cannot be made there.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && 'kind' in x && 'reason' in x;
}

/** A size in the unit of the limit it is compared with: `50.0 MB` against `50 MB`, `2.0 KB` against `1 KB`. */
function sizeText(bytes: number, maxBytes: number): string {
  return maxBytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function limitText(maxBytes: number): string {
  return maxBytes >= 1048576 ? `${Math.round(maxBytes / 1048576)} MB` : `${Math.round(maxBytes / 1024)} KB`;
}

function special(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Opens `path` for reading and checks the handle; the caller closes `fd` (or uses readRegularFile). */
export function openRegular(path: string, options: OpenOptions): Opened | Refusal {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK | (options.noFollow ? NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', reason: 'does not exist' };
    if (code === 'ELOOP' || (code === 'EMLINK' && options.noFollow)) return { kind: 'link', reason: 'is a symbolic link' };
    // A socket (or a device with no driver) cannot be opened at all.
    if (code === 'ENXIO' || code === 'ENODEV' || code === 'EOPNOTSUPP') return { kind: 'special', reason: 'is a socket or device, not a regular file' };
    return { kind: 'unreadable', reason: `could not be read: ${(e as Error).message}` };
  }
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch (e) {
    closeSync(fd);
    return { kind: 'unreadable', reason: `could not be read: ${(e as Error).message}` };
  }
  const refusal = checkOpened(stat, options);
  if (refusal) {
    closeSync(fd);
    return refusal;
  }
  return { fd, stat };
}

function checkOpened(st: Stats, options: OpenOptions): Refusal | undefined {
  if (st.isDirectory()) return { kind: 'folder', reason: 'is a folder, not a file' };
  if (!st.isFile()) return { kind: 'special', reason: `is ${special(st)}, not a regular file` };
  if (options.ownOnly && typeof process.getuid === 'function') {
    if (st.uid !== process.getuid()) return { kind: 'foreign', reason: `belongs to uid ${st.uid}, not to you (uid ${process.getuid()})` };
    if ((st.mode & 0o022) !== 0) return { kind: 'foreign', reason: `may be written by others (mode ${(st.mode & 0o777).toString(8)})` };
  }
  if (st.size > options.maxBytes) return { kind: 'too-large', reason: `is too large (${sizeText(st.size, options.maxBytes)}; the limit is ${limitText(options.maxBytes)})` };
  return undefined;
}

/** Found while reading: the file grew since fstat, or (like /proc files) never said its size. */
function tooLarge(maxBytes: number): Refusal {
  return { kind: 'too-large', reason: `is too large (more than the limit of ${limitText(maxBytes)})` };
}

/** Reads the whole of an opened file, never more than `maxBytes` (a file may grow after fstat). */
export function readOpened({ fd, stat }: Opened, maxBytes: number): Buffer | Refusal {
  let buf = Buffer.allocUnsafe(Math.min(Math.max(stat.size, 0), maxBytes) + 1);
  let length = 0;
  try {
    for (;;) {
      if (length === buf.length) {
        if (length > maxBytes) return tooLarge(maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(Math.max(buf.length * 2, 65536), maxBytes + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
  } catch (e) {
    return { kind: 'unreadable', reason: `could not be read: ${(e as Error).message}` };
  }
  if (length > maxBytes) return tooLarge(maxBytes);
  return buf.subarray(0, length);
}

/** The bytes of a regular file within `maxBytes`, with the handle's stats, or why not. */
export function readRegularFile(path: string, options: OpenOptions): { bytes: Buffer; stat: Stats } | Refusal {
  const opened = openRegular(path, options);
  if (isRefusal(opened)) return opened;
  try {
    const bytes = readOpened(opened, options.maxBytes);
    return isRefusal(bytes) ? bytes : { bytes, stat: opened.stat };
  } finally {
    closeSync(opened.fd);
  }
}
