// A minimal LSP client for protocol tests: spawns the real server
// (`node server/out/server.js --stdio`), or runs it in this process on an
// in-memory file system (startInProcess), and awaits what it publishes, never a
// fixed sleep.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import * as server from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createServer, type ServerOptions } from '../../server/src/createServer';
import type { FileSystem } from '../../server/src/service/fileSystem';

export const SERVER = resolve(__dirname, '../../../server/out/server.js');

/** A session with a server, spawned or in process. */
export interface BaseSession {
  connection: ProtocolConnection;
  stderr: () => string;
  /** Resolves with the next diagnostics for `uri` (at `version`, if given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  close(): Promise<void>;
  /** Notifications of a method received so far. */
  received(method: string): unknown[];
  /** Every publishDiagnostics received so far for a URI, in order. */
  published(uri: string): PublishDiagnosticsParams[];
  /** What the server answered to initialize. */
  initializeResult: unknown;
}

export interface StartOptions {
  rootPath?: string;
  /** The workspace folder's URI when it is no file on disk (a virtual workspace: vscode-vfs://…); instead of rootPath. */
  rootUri?: string;
  settings?: Record<string, unknown>;
  /** Answer workspace/configuration requests (as VS Code does) instead of pushing settings. */
  pullConfiguration?: boolean;
  /** Extra `initializationOptions` (e.g. `corpusDocuments`). */
  initializationOptions?: Record<string, unknown>;
  /** Extra environment variables for the server process (e.g. VERBATIM_CACHE_DIR). */
  env?: Record<string, string>;
  /** Extra client capabilities under `workspace` (e.g. didChangeWatchedFiles). */
  workspaceCapabilities?: Record<string, unknown>;
  /** Answers workspace/configuration (default: the settings at once). */
  configuration?: (items: { section?: string; scopeUri?: string }[]) => unknown;
  /** Extra workspace folders besides rootPath. */
  folders?: string[];
  /** A command that runs the server for another user, e.g. `['setpriv', '--reuid=1001', …, '--']`. */
  runAs?: string[];
  /** Announce `workspace.workspaceEdit.documentChanges` (versioned edits), as VS Code and Neovim do; default true. */
  versionedEdits?: boolean;
  /**
   * The whole `capabilities` object, sent as is (a plain client: eglot, ALE, Helix). Default: what
   * VS Code announces for the features under test (snippets, Markdown, versioned edits).
   */
  capabilities?: Record<string, unknown>;
}

/** A session with a spawned server process. */
export type Session = BaseSession & { process: ChildProcessWithoutNullStreams };

export async function startServer(options: StartOptions = {}): Promise<Session> {
  const [command, ...args] = [...(options.runAs ?? []), process.execPath, SERVER, '--stdio'];
  const child = spawn(command, args, { stdio: 'pipe', env: options.env && { ...process.env, ...options.env } });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return (await session(connection, options, () => err, child, async () => {
    try {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } catch {
      // already gone
    }
    connection.dispose();
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 2000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  })) as Session;
}

/**
 * The same server in this process, on the given file system: for feature tests that need no disk.
 * Closing it shuts it down without `exit` (which would end this process).
 */
export async function startInProcess(fs: FileSystem, options: StartOptions & { server?: ServerOptions } = {}): Promise<BaseSession> {
  return startInProcessWith((connection) => createServer(connection, fs, options.server), options);
}

/** The same, with the server set up on the connection by `serve` (the browser build's web/serve.ts). */
export async function startInProcessWith(serve: (connection: server.Connection) => void, options: StartOptions = {}): Promise<BaseSession> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = server.createConnection(server.ProposedFeatures.all, new server.StreamMessageReader(toServer), new server.StreamMessageWriter(toClient));
  serve(serverConnection);
  serverConnection.listen();
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const s: BaseSession = await session(connection, options, () => s.received('window/logMessage').map((m) => (m as { message: string }).message).join('\n'), undefined, async () => {
    await connection.sendRequest('shutdown');
    connection.dispose();
    serverConnection.dispose();
  });
  return s;
}

export async function session(connection: ProtocolConnection, options: StartOptions, stderr: () => string, child: ChildProcessWithoutNullStreams | undefined, close: () => Promise<void>): Promise<BaseSession & { process?: ChildProcessWithoutNullStreams }> {
  const err = { get text() { return stderr(); } };
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  const notes = new Map<string, unknown[]>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  // The catch-all handler (any method) is in vscode-jsonrpc but not in ProtocolConnection's types.
  (connection as unknown as { onNotification(h: (method: string, params: unknown) => void): void }).onNotification((method, params) => {
    if (!notes.has(method)) notes.set(method, []);
    notes.get(method)!.push(params);
  });
  connection.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => (options.configuration ? options.configuration(p.items) : p.items.map(() => options.settings ?? {})));
  // Registrations are kept with the notifications, so tests can see what the server asked for.
  connection.onRequest('client/registerCapability', (p: unknown) => {
    if (!notes.has('client/registerCapability')) notes.set('client/registerCapability', []);
    notes.get('client/registerCapability')!.push(p);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const rootUri = options.rootUri ?? (options.rootPath ? pathToFileURL(options.rootPath).href : null);
  const folders = [...(rootUri ? [rootUri] : []), ...(options.folders ?? []).map((f) => pathToFileURL(f).href)];
  const initializeResult = await connection.sendRequest('initialize', {
    // In process, no pid: the server would watch it (and keep this process alive).
    processId: child ? process.pid : null,
    rootUri,
    workspaceFolders: folders.length > 0 ? folders.map((uri, i) => ({ uri, name: i === 0 && rootUri ? 'root' : `folder${i}` })) : null,
    capabilities: options.capabilities ?? {
      workspace: { configuration: !!options.pullConfiguration, workspaceEdit: { documentChanges: options.versionedEdits ?? true }, ...options.workspaceCapabilities },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
    initializationOptions: { ...(options.pullConfiguration ? {} : { settings: options.settings ?? {} }), ...options.initializationOptions },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    initializeResult,
    process: child,
    stderr: () => err.text,
    diagnostics(uri, version) {
      return new Promise((resolve) => waiters.push({ uri, version, resolve }));
    },
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
    },
    change(uri, version, text) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    received(method) {
      return notes.get(method) ?? [];
    },
    published(uri) {
      return published.filter((p) => p.uri === uri);
    },
    close,
  };
}

/** Opens a document and awaits its first diagnostics. */
export async function openAndCheck(session: BaseSession, uri: string, text: string): Promise<Diagnostic[]> {
  const pending = session.diagnostics(uri, 1);
  session.open(uri, text, 1);
  return pending;
}
