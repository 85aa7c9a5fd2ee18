// Quick fixes as plain workspace edits, so they work in any LSP editor.

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sameRange, toRange } from '../positions';
import type { Finding } from '../engine/types';
import { toDiagnostic, type Checked } from './diagnostics';

export function codeActions(doc: TextDocument, checked: Checked, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  // Recompute from the latest check rather than trusting data the client echoes back.
  for (const finding of checked.result.findings) {
    if (finding.code === 'misattribution') {
      const action = attributionFix(doc, finding, diagnostics);
      if (action) actions.push(action);
      continue;
    }
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

/** Misattribution: put the source's speaker in place of the name the essay gives. */
function attributionFix(doc: TextDocument, finding: Finding, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
  const diagnostic = toDiagnostic(doc, finding);
  const asked = diagnostics.find((d) => d.code === finding.code && sameRange(d.range, diagnostic.range));
  const { nameStart, nameEnd, speaker } = finding.data ?? {};
  if (!asked || nameStart === undefined || nameEnd === undefined || !speaker) return undefined;
  return {
    title: `Attribute to ${speaker}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [asked],
    isPreferred: true,
    edit: { changes: { [doc.uri]: [{ range: toRange(doc, nameStart, nameEnd), newText: speaker }] } },
  };
}
