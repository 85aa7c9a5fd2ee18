// The essay's own bibliography: BibTeX/BibLaTeX (citation-js's grammar and its
// mapping to CSL-JSON), CSL-JSON and CSL-YAML, each entry with the line it stands
// on; the bibliography and style a Pandoc front matter names; the citation keys
// an essay uses. Pure: text in, entries and problems out.

import { parse as bibtexToCsl } from '@citation-js/plugin-bibtex/lib/input/entries.js';
import { parse as parseBibtexFile } from '@citation-js/plugin-bibtex/lib/input/file.js';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineCounter, parseDocument, isMap, isSeq, type Node as YamlNode } from 'yaml';
import { authorsOf, splitName } from './citations';
import { lineIndex } from './loaders';
import type { Corpus } from './types';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** A CSL-JSON item: the fields Verbatim reads are typed, the rest pass through to the CSL processor. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  issued?: { 'date-parts'?: (number | string)[][]; literal?: string };
  publisher?: string;
  [field: string]: unknown;
}

export interface BibEntry {
  key: string;
  item: CslItem;
  /** The file it came from, as the essay named it, and its 1-based line. */
  file: string;
  line: number;
}

export interface BibProblem {
  file: string;
  line: number;
  message: string;
}

export interface Bibliography {
  entries: BibEntry[];
  problems: BibProblem[];
}

export type BibFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** The format a bibliography file's name says it has (Pandoc's extensions). */
export function bibFormatOf(path: string): BibFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex' || ext === 'biblatex') return 'bibtex';
  if (ext === 'json') return 'csl-json';
  if (ext === 'yaml' || ext === 'yml') return 'csl-yaml';
  return undefined;
}

function lineAt(text: string, offset: number): number {
  return lineIndex(text.slice(0, offset))(offset);
}

/** The entries of one bibliography file; a broken entry is a problem with its line, the others are kept. */
export function parseBibliography(text: string, file: string, format: BibFormat): Bibliography {
  const out = format === 'bibtex' ? fromBibtex(text, file) : format === 'csl-json' ? fromCslJson(text, file) : fromCslYaml(text, file);
  // A key defined twice: the first one counts (as in Pandoc), the second is reported.
  const seen = new Map<string, BibEntry>();
  const entries: BibEntry[] = [];
  for (const e of out.entries) {
    const first = seen.get(e.key);
    if (first) {
      out.problems.push({ file, line: e.line, message: `duplicate key "${e.key}" (first defined on line ${first.line}); the first entry is used` });
      continue;
    }
    seen.set(e.key, e);
    entries.push(e);
  }
  out.problems.sort((a, b) => a.line - b.line);
  return { entries, problems: out.problems };
}

// Where a BibTeX entry starts: "@book{key," on its own line start (comments and @string have no key).
const BIBTEX_ENTRY = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/gm;

function fromBibtex(text: string, file: string): Bibliography {
  const lineOf = lineIndex(text);
  try {
    return { entries: bibtexEntries(text, 0, lineOf, file), problems: [] };
  } catch {
    // One broken entry: parse entry by entry, so the rest of the file still counts.
  }
  const starts: number[] = [];
  for (const m of text.matchAll(BIBTEX_ENTRY)) starts.push(m.index);
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  // @string definitions are shared by later entries: each chunk is parsed with the ones before it.
  let strings = '';
  for (let i = 0; i < starts.length; i++) {
    const chunk = text.slice(starts[i], starts[i + 1] ?? text.length);
    try {
      entries.push(...bibtexEntries(strings + chunk, strings.length - starts[i], lineOf, file));
      if (/^\s*@\s*string\b/i.test(chunk)) strings += chunk;
    } catch (e) {
      problems.push({ file, line: lineOf(starts[i]), message: bibtexMessage(e, chunk) });
    }
  }
  return { entries, problems };
}

/** The library's message, first line only, without its own (chunk-relative) position. */
function bibtexMessage(e: unknown, chunk: string): string {
  const raw = e instanceof Error ? e.message.split('\n')[0] : String(e);
  const message = raw.replace(/\s*at line \d+ col \d+:?\s*$/, '').trim();
  const unclosed = /got EOF/.test(raw) || (chunk.split('{').length > chunk.split('}').length);
  return unclosed ? 'entry not closed: a "{" in it has no matching "}"' : `entry cannot be read: ${message}`;
}

function bibtexEntries(source: string, shift: number, lineOf: (offset: number) => number, file: string): BibEntry[] {
  const raw = parseBibtexFile(source);
  const items = bibtexToCsl(raw) as CslItem[];
  // The grammar keeps entries in order; find each one's line by its header in the source.
  const headers = new Map<string, number[]>();
  const inOrder: number[] = [];
  for (const m of source.matchAll(/^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s]+)[ \t]*,/gm)) {
    if (/^(string|comment|preamble)$/i.test(m[1])) continue;
    const list = headers.get(m[2]) ?? [];
    list.push(m.index);
    headers.set(m[2], list);
    inOrder.push(m.index);
  }
  return raw.map((entry, i) => {
    const offset = headers.get(entry.label)?.shift() ?? inOrder[i] ?? 0;
    const item = { ...items[i], id: entry.label };
    return { key: entry.label, item, file, line: lineOf(Math.max(0, offset - shift)) };
  });
}

function cslItemFrom(value: unknown): CslItem | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const id = typeof v.id === 'string' ? v.id : typeof v.id === 'number' ? String(v.id) : undefined;
  if (!id) return undefined;
  return { ...v, id, type: typeof v.type === 'string' ? v.type : 'book' } as CslItem;
}

