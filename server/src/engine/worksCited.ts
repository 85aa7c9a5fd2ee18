// The "Works Cited" (MLA) or "References" section for the sources an essay
// quotes: built in the essay's citation style, and placed over the section the
// essay already has (any heading named Works Cited, References or
// Bibliography) or appended at the end. Pure: text in, one edit out.

import { formatReference, referencesHeading, splitName, type CitationStyle } from './citations';
import { parseMarkdown } from './markdown';
import type { Corpus } from './types';

export interface TextReplacement {
  start: number;
  end: number;
  newText: string;
}

const SECTION_NAME = /^(works cited|references|bibliography|works consulted)$/i;

interface Heading {
  depth: number;
  start: number;
  end: number;
  text: string;
}

interface Node {
  type: string;
  depth?: number;
  value?: string;
  children?: Node[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function plain(node: Node): string {
  return node.value ?? (node.children ?? []).map(plain).join('');
}

function headings(text: string): Heading[] {
  const tree = parseMarkdown(text) as Node;
  const out: Heading[] = [];
  for (const node of tree.children ?? []) {
    if (node.type !== 'heading') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) out.push({ depth: node.depth ?? 1, start, end, text: plain(node).trim() });
  }
  return out;
}

/** Sorting order of a source in the list: surname, then title. */
function sortKey(c: Corpus): string {
  return `${c.author ? splitName(c.author).surname : c.title} ${c.title}`.toLowerCase();
}

/** The section's body: one entry per source (a paragraph each), or Pandoc's placeholder for its bibliography. */
export function referencesBody(sources: readonly Corpus[], style: CitationStyle): string {
  if (style === 'pandoc') return '::: {#refs}\n:::';
  return [...sources]
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)))
    .map((c) => formatReference(c, style))
    .join('\n\n');
}

/**
 * The edit that writes the section: replaces an existing one (its heading and
 * everything up to the next heading of the same or a higher level) or appends
 * a new level-2 section. Undefined when there is nothing to list.
 */
export function updateReferences(text: string, sources: readonly Corpus[], style: CitationStyle): TextReplacement | undefined {
  if (sources.length === 0) return undefined;
  const body = referencesBody(sources, style);
  const all = headings(text);
  const at = all.findIndex((h) => SECTION_NAME.test(h.text));
  if (at >= 0) {
    const h = all[at];
    const next = all.slice(at + 1).find((n) => n.depth <= h.depth);
    const end = next ? next.start : text.length;
    const section = `${'#'.repeat(h.depth)} ${referencesHeading(style)}\n\n${body}\n`;
    return { start: h.start, end, newText: next ? section + '\n' : section };
  }
  const gap = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { start: text.length, end: text.length, newText: `${gap}## ${referencesHeading(style)}\n\n${body}\n` };
}

/** The sources an essay quotes (found correct or misquoted), each once, in order of first use. */
export function quotedSources(matches: readonly { verdict: string; corpus?: Corpus }[]): Corpus[] {
  const out: Corpus[] = [];
  for (const m of matches) {
    if ((m.verdict === 'correct' || m.verdict === 'misquote') && m.corpus && !out.includes(m.corpus)) out.push(m.corpus);
  }
  return out;
}
