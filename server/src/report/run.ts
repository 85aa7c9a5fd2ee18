// Finds the essays named on the command line (files, folders, globs, `-` for
// stdin) and checks each with the corpora and options that apply to it: the
// nearest `.verbatim.json` above the essay, plus any --corpus flags. Every
// problem is a message naming its path; the caller decides how to print it.

import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { frontMatterOf, type Bibliography } from '../engine/bibliography';
import { checkPlainText, type CheckOptions, type CheckResult } from '../engine/check';
import type { CorpusConfig } from '../engine/config';
import type { Corpus } from '../engine/types';
import { loadBibliography } from '../node/bibliographyFiles';
import { escapes, findConfigUpward, loadCorpora } from '../node/corpusFiles';
import { Checker } from '../service/checker';
import { contextOf, type DocContext } from '../service/context';
import { docxText } from './docx';
import { decodeEssay, maxBytesFor, tooLargeMessage, type Decoded } from './essayText';
import { globBase, globToRegExp, isGlob, toPosix } from './glob';
import { essayReport, type EssayReport } from './summary';
import { checkInWorkers, type CheckJob, type CorpusSet } from './workers';

export class UsageError extends Error {}

export const DEFAULT_EXTENSIONS = ['md', 'markdown', 'docx'];

/** How an essay is read: Markdown, plain text (.txt, paragraphs between blank lines), or a Word file (one paragraph per line). */
export type EssayKind = 'markdown' | 'text' | 'docx';

export function essayKind(path: string): EssayKind {
  return /\.docx$/i.test(path) ? 'docx' : /\.txt$/i.test(path) ? 'text' : 'markdown';
}

/**
 * Checks one essay's text as its kind says (what a worker thread runs too): Markdown through the
 * service's one check loop (`checker`, whose verdict cache the run's essays share), plain text and
 * Word files by the engine's plain-text check.
 */
export function checkEssayText(kind: EssayKind, uri: string, text: string, context: DocContext, checker: Checker, bibliography?: Bibliography): CheckResult {
  if (kind === 'markdown') return checker.checkNow({ uri, text, version: 0, bibliography }, context).result;
  // The run's compiled citeproc engines too (a fix's citation), as for Markdown.
  return checkPlainText(text, context.library, context.options, kind === 'docx', { citeproc: checker.citeproc });
}

/** With fewer essays than this, a serial run is quicker than starting workers that each load the corpora. */
export const PARALLEL_FROM = 8;

/** The essay name that stands for standard input. */
export const STDIN = '-';
export const STDIN_NAME = '<stdin>';

/**
 * The essays named by `inputs`, in order, each once. A file is taken whatever
 * its name; a folder is searched for the extensions (skipping dot folders and
 * node_modules); a pattern that is not an existing path is a glob.
 */
export function collectEssays(inputs: readonly string[], extensions: readonly string[] = DEFAULT_EXTENSIONS): string[] {
  const ext = new RegExp(`\\.(${extensions.map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`, 'i');
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = resolve(p);
    if (!seen.has(key)) out.push(p);
    seen.add(key);
  };
  for (const input of inputs) {
    if (input === STDIN) {
      if (!seen.has(STDIN)) out.push(STDIN);
      seen.add(STDIN);
      continue;
    }
    let st;
    try {
      st = statSync(input);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) add(input);
    else if (st?.isDirectory()) walk(input, (p) => ext.test(p) && add(p));
    // A FIFO or device would block or never end: only regular files are essays.
    else if (st) throw new UsageError(`${input} is not a regular file`);
    else if (isGlob(input)) {
      const re = globToRegExp(input);
      const before = out.length;
      const base = globBase(input);
      walk(base, (p) => re.test(toPosix(p).replace(/^(?:\.\/)+/, '')) && add(p));
      if (out.length === before) throw new UsageError(`No essays match ${input}`);
    } else throw new UsageError(`${input} does not exist`);
  }
  return out;
}

function walk(dir: string, visit: (path: string) => unknown): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = dir === '.' ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile()) visit(full);
  }
}

