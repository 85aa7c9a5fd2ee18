// Quick fixes as plain workspace edits, so they work in any LSP editor. The
// fixes themselves are engine data (engine/fixes.ts: edits on offsets, made
// with each finding); here they are only converted to LSP ranges. Every finding
// can also be silenced (ignore this quotation, disable its code in this file), an
// unverified quotation can gain a source (the `verbatim.addSource` command), and
// `source.fixAll.verbatim` applies every safe "Replace with the source wording".

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { disableInFileEdit, ignoreQuotationEdit } from '../engine/directives';
import type { Finding, TextEdit as Edit } from '../engine/types';
import { AddSourceCommand, FIX_ALL_KIND } from '../protocol';
import { sameRange, toRange } from '../positions';
import type { CheckedDocument } from '../service/checker';
import { toDiagnostic } from './diagnostics';

const REPLACE = 'Replace with the source wording';

export function codeActions(doc: TextDocument, checked: CheckedDocument, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  const lsp = (edits: readonly Edit[]): TextEdit[] => edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const text = doc.getText();
    // From the latest check rather than trusting data the client echoes back.
    for (const finding of checked.result.findings) {
      const diagnostic = toDiagnostic(doc, finding);
      const asked = diagnostics.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
      if (!asked) continue;
      const quickFix = (title: string, edits: readonly Edit[], preferred = false): CodeAction => ({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [asked],
        isPreferred: preferred,
        edit: { changes: { [doc.uri]: lsp(edits) } },
      });
      for (const fix of finding.fixes ?? []) actions.push(quickFix(fix.title, fix.edits, fix.preferred === true));
      if (finding.code === 'unverified-quote') {
        actions.push({ title: 'Add a source…', kind: CodeActionKind.QuickFix, diagnostics: [asked], command: { title: 'Add a source…', command: AddSourceCommand, arguments: [doc.uri] } });
      }
      actions.push(quickFix('Ignore this quotation', [ignoreQuotationEdit(text, finding.start)]));
      actions.push(quickFix(`Disable ${finding.code} in this file`, [disableInFileEdit(text, finding.code)]));
    }
  }
  // Fix-all is asked for by kind (on save, or from the Source Action menu), never offered unasked.
  if (only && wants(FIX_ALL_KIND)) {
    const edits = safeReplacements(checked.result.findings);
    if (edits.length > 0) actions.push({ title: 'Verbatim: replace every misquote with the source wording', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: lsp(edits) } } });
  }
  return actions;
}

/** Every misquote's "Replace with the source wording", in order and never overlapping. */
export function safeReplacements(findings: readonly Finding[]): Edit[] {
  const edits = findings
    .filter((f) => f.code === 'misquote')
    .flatMap((f) => f.fixes?.find((x) => x.title === REPLACE)?.edits ?? [])
    .sort((a, b) => a.start - b.start);
  return edits.filter((e, i) => i === 0 || e.start >= edits[i - 1].end);
}
