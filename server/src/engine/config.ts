// The shape of Verbatim's configuration (`.verbatim.json`, remark-verbatim's
// options, the `verbatim.*` settings). Reading and validating it against the
// JSON Schema is the service's job (service/config.ts); the engine only uses it.

import type { CitationStyle } from './citations';

export interface CorpusConfig {
  path: string;
  title?: string;
  author?: string;
  year?: number;
  key?: string;
  publisher?: string;
  place?: string;
}

export type RuleLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface VerbatimConfig {
  corpora: CorpusConfig[];
  minWords?: number;
  citationStyle?: CitationStyle;
  /** Bibliography files (.bib, CSL-JSON, CSL-YAML) for essays whose front matter names none; relative to the config. */
  bibliography?: string[];
  rules: Record<string, RuleLevel>;
}

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'hint', 'off'];
