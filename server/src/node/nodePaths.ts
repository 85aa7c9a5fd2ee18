// Node's path syntax for the service (service/paths.ts): node:path and node:url,
// so that desktop paths (Windows' included) behave as they always have.

import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PathOps } from '../service/paths';

export const nodePaths: PathOps = {
  sep,
  isAbsolute,
  resolve,
  join,
  dirname,
  basename: (path) => basename(path),
  relative,
  uriToPath(uri) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  pathToUri: (path) => pathToFileURL(path).href,
  cwd: () => process.cwd(),
};
