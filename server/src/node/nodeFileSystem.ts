// The service's file system on Node: the disk, read through corpusFiles.ts
// (its size limits and safe reads) and the corpus caches.

import { readFileSync, statSync } from 'node:fs';
import type { FileSystem, FileStat, ReadResult } from '../service/fileSystem';
import { isConfigPath } from '../service/context';
import { cachedBuiltinCorpus, escapes, loadCorpusFile, readConfigFile } from './corpusFiles';
import { markdownFiles } from './workspaceFiles';

/** Essays on disk larger than this (bytes) are not read at all. */
const MAX_ESSAY_BYTES = 10 * 1024 * 1024;

function stat(path: string): FileStat | undefined {
  try {
    const st = statSync(path);
    return { isFile: st.isFile(), isDirectory: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

export const nodeFileSystem: FileSystem = {
  stat,
  readText(path: string): ReadResult | undefined {
    if (isConfigPath(path)) {
      const file = readConfigFile(path);
      if (!file) return undefined;
      // readConfigFile reports a failed read as its only problem, with no text.
      const failed = file.text === '' && file.problems.length > 0;
      return failed ? { error: file.problems[0].message } : { text: file.text };
    }
    const st = stat(path);
    if (!st) return undefined;
    if (!st.isFile || st.size > MAX_ESSAY_BYTES) return { error: `${path} is not a file of at most ${MAX_ESSAY_BYTES} bytes` };
    try {
      return { text: readFileSync(path, 'utf8') };
    } catch (e) {
      return { error: `${path} could not be read: ${(e as Error).message}` };
    }
  },
  markdownFiles: (folders) => markdownFiles(folders),
  loadCorpus: loadCorpusFile,
  builtinCorpus: cachedBuiltinCorpus,
  escapes,
};
