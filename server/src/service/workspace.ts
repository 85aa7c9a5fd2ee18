// The server's view of its workspace: folders, trust, and one context per
// configuration, reused until one of its inputs changes. A context's key holds
// every input (settings, config file and its text, folder, trust), and a cached
// context is dropped when a corpus file it read has changed on disk, so a
// client that sends no file events still sees an edited or deleted corpus.

import { buildContext, configCandidates, corpusFilesChanged, findConfigUpward, planCorpora, type ContextInput, type ContextSettings, type DocContext } from './context';
import type { FileSystem } from './fileSystem';

/** How many contexts are kept (one per configuration in use; a few per workspace). */
const CONTEXT_LIMIT = 50;

export class Workspaces {
  private folders: string[] = [];
  private readonly contexts = new Map<string, DocContext>();
  private readonly reported = new Set<string>();
  private generation = 0;
  /** Workspace trust (VS Code); other clients have none, so they are trusted. */
  private trusted = true;

  constructor(
    readonly fs: FileSystem,
    private readonly settingsFor: (uri: string) => Promise<ContextSettings>,
    private readonly warn: (message: string) => void,
    private readonly cwd: () => string = () => fs.paths.cwd(),
    /** Called when a corpus was found changed on disk without a file event (the caller re-checks what is open). */
    private readonly corpusChanged: () => void = () => undefined,
  ) {}

  /** The file path a document's URI names (in this file system's syntax), if any. */
  uriToPath(uri: string): string | undefined {
    return this.fs.paths.uriToPath(uri);
  }

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map((u) => this.uriToPath(u)).filter((p): p is string => !!p);
    this.invalidate();
  }

  /** The workspace folders' paths. */
  folderPaths(): readonly string[] {
    return this.folders;
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.invalidate();
  }

  /** Forget every loaded configuration (settings, config file or corpus changed). */
  invalidate(): void {
    this.contexts.clear();
    this.generation++;
  }

  /** The workspace folder holding a path (the longest match), if any. */
  folderOf(path: string | undefined): string | undefined {
    if (!path) return this.folders[0];
    return this.folders.filter((f) => path === f || path.startsWith(f.endsWith('/') ? f : f + '/')).sort((a, b) => b.length - a.length)[0];
  }

  /** Whether a path is a corpus file some configuration in use reads (loaded or tried): a change to it matters. */
  isCorpusPath(path: string): boolean {
    for (const context of this.contexts.values()) if (context.corpusFiles.some((f) => f.path === path)) return true;
    return false;
  }

  async contextFor(uri: string): Promise<DocContext> {
    const path = this.uriToPath(uri);
    const folder = this.folderOf(path);
    const dir = path ? this.fs.paths.dirname(path) : folder;
    // A file system that reads asynchronously fetches the configs above the document and the state of
    // every corpus file a cached context read (so that a changed one is seen), all at once, while the
    // settings are asked for.
    const known = [...this.contexts.values()].flatMap((c) => c.corpusFiles.map((f) => f.path));
    const [settings] = await Promise.all([this.settingsFor(uri), this.fs.preload?.([...(dir ? configCandidates(this.fs, dir) : []), ...known])]);
    // Looked up on every check (a few stats, microseconds): editors that send no file-watch events
    // still see an edited .verbatim.json at the next keystroke. Corpora are reused via the key below.
    const config = dir ? findConfigUpward(this.fs, dir) : undefined;
    const key = JSON.stringify([settings, config?.path, config?.text, folder, this.trusted]);
    const hit = this.contexts.get(key);
    if (hit && !corpusFilesChanged(this.fs, hit)) return hit;
    if (hit) {
      // A corpus changed on disk without a file event: results made with the old text are stale too.
      this.invalidate();
      this.forgetWarnings();
      this.corpusChanged();
    }
    const input: ContextInput = { dir, folder, settings, trusted: this.trusted, confine: true, cwd: this.cwd() };
    const prepare = this.fs.prepareCorpus?.bind(this.fs);
    if (this.fs.preload) await this.fs.preload(planCorpora(this.fs, input, config).map((p) => p.path));
    if (prepare) {
      // A large book loads off this thread meanwhile: other documents and requests go on.
      await Promise.all(planCorpora(this.fs, input, config).filter((p) => !p.refused).map((p) => prepare(p.path, p.entry, p.confine)));
      const again = this.contexts.get(key);
      if (again && !corpusFilesChanged(this.fs, again)) return again;
    }
    const context = buildContext(this.fs, input, config, this.generation);
    for (const error of context.errors) this.warnOnce(error);
    // One message per saved state of a broken config (its problems are diagnostics in the file).
    const problems = config?.problems ?? [];
    if (problems.length > 0) this.warnOnce(`${config!.path}: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''} shown in the file)` : ''}`);
    if (this.contexts.size >= CONTEXT_LIMIT) this.contexts.delete(this.contexts.keys().next().value!);
    this.contexts.set(key, context);
    return context;
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warn(message);
  }

  /** Messages already shown may be shown again after the user changes something. */
  forgetWarnings(): void {
    this.reported.clear();
  }
}
