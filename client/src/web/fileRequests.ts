// The browser client's side of the server's file requests (protocol.ts:
// verbatim/fs/*): the server in its web worker has no disk, so it reads the
// workspace through vscode.workspace.fs, which serves virtual workspaces
// (vscode-vfs://, github.dev) and local folders alike.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FsMarkdownFilesRequest,
  FsReadFileRequest,
  FsStatRequest,
  type FsMarkdownFilesParams,
  type FsMarkdownFilesResult,
  type FsReadFileParams,
  type FsReadFileResult,
  type FsStatParams,
  type FsStatResult,
} from '../../../server/src/protocol';

/** Bytes as base64 (the message is JSON on some transports), in chunks: no argument list too long. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function stat(params: FsStatParams): Promise<FsStatResult> {
  return Promise.all(
    params.uris.map(async (uri) => {
      try {
        const s = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
        // A symbolic link's type carries the SymbolicLink bit as well as its target's.
        const type = s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : undefined;
        return type ? { type, size: s.size, mtime: s.mtime } : null;
      } catch {
        return null;
      }
    }),
  );
}

async function readFile(params: FsReadFileParams): Promise<FsReadFileResult> {
  try {
    return { base64: toBase64(await vscode.workspace.fs.readFile(vscode.Uri.parse(params.uri))) };
  } catch (e) {
    return { error: (e as Error).message };
  }
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
    lc.onRequest(FsStatRequest.method, (p: FsStatParams) => stat(p)),
    lc.onRequest(FsReadFileRequest.method, (p: FsReadFileParams) => readFile(p)),
    lc.onRequest(FsMarkdownFilesRequest.method, (p: FsMarkdownFilesParams) => markdownFiles(p)),
  );
}
