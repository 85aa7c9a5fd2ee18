// Completion after an opening quotation mark or on a blockquote line: only passages that what was
// typed agrees with (from their first word, or three words or more inside them, typos forgiven), the
// speaker named before the mark first. Accepting keeps what was typed and adds the rest of the
// wording, steps over an auto-closed mark (or supplies it) and cites in the essay's style (a book's
// page or chapter where the words stand), so Enter never replaces the writer's words with a passage
// they were not quoting.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { citationAt, type CitationStyle, type CiteOptions } from '../engine/citations';
import { placeOfMatch } from '../engine/formats/book';
import { findAttribution } from '../engine/attribution';
import { tokenize, type Token } from '../engine/normalize';
import { agreement, searchPassages } from '../engine/passageSearch';
import type { DocContext } from '../service/context';
import { toRange } from '../positions';
import { describePassage } from './hover';
import { literal, plainText } from './markup';

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

/** An earlier typed word that differs from the source's (it stays; the item and the misquote's fix say so). */
export interface Correction {
  typed: string;
  source: string;
}

/**
 * The words typed before the one being typed that differ from the passage words they stand for
 * (typos forgiven by the match): `wre → were`. The word being typed is completed, not listed.
 */
export function corrections(passageText: string, typed: string, typedTokens: readonly Token[], partial: boolean): Correction[] {
  const tokens = tokenize(passageText).filter((t) => t.kind === 'word');
  const a = agreement(
    typedTokens.map((t) => t.norm),
    tokens.map((t) => t.norm),
    partial,
  );
  if (!a || a.last < 0) return [];
  const out: Correction[] = [];
  const finished = partial ? typedTokens.length - 1 : typedTokens.length;
  for (let i = 0; i < finished; i++) {
    const word = tokens[a.from + i];
    if (word && word.norm !== typedTokens[i].norm) out.push({ typed: typed.slice(typedTokens[i].start, typedTokens[i].end), source: passageText.slice(word.start, word.end) });
  }
  return out;
}

