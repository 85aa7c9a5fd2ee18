// Quick fixes as plain workspace edits, so they work in any LSP editor.
// A misquote can take the source wording, keep the essay's wording with the
// changes marked as bracketed alterations, or gain an ellipsis where words are
// left out; a missing citation can be added in the essay's style.

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatCitation, type CitationStyle } from '../engine/citations';
import type { CheckedQuotation } from '../engine/rules';
import type { DiffOp, Finding, Quotation } from '../engine/types';
import { sameRange, toRange } from '../positions';
import { toDiagnostic, type Checked } from './diagnostics';

const WORDLIKE = /[\p{L}\p{N}]/u;

export function codeActions(doc: TextDocument, checked: Checked, diagnostics: readonly Diagnostic[], style: CitationStyle = 'mla'): CodeAction[] {
  const actions: CodeAction[] = [];
  // Recompute from the latest check rather than trusting data the client echoes back.
  for (const finding of checked.result.findings) {
    if (finding.code === 'misattribution' || finding.code === 'wrong-source') {
      const action = attributionFix(doc, finding, diagnostics);
      if (action) actions.push(action);
      continue;
    }
    const diagnostic = toDiagnostic(doc, finding);
    const asked = diagnostics.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
    if (!asked) continue;
    const item = checked.result.quotations.find((q) => q.quotation.start === finding.start && q.quotation.end === finding.end);
    const fix = (title: string, edits: TextEdit[], isPreferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [asked],
      isPreferred,
      edit: { changes: { [doc.uri]: edits } },
    });
    if (finding.code === 'misquote') actions.push(...misquoteFixes(doc, finding, item, fix));
    if (finding.code === 'unmarked-quotation') {
      const corpus = checked.context.library.find((l) => l.corpus.id === finding.data?.corpus)?.corpus;
      // The essay's own words in quotation marks, and its source's citation unless one follows already.
      const citation = corpus && !finding.data?.citation ? ` ${formatCitation(corpus, style)}` : '';
      const words = doc.getText().slice(finding.start, finding.end);
      actions.push(fix('Add quotation marks and a citation', [{ range: toRange(doc, finding.start, finding.end), newText: `“${words}”${citation}` }], true));
    }
    if (finding.code === 'missing-citation' && item?.match.corpus) {
      const citation = formatCitation(item.match.corpus, style);
      const at = doc.positionAt(item.quotation.end);
      actions.push(fix(`Add a citation: ${citation}`, [{ range: { start: at, end: at }, newText: ` ${citation}` }], true));
    }
  }
  return actions;
}

type Fix = (title: string, edits: TextEdit[], isPreferred?: boolean) => CodeAction;

function misquoteFixes(doc: TextDocument, finding: Finding, item: CheckedQuotation | undefined, fix: Fix): CodeAction[] {
  const out: CodeAction[] = [];
  const { contentStart, contentEnd, replacement } = finding.data ?? {};
  if (contentStart !== undefined && contentEnd !== undefined && replacement !== undefined) {
    out.push(fix('Replace with the source wording', [{ range: toRange(doc, contentStart, contentEnd), newText: replacement }], true));
  }
  if (!item) return out;
  const { quotation, match } = item;
  // Changed or added words, kept as the essay has them but marked as the writer's own: "[job]".
  const altered = match.diff.filter((d) => (d.op === 'replace' && !isReorder(d)) || d.op === 'insert').filter((d) => WORDLIKE.test(d.quote));
  if (altered.length > 0 && altered.every(hasSpan)) {
    const edits = altered.map((d) => ({ range: spanRange(doc, quotation, d.qStart!, d.qEnd!), newText: `[${quotation.text.slice(d.qStart, d.qEnd)}]` }));
    out.push(fix(`Mark as an intentional alteration: ${edits.map((e) => e.newText).join(', ')}`, edits));
  }
  // Source words left out with no mark: an ellipsis where they were.
  const gaps = match.diff.filter((d) => d.op === 'unmarked-omission' || (d.op === 'delete' && WORDLIKE.test(d.source)));
  if (gaps.length > 0 && gaps.every(hasSpan)) {
    const edits = gaps.map((d) => {
      const at = doc.positionAt(pointOffset(quotation, d.qEnd!));
      return { range: { start: at, end: at }, newText: d.qEnd === 0 ? '… ' : ' …' };
    });
    out.push(fix('Insert an ellipsis where words are left out', edits));
  }
  return out;
}

/** Misattribution: put the source's speaker in place of the name the essay gives (wrong-source: the right source). */
function attributionFix(doc: TextDocument, finding: Finding, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const diagnostic = toDiagnostic(doc, finding);
  const asked = diagnostics.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
  const { nameStart, nameEnd, replacement } = finding.data ?? {};
  // wrong-source: the right author, work or citation key in place of the wrong one.
  const speaker = finding.code === 'wrong-source' ? replacement : finding.data?.speaker;
  if (!asked || nameStart === undefined || nameEnd === undefined || !speaker) return undefined;
  return {
    title: finding.code === 'wrong-source' ? `Credit ${speaker}` : `Attribute to ${speaker}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [asked],
    isPreferred: true,
    edit: { changes: { [doc.uri]: [{ range: toRange(doc, nameStart, nameEnd), newText: speaker }] } },
  };
}

function hasSpan(d: DiffOp): boolean {
  return d.qStart !== undefined && d.qEnd !== undefined;
}

function isReorder(d: DiffOp): boolean {
  const sorted = (s: string) => s.toLowerCase().split(/\s+/).sort().join(' ');
  return sorted(d.quote) === sorted(d.source);
}

/** The essay range of [from, to) in a quotation's visible text. */
function spanRange(doc: TextDocument, q: Quotation, from: number, to: number) {
  return toRange(doc, q.offsets[from], q.offsets[to - 1] + 1);
}

/** The essay offset just after visible character `at - 1` (or at the first, for 0). */
function pointOffset(q: Quotation, at: number): number {
  return at === 0 ? q.offsets[0] : q.offsets[at - 1] + 1;
}
