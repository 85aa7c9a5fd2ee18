// `verbatim.addSource`: a corpus file added to the essay's `.verbatim.json` as a workspace edit (the
// file extended with jsonc-parser's modify, keeping its comments and layout, or created), with the
// title and author the file gives. The server reads only through the service's FileSystem.

import { applyEdits, findNodeAtLocation, modify, parse, parseTree, type Edit, type ParseError } from 'jsonc-parser';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceMetadata } from '../engine/sourceMetadata';
import { CONFIG_FILE, configCandidates, findConfigUpward } from '../service/context';
import type { FileSystem } from '../service/fileSystem';

export type AddSourceOutcome = { kind: 'edit'; edit: WorkspaceEdit; configUri: string; entry: { path: string; title?: string; author?: string } } | { kind: 'problem'; message: string };

/**
 * The edit that adds `source` to the config governing `essayPath` (or creates `.verbatim.json` in
 * `folder`). `openText` gives the text of an open config, which may be newer than the disk's.
 */
/** The files addSourceEdit reads (a file system with `preload` fetches them first). */
export function addSourceFiles(fs: FileSystem, essayPath: string, source: string): string[] {
  return [fs.paths.resolve(fs.paths.dirname(essayPath), source), ...configCandidates(fs, fs.paths.dirname(essayPath))];
}

export function addSourceEdit(fs: FileSystem, essayPath: string, folder: string | undefined, source: string, openText: (path: string) => string | undefined): AddSourceOutcome {
  const { basename, dirname, join, relative, resolve, sep } = fs.paths;
  const sourcePath = resolve(dirname(essayPath), source);
  const stat = fs.stat(sourcePath);
  if (!stat) return { kind: 'problem', message: `${sourcePath} does not exist` };
  const found = findConfigUpward(fs, dirname(essayPath));
  // A config above the workspace folder is not ours to change: a new one goes in the folder.
  const inside = found && (!folder || !relative(folder, dirname(found.path)).startsWith('..'));
  const configPath = inside ? found.path : join(folder ?? dirname(essayPath), CONFIG_FILE);
  const read = fs.readText(sourcePath);
  const meta = sourceMetadata(read && 'text' in read ? read.text : '', basename(sourcePath));
  const path = relative(dirname(configPath), sourcePath).split(sep).join('/');
  const entry = { path, ...(meta.title ? { title: meta.title } : {}), ...(meta.author ? { author: meta.author } : {}) };
  const configUri = fs.paths.pathToUri(configPath);
  if (!inside) {
    const text = JSON.stringify({ corpora: [entry] }, null, 2) + '\n';
    return {
      kind: 'edit',
      configUri,
      entry,
      edit: { documentChanges: [{ kind: 'create', uri: configUri, options: { ignoreIfExists: true } }, { textDocument: { uri: configUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }] },
    };
  }
  const text = openText(configPath) ?? found.text;
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true }) as { corpora?: unknown } | undefined;
  if (errors.length > 0 || !value || typeof value !== 'object') return { kind: 'problem', message: `${configPath} is not valid JSON; fix it first` };
  const corpora = Array.isArray(value.corpora) ? value.corpora : [];
  const already = corpora.some((c) => (typeof c === 'string' ? c : (c as { path?: unknown })?.path) === path);
  if (already) return { kind: 'problem', message: `${path} is already a source in ${configPath}` };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const appended = appendLikeLast(text, entry, eol);
  const edits =
    appended ??
    modify(text, ['corpora', Array.isArray(value.corpora) ? corpora.length : 0], entry, {
      isArrayInsertion: true,
      formattingOptions: { insertSpaces: true, tabSize: 2, eol },
    });
  const doc = TextDocument.create(configUri, 'json', 0, text);
  // One replacement of the whole file keeps the positions simple and the result exact.
  const newText = applyEdits(text, Array.isArray(value.corpora) || appended ? edits : modify(text, ['corpora'], [entry], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  return { kind: 'edit', configUri, entry, edit: { changes: { [configUri]: [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, newText }] } } };
}

/**
 * The entry written after the list's last one, in that one's layout: on one line if it is on one line,
 * else one key a line at its indentation. (jsonc-parser's modify re-formats the line it inserts on,
 * which would spread the writer's one-line entry over several.) Undefined for an empty or missing list.
 */
function appendLikeLast(text: string, entry: Record<string, string>, eol: string): Edit[] | undefined {
  const tree = parseTree(text);
  const list = tree && findNodeAtLocation(tree, ['corpora']);
  const last = list?.type === 'array' ? list.children?.at(-1) : undefined;
  if (!last) return undefined;
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const indent = text.slice(lineStart, last.offset);
  // Only where the last entry starts its own line (else modify's layout is as good as any).
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const lastText = text.slice(last.offset, last.offset + last.length);
  const pairs = Object.entries(entry).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  let written: string;
  if (!lastText.includes('\n')) written = `{ ${pairs.join(', ')} }`;
  else {
    const inner = /\n([ \t]*)"/.exec(lastText)?.[1] ?? `${indent}  `;
    written = `{${eol}${pairs.map((p) => inner + p).join(`,${eol}`)}${eol}${indent}}`;
  }
  return [{ offset: last.offset + last.length, length: 0, content: `,${eol}${indent}${written}` }];
}
