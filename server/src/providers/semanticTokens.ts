// Semantic tokens: each checked quotation is a `quotation` token with a
// modifier for its verdict (verified, misquoted, unverified), so themes can
// colour them apart. Terms and scare quotes (too short to check) get none.

import type { SemanticTokens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineSpans } from '../positions';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../protocol';
import type { CheckedDocument as Checked } from '../service/checker';

export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: SEMANTIC_TOKEN_TYPES, tokenModifiers: SEMANTIC_TOKEN_MODIFIERS };

const MODIFIER: Record<string, string> = { correct: 'verified', misquote: 'misquoted', unverified: 'unverified' };

export function semanticTokens(doc: TextDocument, checked: Checked): SemanticTokens {
  const type = SEMANTIC_TOKEN_TYPES.indexOf('quotation');
  const spans: { line: number; character: number; length: number; modifiers: number }[] = [];
  let lastEnd = -1;
  const quotations = [...checked.result.quotations].sort((a, b) => a.quotation.start - b.quotation.start);
  for (const q of quotations) {
    const modifier = MODIFIER[q.match.verdict];
    // Tokens may not overlap: a quotation nested in another keeps the outer one's colour.
    if (!modifier || q.quotation.start < lastEnd) continue;
    lastEnd = q.quotation.end;
    const bits = 1 << SEMANTIC_TOKEN_MODIFIERS.indexOf(modifier);
    for (const s of lineSpans(doc, q.quotation.start, q.quotation.end)) spans.push({ ...s, modifiers: bits });
  }
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const s of spans) {
    data.push(s.line - line, s.line === line ? s.character - character : s.character, s.length, type, s.modifiers);
    line = s.line;
    character = s.character;
  }
  return { data };
}