export interface RunOptions {
  /** Extra corpora from --corpus, relative to the working directory. */
  corpora: readonly string[];
  /** Overrides every config's minWords. */
  minWords?: number;
  /** Larger essays (in UTF-16 code units, like the server's verbatim.maxFileSize) are not checked. */
  maxFileSize: number;
  /**
   * Corpora from `.verbatim.json` must lie inside the working directory (symlinks
   * followed) unless also named by --corpus; `why` says what asked for it (CI, --confine).
   */
  confine?: { why: string };
  /** The bytes read from standard input for the essay `-` (at most maxBytesFor(maxFileSize) + 1). */
  stdin?: Uint8Array;
  cwd?: string;
  /** Called before each essay is checked (for a progress line). */
  progress?: (done: number, total: number) => void;
  /** Worker threads checking essays in parallel (1: in this thread); used from PARALLEL_FROM essays. */
  jobs?: number;
}

export interface RunResult {
  essays: EssayReport[];
  /** Messages for stderr, each once: config problems, corpora that failed, unreadable essays. */
  messages: string[];
  /** A configuration or read error happened, or an essay could not be checked: exit 2. */
  failed: boolean;
  /** Absolute paths of every file read (essays, configs, corpora), so that no output overwrites one. */
  inputs: string[];
}

export async function checkEssays(paths: readonly string[], options: RunOptions): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const messages: string[] = [];
  const say = (m: string) => {
    if (!messages.includes(m)) messages.push(m);
  };
  const inputs = new Set<string>();
  let failed = false;
  const extra: CorpusConfig[] = options.corpora.map((p) => ({ path: resolve(cwd, p) }));
  extra.forEach((c) => inputs.add(c.path));
  const fromFlags = loadCorpora(extra, cwd);
  const named = new Set(extra.map((c) => realPath(c.path)));
  const warned = new Set<Corpus>();
  const warnEmpty = (corpora: readonly Corpus[]) => {
    for (const c of corpora.slice(1)) {
      if (c.passages.length > 0 || warned.has(c)) continue;
      warned.add(c);
      say(`warning: Corpus ${c.origin} is empty: it has no passages, so no quotation can be found in it`);
    }
  };
  warnEmpty(fromFlags.corpora);
  const jobs: (CheckJob & { corpora: Corpus[]; uri: string })[] = [];
  const sets = new Map<string, CorpusSet>();
  for (const essay of paths) {
    const fromStdin = essay === STDIN;
    const absolute = fromStdin ? STDIN_NAME : resolve(cwd, essay);
    const name = fromStdin ? STDIN_NAME : display(cwd, absolute);
    // Standard input has no folder of its own: the working directory's config applies.
    const config = findConfigUpward(fromStdin ? cwd : dirname(absolute));
    if (config) inputs.add(config.path);
    for (const p of config?.problems ?? []) {
      say(`${display(cwd, config!.path)}: ${p.message}`);
      failed = true;
    }
    const base = config ? dirname(config.path) : cwd;
    let entries = config?.config.corpora ?? [];
    if (options.confine) {
      const why = options.confine.why;
      entries = entries.filter((entry) => {
        const path = resolve(base, entry.path);
        if (named.has(realPath(path)) || !escapes(path, cwd)) return true;
        say(`Corpus ${path} is outside the working folder ${cwd} and was not read (${why}; name it with --corpus to allow it)`);
        failed = true;
        return false;
      });
    }
    entries.forEach((entry) => inputs.add(resolve(base, entry.path)));
    const fromConfig = loadCorpora(entries, base);
    for (const error of [...fromConfig.errors, ...fromFlags.errors]) {
      say(error);
      failed = true;
    }
    warnEmpty(fromConfig.corpora);
    const corpora = [...fromConfig.corpora, ...fromFlags.corpora.slice(1).filter((c) => !fromConfig.corpora.some((x) => x.id === c.id))];
    // The config's citation style too: the fixes that add a citation (JSON, SARIF) cite in it.
    const check: CheckOptions = { minWords: options.minWords ?? config?.config.minWords ?? 4, rules: config?.config.rules ?? {}, ...(config?.config.citationStyle ? { citationStyle: config.config.citationStyle } : {}) };
    if (!fromStdin) inputs.add(absolute);
    const kind = fromStdin ? 'markdown' : essayKind(absolute);
    const read = fromStdin ? fromBytes(options.stdin ?? new Uint8Array(0), options.maxFileSize) : await readEssay(absolute, options.maxFileSize, kind);
    if ('problem' in read) {
      say(`${name} was not checked: ${read.problem}`);
      failed = true;
      continue;
    }
    // The bibliography the essay's front matter names (relative to it), else the config's.
    const front = frontMatterOf(read.text).bibliography;
    const confineTo = options.confine ? cwd : undefined;
    const bibNamed = front.length > 0 ? { names: front, base: fromStdin ? cwd : dirname(absolute) } : config?.config.bibliography ? { names: config.config.bibliography, base } : undefined;
    const bibliography = bibNamed && loadBibliography(bibNamed.names, bibNamed.base, confineTo);
    bibNamed?.names.forEach((n) => inputs.add(resolve(bibNamed.base, n)));
    // What a worker needs to load the same corpora: the config's entries (as confined) and the flags.
    const set: CorpusSet = { entries, base, extra, cwd };
    const key = JSON.stringify(set);
    sets.set(key, set);
    jobs.push({ index: jobs.length, name, text: read.text, kind, check, corpusKey: key, corpora, uri: absolute, ...(bibliography ? { bibliography } : {}) });
  }
  const results: CheckResult[] = new Array(jobs.length);
  const workers = Math.min(options.jobs ?? 1, jobs.length);
  if (workers > 1 && jobs.length >= PARALLEL_FROM) {
    let done = 0;
    await checkInWorkers(jobs, sets, workers, (index, result) => {
      results[index] = result;
      options.progress?.(++done, jobs.length);
    });
  } else {
    // One checker for the run (the service's one check loop): an essay quoting what another quoted
    // reuses its verdict, for the same library.
    const checker = new Checker();
    jobs.forEach((job, i) => {
      options.progress?.(i, jobs.length);
      results[i] = checkEssayText(job.kind, job.uri, job.text, contextOf(job.corpora, job.check), checker, job.bibliography);
    });
  }
  options.progress?.(jobs.length, jobs.length);
  const essays: EssayReport[] = jobs.map((job, i) => essayReport(job.name, job.text, results[i]));
  return { essays, messages, failed, inputs: [...inputs] };
}

