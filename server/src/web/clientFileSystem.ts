// The service's file system in the browser: the language server runs in a web
// worker with no disk, so it asks the client (protocol.ts: verbatim/fs/fetch,
// verbatim/fs/markdownFiles), which answers with vscode.workspace.fs, virtual
// workspaces included. The service awaits `preload` before it reads; the
// synchronous calls then answer from what was fetched. One request fetches
// every file's state and the bytes of those that changed (each round trip to a
// remote workspace counts at the first check); corpora are kept in memory,
// parsed and indexed once per state.
// Paths are service/paths.ts's: POSIX for file: URIs, origin and path for others.

import { builtinCorpus } from '../engine/builtin';
import type { Bibliography } from '../engine/bibliography';
import type { CorpusConfig } from '../engine/config';
import { corpusFromBytes } from '../engine/formats/fromBytes';
import { CorpusError } from '../engine/loaders';
import type { Corpus } from '../engine/types';
import type { FsFetchParams, FsFetchResult, FsMarkdownFilesResult } from '../protocol';
import { bibliographyFromFiles, cslStyleFromFile, type TextRead } from '../service/bibliography';
import { isConfigPath } from '../service/context';
import type { Confinement, FileStat, FileSystem, ReadResult } from '../service/fileSystem';
import { escapesLexically, uriPaths } from '../service/paths';

/** The client's answers (a connection in the worker, a fake in the tests). */
export interface FileChannel {
  fetch(files: FsFetchParams['files']): Promise<FsFetchResult>;
  markdownFiles(folders: string[], limit: number): Promise<FsMarkdownFilesResult>;
}

/** The Node build's limits (node/corpusFiles.ts, nodeFileSystem.ts), so a file is refused alike. */
export const MAX_CORPUS_BYTES = 50 * 1024 * 1024;
const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_TEXT_BYTES = 10 * 1024 * 1024;
const MAX_WORKSPACE_FILES = 2000;

/** Why a PDF is not read here: pdf.js needs a worker of its own, which the browser build does not ship. */
export const PDF_IN_BROWSER = 'is a PDF: PDF editions are read only by Verbatim in desktop VS Code (or the CLI); in the browser, add the book as EPUB, HTML or text';

interface Entry {
  stat: FileStat | undefined;
  /** A symbolic link (its target's state is `stat`). */
  link?: boolean;
  /** The bytes as of `stat` (undefined: not read, or could not be). */
  bytes?: Uint8Array;
  error?: string;
}

const stampOf = (stat: FileStat) => `${stat.mtimeMs}:${stat.size}`;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sizeLimit(path: string): number {
  return isConfigPath(path) ? MAX_CONFIG_BYTES : MAX_CORPUS_BYTES;
}

function tooLarge(limit: number): string {
  return `is too large (the limit is ${limit / 1024 / 1024} MB)`;
}

export class ClientFileSystem implements FileSystem {
  readonly paths = uriPaths;
  private readonly files = new Map<string, Entry>();
  private readonly corpora = new Map<string, { stamp: string; corpus: Corpus }>();
  private readonly bibliographies = new Map<string, { stamp: string; bib: Bibliography }>();
  private markdown: { folders: string; paths: string[]; skipped: number } | undefined;
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** The folders above the files fetched: whether each is a symbolic link. */
  private readonly folderLinks = new Map<string, boolean>();
  private builtin: Corpus | undefined;

  constructor(
    private readonly channel: FileChannel,
    /** A file held was found changed by a fetch no check waited for: what was checked with it is stale. */
    private readonly changed: () => void = () => undefined,
  ) {}

  /**
   * Fetches what is not held yet and waits for it. What is held already answers at once (each check would
   * otherwise wait a round trip to the editor, over the network for a remote workspace): it is fetched
   * again meanwhile, and if a file's state changed, `changed` is called (the server re-checks with it).
   */
  async preload(paths: readonly string[]): Promise<void> {
    const wanted = [...new Set(paths)];
    if (wanted.every((p) => this.files.has(p))) {
      void this.fetchOnce(wanted).then((changed) => changed && this.changed());
      return;
    }
    await this.fetchOnce(wanted);
  }

