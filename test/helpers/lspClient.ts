// A minimal LSP client for protocol tests: spawns the real server
// (`node server/out/server.js --stdio`) and awaits what it publishes, never a
// fixed sleep.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = resolve(__dirname, '../../../server/out/server.js');

export interface Session {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** Resolves with the next diagnostics for `uri` (at `version`, if given). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  close(): Promise<void>;
  /** Notifications of a method received so far. */
  received(method: string): unknown[];
}

export interface StartOptions {
  rootPath?: string;
  settings?: Record<string, unknown>;
  /** Answer workspace/configuration requests (as VS Code does) instead of pushing settings. */
  pullConfiguration?: boolean;
  /** Extra `initializationOptions` (e.g. `corpusDocuments`). */
  initializationOptions?: Record<string, unknown>;
  /** Extra environment variables for the server process (e.g. VERBATIM_CACHE_DIR). */
  env?: Record<string, string>;
  /** A command that runs the server for another user, e.g. `['setpriv', '--reuid=1001', …, '--']`. */
  runAs?: string[];
  /** Announce `workspace.workspaceEdit.documentChanges` (versioned edits), as VS Code and Neovim do; default true. */
  versionedEdits?: boolean;
}

export async function startServer(options: StartOptions = {}): Promise<Session> {
  const [command, ...args] = [...(options.runAs ?? []), process.execPath, SERVER, '--stdio'];
  const child = spawn(command, args, { stdio: 'pipe', env: options.env && { ...process.env, ...options.env } });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
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
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => options.settings ?? {}));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const rootUri = options.rootPath ? pathToFileURL(options.rootPath).href : null;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
    capabilities: {
      workspace: { configuration: !!options.pullConfiguration, workspaceEdit: { documentChanges: options.versionedEdits ?? true } },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: { ...(options.pullConfiguration ? {} : { settings: options.settings ?? {} }), ...options.initializationOptions },
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    stderr: () => err,
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
    async close() {
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
    },
  };
}

/** Opens a document and awaits its first diagnostics. */
export async function openAndCheck(session: Session, uri: string, text: string): Promise<Diagnostic[]> {
  const pending = session.diagnostics(uri, 1);
  session.open(uri, text, 1);
  return pending;
}
