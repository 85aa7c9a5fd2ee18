// Finds the essays named on the command line (files, folders, globs) and checks
// each with the corpora and options that apply to it: the nearest
// `.verbatim.json` above the essay, plus any --corpus flags. Every problem is a
// message naming its path; the caller decides how to print it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { CorpusConfig } from '../engine/config';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { Checker } from '../service/checker';
import { buildContext, findConfigUpward } from '../service/context';
import { globBase, globToRegExp, isGlob, toPosix } from './glob';
import { essayReport, type EssayReport } from './summary';

export class UsageError extends Error {}

export const DEFAULT_EXTENSIONS = ['md', 'markdown'];

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
    let st;
    try {
      st = statSync(input);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) add(input);
    else if (st?.isDirectory()) walk(input, (p) => ext.test(p) && add(p));
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
  cwd?: string;
  /** Called before each essay is checked (for a progress line). */
  progress?: (done: number, total: number) => void;
}

export interface RunResult {
  essays: EssayReport[];
  /** Messages for stderr, each once: config problems, corpora that failed, unreadable essays. */
  messages: string[];
  /** A configuration or read error happened: exit 2. */
  failed: boolean;
}

export function checkEssays(paths: readonly string[], options: RunOptions): RunResult {
  const cwd = options.cwd ?? process.cwd();
  const messages: string[] = [];
  const say = (m: string) => {
    if (!messages.includes(m)) messages.push(m);
  };
  let failed = false;
  const extra: CorpusConfig[] = options.corpora.map((p) => ({ path: resolve(cwd, p) }));
  // One checker for the run: an essay quoting what another quoted reuses its verdict (same library).
  const checker = new Checker();
  const essays: EssayReport[] = [];
  paths.forEach((essay, i) => {
    options.progress?.(i, paths.length);
    const absolute = resolve(cwd, essay);
    const config = findConfigUpward(nodeFileSystem, dirname(absolute));
    for (const p of config?.problems ?? []) {
      say(`${display(cwd, config!.path)}: ${p.message}`);
      failed = true;
    }
    // --corpus files are the user's own, like user settings: any path, relative to the working directory.
    const context = buildContext(nodeFileSystem, { dir: dirname(absolute), folder: undefined, settings: { corpora: extra }, trusted: true, confine: false, minWords: options.minWords, maxFileSize: Number.MAX_SAFE_INTEGER, cwd }, config);
    for (const error of context.errors) say(error);
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (e) {
      say(`${display(cwd, absolute)} could not be read: ${(e as Error).message}`);
      failed = true;
      return;
    }
    essays.push(essayReport(display(cwd, absolute), text, checker.checkNow({ uri: absolute, text, version: 0 }, context).result));
  });
  options.progress?.(paths.length, paths.length);
  return { essays, messages, failed };
}

function display(cwd: string, path: string): string {
  return toPosix(relative(cwd, path) || path);
}
