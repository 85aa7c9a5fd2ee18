// Completion after an opening quotation mark or on a blockquote line: passages
// ranked by the words typed so far (typo-tolerant), the speaker named before
// the mark first; each item inserts the exact wording, the closing mark and a
// citation in the essay's style.

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCitation, type CitationStyle } from '../engine/citations';
import { findAttribution } from '../engine/attribution';
import { tokenize } from '../engine/normalize';
import { compareNames, identify } from '../engine/speakers';
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

/** Whether a passage is spoken by the named person, through the corpus's cast (aliases) when it has one. */
function speaks(corpus: Corpus, passage: Passage, name: string | undefined): boolean {
  if (!name || !passage.speaker || passage.speaker === 'unknown') return false;
  const who = corpus.cast && identify(corpus.cast, name);
  if (corpus.cast && who) return compareNames(corpus.cast, who.name, passage.speaker) === 'same';
  // No cast: "Emily" finds "Miss Emily" and the other way round.
  const named = name.toLowerCase().split(/\s+/);
  const words = passage.speaker.toLowerCase().split(/\s+/);
  return words.includes(named[named.length - 1]) || named.includes(words[words.length - 1]);
}

const KIND_ORDER: Record<string, number> = { 'novel-dialogue': 0, 'novel-narration': 0, curated: 0, critic: 1, author: 1, 'book-paragraph': 2, term: 3, 'review-prose': 4 };

interface Ranked {
  passage: Passage;
  corpus: Corpus;
  score: number;
  speaker: boolean;
  text: string;
}

/** Edits between two short words, up to `max` (larger means "more than max"). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]);
    }
    if (best > max) return false;
    prev = row;
  }
  return prev[b.length] <= max;
}

/** Does a typed word stand for a passage word: same, a typo away, or (the word being typed) its beginning. */
function wordMatches(typed: string, word: string, last: boolean): boolean {
  if (typed === word) return true;
  if (last && word.startsWith(typed)) return true;
  const typos = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
  if (typos === 0) return false;
  if (last && word.length > typed.length && withinEdits(typed, word.slice(0, typed.length), typos)) return true;
  return withinEdits(typed, word, typos);
}

/** How well the typed words fit a passage: in order and adjacent scores best. */
export function score(typedWords: readonly string[], passageWords: readonly string[]): number {
  if (typedWords.length === 0) return 1;
  let s = 0;
  let from = 0;
  for (let i = 0; i < typedWords.length; i++) {
    const w = typedWords[i];
    const last = i === typedWords.length - 1;
    let at = -1;
    for (let k = from; k < passageWords.length; k++) {
      if (wordMatches(w, passageWords[k], last)) {
        at = k;
        break;
      }
    }
    if (at >= 0) {
      s += at === from ? 2 : 1;
      from = at + 1;
    } else if (passageWords.some((p) => wordMatches(w, p, last))) s += 0.5;
  }
  return s / typedWords.length;
}

export function completion(doc: TextDocument, position: Position, context: DocContext, style: CitationStyle = 'mla'): CompletionItem[] {
  const lineText = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const open = openQuotation(lineText) ?? blockquoteLine(lineText);
  if (!open) return [];
  const typedWords = tokenize(open.typed)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm);
  const speaker = open.mark === '>' ? undefined : speakerBefore(lineText.slice(0, open.at), open.mark);
  const ranked: Ranked[] = [];
  for (const index of context.library) {
    const corpus = index.corpus;
    const isBook = corpus.passages.length > 0 && corpus.passages.every((p) => p.kind === 'book-paragraph');
    if (isBook) {
      // Whole books: only passages the index finds for what was typed (at least two words).
      if (typedWords.length < 2) continue;
      for (const cand of index.candidates(typedWords, new Set(), 10)) {
        const passage = index.passages[cand.passage];
        const s = score(typedWords, index.wordsOf(cand.passage));
        const text = sentenceFrom(passage.text, index.tokensBetween(cand.passage, cand.centre, cand.centre + 1)[0]?.start ?? 0);
        if (s >= 0.75) ranked.push({ passage, corpus, score: s, speaker: false, text });
      }
      continue;
    }
    for (let p = 0; p < index.passages.length; p++) {
      const passage = index.passages[p];
      if (passage.kind === 'review-prose') continue;
      const s = score(typedWords, index.wordsOf(p));
      if (s > 0.5) ranked.push({ passage, corpus, score: s, speaker: speaks(corpus, passage, speaker), text: passage.text });
    }
  }
  ranked.sort(
    (a, b) =>
      Number(b.speaker) - Number(a.speaker) ||
      b.score - a.score ||
      (KIND_ORDER[a.passage.kind] ?? 5) - (KIND_ORDER[b.passage.kind] ?? 5) ||
      b.text.length - a.text.length,
  );
  const close = CLOSING[open.mark] ?? '';
  const after = doc.getText({ start: position, end: { line: position.line, character: position.character + 1 } });
  const range = { start: { line: position.line, character: open.at + 1 }, end: position };
  const escape = (s: string) => s.replace(/[\\$}]/g, (c) => '\\' + c);
  return ranked.slice(0, MAX_ITEMS).map((r, i): CompletionItem => {
    // Completing inside a quotation that is already closed changes only its words.
    const tail = close && after === close ? '' : `${close} ${formatCitation(r.corpus, style)}`;
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

/** The sentence of a paragraph that holds offset `at`. */
function sentenceFrom(text: string, at: number): string {
  let a = at;
  while (a > 0 && !/[.!?]["”’]?\s$/.test(text.slice(Math.max(0, a - 3), a))) a--;
  const rest = /^.*?[.!?]["”’]?(?=\s|$)/s.exec(text.slice(a));
  return (rest ? rest[0] : text.slice(a)).trim();
}
