// Quick fixes as plain workspace edits, so they work in any LSP editor. The
// fixes themselves are engine data (engine/fixes.ts: edits on offsets, made
// with each finding); here they are only converted to LSP ranges.

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sameRange, toRange } from '../positions';
import type { CheckedDocument } from '../service/checker';
import { toDiagnostic } from './diagnostics';

export function codeActions(doc: TextDocument, checked: CheckedDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  // From the latest check rather than trusting data the client echoes back.
  for (const finding of checked.result.findings) {
    const diagnostic = toDiagnostic(doc, finding);
    const asked = diagnostics.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
    if (!asked) continue;
    for (const fix of finding.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [asked],
        isPreferred: fix.preferred === true,
        edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText })) } },
      });
    }
  }
  return actions;
}
