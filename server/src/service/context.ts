// What a document is checked against: the built-in corpus, the corpora of the
// nearest `.verbatim.json` and of the settings, and the options. One function
// builds it for the server and the CLI alike; `Workspaces` (workspace.ts) keeps
// the server's per-configuration cache of it.

import type { CheckOptions } from '../engine/check';
import { CITATION_STYLES, type CitationStyle } from '../engine/citations';
import { RULE_LEVELS, type CorpusConfig, type RuleLevel } from '../engine/config';
import type { CorpusIndex } from '../engine/corpusIndex';
import { buildLibrary } from '../engine/library';
import { CorpusError } from '../engine/loaders';
import type { Corpus } from '../engine/types';
import { parseConfig, SCHEMA_RULE_CODES, type ConfigProblem } from './config';
import type { Confinement, FileSystem } from './fileSystem';

export const CONFIG_FILE = '.verbatim.json';

export function isConfigPath(pathOrUri: string): boolean {
  return /(^|[\\/])\.verbatim\.json$/.test(pathOrUri);
}

/** A `.verbatim.json` found above a document. */
export interface LoadedConfig {
  path: string;
  text: string;
  config: ReturnType<typeof parseConfig>['config'];
  problems: ConfigProblem[];
}

/** The settings the service reads (the server's `verbatim.*`, the CLI's flags). */
export interface ContextSettings {
  /** `origin` "workspace": from workspace settings, confined to the folder like `.verbatim.json`. */
  corpora?: readonly (CorpusConfig & { origin?: 'user' | 'workspace' })[];
  minWords?: unknown;
  maxFileSize?: unknown;
  rules?: unknown;
  citationStyle?: unknown;
  /** `verbatim.enable`: false checks nothing (no findings, no completion). */
  enable?: unknown;
  /** `verbatim.bibliography`: files for essays whose front matter and config name none. */
  bibliography?: unknown;
}

export interface ContextInput {
  /** The document's folder (undefined for an untitled document). */
  dir: string | undefined;
  /** The workspace folder holding the document, if any. */
  folder: string | undefined;
  settings: ContextSettings;
  /** Untrusted (VS Code workspace trust): no corpus outside the workspace folder. */
  trusted: boolean;
  /** Server: corpora from `.verbatim.json` and workspace settings must lie inside the folder. CLI: not. */
  confine: boolean;
  /** Why confined corpora must lie inside the folder, for the message (default: the editor's reason). */
  confineWhy?: string;
  /** Overrides the config's minWords (the CLI's --min-words). */
  minWords?: number;
  /** Overrides the maxFileSize setting (the CLI and remark-verbatim check any size). */
  maxFileSize?: number;
  /** Where relative setting paths (and an untitled document) resolve. */
  cwd: string;
}

export interface DocContext {
  corpora: Corpus[];
  library: CorpusIndex[];
  options: CheckOptions;
  maxFileSize: number;
  /** `.verbatim.json` wins over the editor setting: a class shares one style. */
  citationStyle: CitationStyle;
  /** Changes whenever anything the server knows changes: cached results from another generation are stale. */
  generation: number;
  config?: LoadedConfig;
  /** Every corpus file this context read or tried to read, with what it was then (undefined: absent). */
  corpusFiles: { path: string; mtimeMs?: number; size?: number }[];
  /** Problems loading corpora, each naming its file. */
  errors: string[];
  /** False when the writer turned Verbatim off (`verbatim.enable`): nothing is checked or offered. */
  enabled?: boolean;
  /** The bibliography for essays whose front matter names none: `.verbatim.json`'s, else `verbatim.bibliography`. */
  bibliography?: { names: string[]; base: string; root?: string };
  /** The workspace folder of the document, if any: bibliographies a front matter names must lie inside it. */
  folder?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 1_000_000;

/** Where a `.verbatim.json` for a document in `dir` may stand, nearest first. */
export function configCandidates(fs: FileSystem, dir: string): string[] {
  const { dirname, join, resolve } = fs.paths;
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    out.push(join(d, CONFIG_FILE));
    if (dirname(d) === d) return out;
  }
}

/** The nearest `.verbatim.json` in `dir` or above it. */
export function findConfigUpward(fs: FileSystem, dir: string): LoadedConfig | undefined {
  for (const path of configCandidates(fs, dir)) {
    const read = fs.readText(path);
    if (read) {
      if ('error' in read) return { path, text: '', config: { corpora: [], rules: {} }, problems: [{ message: read.error, offset: 0, length: 0, severity: 'error' }] };
      return { path, text: read.text, ...parseConfig(read.text) };
    }
  }
  return undefined;
}

/** A setting from any client may have any type: a positive whole number, or 0. */
function positiveInteger(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}

/** A setting's value as a style; anything unknown is MLA, the schools' default. */
export function citationStyleOf(value: unknown): CitationStyle {
  return (CITATION_STYLES as readonly unknown[]).includes(value) ? (value as CitationStyle) : 'mla';
}

/** One corpus file a context reads, resolved and judged before anything is read. */
export interface PlannedCorpus {
  path: string;
  entry: CorpusConfig;
  /** Why it may not be read (outside the workspace folder), if so. */
  refused?: string;
  /** The folder it must stay inside, checked again on the file opened. */
  confine?: Confinement;
}

/** Relative paths resolve against `base`; a path named twice is read once. */
function plan(fs: FileSystem, entries: readonly CorpusConfig[], base: string, confine: Confinement | undefined, out: PlannedCorpus[]): void {
  const { isAbsolute, resolve } = fs.paths;
  for (const entry of entries) {
    const path = isAbsolute(entry.path) ? entry.path : resolve(base, entry.path);
    if (out.some((p) => p.path === path)) continue;
    const refused = confine && fs.escapes(path, confine.root) ? `Corpus ${path} is outside ${confine.root} and was not read (${confine.why})` : undefined;
    out.push({ path, entry, refused, confine });
  }
}

