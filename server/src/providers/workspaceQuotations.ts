// The checked quotations of the whole workspace: open documents as they stand
// in the editor, and the Markdown files of the workspace folders as they are on
// disk (read lazily when asked, bounded in number and size, reused until the
// file or the configuration changes).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { encodedDocument, type PositionEncoding } from '../positions';
import type { FileSystem } from '../service/fileSystem';
import type { Workspaces } from '../service/workspace';
import { isConfigFile, type Checked, type DiagnosticsProvider } from './diagnostics';

export interface CheckedFile {
  doc: TextDocument;
  checked: Checked;
  /** Open in the editor (its diagnostics are the editor's). */
  open: boolean;
}

export class WorkspaceQuotations {
  private readonly files = new Map<string, { mtimeMs: number; size: number; generation: number; file: CheckedFile }>();
  private lastSkipped = 0;

  constructor(
    private readonly diagnostics: DiagnosticsProvider,
    private readonly workspaces: Workspaces,
    private readonly openDocuments: () => TextDocument[],
    private readonly fs: FileSystem,
    /** The client's position encoding: ranges in unopened files count the same way. */
    private readonly encoding: () => PositionEncoding = () => 'utf-16',
  ) {}

  /** Every checked file, open documents first; yields to the event loop between files. */
  async *all(): AsyncGenerator<CheckedFile> {
    const openUris = new Set<string>();
    for (const doc of this.openDocuments()) {
      if (isConfigFile(doc.uri)) continue;
      openUris.add(doc.uri);
      const checked = await this.diagnostics.current(doc);
      if (checked) yield { doc, checked, open: true };
    }
    const openPaths = new Set([...openUris].map((u) => this.workspaces.uriToPath(u)).filter(Boolean));
    await this.fs.preloadMarkdownFiles?.(this.workspaces.folderPaths());
    const found = this.fs.markdownFiles(this.workspaces.folderPaths());
    this.lastSkipped = found.skipped;
    for (const path of found.paths) {
      if (openPaths.has(path)) continue;
      await new Promise((resolve) => setImmediate(resolve));
      const file = await this.fromDisk(path);
      if (file) yield file;
    }
  }

  /** How many Markdown files the last walk left out (past its limit). */
  skipped(): number {
    return this.lastSkipped;
  }

  private async fromDisk(path: string): Promise<CheckedFile | undefined> {
    await this.fs.preload?.([path]);
    const st = this.fs.stat(path);
    if (!st) return undefined;
    const uri = this.fs.paths.pathToUri(path);
    const generation = (await this.workspaces.contextFor(uri)).generation;
    const hit = this.files.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && hit.generation === generation) return hit.file;
    const read = this.fs.readText(path);
    if (!read || 'error' in read) return undefined;
    const text = read.text;
    const doc = encodedDocument(uri, 'markdown', text, this.encoding());
    const file: CheckedFile = { doc, checked: await this.diagnostics.checkText(uri, text), open: false };
    this.files.set(path, { mtimeMs: st.mtimeMs, size: st.size, generation: file.checked.context.generation, file });
    return file;
  }
}