function fromCslJson(text: string, file: string): Bibliography {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0) {
    const e = errors[0];
    return { entries: [], problems: [{ file, line: lineAt(text, e.offset), message: `not valid JSON: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}` }] };
  }
  const lineOf = lineIndex(text);
  const list = tree?.type === 'object' ? tree.children?.find((p) => p.children?.[0]?.value === 'items')?.children?.[1] : tree;
  if (!list || list.type !== 'array') return { entries: [], problems: [{ file, line: 1, message: 'CSL-JSON must be a list of items such as [{"id": "austen1813", "type": "book", …}]' }] };
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  for (const node of list.children ?? []) {
    const item = cslItemFrom(jsonValue(node));
    if (item) entries.push({ key: item.id, item, file, line: lineOf(node.offset) });
    else problems.push({ file, line: lineOf(node.offset), message: 'an item without an "id" is skipped' });
  }
  return { entries, problems };
}

function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) if (p.children?.length === 2) out[String(p.children[0].value)] = jsonValue(p.children[1]);
      return out;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

function fromCslYaml(text: string, file: string): Bibliography {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    return { entries: [], problems: [{ file, line: lines.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split('\n')[0]}` }] };
  }
  let list: YamlNode | null | undefined = doc.contents as YamlNode | null;
  // Pandoc's CSL-YAML: a mapping with `references:` (a bare list is read too).
  if (isMap(list)) list = list.get('references', true) as YamlNode | undefined;
  if (!isSeq(list)) return { entries: [], problems: [{ file, line: 1, message: 'CSL-YAML must hold `references:`, a list of items with an `id`' }] };
  const entries: BibEntry[] = [];
  const problems: BibProblem[] = [];
  for (const node of list.items as YamlNode[]) {
    const line = lines.linePos(node.range?.[0] ?? 0).line;
    const item = cslItemFrom((node as { toJSON?: () => unknown }).toJSON?.());
    if (item) entries.push({ key: item.id, item, file, line });
    else problems.push({ file, line, message: 'an item without an "id" is skipped' });
  }
  return { entries, problems };
}

/** What a Pandoc front matter names: `bibliography:` (one path or a list) and `csl:`. */
export interface FrontMatter {
  bibliography: string[];
  csl?: string;
  /** Where the front matter ends (offset past its closing line); 0 when there is none. */
  end: number;
}

export function frontMatterOf(text: string): FrontMatter {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { bibliography: [], end: 0 };
  const doc = parseDocument(m[1], { prettyErrors: false });
  const value = doc.errors.length === 0 ? (doc.toJSON() as unknown) : undefined;
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const bib = obj.bibliography;
  const bibliography = typeof bib === 'string' ? [bib] : Array.isArray(bib) ? bib.filter((b): b is string => typeof b === 'string') : [];
  return { bibliography: bibliography.filter((b) => b.trim()), csl: typeof obj.csl === 'string' && obj.csl.trim() ? obj.csl : undefined, end: m[0].length };
}

/** A citation key in the essay: `austen1813` of `[@austen1813, p. 3]`, with its offsets (without the @). */
export interface KeyUse {
  key: string;
  start: number;
  end: number;
}

// Pandoc's key: a letter, digit or _ first; inner punctuation only between such characters.
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*`;
const KEY_USE = new RegExp(String.raw`(?<![\p{L}\p{N}_.@\\])-?@(${KEY})`, 'gu');

/** The citation keys an essay uses, outside its front matter, code blocks and code spans. */
export function keyUses(text: string): KeyUse[] {
  let masked = text.slice(0, frontMatterOf(text).end).replace(/[^\n]/g, ' ') + text.slice(frontMatterOf(text).end);
  // Fenced code blocks and code spans are not prose: blank them, keeping every offset.
  masked = masked.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\2[`~]*[ \t]*$|(?![\s\S]))/gm, (s) => s.replace(/[^\n]/g, ' '));
  masked = masked.replace(/(`+)[^`\n][\s\S]*?\1/g, (s) => s.replace(/[^\n]/g, ' '));
  const out: KeyUse[] = [];
  for (const m of masked.matchAll(KEY_USE)) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ key: m[1], start, end: start + m[1].length });
  }
  return out;
}

/** The key nearest to `key` by edit distance (a swap of two neighbours counts one), if near enough to be a typo. */
export function nearestKey(key: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(key.length / 3));
  for (const k of keys) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && k < best)) {
      best = k;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function folded(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The entry of a corpus: by its `key`, else by title (and the first author's family name, when both have one). */
export function entryForCorpus(entries: readonly BibEntry[], corpus: Pick<Corpus, 'key' | 'title' | 'author'>): BibEntry | undefined {
  if (corpus.key) {
    const byKey = entries.find((e) => e.key === corpus.key);
    if (byKey) return byKey;
  }
  const title = folded(corpus.title);
  // The first author's surname ("Terry Pratchett and Neil Gaiman": Pratchett), as an entry's first author.
  const surname = corpus.author ? folded(splitName(authorsOf(corpus.author)[0] ?? corpus.author).surname) : undefined;
  return entries.find((e) => {
    if (!e.item.title || folded(e.item.title) !== title) return false;
    const family = e.item.author?.[0]?.family ?? e.item.author?.[0]?.literal;
    return surname === undefined || family === undefined || folded(family).split(' ').includes(surname);
  });
}

/** The year of an entry, if it has one. */
export function entryYear(item: CslItem): string | undefined {
  const part = item.issued?.['date-parts']?.[0]?.[0];
  return part !== undefined ? String(part) : item.issued?.literal;
}

/** "Austen, Jane" for the first author, or undefined. */
export function entryAuthor(item: CslItem): string | undefined {
  const names = (item.author ?? []).map((n) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ')).filter(Boolean);
  if (names.length === 0) return undefined;
  return names.length > 2 ? `${names[0]} et al.` : names.join(' and ');
}