/** The documentation's first lines when typed words stay different from the source. */
function correctionLines(fixes: readonly Correction[]): string[] {
  if (fixes.length === 0) return [];
  const list = fixes.map((f) => `“${literal(f.typed)}” → “${literal(f.source)}”`).join(', ');
  return [`Kept as you typed it: ${list} in the source. Accepting changes none of your words; the misquote's quick fix corrects them.`, ''];
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
 * `textEdit` covers only the word being typed (and an auto-closed mark right after the cursor,
 * which is stepped over), so clients that filter by the word before the cursor keep the item
 * (`filterText` is that word, the server having decided what agrees); what was typed is kept, and
 * an `additionalTextEdits` entry changes an earlier typed character only when a misspelt word being
 * typed must become the source's word. The list is incomplete, so clients ask again as the user types.
 */
export function completion(
  doc: TextDocument,
  position: Position,
  context: DocContext,
  style: CitationStyle = 'mla',
  format: CompletionFormat = { snippets: true, markdown: true },
  /** How the citation is rendered: the essay's CSL style and bibliography, the compiled engines to reuse. */
  cite?: CiteOptions,
): CompletionItem[] {
  if (context.enabled === false) return [];
  // Offsets, not columns: the client's columns may count UTF-8 bytes or code points.
  const text = doc.getText();
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const cursor = doc.offsetAt(position);
  const lineText = text.slice(lineStart, cursor);
  const open = openQuotation(lineText) ?? blockquoteLine(lineText);
  if (!open) return [];
  const typedTokens = tokenize(open.typed).filter((t) => t.kind === 'word');
  const typedWords = typedTokens.map((t) => t.norm);
  const lastTyped = typedTokens[typedTokens.length - 1];
  // The last word is still being typed unless something (a space, a comma) follows it.
  const partial = lastTyped !== undefined && lastTyped.end === open.typed.length;
  const speaker = open.mark === '>' ? undefined : speakerBefore(lineText.slice(0, open.at), open.mark);
  const ranked = searchPassages(context.library, typedWords, speaker);
  const close = CLOSING[open.mark] ?? '';
  let lineEnd = text.indexOf('\n', cursor);
  if (lineEnd < 0) lineEnd = text.length;
  const afterLine = text.slice(cursor, lineEnd).replace(/\r$/, '');
  // An auto-closed (or already typed) closing mark right after the cursor is stepped over.
  const closedAfter = close !== '' && afterLine.startsWith(close);
  const cited = closedAfter && /^\s*(?:\(|\[@)/.test(afterLine.slice(close.length));
  const punctAfter = closedAfter && /^[.,;:!?]/.test(afterLine.slice(close.length));
  const word = WORD_BEFORE.exec(open.typed)?.[0] ?? '';
  const wordStart = cursor - word.length;
  const range = toRange(doc, wordStart, cursor + (closedAfter ? close.length : 0));
  const escape = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);
  const items: CompletionItem[] = [];
  for (const r of ranked) {
    if (items.length >= MAX_ITEMS) break;
    // A term ('carer') is a word, not a passage to complete: a scare quote never becomes one.
    if (r.passage.kind === 'term') continue;
    const cont = continuation(r.text, open.typed, typedTokens, partial);
    if (!cont) continue;
    // Earlier words that differ from the source stay as typed; the item says so (the misquote's fix corrects them).
    const fixes = corrections(r.text, open.typed, typedTokens, partial);
    const fixNote = fixes.map((f) => `${f.typed} → ${f.source}`).join(', ');
    let words = cont.text;
    const citation = citationAt(r.corpus, style, placeOfMatch({ passage: r.passage }), cite);
    // A book's sentence that ends a speech brings its own closing mark: no second one.
    const ownClose = close !== '' && words.endsWith(close);
    let tail: string;
    if (open.mark === '>') tail = ` ${citation}`;
    else if (cited) tail = ownClose ? '' : close;
    else {
      // MLA, APA, Chicago and Pandoc: the sentence's period follows the parenthetical ("…” (Ishiguro).).
      const period = !ownClose && /\.$/.test(words) && !/\.\.$/.test(words) && !punctAfter;
      if (period) words = words.slice(0, -1);
      tail = `${ownClose ? '' : close} ${citation}${period ? '.' : ''}`;
    }
    // What stays of the word being typed (all of it, unless a misspelt word becomes the source's).
    const kept = word.slice(0, Math.max(0, word.length - cont.replaces));
    const earlier: TextEdit[] = cont.replaces > word.length ? [{ range: toRange(doc, cursor - cont.replaces, wordStart), newText: '' }] : [];
    const newText = format.snippets ? `${escape(kept + words)}${escape(tail)}$0` : kept + words + tail;
    items.push({
      label: r.text.length > 70 ? r.text.slice(0, 69) + '…' : r.text,
      kind: CompletionItemKind.Text,
      detail: [r.passage.speaker && r.passage.speaker !== 'unknown' ? r.passage.speaker : undefined, r.corpus.title].filter(Boolean).join(' — ') + (fixNote ? ` · kept as typed: ${fixNote}` : ''),
      // Plain text costs a Markdown parse per item (~0.6 ms): only for the item the client resolves.
      ...(format.markdown ? { documentation: { kind: MarkupKind.Markdown, value: [...correctionLines(fixes), ...describePassage(r)].join('\n') } } : {}),
      // The server decides what agrees; the editor's own filter must keep every item it sends.
      filterText: word,
      sortText: String(items.length).padStart(4, '0'),
      insertTextFormat: format.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      // For a client that ignores textEdit (it inserts this at the word it sees).
      ...(format.snippets ? {} : { insertText: newText }),
      textEdit: { range, newText },
      ...(earlier.length ? { additionalTextEdits: earlier } : {}),
      data: { passageId: r.passage.id, corpus: r.corpus.id, uri: doc.uri } satisfies CompletionData,
    });
  }
  return items;
}

/**
 * What accepting a passage adds to what was typed: the rest of its wording after the words that
 * agree, and how many characters before the cursor it replaces (only a misspelt word still being
 * typed, never a finished one). Undefined when the passage does not agree or nothing is left of it.
 */
export function continuation(passageText: string, typed: string, typedTokens: readonly Token[], partial: boolean): { text: string; replaces: number } | undefined {
  const tokens = tokenize(passageText).filter((t) => t.kind === 'word');
  const a = agreement(
    typedTokens.map((t) => t.norm),
    tokens.map((t) => t.norm),
    partial,
  );
  if (!a) return undefined;
  if (a.last < 0) {
    const text = passageText.trim();
    return text ? { text, replaces: 0 } : undefined;
  }
  const word = tokens[a.last];
  const last = typedTokens[typedTokens.length - 1];
  let text: string;
  let replaces = 0;
  if (partial && word.norm !== last.norm) {
    const typedWord = typed.slice(last.start, last.end);
    const source = passageText.slice(word.start, word.end);
    if (source.toLowerCase().startsWith(typedWord.toLowerCase())) text = passageText.slice(word.start + typedWord.length);
    else {
      // A misspelt word being typed: it becomes the source's word.
      text = passageText.slice(word.start);
      replaces = typedWord.length;
    }
  } else {
    text = passageText.slice(word.end);
    // What follows the last typed word (". ", a space) is not typed twice.
    const after = typed.slice(last.end);
    const trimmed = text.trimStart();
    if (after.trim() && trimmed.startsWith(after.trim())) text = trimmed.slice(after.trim().length);
    if (/\s$/.test(after) || after.trim()) text = text.trimStart();
  }
  text = text.trimEnd();
  return text && tokenize(text).some((t) => t.kind === 'word' || replaces > 0) ? { text, replaces } : undefined;
}
