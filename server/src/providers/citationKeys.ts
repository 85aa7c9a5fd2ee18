// Citation keys of the essay's bibliography: `[@` completion (key, author,
// title, year) and hover on a key with its reference formatted in the essay's
// style. The bibliography is someone else's file as far as hover Markdown goes:
// its text is escaped.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { entryAuthor, entryForCorpus, entryYear, keyUses, type BibEntry, type Bibliography } from '../engine/bibliography';
import type { Corpus } from '../engine/types';
import { renderBibliography, type Citeproc } from '../engine/csl';
import { toRange } from '../positions';

// `@` opening a citation: after `[`, `;`, a space, `-` (suppressed author) or the line start, then the key typed so far.
const KEY_BEFORE_CURSOR = /(?:^|[\s[;-])@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u;

/** What was typed of a key before the cursor, if the cursor stands in one. */
export function keyBeforeCursor(lineBefore: string): string | undefined {
  return KEY_BEFORE_CURSOR.exec(lineBefore)?.[1];
}

/** `[@` completion: every entry whose key, author or title holds what was typed; undefined when the cursor is not after `@`. */
export function citationKeyCompletion(doc: TextDocument, position: Position, bibliography: () => Bibliography | undefined): CompletionItem[] | undefined {
  const lineBefore = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const typed = keyBeforeCursor(lineBefore);
  if (typed === undefined) return undefined;
  const bib = bibliography();
  if (!bib || bib.entries.length === 0) return undefined;
  const start = { line: position.line, character: position.character - typed.length };
  const lower = typed.toLowerCase();
  return bib.entries
    .filter((e) => !lower || [e.key, entryAuthor(e.item) ?? '', e.item.title ?? ''].some((s) => s.toLowerCase().includes(lower)))
    .map((e, i) => ({
      label: e.key,
      kind: CompletionItemKind.Reference,
      detail: describe(e),
      // Author and title match too ("[@pride" finds austen1813): the server filtered, so clients
      // filter by the word typed only (as quotation completion does).
      filterText: typed,
      sortText: String(i).padStart(5, '0'),
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range: { start, end: position }, newText: e.key },
    }));
}

/** "Austen, Jane — Pride and Prejudice (1813)": plain text, for completion's detail line. */
export function describe(e: BibEntry): string {
  const year = entryYear(e.item);
  return [entryAuthor(e.item), `${e.item.title ?? e.key}${year ? ` (${year})` : ''}`].filter(Boolean).join(' — ');
}

const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>&~|#]/g;
const escapeMarkdown = (text: string) => text.replace(MARKDOWN_PUNCTUATION, '\\$&');

/** Hover on a cited key: the entry's reference in the style (`styleXml`), and where it is defined; `citeproc`: the engines to reuse. */
export function citationKeyHover(doc: TextDocument, offset: number, bibliography: Bibliography | undefined, styleXml: string, citeproc?: Citeproc): Hover | null {
  if (!bibliography || bibliography.entries.length === 0) return null;
  const use = keyUses(doc.getText()).find((u) => u.start - 1 <= offset && offset < u.end);
  if (!use) return null;
  const entry = bibliography.entries.find((e) => e.key === use.key);
  if (!entry) return null;
  const reference = formattedEntry(entry, styleXml, citeproc);
  return {
    contents: { kind: MarkupKind.Markdown, value: `${reference}\n\n${escapeMarkdown(`@${entry.key} — ${entry.file}, line ${entry.line}`)}` },
    range: toRange(doc, use.start - 1, use.end),
  };
}

/** An entry's reference in the style, as hover Markdown (its text escaped); a style citeproc cannot use: the plain description. */
function formattedEntry(entry: BibEntry, styleXml: string, citeproc?: Citeproc): string {
  try {
    return renderBibliography([entry.item], styleXml, escapeMarkdown, citeproc)[0] ?? escapeMarkdown(describe(entry));
  } catch {
    return escapeMarkdown(describe(entry));
  }
}

/**
 * The lines a quotation's hover gains when its source is linked to a bibliography entry: the entry
 * formatted in the essay's style (`styleXml`), and its key and where it is defined:
 * `Bibliography: Austen, Jane. *Pride and Prejudice*. T. Egerton, 1813.` / `@austen1813 — refs.bib, line 2`.
 */
export function entryLine(corpus: Corpus | undefined, bibliography: Bibliography | undefined, styleXml: string, citeproc?: Citeproc): string | undefined {
  if (!corpus || !bibliography) return undefined;
  const entry = entryForCorpus(bibliography.entries, corpus);
  return entry ? `Bibliography: ${formattedEntry(entry, styleXml, citeproc)}\n\n${escapeMarkdown(`@${entry.key} — ${entry.file}, line ${entry.line}`)}` : undefined;
}
