// `.verbatim.json` (and remark-verbatim's options) validated by one JSON
// Schema, schemas/verbatim-config.schema.json — the same file VS Code uses for
// completion and squiggles in the editor; ajv compiles it when we build. Never throws: whatever is valid is
// kept, and each problem points at the exact value (or, for an unknown key, at
// the key) through jsonc-parser's tree. Comments and trailing commas are
// accepted, as in VS Code's own JSON files.

import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import schema from '../../../schemas/verbatim-config.schema.json';
// Compiled from the schema at build time (scripts/configValidator.mjs): nothing is compiled at run time.
import validate from 'verbatim:config-validator';
import type { CitationStyle } from '../engine/citations';
import type { CorpusConfig, RuleLevel, VerbatimConfig } from '../engine/config';

export type ConfigSeverity = 'error' | 'warning';

export interface ConfigProblem {
  message: string;
  /** Offset in the file where the problem stands (0 when unknown). */
  offset: number;
  length: number;
  /** Unknown keys are warnings (they change nothing); wrong values and broken JSON are errors. */
  severity: ConfigSeverity;
}

export interface ParsedConfig {
  config: VerbatimConfig;
  problems: ConfigProblem[];
}

type Json = Record<string, unknown>;
type Segment = string | number;

/** The keys the schema knows at the top level, and per corpus and rule (for messages and tests). */
export const CONFIG_KEYS = Object.keys(schema.properties).filter((k) => k !== '$schema');
export const CORPUS_KEYS = Object.keys(schema.properties.corpora.items.properties);
export const SCHEMA_RULE_CODES = Object.keys(schema.properties.rules.properties);

/** "ValueExpected" → "value expected". */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** JSON pointer "/corpora/1/title" → ['corpora', 1, 'title']. */
function segments(pointer: string): Segment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** How a message names a value: `"minWords"` at the top, `corpora[1].title` below it. */
function displayPath(path: readonly Segment[]): string {
  if (path.length === 0) return '.verbatim.json';
  if (path.length === 1) return `"${path[0]}"`;
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The subschema an ajv error's schemaPath ends in (its keyword dropped). */
function subschemaAt(schemaPath: string): Json | undefined {
  let at: unknown = schema;
  const parts = schemaPath.replace(/^#\/?/, '').split('/');
  for (const part of parts.slice(0, -1)) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at && typeof at === 'object' ? (at as Json) : undefined;
}

function where(tree: Node | undefined, path: Segment[]): { offset: number; length: number } {
  const node = tree && (path.length === 0 ? tree : findNodeAtLocation(tree, path));
  return node ? { offset: node.offset, length: node.length } : { offset: 0, length: 0 };
}

function unknownKeyMessage(path: Segment[], key: string): string {
  if (path.length === 0) return `Unknown setting "${key}"; expected one of ${CONFIG_KEYS.join(', ')}`;
  if (path[0] === 'rules') return `Unknown rule "${key}"; expected one of ${SCHEMA_RULE_CODES.join(', ')}`;
  return `Unknown setting ${displayPath([...path, key])}; expected one of ${CORPUS_KEYS.join(', ')}`;
}

function toProblem(e: ErrorObject, tree: Node | undefined): ConfigProblem & { path: Segment[] } {
  const path = segments(e.instancePath);
  if (e.keyword === 'additionalProperties') {
    const key = String((e.params as { additionalProperty: string }).additionalProperty);
    const valueNode = tree && findNodeAtLocation(tree, [...path, key]);
    // Point at the key itself: the value may be fine, the name is what is wrong.
    const keyNode = valueNode?.parent?.children?.[0];
    const at = keyNode ? { offset: keyNode.offset, length: keyNode.length } : where(tree, path);
    // An unknown rule code silences nothing the writer meant it to: an error. Other unknown keys warn.
    return { message: unknownKeyMessage(path, key), ...at, severity: path[0] === 'rules' ? 'error' : 'warning', path: [...path, key] };
  }
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty: string }).missingProperty);
    return { message: `${displayPath(path)} needs a "${missing}" string`, ...where(tree, path), severity: 'error', path };
  }
  const described = subschemaAt(e.schemaPath)?.errorMessage;
  const message = `${displayPath(path)} ${typeof described === 'string' ? described : (e.message ?? 'is not valid')}`;
  return { message, ...where(tree, path), severity: 'error', path };
}

/** Validates a settings-shaped value; `tree` (when it came from a file) locates each problem. */
export function validateConfig(value: unknown, tree?: Node): ParsedConfig {
  const problems: (ConfigProblem & { path: Segment[] })[] = [];
  if (!validate(value)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      const p = toProblem(e, tree);
      // One problem per value (a wrong type may fail more than one keyword).
      const key = JSON.stringify(p.path);
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(p);
    }
  }
  const bad = new Set(problems.filter((p) => p.severity === 'error').map((p) => JSON.stringify(p.path)));
  const ok = (...path: Segment[]) => !bad.has(JSON.stringify(path));
  const config: VerbatimConfig = { corpora: [], rules: {} };
  if (value && typeof value === 'object' && !Array.isArray(value) && ok()) {
    const obj = value as Json;
    if (Array.isArray(obj.corpora) && ok('corpora')) {
      obj.corpora.forEach((item: unknown, i: number) => {
        if (!ok('corpora', i)) return;
        if (typeof item === 'string') return void config.corpora.push({ path: item });
        const c = item as Json;
        if (!ok('corpora', i, 'path')) return;
        const entry: CorpusConfig = { path: c.path as string };
        for (const f of ['title', 'author', 'key', 'publisher', 'place'] as const) if (c[f] !== undefined && ok('corpora', i, f)) entry[f] = c[f] as string;
        if (c.year !== undefined && ok('corpora', i, 'year')) entry.year = c.year as number;
        config.corpora.push(entry);
      });
    }
    if (obj.minWords !== undefined && ok('minWords')) config.minWords = obj.minWords as number;
    if (obj.citationStyle !== undefined && ok('citationStyle')) config.citationStyle = obj.citationStyle as CitationStyle;
    if (obj.bibliography !== undefined && ok('bibliography')) {
      const list = typeof obj.bibliography === 'string' ? [obj.bibliography] : (obj.bibliography as string[]);
      if (list.every((b) => b.trim())) config.bibliography = list;
    }
    if (obj.rules && typeof obj.rules === 'object' && ok('rules')) {
      for (const [code, level] of Object.entries(obj.rules as Json)) {
        if (SCHEMA_RULE_CODES.includes(code) && ok('rules', code)) config.rules[code] = level as RuleLevel;
      }
    }
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { config, problems: problems.map(({ path: _path, ...p }) => p) };
}

export function parseConfig(text: string): ParsedConfig {
  if (!text.trim()) return { config: { corpora: [], rules: {} }, problems: [] };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    // Later errors cascade from the first; the first is the one to fix.
    const e = errors[0];
    const message = `.verbatim.json is not valid JSON: ${e ? describeJsonError(printParseErrorCode(e.error)) : 'value expected'}`;
    return { config: { corpora: [], rules: {} }, problems: [{ message, offset: e?.offset ?? 0, length: Math.max(1, e?.length ?? 0), severity: 'error' }] };
  }
  return validateConfig(getNodeValue(tree), tree);
}