  /** Fetches the paths, each once at a time (a path being fetched for another check is waited for); whether any changed. */
  private async fetchOnce(wanted: string[]): Promise<boolean> {
    const pending = new Set(wanted.map((p) => this.inFlight.get(p)).filter((f): f is Promise<boolean> => !!f));
    const ask = wanted.filter((p) => !this.inFlight.has(p));
    if (ask.length > 0) {
      const run = this.fetch(ask).finally(() => {
        for (const p of ask) if (this.inFlight.get(p) === run) this.inFlight.delete(p);
      });
      for (const p of ask) this.inFlight.set(p, run);
      pending.add(run);
    }
    return (await Promise.all(pending)).some(Boolean);
  }

  /** One request for the paths; whether a file held before is found in another state (or gone, or new). */
  private async fetch(paths: string[]): Promise<boolean> {
    // The folders above each file too, only whether they are links: a link cannot be followed from here to
    // see whether a confined file stays inside its folder (loadCorpus, the bibliography).
    const folders = [...new Set(paths.flatMap((p) => this.ancestors(p)))].filter((f) => !paths.includes(f));
    let answers: FsFetchResult;
    try {
      answers = await this.channel.fetch([
        ...paths.map((path) => {
          const held = this.files.get(path);
          return { uri: this.paths.pathToUri(path), known: held?.stat && held.bytes ? stampOf(held.stat) : undefined, maxBytes: sizeLimit(path) };
        }),
        ...folders.map((f) => ({ uri: this.paths.pathToUri(f), maxBytes: 0 })),
      ]);
    } catch {
      return false; // the client could not answer: what was known stays (a later check asks again)
    }
    // A client that answers something else is one that could not answer.
    if (!Array.isArray(answers) || answers.length !== paths.length + folders.length) return false;
    folders.forEach((f, i) => this.folderLinks.set(f, answers[paths.length + i]?.link === true));
    let changed = false;
    paths.forEach((path, i) => {
      const a = answers[i] && typeof answers[i] === 'object' && typeof answers[i]!.size === 'number' ? answers[i] : null;
      const held = this.files.get(path);
      const stat: FileStat | undefined = a ? { isFile: a.type === 'file', isDirectory: a.type === 'directory', size: a.size, mtimeMs: a.mtime } : undefined;
      const same = held?.stat === stat || (!!held?.stat && !!stat && stampOf(held.stat) === stampOf(stat) && held.stat.isFile === stat.isFile && !!held.link === (a?.link === true));
      if (held && !same) changed = true;
      // Unchanged: the bytes held stay.
      if (same && held && (held.bytes || !stat?.isFile) && a?.base64 === undefined) return;
      const entry: Entry = { stat, ...(a?.link === true ? { link: true } : {}) };
      if (stat?.isFile) {
        if (stat.size > sizeLimit(path)) entry.error = tooLarge(sizeLimit(path));
        else if (a!.error !== undefined) entry.error = `could not be read: ${a!.error}`;
        else if (a!.base64 !== undefined) entry.bytes = decodeBase64(a!.base64);
        else entry.error = 'could not be read: the editor sent no content';
      }
      this.files.set(path, entry);
    });
    return changed;
  }

  async preloadMarkdownFiles(folders: readonly string[]): Promise<void> {
    try {
      const found = await this.channel.markdownFiles(folders.map((f) => this.paths.pathToUri(f)), MAX_WORKSPACE_FILES);
      const paths = found.uris.map((u) => this.paths.uriToPath(u)).filter((p): p is string => !!p);
      this.markdown = { folders: JSON.stringify(folders), paths: paths.sort(), skipped: found.skipped };
    } catch {
      this.markdown = undefined;
    }
  }

  /** The folders above a path, nearest first, up to its origin's root. */
  private ancestors(path: string): string[] {
    const out: string[] = [];
    for (let d = this.paths.dirname(path); ; d = this.paths.dirname(d)) {
      out.push(d);
      if (this.paths.dirname(d) === d) return out;
    }
  }

  /** The symbolic link a path is reached through below `root` (itself or a folder between), if any. */
  private linkBelow(path: string, root: string): string | undefined {
    if (this.files.get(path)?.link) return path;
    return this.ancestors(path).find((d) => this.folderLinks.get(d) === true && !escapesLexically(this.paths, d, root) && this.paths.relative(root, d) !== '');
  }

  forget(paths: readonly string[]): void {
    for (const path of paths) this.files.delete(path);
  }

