// Hover on a quotation: the verdict, the source passage, who says it, where it
// stands, its context, and how the quotation matches.

import type { Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckedQuotation } from '../engine/rules';
import type { PartialMatch } from '../engine/types';
import { describeMatch } from '../engine/rules/describe';
import { speakerDetail, speakersOfWords } from '../engine/speakers';
import { CONFIDENT } from '../engine/speakerModel';
import { toRange } from '../positions';
import type { CheckedDocument as Checked } from '../service/checker';
import { codeSpan, escapeInline, literal, literalPiece, plainText } from './markup';
import { placeOfMatch } from '../engine/formats/book';

const KIND_LABEL: Record<string, string> = {
  'novel-dialogue': 'dialogue in the novel',
  'novel-narration': 'narration in the novel',
  critic: 'critic',
  author: 'the author',
  term: 'term',
  'review-prose': 'the review’s own prose',
  'book-paragraph': 'the book',
  curated: 'curated passage',
};

export function quotationAt(checked: Checked, offset: number): CheckedQuotation | undefined {
  return checked.result.quotations.find((q) => q.quotation.start <= offset && offset < q.quotation.end);
}

/** Markdown describing a quotation's source: used by hover and by completion documentation. Corpus text is escaped (literal). */
export function describePassage(item: Pick<CheckedQuotation['match'], 'passage' | 'corpus' | 'sourceStart' | 'sourceEnd' | 'line'>): string[] {
  const { passage, corpus } = item;
  if (!passage || !corpus) return [];
  // A book paragraph can run to pages: show the matched wording, not the whole paragraph.
  const { sourceStart: a, sourceEnd: b } = item;
  const shown = passage.kind === 'book-paragraph' && passage.text.length > LONG && a !== undefined && b !== undefined ? excerpt(passage.text, a, b) : passage.text;
  return [`> ${literal(shown)}`, '', passageFacts(item), ...contextLines(passage)];
}

/** Who speaks, the work and where: a chapter or page of a book; for the built-in corpus, the review's section. */
export function passageFacts(item: Pick<CheckedQuotation['match'], 'passage' | 'corpus' | 'line'>): string {
  const { passage, corpus } = item;
  if (!passage || !corpus) return '';
  const facts: string[] = [];
  // A book paragraph's speaker is the one inferred for the matched words, if any; an inferred one says why,
  // and one the model is unsure of (never used to flag an essay) says so.
  const speaker = speakerDetail(item);
  if (speaker) {
    const why = speaker.reason ? ` (${literal(speaker.reason)})` : '';
    facts.push(speaker.confidence >= CONFIDENT ? `**${literal(speaker.name)}**${why}` : `perhaps **${literal(speaker.name)}**${why}`);
    // A line the book repeats: the quotation may be any of its places' speakers'.
    const repeated = speakersOfWords(item);
    const others = repeated?.names.filter((n) => n !== speaker.name) ?? [];
    if (repeated && (others.length > 0 || repeated.unsure)) {
      // A short line ("Yes, sir") may stand in many places: a few names are enough.
      const named = others.slice(0, 3).map((n) => `**${literal(n)}**`).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
      const by = others.length > 0 ? `, spoken by ${named}${repeated.unsure ? ' and someone the book does not name' : ''}` : ' (who speaks it there is not known)';
      facts.push(`the same words stand elsewhere in the book${by}`);
    }
  }
  facts.push(Object.hasOwn(KIND_LABEL, passage.kind) ? KIND_LABEL[passage.kind] : literal(passage.kind));
  const source = corpus.author ? `*${literal(corpus.title)}*, ${literal(corpus.author)}` : `*${literal(corpus.title)}*`;
  facts.push(source);
  if (corpus.origin === 'builtin') {
    // The built-in passages are the review's quotations: its line is no place in the novel.
    facts.push(passage.section ? `quoted in the review, section “${literal(passage.section)}”` : 'quoted in the review');
  } else {
    const line = item.line ?? passage.line;
    // Books with pages name the printed page; a PDF's or EPUB's line numbers would mean nothing.
    const page = placeOfMatch(item)?.page;
    const where = [passage.section && literal(passage.section), page ? `page ${literal(String(page))}` : line !== undefined && !corpus.format ? `line ${line}` : undefined].filter(Boolean).join(', ');
    if (where) facts.push(where);
  }
  return facts.join(' · ');
}

/** The passage's context, last, when it says more than the passage itself. */
function contextLines(passage: NonNullable<CheckedQuotation['match']['passage']>): string[] {
  const bare = (t: string) => t.replace(/[\s\p{P}]+/gu, '').toLowerCase();
  if (!passage.context || bare(passage.context) === bare(passage.text)) return [];
  const context = passage.context.length > CONTEXT_MAX ? passage.context.slice(0, CONTEXT_MAX - 1).trimEnd() + '…' : passage.context;
  // The context is a sentence that itself holds the quotation marks: no marks of our own around it.
  return ['', `Context: ${literal(context)}`];
}

const CONTEXT_MAX = 240;

/**
 * The word-level difference as two lines, the essay's words over the source's, the changed words in
 * bold on each side; the source line is the exact source wording (the passage, shown once).
 */