const TOO_LARGE = (max: number) => tooLargeMessage(max, '--max-file-size');

function fromBytes(bytes: Uint8Array, maxFileSize: number): Decoded {
  if (bytes.length > maxBytesFor(maxFileSize)) return { problem: TOO_LARGE(maxFileSize) };
  const decoded = decodeEssay(bytes);
  if ('text' in decoded && decoded.text.length > maxFileSize) return { problem: TOO_LARGE(maxFileSize) };
  return decoded;
}

/** Reads an essay, never more than an essay of the size limit can take: a huge file is refused unread. */
async function readEssay(path: string, maxFileSize: number, kind: EssayKind): Promise<Decoded> {
  const bytes = readBytes(path, maxFileSize);
  if (!(bytes instanceof Uint8Array)) return bytes;
  if (kind !== 'docx') return fromBytes(bytes, maxFileSize);
  const read = await docxText(bytes);
  return 'text' in read && read.text.length > maxFileSize ? { problem: TOO_LARGE(maxFileSize) } : read;
}

function readBytes(path: string, maxFileSize: number): Uint8Array | { problem: string } {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO swapped in after the essays were listed cannot hang the open; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: 'it is not a regular file' };
    const cap = maxBytesFor(maxFileSize) + 1;
    if (st.size >= cap) return { problem: TOO_LARGE(maxFileSize) };
    // One byte more than the size said, so that a file growing meanwhile is still caught by the limit.
    const buffer = Buffer.alloc(Math.min(st.size + 1, cap));
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length >= cap) return { problem: TOO_LARGE(maxFileSize) };
    return buffer.subarray(0, length);
  } catch (e) {
    return { problem: `it could not be read (${(e as Error).message})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The real path (symlinks followed) of what exists; the lexical path of what does not. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function display(cwd: string, path: string): string {
  return toPosix(relative(cwd, path) || path);
}
