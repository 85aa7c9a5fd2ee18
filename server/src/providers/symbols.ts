// Document symbols: the essay's quotations with their verdicts, for the
// outline view and "go to symbol".

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckedQuotation } from '../engine/rules';
import { toRange } from '../positions';
import type { CheckedDocument as Checked } from '../service/checker';

const NAME_LENGTH = 60;

const VERDICT_LABEL: Record<string, string> = {
  correct: '✓ quoted correctly',
  misquote: '⚠ misquoted',
  unverified: '⚠ not found',
};

/** The quotation as a short line: marks kept, long ones cut with an ellipsis. */
export function quotationName(q: CheckedQuotation): string {
  const open = q.quotation.mark === 'blockquote' ? '> ' : q.quotation.mark === 'curly-single' ? '‘' : q.quotation.mark === 'curly-double' ? '“' : '"';
  const close = q.quotation.mark === 'blockquote' ? '' : q.quotation.mark === 'curly-single' ? '’' : q.quotation.mark === 'curly-double' ? '”' : '"';
  const text = q.quotation.text.replace(/\s+/g, ' ').trim();
  return open + (text.length > NAME_LENGTH ? text.slice(0, NAME_LENGTH - 1).trimEnd() + '…' : text) + close;
}

/** Verdict and source: "✓ quoted correctly — Kathy H., Never Let Me Go". */
export function quotationDetail(q: CheckedQuotation): string {
  const { match } = q;
  const label = VERDICT_LABEL[match.verdict] ?? match.verdict;
  if (!match.passage || !match.corpus) return label;
  const who = match.passage.speaker && match.passage.speaker !== 'unknown' ? `${match.passage.speaker}, ` : '';
  return `${label} — ${who}${match.corpus.title}`;
}

export function documentSymbols(doc: TextDocument, checked: Checked): DocumentSymbol[] {
  return checked.result.quotations
    .filter((q) => q.match.verdict !== 'short')
    .map((q) => {
      const range = toRange(doc, q.quotation.start, q.quotation.end);
      return { name: quotationName(q), detail: quotationDetail(q), kind: SymbolKind.String, range, selectionRange: range };
    });
}
