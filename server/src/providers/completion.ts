// Completion after an opening quotation mark or on a blockquote line: passages
// ranked by the words typed so far (typo-tolerant), the speaker named before
// the mark first; each item inserts the exact wording, the closing mark and a
// citation in the essay's style.

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { citationAt, type CitationStyle } from '../engine/citations';
import { placeOfMatch } from '../engine/formats/book';
import { findAttribution } from '../engine/attribution';
import { tokenize } from '../engine/normalize';
import { searchPassages } from '../engine/passageSearch';
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

export function completion(doc: TextDocument, position: Position, context: DocContext, style: CitationStyle = 'mla'): CompletionItem[] {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const open = openQuotation(lineText) ?? blockquoteLine(lineText);
  if (!open) return [];
  const typedWords = tokenize(open.typed)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
  const speaker = open.mark === '>' ? undefined : speakerBefore(lineText.slice(0, open.at), open.mark);
  const ranked = searchPassages(context.library, typedWords, speaker);
  const close = CLOSING[open.mark] ?? '';
  const after = doc.getText({ start: position, end: { line: position.line, character: position.character + 1 } });
  const range = { start: { line: position.line, character: open.at + 1 }, end: position };
  const escape = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);
  return ranked.slice(0, MAX_ITEMS).map((r, i): CompletionItem => {
    // Completing inside a quotation that is already closed changes only its words.
    const place = placeOfMatch({ passage: r.passage });
    const tail = close && after === close ? '' : `${close} ${citationAt(r.corpus, style, place)}`;
    return {
      label: r.text.length > 70 ? r.text.slice(0, 69) + '…' : r.text,
      kind: CompletionItemKind.Text,
      detail: [r.passage.speaker && r.passage.speaker !== 'unknown' ? r.passage.speaker : undefined, r.corpus.title].filter(Boolean).join(' — '),
      documentation: { kind: 'markdown', value: describePassage(r).join('\n') },
      filterText: open.typed,
      sortText: String(i).padStart(4, '0'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: tail ? `${escape(r.text)}${escape(tail)}$0` : escape(r.text) },
      data: { passageId: r.passage.id },
    };
  });
}
