// Reads `.verbatim.json` (and the same shape from editor settings). Never
// throws: whatever is valid is kept, and each problem is reported with where
// it stands so the server can show it in the file and the CLI can print it.
// Comments and trailing commas are accepted, as in VS Code's own JSON files.

import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { CITATION_STYLES, type CitationStyle } from './citations';

export interface CorpusConfig {
  path: string;
  title?: string;
  author?: string;
  year?: number;
  key?: string;
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

export interface ConfigProblem {
  message: string;
  /** Offset in the file where the problem stands (0 when unknown). */
  offset: number;
  length: number;
}

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/** "ValueExpected" → "value expected". */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Where a key first appears in the file, for pointing at it. */
function locate(text: string, key: string): { offset: number; length: number } {
  const at = text.indexOf(`"${key}"`);
  return at >= 0 ? { offset: at, length: key.length + 2 } : { offset: 0, length: 0 };
}

export function parseConfig(text: string): { config: VerbatimConfig; problems: ConfigProblem[] } {
  const config: VerbatimConfig = { corpora: [], rules: {} };
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  const doc: unknown = text.trim() ? parse(text, errors, { allowTrailingComma: true, disallowComments: false }) : {};
  if (errors.length > 0) {
    // Later errors cascade from the first; the first is the one to fix.
    const e = errors[0];
    problems.push({ message: `.verbatim.json is not valid JSON: ${describeJsonError(printParseErrorCode(e.error))}`, offset: e.offset, length: Math.max(1, e.length) });
    return { config, problems };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    problems.push({ message: '.verbatim.json must be a JSON object such as {"corpora": []}', offset: 0, length: 1 });
    return { config, problems };
  }
  const obj = doc as Record<string, unknown>;
  return { config: fromObject(obj, text, problems), problems };
}

/** Validates a settings-shaped object (used for `.verbatim.json` and for `verbatim.*` settings). */
export function fromObject(obj: Record<string, unknown>, text: string, problems: ConfigProblem[]): VerbatimConfig {
  const config: VerbatimConfig = { corpora: [], rules: {} };
  const known = new Set(['corpora', 'minWords', 'rules', 'citationStyle', 'bibliography', '$schema']);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) problems.push({ message: `Unknown setting "${key}"; expected one of corpora, minWords, rules, citationStyle, bibliography`, ...locate(text, key) });
  }
  if (obj.corpora !== undefined) {
    if (!Array.isArray(obj.corpora)) {
      problems.push({ message: '"corpora" must be a list of {"path", "title", "author"} objects', ...locate(text, 'corpora') });
    } else {
      obj.corpora.forEach((item, i) => {
        const c = item as Record<string, unknown>;
        if (typeof item === 'string') {
          config.corpora.push({ path: item });
        } else if (!c || typeof c !== 'object' || typeof c.path !== 'string' || !c.path) {
          problems.push({ message: `corpora[${i}] needs a "path" string`, ...locate(text, 'corpora') });
        } else {
          const entry: CorpusConfig = { path: c.path };
          for (const f of ['title', 'author', 'key'] as const) {
            if (c[f] === undefined) continue;
            if (typeof c[f] === 'string') entry[f] = c[f] as string;
            else problems.push({ message: `corpora[${i}].${f} must be a string`, ...locate(text, f) });
          }
          if (c.year !== undefined) {
            if (typeof c.year === 'number' && Number.isInteger(c.year)) entry.year = c.year;
            else problems.push({ message: `corpora[${i}].year must be a whole number`, ...locate(text, 'year') });
          }
          config.corpora.push(entry);
        }
      });
    }
  }
  if (obj.minWords !== undefined) {
    if (typeof obj.minWords === 'number' && Number.isInteger(obj.minWords) && obj.minWords >= 1) config.minWords = obj.minWords;
    else problems.push({ message: '"minWords" must be a whole number of at least 1', ...locate(text, 'minWords') });
  }
  if (obj.citationStyle !== undefined) {
    if ((CITATION_STYLES as readonly unknown[]).includes(obj.citationStyle)) config.citationStyle = obj.citationStyle as CitationStyle;
    else problems.push({ message: `"citationStyle" must be one of ${CITATION_STYLES.join(', ')}`, ...locate(text, 'citationStyle') });
  }
  if (obj.bibliography !== undefined) {
    const list = typeof obj.bibliography === 'string' ? [obj.bibliography] : obj.bibliography;
    if (Array.isArray(list) && list.every((b) => typeof b === 'string' && b.trim())) config.bibliography = list as string[];
    else problems.push({ message: '"bibliography" must be a path (or a list of paths) of .bib, CSL-JSON or CSL-YAML files', ...locate(text, 'bibliography') });
  }
  if (obj.rules !== undefined) {
    if (!obj.rules || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) {
      problems.push({ message: '"rules" must be an object such as {"misquote": "error"}', ...locate(text, 'rules') });
    } else {
      for (const [code, level] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (typeof level === 'string' && (RULE_LEVELS as string[]).includes(level)) config.rules[code] = level as RuleLevel;
        else problems.push({ message: `rules.${code} must be one of ${RULE_LEVELS.join(', ')}`, ...locate(text, code) });
      }
    }
  }
  return config;
}
