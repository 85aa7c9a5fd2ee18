// What the service needs from a file system, injected so that Node (node/
// nodeFileSystem.ts), the browser (web/clientFileSystem.ts, through the client)
// and the tests (memoryFileSystem.ts) each give their own. Every method but
// prepareCorpus and preload is synchronous: reading a corpus is the
// implementation's job, including its safety rules and caches. A file system
// that can only read asynchronously (the browser's) fetches in `preload` and
// `prepareCorpus`, which the service awaits before the synchronous calls.

import type { CorpusConfig } from '../engine/config';
import type { Bibliography } from '../engine/bibliography';
import type { Corpus } from '../engine/types';
import type { PathOps } from './paths';

/** Corpora from workspace files must stay inside the workspace folder. */
export interface Confinement {
  root: string;
  /** Why, for the message. */
  why: string;
}

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  mtimeMs: number;
}

/** A config file's text, or why it could not be read. */
export type ReadResult = { text: string } | { error: string };

export interface FileSystem {
  /** The path syntax of this file system's paths, and how they map to URIs. */
  readonly paths: PathOps;
  /**
   * Optional: fetches these files (their state, and the text of those that exist) so that the synchronous
   * calls that follow answer from memory. Only a file system that cannot read synchronously has it. Never rejects.
   */
  preload?(paths: readonly string[]): Promise<void>;
  /** Optional, with preload: the client said these files changed; the next preload fetches them before it answers. */
  forget?(paths: readonly string[]): void;
  /** Optional, with preload: lists the folders' Markdown files so that `markdownFiles` answers from memory. */
  preloadMarkdownFiles?(folders: readonly string[]): Promise<void>;
  /** Undefined when nothing is there. */
  stat(path: string): FileStat | undefined;
  /** A small text file (`.verbatim.json`, an essay on disk); undefined when it does not exist. */
  readText(path: string): ReadResult | undefined;
  /** The Markdown files of the folders, for workspace-wide checks (a bounded walk). */
  markdownFiles(folders: readonly string[]): { paths: string[]; skipped: number };
  /**
   * Loads a corpus file; throws CorpusError with a message naming the path. With `confine`, the file
   * opened must lie inside `confine.root` (checked on what was opened, not only on the path).
   */
  loadCorpus(path: string, entry: CorpusConfig, confine?: Confinement): Corpus;
  /**
   * Optional: does the slow part of loading a corpus off the caller's thread (Node: a worker for a
   * large book), so that the loadCorpus call that follows returns at once. Never rejects.
   */
  prepareCorpus?(path: string, entry: CorpusConfig, confine?: Confinement): Promise<void>;
  /** The built-in corpus (the Node implementation keeps it in the disk cache). */
  builtinCorpus(): Corpus;
  /**
   * Optional: the entries of the bibliography files named (relative to `base`), an earlier file's key
   * winning, and each problem (never throws). With `root`, a file outside that folder is refused.
   */
  loadBibliography?(names: readonly string[], base: string, root?: string): Bibliography;
  /** Optional: a CSL style file's XML (inside `root`), or why it is not read; `name` is as the essay wrote it. */
  readCslStyle?(path: string, name: string, root: string): string | { problem: string };
  /** Whether `path`, symlinks followed, lies outside the folder `root`. */
  escapes(path: string, root: string): boolean;
}