/** The corpus files a context reads, in order: `.verbatim.json`'s, workspace settings', user settings'. */
export function planCorpora(fs: FileSystem, input: ContextInput, config: LoadedConfig | undefined): PlannedCorpus[] {
  const { settings, folder, trusted } = input;
  const base = folder ?? input.dir ?? input.cwd;
  const configBase = config ? fs.paths.dirname(config.path) : base;
  // Workspace files and settings may only read inside the workspace folder; user
  // settings may name any file, unless the workspace is untrusted.
  const root = folder ?? configBase;
  const workspaceOnly = input.confine ? { root, why: input.confineWhy ?? 'corpora from .verbatim.json and workspace settings must lie inside the workspace folder' } : undefined;
  const out: PlannedCorpus[] = [];
  plan(fs, config?.config.corpora ?? [], configBase, workspaceOnly, out);
  const settingsCorpora = Array.isArray(settings.corpora) ? settings.corpora.filter((c) => c && typeof c.path === 'string' && c.path) : [];
  const confinedSettings = input.confine ? settingsCorpora.filter((c) => c.origin === 'workspace' || !trusted) : [];
  plan(fs, confinedSettings, base, trusted ? workspaceOnly : { root, why: 'the workspace is not trusted' }, out);
  if (trusted) plan(fs, settingsCorpora.filter((c) => !confinedSettings.includes(c)), base, undefined, out);
  return out;
}

/** Builds the context; `config` is the one found above the document (looked up by the caller). */
export function buildContext(fs: FileSystem, input: ContextInput, config: LoadedConfig | undefined, generation = 0): DocContext {
  const { settings, folder, trusted } = input;
  const base = folder ?? input.dir ?? input.cwd;
  const configBase = config ? fs.paths.dirname(config.path) : base;
  const root = folder ?? configBase;
  const loaded: Corpus[] = [fs.builtinCorpus()];
  const errors: string[] = [];
  const files: DocContext['corpusFiles'] = [];
  for (const { path, entry, refused, confine } of planCorpora(fs, input, config)) {
    const st = fs.stat(path);
    files.push({ path, mtimeMs: st?.mtimeMs, size: st?.size });
    if (refused) {
      errors.push(refused);
      continue;
    }
    try {
      const corpus = fs.loadCorpus(path, entry, confine);
      // An empty file loads as a corpus with nothing in it: say so, or every quotation from it is "not found".
      if (corpus.passages.length === 0) errors.push(emptyCorpusMessage(path));
      loaded.push(corpus);
    } catch (e) {
      errors.push(e instanceof CorpusError ? e.message : `Corpus ${path} could not be read: ${(e as Error).message}`);
    }
  }
  // The same corpus named twice (by config and settings) is searched once.
  const corpora = loaded.filter((c, i) => loaded.findIndex((x) => x.id === c.id) === i);

  const rules: Record<string, RuleLevel> = { ...config?.config.rules };
  const settingRules = settings.rules && typeof settings.rules === 'object' ? (settings.rules as Record<string, unknown>) : {};
  for (const [code, level] of Object.entries(settingRules)) {
    // Settings have no file to point into: a misspelt code or level is said once, by name.
    if (!SCHEMA_RULE_CODES.includes(code)) errors.push(`verbatim.rules: unknown rule "${code}"; expected one of ${SCHEMA_RULE_CODES.join(', ')}`);
    else if (!(RULE_LEVELS as unknown[]).includes(level)) errors.push(`verbatim.rules.${code} must be one of ${RULE_LEVELS.join(', ')}`);
    else rules[code] = level as RuleLevel;
  }
  const citationStyle = config?.config.citationStyle ?? citationStyleOf(settings.citationStyle);
  return {
    corpora,
    library: buildLibrary(corpora),
    options: { minWords: input.minWords ?? config?.config.minWords ?? (positiveInteger(settings.minWords) || 4), rules, citationStyle },
    maxFileSize: input.maxFileSize ?? (positiveInteger(settings.maxFileSize) || DEFAULT_MAX_FILE_SIZE),
    citationStyle,
    generation,
    config,
    corpusFiles: files,
    errors,
    enabled: settings.enable !== false,
    bibliography: config?.config.bibliography
      ? { names: config.config.bibliography, base: configBase, root }
      : settingBibliography(settings.bibliography, base, trusted ? undefined : root),
    folder,
  };
}

function settingBibliography(value: unknown, base: string, root: string | undefined): DocContext['bibliography'] {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const kept = names.filter((n) => n.trim());
  return kept.length > 0 ? { names: kept, base, root } : undefined;
}

/** The one wording for an empty corpus, wherever it is said. */
export function emptyCorpusMessage(path: string): string {
  return `Corpus ${path} is empty: it has no passages, so no quotation can be found in it`;
}

/**
 * A context for corpora the caller loaded by rules of its own (the CLI's --confine, remark-verbatim's
 * options), so that it still checks with the one Checker. Nothing in it is reloaded.
 */
export function contextOf(corpora: Corpus[], options: CheckOptions): DocContext {
  return { corpora, library: buildLibrary(corpora), options, maxFileSize: Number.MAX_SAFE_INTEGER, citationStyle: options.citationStyle ?? 'mla', generation: 0, corpusFiles: [], errors: [] };
}

/** Whether a corpus file the context read has changed on disk since (or appeared, or gone). */
export function corpusFilesChanged(fs: FileSystem, context: DocContext): boolean {
  return context.corpusFiles.some((f) => {
    const st = fs.stat(f.path);
    return st?.mtimeMs !== f.mtimeMs || st?.size !== f.size;
  });
}
