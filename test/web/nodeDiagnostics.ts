// The Node half of `npm run test:web`'s comparison: the built Node server (server/out/server.js
// --stdio, spawned by test/helpers/lspClient.ts) opens each essay of the browser's workspace and
// answers what the web suite then asks in the browser: the diagnostics, the hover and the definition
// at the start of each diagnostic's range and just inside each opening quotation mark, the outline,
// and the text Update Works Cited makes of some essays. Settings are VS Code's defaults (package.json's contributes), pulled
// as the VS Code client is asked; the initialization options are the client's. Bundled and run by
// test/web/run.mjs, which writes the result where the web suite reads it.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApplyWorkspaceEditParams, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent, Range, TextEdit } from 'vscode-languageserver-protocol';
import { UpdateReferencesCommand } from '../../server/src/protocol';
import { startServer } from '../helpers/lspClient';

export interface NodeAnswers {
  /** The server's `serverInfo` and the Node version, for the log. */
  server: string;
  essays: Record<string, EssayAnswers>;
}

/** A place as both sides write it: a workspace file relative to the folder (`./…`), any other URI as is. */
export interface Target {
  uri: string;
  range: [number, number, number, number];
}

export interface EssayAnswers {
  diagnostics: Diagnostic[];
  hovers: { line: number; character: number; text: string | null }[];
  /** Go to definition at the same positions as the hovers. */
  definitions: { line: number; character: number; targets: Target[] }[];
  /** The outline: every symbol, depth first, its kind as LSP numbers it. */
  symbols: { name: string; detail: string | null; kind: number; range: [number, number, number, number]; depth: number }[];
  worksCited?: string;
}

const rangeArray = (r: Range): [number, number, number, number] => [r.start.line, r.start.character, r.end.line, r.end.character];

function flatten(symbols: DocumentSymbol[], depth = 0): EssayAnswers['symbols'] {
  return symbols.flatMap((s) => [{ name: s.name, detail: s.detail ?? null, kind: s.kind, range: rangeArray(s.range), depth }, ...flatten(s.children ?? [], depth + 1)]);
}

/** `text` with LSP edits applied (UTF-16 columns, as JavaScript strings count). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/** `verbatim.*` as VS Code hands it to the server with no user setting: package.json's defaults, nested. */
export function defaultSettings(root: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries<{ default?: unknown }>(manifest.contributes.configuration.properties)) {
    const path = key.split('.').slice(1);
    let at = settings;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]] = schema.default;
  }
  return settings;
}

const hoverText = (hover: Hover | null): string | null => {
  if (!hover) return null;
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((c) => (typeof c === 'string' ? c : (c as MarkupContent).value)).join('\n---\n');
};

/** One character into each diagnostic and after each opening quotation mark (curly, or straight after a space), in order. */
function hoverPositions(text: string, diagnostics: Diagnostic[]): { line: number; character: number }[] {
  const at = new Map<string, { line: number; character: number }>();
  for (const d of diagnostics) at.set(`${d.range.start.line}:${d.range.start.character + 1}`, { line: d.range.start.line, character: d.range.start.character + 1 });
  text.split('\n').forEach((lineText, line) => {
    for (const m of lineText.matchAll(/“|(?<=^|[\s(])"/g)) at.set(`${line}:${m.index! + 1}`, { line, character: m.index! + 1 });
  });
  return [...at.values()].sort((a, b) => a.line - b.line || a.character - b.character);
}

/**
 * `worksCited`: essays whose text after **Update Works Cited** (the server's workspace/applyEdit) is
 * recorded too, once their diagnostics and hovers are.
 */
export async function nodeAnswers(root: string, folder: string, essays: string[], worksCited: string[], cacheDir: string): Promise<NodeAnswers> {
  const settings = defaultSettings(root);
  const folderUri = pathToFileURL(folder).href + '/';
  const target = (l: Location): Target => ({ uri: l.uri.startsWith(folderUri) ? `./${decodeURIComponent(l.uri.slice(folderUri.length))}` : l.uri, range: rangeArray(l.range) });
  const session = await startServer({
    rootPath: folder,
    pullConfiguration: true,
    // What VS Code's client announces for the features compared.
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true }, applyEdit: true },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        definition: {},
      },
    },
    configuration: (items) => items.map((item) => (item.section === 'verbatim' ? settings : null)),
    initializationOptions: { corpusDocuments: true, statusNotifications: true, pullDiagnostics: false, trusted: true, cacheDir },
    env: { VERBATIM_CACHE_DIR: cacheDir },
  });
  try {
    const info = (session.initializeResult as { serverInfo?: { name: string; version?: string } }).serverInfo;
    const answers: NodeAnswers = { server: `${info?.name} ${info?.version} on Node ${process.version}`, essays: {} };
    for (const essay of essays) {
      const file = resolve(folder, essay);
      const uri = pathToFileURL(file).href;
      const text = readFileSync(file, 'utf8');
      const published = session.diagnostics(uri, 1);
      session.open(uri, text, 1);
      const diagnostics = await published;
      const hovers = [];
      const definitions = [];
      for (const { line, character } of hoverPositions(text, diagnostics)) {
        const position = { textDocument: { uri }, position: { line, character } };
        const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', position);
        hovers.push({ line, character, text: hoverText(hover) });
        const found = await session.connection.sendRequest<Location | Location[] | null>('textDocument/definition', position);
        definitions.push({ line, character, targets: (found ? (Array.isArray(found) ? found : [found]) : []).map(target) });
      }
      const symbols = flatten((await session.connection.sendRequest<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } })) ?? []);
      answers.essays[essay] = { diagnostics, hovers, definitions, symbols };
    }
    for (const essay of worksCited) {
      const uri = pathToFileURL(resolve(folder, essay)).href;
      const applied: ApplyWorkspaceEditParams[] = [];
      const handler = session.connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
        applied.push(p);
        return { applied: true };
      });
      await session.connection.sendRequest('workspace/executeCommand', { command: UpdateReferencesCommand, arguments: [uri] });
      handler.dispose();
      const edits = applied.flatMap((a) => [
        ...(a.edit.documentChanges ?? []).flatMap((c) => ('edits' in c && c.textDocument.uri === uri ? c.edits.filter((e): e is TextEdit => 'range' in e) : [])),
        ...(a.edit.changes?.[uri] ?? []),
      ]);
      if (edits.length === 0) throw new Error(`Update Works Cited changed nothing in ${essay}`);
      answers.essays[essay].worksCited = applyEdits(readFileSync(resolve(folder, essay), 'utf8'), edits);
    }
    return answers;
  } catch (e) {
    throw new Error(`the Node server failed: ${(e as Error).message}\n${session.stderr()}`);
  } finally {
    await session.close();
  }
}
