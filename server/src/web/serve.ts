// The language server as the browser runs it, on any connection: the file
// system reads through the client (or `channel`, in tests), a file found
// changed after a check re-checks everything, each folder's context is made
// ready at start, and citeproc-js comes from the URL the client gives. web/server.ts
// runs it on the web worker's message port.

import type { Connection } from 'vscode-languageserver';
import { createServer } from '../createServer';
import { CiteprocNotification, FsFetchRequest, FsMarkdownFilesRequest, type CiteprocParams } from '../protocol';
import { ClientFileSystem, type FileChannel } from './clientFileSystem';

/** The client's file requests over the connection. */
export function connectionChannel(connection: Connection): FileChannel {
  return {
    fetch: (files) => connection.sendRequest(FsFetchRequest.method, { files }),
    markdownFiles: (folders, limit) => connection.sendRequest(FsMarkdownFilesRequest.method, { folders, limit }),
  };
}

export function serveWeb(connection: Connection, channel: FileChannel = connectionChannel(connection)): ReturnType<typeof createServer> {
  let server: ReturnType<typeof createServer> | undefined;
  const fs = new ClientFileSystem(channel, () => server?.corporaChanged());
  // Read by the bundle's citeproc stand-in (scripts/esbuild-options.mjs, lazyCiteproc) when a reference is first formatted.
  const setCiteprocUrl = (url: unknown) => {
    if (typeof url === 'string' && url) (globalThis as { __verbatimCiteprocUrl?: string }).__verbatimCiteprocUrl = url;
  };
  server = createServer(connection, fs, { prepareFolders: true, setCiteprocUrl });
  connection.onNotification(CiteprocNotification.method, (p: CiteprocParams | undefined) => setCiteprocUrl(p?.url));
  return server;
}
