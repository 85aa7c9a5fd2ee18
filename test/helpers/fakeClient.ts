// A web client's workspace in memory, for the browser build's file system
// (server/src/web/clientFileSystem.ts): URI → bytes and time, answering the
// verbatim/fs/* requests as web/fileRequests.ts does with vscode.workspace.fs,
// and counting what it is asked.

import type { FsFetchResult } from '../../server/src/protocol';
import { uriPaths as p } from '../../server/src/service/paths';
import type { FileChannel } from '../../server/src/web/clientFileSystem';

/** A client's workspace in memory: URI → bytes and time; counts the requests. */
export function fakeClient(files: Record<string, string | Uint8Array>) {
  const store = new Map<string, { bytes: Uint8Array; mtime: number }>();
  /** `gate`: awaited before each file's bytes are sent (a test may hold them back); `links`: URIs said to be symbolic links. */
  const calls = { fetch: 0, files: 0, read: [] as string[], fail: false, gate: async () => undefined as void, links: new Set<string>() };
  const put = (path: string, content: string | Uint8Array, mtime = 1) => store.set(p.pathToUri(path), { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtime });
  for (const [path, content] of Object.entries(files)) put(path, content);
  const channel: FileChannel = {
    async fetch(files): Promise<FsFetchResult> {
      if (calls.fail) throw new Error('the client went away');
      calls.fetch++;
      calls.files += files.length;
      return Promise.all(
        files.map(async ({ uri, known, maxBytes }) => {
          const f = store.get(uri);
          const link = calls.links.has(uri) ? { link: true } : {};
          if (!f) return [...store.keys()].some((k) => k.startsWith(uri.endsWith('/') ? uri : uri + '/')) ? { type: 'directory' as const, size: 0, mtime: 0, ...link } : null;
          const state = { type: 'file' as const, size: f.bytes.length, mtime: f.mtime, ...link };
          if (`${f.mtime}:${f.bytes.length}` === known || f.bytes.length > maxBytes) return state;
          await calls.gate();
          calls.read.push(uri);
          return { ...state, base64: Buffer.from(f.bytes).toString('base64') };
        }),
      );
    },
    async markdownFiles(folders, limit) {
      const uris = [...store.keys()].filter((u) => folders.some((f) => u.startsWith(f + '/')) && /\.(md|markdown)$/.test(u)).sort();
      return { uris: uris.slice(0, limit), skipped: Math.max(0, uris.length - limit) };
    },
  };
  return { channel, calls, put };
}