export function diffLines(item: CheckedQuotation): string[] {
  const { quotation, match } = item;
  const text = quotation.text;
  const sourceText = match.sourceText ?? '';
  const bold = (t: string) => {
    // The spaces stay outside the bold run, or Markdown would not make it bold.
    const m = /^(\s*)(.*?)(\s*)$/s.exec(t)!;
    return m[2] ? `${m[1]}**${literalPiece(m[2])}**${m[3]}` : t;
  };
  let essay = '';
  let at = 0;
  const changed: [number, number][] = [];
  let cursor = 0;
  const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  for (const d of match.diff) {
    const same = d.op === 'equal' || d.op === 'omission' || d.op === 'alteration';
    if (d.qStart !== undefined && d.qEnd !== undefined && d.qEnd > d.qStart) {
      essay += literalPiece(text.slice(at, d.qStart));
      essay += same ? literalPiece(text.slice(d.qStart, d.qEnd)) : bold(text.slice(d.qStart, d.qEnd));
      at = d.qEnd;
    } else if (!same && d.op !== 'insert') {
      // Source words the essay leaves out: a caret where they were.
      const where = d.qStart ?? at;
      essay += literalPiece(text.slice(at, where)) + (where > 0 && !/\s$/.test(text.slice(0, where)) ? ' ‸' : '‸ ');
      at = where;
    }
    // The op's source words in the exact wording, in order.
    for (const w of d.source.match(WORD) ?? []) {
      const found = sourceText.toLowerCase().indexOf(w.toLowerCase(), cursor);
      if (found < 0) continue;
      if (!same) changed.push([found, found + w.length]);
      cursor = found + w.length;
    }
  }
  essay += literalPiece(text.slice(at));
  let shown = '';
  let from = 0;
  for (const [a, b] of changed) {
    shown += literalPiece(sourceText.slice(from, a)) + `**${literalPiece(sourceText.slice(a, b))}**`;
    from = b;
  }
  // Adjacent changed words are one bold run.
  shown = (shown + literalPiece(sourceText.slice(from))).replace(/\*\*(\s+)\*\*/g, '$1');
  return [`Essay: “${essay.trim()}”`, '', `Source: “${shown.trim()}”`];
}

const LONG = 400;

/** A partly verified quotation: the words the excerpt holds in bold, the rest as written. */
function partlyVerified(text: string, partial: PartialMatch): string[] {
  const bold = (a: number, b: number) => {
    const seg = text.slice(a, b);
    const lead = seg.length - seg.trimStart().length;
    const core = seg.trim();
    return core ? `${seg.slice(0, lead)}**${escapeInline(core)}**${seg.slice(lead + core.length)}` : seg;
  };
  const plain = (a: number, b?: number) => escapeInline(text.slice(a, b));
  let shown = plain(0, partial.start);
  let at = partial.start;
  for (const u of partial.unverified.filter((g) => g.where === 'gap' && g.end > g.start && g.start >= partial.start && g.end <= partial.end)) {
    shown += bold(at, u.start) + plain(u.start, u.end);
    at = u.end;
  }
  shown += bold(at, partial.end) + plain(partial.end);
  return ['**Verbatim: partly verified** — the words in bold are in the passage; the rest is not in it', '', `“${shown.trim()}”`, ''];
}

function excerpt(text: string, start: number, end: number): string {
  return (start > 0 ? '… ' : '') + text.slice(start, end) + (end < text.length ? ' …' : '');
}

/** `markdown`: the client renders Markdown (`hover.contentFormat`); else the same content as plain text. */
export function hover(doc: TextDocument, checked: Checked, offset: number, markdown = true): Hover | null {
  const item = quotationAt(checked, offset);
  if (!item) return null;
  const { match, quotation } = item;
  const lines: string[] = [];
  // Findings beyond the wording (misattribution, a missing citation) are named too.
  const others = checked.result.findings.filter(
    (f) => f.start === quotation.start && f.end === quotation.end && f.code !== 'misquote' && f.code !== 'unverified-quote',
  );
  switch (match.verdict) {
    case 'correct':
      if (match.partial) lines.push(...partlyVerified(quotation.text, match.partial));
      else lines.push(others.length ? '**Verbatim: words quoted correctly** ✓' : '**Verbatim: quoted correctly** ✓', '');
      break;
    case 'misquote':
      lines.push(`**Verbatim: misquoted** — ${literal(describeMatch(match))}`, '');
      break;
    case 'unverified':
      lines.push(`**Verbatim: not found** in ${match.searched.map(literal).join(', ')}`);
      // Excerpts only: the nearest passages sharing a run of words, in case one is what was meant.
      if (match.nearest?.length) lines.push('', 'Nearest passages:', ...match.nearest.map((p) => `- “${literal(p.text)}”${p.speaker && p.speaker !== 'unknown' ? ` — ${literal(p.speaker)}` : ''}`));
      break;
    case 'short':
      lines.push(`**Verbatim:** too short to verify (a term or scare quote); not found in ${match.searched.map(literal).join(', ')}`);
      break;
  }
  for (const f of others) lines.push(`⚠ ${literal(f.message)} (${codeSpan(f.code)})`, '');
  if (match.verdict === 'misquote' && match.passage && match.corpus) {
    // The essay's words beside the source's: the passage once, its changes marked.
    lines.push(...diffLines(item), '', passageFacts(match), ...contextLines(match.passage));
  } else lines.push(...describePassage(match));
  const value = lines.join('\n').trimEnd();
  return { contents: markdown ? { kind: 'markdown', value } : { kind: 'plaintext', value: plainText(value) }, range: toRange(doc, quotation.start, quotation.end) };
}
