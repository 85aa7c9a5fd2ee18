// A fix computed on a quotation's visible text (MatchResult.edits) made into
// edits of the essay itself. The visible text has lost what Markdown hides
// (line breaks read as spaces, `> ` markers, escapes, emphasis marks), so each
// edit is mapped through the quotation's offsets and applied to the essay's own
// characters: whatever lies between the edited words stays as it was.

import { applyEdits } from './matcher';
import type { Quotation, QuotationEdit } from './types';

export interface EssayFix {
  /** The quotation's content [contentStart, contentEnd) as the fix leaves it (line breaks and markers kept). */
  replacement: string;
  /** The same change as edits of the essay (offsets), in order. */
  edits: { start: number; end: number; newText: string }[];
}

export function essayFix(quotation: Quotation, edits: readonly QuotationEdit[]): EssayFix | undefined {
  const { offsets, contentStart, contentEnd } = quotation;
  const raw = quotation.raw;
  const out: EssayFix['edits'] = [];
  for (const e of edits) {
    // A range runs from its first character to just after its last; a point sits just after the character before it.
    let start = e.start < e.end || e.start === 0 ? offsets[e.start] : offsets[e.start - 1] + 1;
    let end = e.end > e.start ? offsets[e.end - 1] + 1 : start;
    let newText = e.text;
    if (raw !== undefined && newText === '' && raw.slice(start - contentStart, end - contentStart).includes('\n')) {
      // A deletion across a line break keeps every break and the markers after it (`> `).
      const kept = raw.slice(start - contentStart, end - contentStart).match(/\r?\n[ \t>]*/g) ?? [];
      newText = kept.join('');
    }
    if (start < contentStart || end > contentEnd || end < start) return undefined; // never outside the quotation
    out.push({ start, end, newText });
  }
  for (let k = 1; k < out.length; k++) if (out[k].start < out[k - 1].end) return undefined;
  if (raw === undefined) return { replacement: applyEdits(quotation.text, edits), edits: out };
  let replacement = '';
  let at = contentStart;
  for (const e of out) {
    replacement += raw.slice(at - contentStart, e.start - contentStart) + e.newText;
    at = e.end;
  }
  replacement += raw.slice(at - contentStart);
  return { replacement, edits: out };
}