  stat(path: string): FileStat | undefined {
    return this.files.get(path)?.stat;
  }

  /** The bytes fetched for a file, or why there are none (undefined: nothing there). */
  private bytesOf(path: string, limit: number): { bytes: Uint8Array } | { error: string } | undefined {
    const entry = this.files.get(path);
    if (!entry?.stat) return undefined;
    if (entry.stat.isDirectory) return { error: 'is a folder, not a file' };
    if (entry.stat.size > limit) return { error: tooLarge(limit) };
    if (entry.error) return { error: entry.error };
    return entry.bytes ? { bytes: entry.bytes } : { error: 'could not be read: it was not fetched from the editor' };
  }

  readText(path: string): ReadResult | undefined {
    const config = isConfigPath(path);
    const got = this.bytesOf(path, config ? MAX_CONFIG_BYTES : MAX_TEXT_BYTES);
    if (!got) return undefined;
    // The wording of node/corpusFiles.ts's readConfigFile, shown after the file's path.
    if ('error' in got) return { error: config ? `the file ${got.error}; it was not read` : `${path} ${got.error}` };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: config }).decode(got.bytes) };
    } catch {
      return { error: config ? 'the file is not UTF-8 text; it was not read' : `${path} is not UTF-8 text` };
    }
  }

  private textRead(path: string, limit: number): TextRead {
    const got = this.bytesOf(path, limit);
    if (!got) return { problem: 'does not exist' };
    if ('error' in got) return { problem: got.error };
    const st = this.files.get(path)!.stat!;
    return { text: new TextDecoder().decode(got.bytes), stamp: `${st.mtimeMs}:${st.size}` };
  }

  loadCorpus(path: string, entry: CorpusConfig, confine?: Confinement): Corpus {
    if (confine && this.escapes(path, confine.root)) throw new CorpusError(`Corpus ${path} is outside ${confine.root} and was not read (${confine.why})`);
    const link = confine && this.linkBelow(path, confine.root);
    if (link) throw new CorpusError(`Corpus ${path} is reached through the symbolic link ${link}, which cannot be followed here to check that it stays inside ${confine.root}; it was not read (${confine.why})`);
    const got = this.bytesOf(path, MAX_CORPUS_BYTES);
    if (!got) throw new CorpusError(`Corpus ${path} does not exist`);
    if ('error' in got) throw new CorpusError(`Corpus ${path} ${got.error}`);
    const st = this.files.get(path)!.stat!;
    const stamp = JSON.stringify([st.mtimeMs, st.size, entry]);
    const hit = this.corpora.get(path);
    if (hit?.stamp === stamp) return hit.corpus;
    const corpus = corpusFromBytes(got.bytes, path, { id: path, origin: path, ...entry }, () => {
      throw new CorpusError(`Corpus ${path} ${PDF_IN_BROWSER}`);
    });
    this.corpora.set(path, { stamp, corpus });
    return corpus;
  }

  builtinCorpus(): Corpus {
    return (this.builtin ??= builtinCorpus());
  }

  loadBibliography(names: readonly string[], base: string, root?: string): Bibliography {
    return bibliographyFromFiles(this.paths, names, base, root, (path) => this.confinedRead(path, root, MAX_TEXT_BYTES), this.bibliographies);
  }

  readCslStyle(path: string, name: string, root: string): string | { problem: string } {
    return cslStyleFromFile(this.paths, path, name, root, (p) => this.confinedRead(p, root, MAX_CONFIG_BYTES * 2));
  }

  private confinedRead(path: string, root: string | undefined, limit: number): TextRead {
    const link = root && this.linkBelow(path, root);
    return link ? { problem: `is reached through the symbolic link ${link}, which cannot be followed here to check that it stays inside the workspace folder; it was not read` } : this.textRead(path, limit);
  }

  escapes(path: string, root: string): boolean {
    // No links to follow: a virtual workspace's paths are what they say.
    return escapesLexically(this.paths, path, root);
  }

  markdownFiles(folders: readonly string[]): { paths: string[]; skipped: number } {
    if (!this.markdown || this.markdown.folders !== JSON.stringify(folders)) return { paths: [], skipped: 0 };
    return { paths: this.markdown.paths, skipped: this.markdown.skipped };
  }
}
