// Completion after an opening quotation mark: passages ranked by the words
// typed so far, each inserting the exact wording and the closing mark.

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { tokenize } from '../engine/normalize';
import type { Corpus, Passage } from '../engine/types';
import type { DocContext } from '../workspace';
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

const KIND_ORDER: Record<string, number> = { 'novel-dialogue': 0, 'novel-narration': 0, curated: 0, critic: 1, author: 1, 'book-paragraph': 2, term: 3, 'review-prose': 4 };

interface Ranked {
  passage: Passage;
  corpus: Corpus;
  score: number;
  text: string;
}

function score(typedWords: string[], passageWords: string[]): number {
  if (typedWords.length === 0) return 1;
  let s = 0;
  let from = 0;
  for (let i = 0; i < typedWords.length; i++) {
    const w = typedWords[i];
    const last = i === typedWords.length - 1;
    const at = passageWords.findIndex((p, k) => k >= from && (p === w || (last && p.startsWith(w))));
    if (at >= 0) {
      s += at === from ? 2 : 1;
      from = at + 1;
    } else if (passageWords.some((p) => p === w || (last && p.startsWith(w)))) s += 0.5;
  }
  return s / typedWords.length;
}

export function completion(doc: TextDocument, position: Position, context: DocContext): CompletionItem[] {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const open = openQuotation(lineText);
  if (!open) return [];
  const typedWords = tokenize(open.typed)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
  const ranked: Ranked[] = [];
  for (const index of context.library) {
    const corpus = index.corpus;
    const isBook = corpus.passages.length > 0 && corpus.passages.every((p) => p.kind === 'book-paragraph');
    if (isBook) {
      // Whole books: only passages the index finds for what was typed (at least two words).
      if (typedWords.length < 2) continue;
      for (const cand of index.candidates(typedWords, new Set(), 10)) {
        const passage = index.passages[cand.passage];
        const s = score(typedWords, index.tokens[cand.passage].filter((t) => t.kind === 'word').map((t) => t.norm));
        if (s >= 0.75) ranked.push({ passage, corpus, score: s, text: sentenceFrom(passage.text, index.tokens[cand.passage][cand.centre]?.start ?? 0) });
      }
      continue;
    }
    for (let p = 0; p < index.passages.length; p++) {
      const passage = index.passages[p];
      if (passage.kind === 'review-prose') continue;
      const s = score(typedWords, index.tokens[p].filter((t) => t.kind === 'word').map((t) => t.norm));
      if (s > 0.5) ranked.push({ passage, corpus, score: s, text: passage.text });
    }
  }
  ranked.sort((a, b) => b.score - a.score || (KIND_ORDER[a.passage.kind] ?? 5) - (KIND_ORDER[b.passage.kind] ?? 5) || b.text.length - a.text.length);
  const close = CLOSING[open.mark];
  const after = doc.getText({ start: position, end: { line: position.line, character: position.character + 1 } });
  const range = { start: { line: position.line, character: open.at + 1 }, end: position };
  return ranked.slice(0, MAX_ITEMS).map((r, i): CompletionItem => {
    const text = r.text.replace(/\$/g, '\\$').replace(/}/g, '\\}');
    return {
      label: r.text.length > 70 ? r.text.slice(0, 69) + '…' : r.text,
      kind: CompletionItemKind.Text,
      detail: [r.passage.speaker && r.passage.speaker !== 'unknown' ? r.passage.speaker : undefined, r.corpus.title].filter(Boolean).join(' — '),
      documentation: { kind: 'markdown', value: describePassage(r).join('\n') },
      filterText: open.typed,
      sortText: String(i).padStart(4, '0'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: after === close ? text : `${text}${close}$0` },
      data: { passageId: r.passage.id },
    };
  });
}

/** The sentence of a paragraph that holds offset `at`. */
function sentenceFrom(text: string, at: number): string {
  let a = at;
  while (a > 0 && !/[.!?]["”’]?\s$/.test(text.slice(Math.max(0, a - 3), a))) a--;
  const rest = /^.*?[.!?]["”’]?(?=\s|$)/s.exec(text.slice(a));
  return (rest ? rest[0] : text.slice(a)).trim();
}
