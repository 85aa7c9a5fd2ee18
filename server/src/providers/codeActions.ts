// Quick fixes as plain workspace edits, so they work in any LSP editor.

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sameRange, toRange } from '../positions';
import { toDiagnostic, type Checked } from './diagnostics';

export function codeActions(doc: TextDocument, checked: Checked, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  // Recompute from the latest check rather than trusting data the client echoes back.
  for (const finding of checked.result.findings) {
    if (finding.code !== 'misquote' || finding.data?.replacement === undefined) continue;
    const diagnostic = toDiagnostic(doc, finding);
    const asked = diagnostics.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
    if (!asked) continue;
    const { contentStart, contentEnd, replacement } = finding.data;
    if (contentStart === undefined || contentEnd === undefined) continue;
    actions.push({
      title: 'Replace with the source wording',
      kind: CodeActionKind.QuickFix,
      diagnostics: [asked],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [{ range: toRange(doc, contentStart, contentEnd), newText: replacement }] } },
    });
  }
  return actions;
}
