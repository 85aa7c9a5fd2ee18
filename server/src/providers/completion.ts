// Completion after an opening quotation mark or on a blockquote line: passages
// ranked by the words typed so far (typo-tolerant), the speaker named before
// the mark first; each item inserts the exact wording, the closing mark and a
// citation in the essay's style.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { citationAt, type CitationStyle } from '../engine/citations';
import { placeOfMatch } from '../engine/formats/book';
import { findAttribution } from '../engine/attribution';
import { tokenize } from '../engine/normalize';
import { searchPassages } from '../engine/passageSearch';
import type { DocContext } from '../service/context';
import { toRange } from '../positions';
import { describePassage } from './hover';
import { plainText } from './markup';

const CLOSING: Record<string, string> = { '“': '”', '"': '"', '‘': '’' };
const MAX_ITEMS = 50;

/** The opening mark the cursor stands after on its line, and what was typed since. */
export function openQuotation(line: string): { mark: string; at: number; typed: string } | undefined {
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line[i];
    if (c === '”' || (c === '’' && !/[\p{L}]/u.test(line[i + 1] ?? ''))) return undefined;
    if (c === '“' || c === '‘') return { mark: c, at: i, typed: line.slice(i + 1) };
    if (c === '"') {
      // An odd number of straight marks up to here means this one opens.
      const count = (line.slice(0, i + 1).match(/"/g) ?? []).length;
      return count % 2 === 1 ? { mark: c, at: i, typed: line.slice(i + 1) } : undefined;
    }
  }
  return undefined;
}

/** Whether line[at] is what \s matches (ASCII spaces first, without a regex). */
function isSpace(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(line[at]));
}

/** A blockquote line ("> …") with no quotation marks: the whole line is the quotation being typed. */
export function blockquoteLine(line: string): { mark: string; at: number; typed: string } | undefined {
  // Read by hand: the regex /^(\s{0,3}(?:>\s?)+)([^“”"‘]*)$/ tried every split of a long
  // run of markers before failing on a mark, quadratic on a line of 80,000 `>`.
  let at = 0;
  while (isSpace(line, at)) at++;
  if (at > 3 || line[at] !== '>') return undefined;
  while (line[at] === '>') {
    at++;
    if (isSpace(line, at)) at++;
  }
  const typed = line.slice(at);
  return /[“”"‘]/.test(typed) ? undefined : { mark: '>', at: at - 1, typed };
}

/**
 * The speaker the sentence names before the opening mark ("Ruth says, “", "Tommy: “"), read the
 * same way the misattribution rule reads a finished sentence: as if the quotation were closed.
 */
export function speakerBefore(textBefore: string, mark: string): string | undefined {
  const probe = textBefore + mark + (CLOSING[mark] ?? '');
  return findAttribution(probe, textBefore.length, probe.length)?.name;
}

/** What an item carries for completionItem/resolve. */
export interface CompletionData {
  passageId: string;
  corpus: string;
  uri: string;
}

/** A plaintext client's documentation, on completionItem/resolve: the passage described, as plain text. */
export function resolveCompletion(item: CompletionItem, context: DocContext): CompletionItem {
  const data = item.data as Partial<CompletionData> | undefined;
  if (item.documentation || !data?.passageId) return item;
  for (const index of context.library) {
    if (index.corpus.id !== data.corpus) continue;
    const passage = index.corpus.passages.find((p) => p.id === data.passageId);
    if (passage) return { ...item, documentation: { kind: MarkupKind.PlainText, value: plainText(describePassage({ passage, corpus: index.corpus }).join('\n')) } };
  }
  return item;
}

/** What the client can take (its completion capabilities); VS Code takes both. */
export interface CompletionFormat {
  /** `completionItem.snippetSupport`: else plain text, with no `$0`. */
  snippets: boolean;
  /** `markdown` among `completionItem.documentationFormat`: else plaintext documentation. */
  markdown: boolean;
}

/** The word being typed: what every client filters by (eglot: the symbol at point; VS Code: the edit range). */
const WORD_BEFORE = /[\p{L}\p{M}\p{N}_]*$/u;

/**
 * Passages for the quotation being typed. One shape that works in every client: the main
 * `textEdit` replaces only the word being typed (so clients that filter by the word before the
 * cursor keep the item; `filterText` is that word, the server having ranked already), and an
 * `additionalTextEdits` entry removes the words typed before it, which the passage's exact
 * wording replaces. The list is incomplete, so clients ask again as the user types.
 */
export function completion(
  doc: TextDocument,
  position: Position,
  context: DocContext,
  style: CitationStyle = 'mla',
  format: CompletionFormat = { snippets: true, markdown: true },
): CompletionItem[] {
  // Offsets, not columns: the client's columns may count UTF-8 bytes or code points.
  const text = doc.getText();
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const cursor = doc.offsetAt(position);
  const lineText = text.slice(lineStart, cursor);
  const open = openQuotation(lineText) ?? blockquoteLine(lineText);
  if (!open) return [];
  const typedWords = tokenize(open.typed)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
  const speaker = open.mark === '>' ? undefined : speakerBefore(lineText.slice(0, open.at), open.mark);
  const ranked = searchPassages(context.library, typedWords, speaker);
  const close = CLOSING[open.mark] ?? '';
  const after = text.slice(cursor, cursor + 1);
  const word = WORD_BEFORE.exec(open.typed)?.[0] ?? '';
  const quotedFrom = lineStart + open.at + 1;
  const wordStart = cursor - word.length;
  const range = toRange(doc, wordStart, cursor);
  const earlier: TextEdit[] = wordStart > quotedFrom ? [{ range: toRange(doc, quotedFrom, wordStart), newText: '' }] : [];
  const escape = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);
  return ranked.slice(0, MAX_ITEMS).map((r, i): CompletionItem => {
    // Completing inside a quotation that is already closed changes only its words.
    const place = placeOfMatch({ passage: r.passage });
    // A book's sentence that ends a speech brings its own closing mark: no second one.
    const ownClose = close !== '' && r.text.endsWith(close);
    const tail = close && after === close ? '' : `${ownClose ? '' : close} ${citationAt(r.corpus, style, place)}`;
    const newText = format.snippets ? (tail ? `${escape(r.text)}${escape(tail)}$0` : escape(r.text)) : r.text + tail;
    return {
      label: r.text.length > 70 ? r.text.slice(0, 69) + '…' : r.text,
      kind: CompletionItemKind.Text,
      detail: [r.passage.speaker && r.passage.speaker !== 'unknown' ? r.passage.speaker : undefined, r.corpus.title].filter(Boolean).join(' — '),
      // Plain text costs a Markdown parse per item (~0.6 ms): only for the item the client resolves.
      ...(format.markdown ? { documentation: { kind: MarkupKind.Markdown, value: describePassage(r).join('\n') } } : {}),
      filterText: word,
      sortText: String(i).padStart(4, '0'),
      insertTextFormat: format.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      // For a client that ignores textEdit (it inserts this at the word it sees).
      ...(format.snippets ? {} : { insertText: newText }),
      textEdit: { range, newText },
      ...(earlier.length ? { additionalTextEdits: earlier } : {}),
      data: { passageId: r.passage.id, corpus: r.corpus.id, uri: doc.uri } satisfies CompletionData,
    };
  });
}
