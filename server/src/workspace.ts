// What a document is checked against: the built-in corpus, the corpora of the
// nearest `.verbatim.json` and of the `verbatim.*` settings, and the options.
// Loaded lazily per configuration and reused until something changes.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckOptions } from './engine/check';
import type { CorpusConfig, RuleLevel } from './engine/config';
import { RULE_LEVELS } from './engine/config';
import type { CorpusIndex } from './engine/corpusIndex';
import { buildLibrary } from './engine/library';
import type { Corpus } from './engine/types';
import type { CitationStyle } from './engine/citations';
import { citationStyleOf } from './providers/worksCited';
import { CONFIG_FILE, findConfigUpward, loadCorpora, type ConfigFile } from './node/corpusFiles';
import { DEFAULT_SETTINGS, type VerbatimSettings } from './protocol';

export interface DocContext {
  corpora: Corpus[];
  library: CorpusIndex[];
  options: CheckOptions;
  maxFileSize: number;
  /** `.verbatim.json` wins over the editor setting: a class shares one style. */
  citationStyle: CitationStyle;
  /** Changes whenever the corpora or options change: cached verdicts from another generation are stale. */
  generation: number;
  config?: ConfigFile;
  /** The bibliography for essays whose front matter names none: `.verbatim.json`'s, else `verbatim.bibliography`. */
  bibliography?: { names: string[]; base: string; root?: string };
  /** The workspace folder of the document, if any: bibliographies a front matter names must lie inside it. */
  folder?: string;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class Workspaces {
  private folders: string[] = [];
  private readonly contexts = new Map<string, DocContext>();
  private readonly reported = new Set<string>();
  private generation = 0;
  /** Workspace trust (VS Code); other clients have none, so they are trusted. */
  private trusted = true;

  constructor(
    private readonly settingsFor: (uri: string) => Promise<VerbatimSettings>,
    private readonly warn: (message: string) => void,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => !!p);
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

  async contextFor(uri: string): Promise<DocContext> {
    const settings = await this.settingsFor(uri);
    const path = uriToPath(uri);
    const folder = this.folderOf(path);
    const dir = path ? dirname(path) : folder;
    // Looked up on every check (a few stats, microseconds): editors that send no file-watch events
    // still see an edited .verbatim.json at the next keystroke. Corpora are reused via the key below.
    const config = dir ? findConfigUpward(dir) : undefined;
    const key = JSON.stringify([settings, config?.path, config?.text, folder]);
    const hit = this.contexts.get(key);
    if (hit) return hit;

    const base = folder ?? dir ?? process.cwd();
    const fromConfig = (config?.config.corpora ?? []).map((c): CorpusConfig => ({ ...c, path: c.path }));
    const configBase = config ? dirname(config.path) : base;
    // Workspace files and settings may only read inside the workspace folder; user
    // settings may name any file, unless the workspace is untrusted.
    const root = folder ?? configBase;
    const workspaceOnly = { root, why: 'corpora from .verbatim.json and workspace settings must lie inside the workspace folder' };
    const a = loadCorpora(fromConfig, configBase, workspaceOnly);
    const settingsCorpora = Array.isArray(settings.corpora) ? settings.corpora.filter((c) => c && typeof c.path === 'string' && c.path) : [];
    const b = loadCorpora(
      settingsCorpora.filter((c) => c.origin === 'workspace' || !this.trusted),
      base,
      this.trusted ? workspaceOnly : { root, why: 'the workspace is not trusted' },
    );
    const fromUser = this.trusted ? loadCorpora(settingsCorpora.filter((c) => c.origin !== 'workspace'), base) : { corpora: [], errors: [] };
    b.corpora.push(...fromUser.corpora.slice(1));
    b.errors.push(...fromUser.errors);
    const corpora = [...a.corpora, ...b.corpora.slice(1).filter((c) => !a.corpora.some((x) => x.id === c.id))];
    for (const error of [...a.errors, ...b.errors]) this.warnOnce(error);
    for (const p of config?.problems ?? []) this.warnOnce(`${config!.path}: ${p.message}`);

    const rules: Record<string, RuleLevel> = { ...config?.config.rules };
    const settingRules = settings.rules && typeof settings.rules === 'object' ? settings.rules : {};
    for (const [code, level] of Object.entries(settingRules)) {
      if ((RULE_LEVELS as string[]).includes(level)) rules[code] = level as RuleLevel;
    }
    const context: DocContext = {
      corpora,
      library: buildLibrary(corpora),
      options: { minWords: config?.config.minWords ?? (positiveInteger(settings.minWords) || 4), rules },
      maxFileSize: positiveInteger(settings.maxFileSize) || DEFAULT_SETTINGS.maxFileSize,
      citationStyle: config?.config.citationStyle ?? citationStyleOf(settings.citationStyle),
      generation: this.generation,
      config,
      bibliography: config?.config.bibliography
        ? { names: config.config.bibliography, base: configBase, root }
        : settingBibliography(settings.bibliography, base, this.trusted ? undefined : root),
      folder,
    };
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

export { CONFIG_FILE };

function settingBibliography(value: unknown, base: string, root: string | undefined): DocContext['bibliography'] {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const kept = names.filter((n) => n.trim());
  return kept.length > 0 ? { names: kept, base, root } : undefined;
}

/** A setting from any client may have any type: a positive whole number, or 0. */
function positiveInteger(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 0;
}
