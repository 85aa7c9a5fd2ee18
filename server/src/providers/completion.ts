// Completion after an opening quotation mark or on a blockquote line: only passages that what was
// typed agrees with (from their first word, or three words or more inside them, typos forgiven), the
// speaker named before the mark first. Accepting keeps what was typed and adds the rest of the
// wording, steps over an auto-closed mark (or supplies it) and cites in the essay's style, so Enter
// never replaces the writer's words with a passage they were not quoting.

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCitation, type CitationStyle } from '../engine/citations';
import { findAttribution } from '../engine/attribution';
import { tokenize, type Token } from '../engine/normalize';
import { agreement, searchPassages } from '../engine/passageSearch';
import type { DocContext } from '../service/context';
import { describePassage } from './hover';

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

/** A blockquote line ("> …") with no quotation marks: the whole line is the quotation being typed. */
export function blockquoteLine(line: string): { mark: string; at: number; typed: string } | undefined {
  const m = /^(\s{0,3}(?:>\s?)+)([^“”"‘]*)$/.exec(line);
  return m ? { mark: '>', at: m[1].length - 1, typed: m[2] } : undefined;
}

/**
 * The speaker the sentence names before the opening mark ("Ruth says, “", "Tommy: “"), read the
 * same way the misattribution rule reads a finished sentence: as if the quotation were closed.
 */
export function speakerBefore(textBefore: string, mark: string): string | undefined {
  const probe = textBefore + mark + (CLOSING[mark] ?? '');
  return findAttribution(probe, textBefore.length, probe.length)?.name;
}

export function completion(doc: TextDocument, position: Position, context: DocContext, style: CitationStyle = 'mla'): CompletionList {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const open = openQuotation(lineText) ?? blockquoteLine(lineText);
  // Re-asked at every keystroke (isIncomplete), so the list follows typos and closes when nothing agrees.
  const list = (items: CompletionItem[]): CompletionList => ({ isIncomplete: true, items });
  if (!open || context.enabled === false) return list([]);
  const typedTokens = tokenize(open.typed).filter((t) => t.kind === 'word');
  const typedWords = typedTokens.map((t) => t.norm);
  const lastTyped = typedTokens[typedTokens.length - 1];
  // The last word is still being typed unless something (a space, a comma) follows it.
  const partial = lastTyped !== undefined && lastTyped.end === open.typed.length;
  const speaker = open.mark === '>' ? undefined : speakerBefore(lineText.slice(0, open.at), open.mark);
  const ranked = searchPassages(context.library, typedWords, speaker);
  const close = CLOSING[open.mark] ?? '';
  const afterLine = doc.getText({ start: position, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
  // An auto-closed (or already typed) closing mark right after the cursor is stepped over.
  const closedAfter = close !== '' && afterLine.startsWith(close);
  const cited = closedAfter && /^\s*(?:\(|\[@)/.test(afterLine.slice(close.length));
  const punctAfter = closedAfter && /^[.,;:!?]/.test(afterLine.slice(close.length));
  const escape = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);
  const items: CompletionItem[] = [];
  for (const r of ranked) {
    if (items.length >= MAX_ITEMS) break;
    // A term ('carer') is a word, not a passage to complete: a scare quote never becomes one.
    if (r.passage.kind === 'term') continue;
    const cont = continuation(r.text, open.typed, typedTokens, partial);
    if (!cont) continue;
    let words = cont.text;
    let tail = '';
    if (open.mark === '>') tail = ` ${formatCitation(r.corpus, style)}`;
    else if (cited) tail = close;
    else {
      // MLA, APA, Chicago and Pandoc: the sentence's period follows the parenthetical ("…” (Ishiguro).).
      const period = /\.$/.test(words) && !/\.\.$/.test(words) && !punctAfter;
      if (period) words = words.slice(0, -1);
      tail = `${close} ${formatCitation(r.corpus, style)}${period ? '.' : ''}`;
    }
    const start = { line: position.line, character: position.character - cont.replaces };
    const end = { line: position.line, character: position.character + (closedAfter ? close.length : 0) };
    items.push({
      label: r.text.length > 70 ? r.text.slice(0, 69) + '…' : r.text,
      kind: CompletionItemKind.Text,
      detail: [r.passage.speaker && r.passage.speaker !== 'unknown' ? r.passage.speaker : undefined, r.corpus.title].filter(Boolean).join(' — '),
      documentation: { kind: 'markdown', value: describePassage(r).join('\n') },
      // The server decides what agrees; the editor's own filter must keep every item it sends.
      filterText: lineText.slice(start.character),
      sortText: String(items.length).padStart(4, '0'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: { start, end }, newText: `${escape(words)}${escape(tail)}$0` },
      data: { passageId: r.passage.id },
    });
  }
  return list(items);
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
