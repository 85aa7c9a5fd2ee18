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
import type { VerbatimSettings } from './protocol';

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
    const config = dir ? findConfigUpward(dir) : undefined;
    const key = JSON.stringify([settings, config?.path, config?.text, folder]);
    const hit = this.contexts.get(key);
    if (hit) return hit;

    const base = folder ?? dir ?? process.cwd();
    const fromConfig = (config?.config.corpora ?? []).map((c): CorpusConfig => ({ ...c, path: c.path }));
    const configBase = config ? dirname(config.path) : base;
    const a = loadCorpora(fromConfig, configBase);
    const b = loadCorpora(settings.corpora ?? [], base);
    const corpora = [...a.corpora, ...b.corpora.slice(1).filter((c) => !a.corpora.some((x) => x.id === c.id))];
    for (const error of [...a.errors, ...b.errors]) this.warnOnce(error);
    for (const p of config?.problems ?? []) this.warnOnce(`${config!.path}: ${p.message}`);

    const rules: Record<string, RuleLevel> = { ...config?.config.rules };
    for (const [code, level] of Object.entries(settings.rules ?? {})) {
      if ((RULE_LEVELS as string[]).includes(level)) rules[code] = level as RuleLevel;
    }
    const context: DocContext = {
      corpora,
      library: buildLibrary(corpora),
      options: { minWords: config?.config.minWords ?? settings.minWords ?? 4, rules },
      maxFileSize: settings.maxFileSize,
      citationStyle: config?.config.citationStyle ?? citationStyleOf(settings.citationStyle),
      generation: this.generation,
      config,
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
