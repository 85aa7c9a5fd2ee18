// Path syntax, injected with the FileSystem: Node's own (node/nodePaths.ts:
// node:path and node:url, Windows included) or the pure one here, for the
// browser and the in-memory file system. Here a path is a POSIX path ("/a/b",
// a file: URI's path) or a URI's origin and path ("vscode-vfs://github/o/r/a"),
// so that a virtual workspace's files have paths the service can resolve,
// compare and confine exactly like files on disk.

export interface PathOps {
  readonly sep: string;
  isAbsolute(path: string): boolean;
  resolve(...parts: string[]): string;
  join(...parts: string[]): string;
  dirname(path: string): string;
  basename(path: string): string;
  relative(from: string, to: string): string;
  /** The path a document's URI names, or undefined when it names no file (untitled:, a virtual document). */
  uriToPath(uri: string): string | undefined;
  pathToUri(path: string): string;
  /** Where relative setting paths resolve when there is no folder. */
  cwd(): string;
}

const ORIGIN = /^([a-zA-Z][\w+.-]*:\/\/[^/?#]*)(.*)$/s;

/** A path's origin ("" for a POSIX path, "scheme://authority" for a URI's) and its POSIX part. */
function split(path: string): { origin: string; rest: string } {
  const m = ORIGIN.exec(path);
  return m ? { origin: m[1], rest: m[2] || '/' } : { origin: '', rest: path };
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Every character but the unreserved ones and "/" percent-encoded, as VS Code's URIs print a path. */
function encodePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~/]/gu, (ch) => encodeURIComponent(ch));
}

export const uriPaths: PathOps = {
  sep: '/',
  isAbsolute: (path) => path.startsWith('/') || ORIGIN.test(path),
  resolve(...parts) {
    let origin = '';
    let rest = '';
    for (let i = parts.length - 1; i >= 0; i--) {
      const p = split(parts[i]);
      rest = rest ? `${p.rest}/${rest}` : p.rest;
      if (p.origin || p.rest.startsWith('/')) {
        origin = p.origin;
        return origin + normalize(rest);
      }
    }
    return normalize('/' + rest);
  },
  join(...parts) {
    if (parts.length === 0) return '.';
    const first = split(parts[0]);
    const joined = [first.rest, ...parts.slice(1)].filter((p) => p !== '').join('/');
    const absolute = first.origin !== '' || joined.startsWith('/');
    const normal = normalize(joined);
    return first.origin + (absolute ? normal : normal.slice(1) || '.');
  },
  dirname(path) {
    const { origin, rest } = split(path);
    const trimmed = rest.length > 1 ? rest.replace(/\/+$/, '') : rest;
    const at = trimmed.lastIndexOf('/');
    if (at < 0) return origin || '.';
    return origin + (at === 0 ? '/' : trimmed.slice(0, at));
  },
  basename(path) {
    const rest = split(path).rest.replace(/\/+$/, '');
    return rest.slice(rest.lastIndexOf('/') + 1);
  },
  relative(from, to) {
    const a = split(uriPaths.resolve(from));
    const b = split(uriPaths.resolve(to));
    // Another origin (another repository, another scheme) is no relative path: the target itself.
    if (a.origin !== b.origin) return b.origin + b.rest;
    const x = a.rest.split('/').filter(Boolean);
    const y = b.rest.split('/').filter(Boolean);
    let common = 0;
    while (common < x.length && common < y.length && x[common] === y[common]) common++;
    return [...x.slice(common).map(() => '..'), ...y.slice(common)].join('/');
  },
  uriToPath(uri) {
    const m = /^([a-zA-Z][\w+.-]*):\/\/([^/?#]*)([^?#]*)$/s.exec(uri);
    if (!m) return undefined;
    let path: string;
    try {
      path = decodeURIComponent(m[3] || '/');
    } catch {
      return undefined;
    }
    const scheme = m[1].toLowerCase();
    // A file: URI's path is the path on disk; any other names its origin too.
    return scheme === 'file' && m[2] === '' ? path : `${scheme}://${m[2]}${path}`;
  },
  pathToUri(path) {
    const { origin, rest } = split(path);
    return (origin || 'file://') + encodePath(rest);
  },
  cwd: () => '/',
};

/** Whether `path` lies outside the folder `root`, by the paths alone (no links to follow). */
export function escapesLexically(paths: PathOps, path: string, root: string): boolean {
  const rel = paths.relative(paths.resolve(root), paths.resolve(path));
  return rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || paths.isAbsolute(rel);
}
