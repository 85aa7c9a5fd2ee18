// The browser client's side of the server's file requests (protocol.ts:
// verbatim/fs/*): the server in its web worker has no disk, so it reads the
// workspace through vscode.workspace.fs, which serves virtual workspaces
// (vscode-vfs://, github.dev) and local folders alike.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FsFetchRequest,
  FsMarkdownFilesRequest,
  type FsFetchParams,
  type FsFetchResult,
  type FsMarkdownFilesParams,
  type FsMarkdownFilesResult,
} from '../../../server/src/protocol';

/** Bytes as base64 (the message is JSON on some transports), in chunks: no argument list too long. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Each file's state, and the bytes of a file whose state is not the one the server holds (and within its size). */
async function fetchFiles(params: FsFetchParams): Promise<FsFetchResult> {
  return Promise.all(
    params.files.map(async ({ uri, known, maxBytes }) => {
      const at = vscode.Uri.parse(uri);
      let s: vscode.FileStat;
      try {
        s = await vscode.workspace.fs.stat(at);
      } catch {
        return null;
      }
      // A symbolic link's type carries the SymbolicLink bit as well as its target's.
      const type = s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : undefined;
      if (!type) return null;
      const state = { type, size: s.size, mtime: s.mtime, ...(s.type & vscode.FileType.SymbolicLink ? { link: true } : {}) } as const;
      if (type !== 'file' || `${s.mtime}:${s.size}` === known || s.size > maxBytes) return state;
      try {
        return { ...state, base64: toBase64(await vscode.workspace.fs.readFile(at)) };
      } catch (e) {
        return { ...state, error: (e as Error).message };
      }
    }),
  );
}

async function markdownFiles(params: FsMarkdownFilesParams): Promise<FsMarkdownFilesResult> {
  const uris: string[] = [];
  for (const folder of params.folders) {
    const pattern = new vscode.RelativePattern(vscode.Uri.parse(folder), '**/*.{md,markdown}');
    // One more than the limit: whether any were left out.
    const found = await vscode.workspace.findFiles(pattern, '{**/node_modules/**,**/.*/**}', params.limit + 1 - uris.length);
    uris.push(...found.map((u) => u.toString()));
    if (uris.length > params.limit) break;
  }
  return { uris: uris.slice(0, params.limit), skipped: Math.max(0, uris.length - params.limit) };
}

/** Answers the server's file requests; before `start`. */
export function registerFileRequests(context: vscode.ExtensionContext, lc: BaseLanguageClient): void {
  context.subscriptions.push(
    lc.onRequest(FsFetchRequest.method, (p: FsFetchParams) => fetchFiles(p)),
    lc.onRequest(FsMarkdownFilesRequest.method, (p: FsMarkdownFilesParams) => markdownFiles(p)),
  );
}
