// Quick fixes as plain workspace edits, so they work in any LSP editor. The
// fixes themselves are engine data (engine/fixes.ts: edits on offsets, made
// with each finding); here they are only converted to LSP ranges. Every finding
// can also be silenced (ignore this quotation, disable its code in this file: the
// edits are engine/directives.ts's), an unverified quotation can gain a source (the
// `verbatim.addSource` command), and `source.fixAll.verbatim` applies every safe
// "Replace with the source wording".
//
// The request's range is what decides (LSP 3.17): every finding it touches gets
// its fixes, whatever the client echoes in `context.diagnostics` (Neovim 0.7
// echoes byte columns, ALE sends none). An echoed diagnostic is only a hint:
// when one matches a finding, the action names it.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { disableInFileEdit, ignoreQuotationEdit } from '../engine/directives';
import type { Finding, TextEdit as Edit } from '../engine/types';
import { quotedSources } from '../engine/worksCited';
import { AddSourceCommand, FIX_ALL_KIND, UpdateReferencesCommand } from '../protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lineEndingOf, sameRange, toRange, withLineEnding } from '../positions';
import type { CheckedDocument } from '../service/checker';
import { toDiagnostic } from './diagnostics';

/** The kind of the "Update Works Cited" action: a source action, offered wherever the cursor is. */
export const UPDATE_WORKS_CITED_KIND = `${CodeActionKind.Source}.verbatim.updateWorksCited`;

const REPLACE = 'Replace with the source wording';

/** Whether a client's `context.only` lets actions of `kind` through (LSP: hierarchical, dot-separated kinds). */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function codeActions(doc: TextDocument, checked: CheckedDocument, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  const eol = lineEndingOf(doc);
  const lsp = (edits: readonly Edit[]): TextEdit[] => edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: withLineEnding(e.newText, eol) }));
  const actions: CodeAction[] = [];
  if (kindWanted(CodeActionKind.QuickFix, only)) {
    const from = doc.offsetAt(range.start);
    const to = doc.offsetAt(range.end);
    const text = doc.getText();
    // From the latest check rather than trusting data the client echoes back.
    for (const finding of checked.result.findings) {
      // A cursor (empty range) touching either end counts; a selection must overlap.
      const touched = from === to ? finding.start <= from && from <= finding.end : finding.start < to && from < finding.end;
      const own = toDiagnostic(doc, finding);
      const echoed = diagnostics.find((d) => echoes(d, own, checked, doc));
      if (!touched && !echoed) continue;
      const named = echoed ?? own;
      const quickFix = (title: string, edits: readonly Edit[], preferred = false): CodeAction => ({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [named],
        isPreferred: preferred,
        edit: { changes: { [doc.uri]: lsp(edits) } },
      });
      for (const fix of finding.fixes ?? []) actions.push(quickFix(fix.title, fix.edits, fix.preferred === true));
      if (finding.code === 'unverified-quote') {
        actions.push({ title: 'Add a source…', kind: CodeActionKind.QuickFix, diagnostics: [named], command: { title: 'Add a source…', command: AddSourceCommand, arguments: [doc.uri] } });
      }
      // Only a quotation can be ignored; copied prose and citation keys are silenced per file.
      const onQuotation = checked.result.quotations.some((q) => q.quotation.start === finding.start && q.quotation.end === finding.end);
      if (onQuotation) actions.push(quickFix('Ignore this quotation', [ignoreQuotationEdit(text, finding.start)]));
      actions.push(quickFix(`Disable ${finding.code} in this file`, [disableInFileEdit(text, finding.code)]));
    }
  }
  // Fix-all is asked for by kind (on save, or from the Source Action menu), never offered unasked.
  if (only && only.length > 0 && kindWanted(FIX_ALL_KIND, only)) {
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

/**
 * Whether a diagnostic the client echoed is this finding's: the exact range, or (columns counted in
 * another unit, as Neovim 0.7 does) the same code, lines and message, which no other finding shares.
 */
function echoes(d: Diagnostic, own: Diagnostic, checked: CheckedDocument, doc: TextDocument): boolean {
  if (d.code !== own.code) return false;
  if (sameRange(d.range, own.range)) return true;
  const alike = (x: Diagnostic) => x.code === d.code && x.message === d.message && x.range.start.line === d.range.start.line && x.range.end.line === d.range.end.line;
  return alike(own) && checked.result.findings.filter((f) => f.code === own.code && f.message === own.message && alike(toDiagnostic(doc, f))).length === 1;
}

/**
 * "Update Works Cited" as a code action, for clients with no way to run a command with arguments
 * (eglot, Helix, ALE): it runs `verbatim.updateReferences` on this essay, which computes the edit
 * and applies it. Computing the edit for every code-action request would re-read the whole essay
 * on each cursor move (VS Code asks on every one); offered when some quotation is found in a source.
 */
export function worksCitedAction(uri: string, checked: CheckedDocument, only?: readonly string[]): CodeAction[] {
  if (!kindWanted(UPDATE_WORKS_CITED_KIND, only)) return [];
  if (quotedSources(checked.result.quotations.map((q) => q.match)).length === 0) return [];
  return [{ title: 'Update Works Cited', kind: UPDATE_WORKS_CITED_KIND, command: { title: 'Update Works Cited', command: UpdateReferencesCommand, arguments: [uri] } }];
}
