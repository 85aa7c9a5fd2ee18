// A web client's workspace in memory, for the browser build's file system
// (server/src/web/clientFileSystem.ts): URI → bytes and time, answering the
// verbatim/fs/* requests as web/fileRequests.ts does with vscode.workspace.fs,
// and counting what it is asked.

import type { FsReadFileResult, FsStatResult } from '../../server/src/protocol';
import { uriPaths as p } from '../../server/src/service/paths';
import type { FileChannel } from '../../server/src/web/clientFileSystem';

/** A client's workspace in memory: URI → bytes and time; counts the requests. */
export function fakeClient(files: Record<string, string | Uint8Array>) {
  const store = new Map<string, { bytes: Uint8Array; mtime: number }>();
  const calls = { stat: 0, statUris: 0, read: [] as string[], fail: false };
  const put = (path: string, content: string | Uint8Array, mtime = 1) => store.set(p.pathToUri(path), { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtime });
  for (const [path, content] of Object.entries(files)) put(path, content);
  const channel: FileChannel = {
    async stat(uris): Promise<FsStatResult> {
      if (calls.fail) throw new Error('the client went away');
      calls.stat++;
      calls.statUris += uris.length;
      return uris.map((u) => {
        const f = store.get(u);
        if (f) return { type: 'file', size: f.bytes.length, mtime: f.mtime };
        return [...store.keys()].some((k) => k.startsWith(u.endsWith('/') ? u : u + '/')) ? { type: 'directory', size: 0, mtime: 0 } : null;
      });
    },
    async readFile(uri): Promise<FsReadFileResult> {
      calls.read.push(uri);
      const f = store.get(uri);
      return f ? { base64: Buffer.from(f.bytes).toString('base64') } : { error: 'EntryNotFound (FileSystemError)' };
    },
    async markdownFiles(folders, limit) {
      const uris = [...store.keys()].filter((u) => folders.some((f) => u.startsWith(f + '/')) && /\.(md|markdown)$/.test(u)).sort();
      return { uris: uris.slice(0, limit), skipped: Math.max(0, uris.length - limit) };
    },
  };
  return { channel, calls, put };
}

