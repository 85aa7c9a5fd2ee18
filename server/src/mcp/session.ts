// What an assistant's checks run against: the working folder the MCP server was started in, its
// `.verbatim.json`, the corpora named with --corpus, and the built-in corpus, exactly as
// `verbatim check` would use them. Re-read before every call (the loaders cache by file state),
// so an edited config or corpus is seen without a restart.

import { closeSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CheckOptions, CheckResult } from '../engine/check';
import type { CitationStyle } from '../engine/citations';
import type { CorpusConfig } from '../engine/config';
import type { CorpusIndex } from '../engine/corpusIndex';
import type { Corpus } from '../engine/types';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { isRefusal, openRegular, readOpened } from '../node/safeRead';
import { Checker } from '../service/checker';
import type { Citeproc } from '../engine/csl';
import { buildContext, findConfigUpward, type DocContext } from '../service/context';

/** Essays and texts larger than this are refused, as the server and CLI refuse them (verbatim.maxFileSize). */
export const DEFAULT_MAX_CHARS = 1_000_000;

/** A refusal the assistant should read: the tool answers with `isError` and this message. */
export class ToolError extends Error {}

export interface SessionOptions {
  /** The working folder; paths given to tools must stand inside it. */
  cwd: string;
  /** Extra corpora from --corpus (relative to cwd), trusted wherever they are: the user named them. */
  corpora: readonly string[];
  maxChars?: number;
}

export interface Sources {
  corpora: Corpus[];
  library: CorpusIndex[];
  options: CheckOptions;
  style: CitationStyle;
  /** Problems with the config or corpora, each once, for the tool result's `warnings`. */
  warnings: string[];
  /** The service's context (what check() checks against). */
  context: DocContext;
}

export class Session {
  readonly cwd: string;
  readonly maxChars: number;
  /** The service's check, with its verdict cache (keyed by the library) kept across calls. */
  private readonly checker = new Checker();
  /** The compiled citeproc engines of this session's citations (the `cite` and `find_passages` tools). */
  get citeproc(): Citeproc {
    return this.checker.citeproc;
  }

  constructor(private readonly opts: SessionOptions) {
    this.cwd = realpathSync(resolve(opts.cwd));
    this.maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  }

  /** The sources that apply to a file in `dir` (its nearest `.verbatim.json`), or to the working folder. */
  sources(dir: string = this.cwd): Sources {
    const warnings: string[] = [];
    const config = findConfigUpward(nodeFileSystem, dir);
    for (const p of config?.problems ?? []) warnings.push(`${this.display(config!.path)}: ${p.message}`);
    // A config can be written by whoever wrote the folder: its corpora must stay inside it. The
    // --corpus files are the user's own, like user settings: anywhere, relative to the working folder.
    const flags: CorpusConfig[] = this.opts.corpora.map((p) => ({ path: resolve(this.cwd, p) }));
    const context = buildContext(
      nodeFileSystem,
      { dir, folder: this.cwd, settings: { corpora: flags }, trusted: true, confine: true, confineWhy: 'the MCP server reads only files inside its working folder', maxFileSize: this.maxChars, cwd: this.cwd },
      config,
    );
    warnings.push(...context.errors.filter((e, i) => context.errors.indexOf(e) === i));
    return { corpora: context.corpora, library: context.library, options: context.options, style: context.citationStyle, warnings, context };
  }

  /** Checks a text with the service's one check. */
  check(text: string, sources: Sources, uri = '<text>'): CheckResult {
    return this.checker.checkNow({ uri, text, version: 0 }, sources.context).result;
  }

  /** Reads an essay named by a tool call: inside the working folder, a regular file, within the size limit. */
  readEssay(path: string): { absolute: string; display: string; text: string } {
    const absolute = resolve(this.cwd, path);
    let real: string;
    try {
      real = realpathSync(absolute);
    } catch {
      throw new ToolError(`${path} does not exist (paths are relative to ${this.cwd})`);
    }
    if (this.outside(real)) throw new ToolError(`${path} is outside the working folder ${this.cwd}; the MCP server reads only files inside it`);
    // Decided on the opened handle (safeRead.ts): a FIFO or a link swapped in after the checks cannot block or win.
    const opened = openRegular(real, { maxBytes: Number.MAX_SAFE_INTEGER, noFollow: true });
    if (isRefusal(opened)) throw new ToolError(opened.kind === 'missing' ? `${path} does not exist (paths are relative to ${this.cwd})` : `${path} is not a regular file`);
    let bytes;
    try {
      if (opened.stat.size > this.maxChars * 4) throw new ToolError(tooLarge(path, opened.stat.size, this.maxChars, 'bytes'));
      bytes = readOpened(opened, this.maxChars * 4);
    } finally {
      closeSync(opened.fd);
    }
    if (isRefusal(bytes)) throw new ToolError(`${path} ${bytes.reason}`);
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    this.checkSize(text, path);
    return { absolute: real, display: this.display(real), text };
  }

  checkSize(text: string, what: string): void {
    if (text.length > this.maxChars) throw new ToolError(tooLarge(what, text.length, this.maxChars, 'characters'));
  }

  display(path: string): string {
    const rel = relative(this.cwd, path);
    return (rel && !this.outside(path) ? rel : path).split('\\').join('/');
  }

  private outside(path: string): boolean {
    const rel = relative(this.cwd, path);
    return rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel);
  }
}

function tooLarge(what: string, size: number, limit: number, unit: string): string {
  return `${what} is too large to check (${size.toLocaleString('en')} ${unit}; the limit is ${limit.toLocaleString('en')} characters, verbatim.maxFileSize)`;
}
