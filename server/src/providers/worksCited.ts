// `verbatim.updateReferences`: the Works Cited / References section for the
// sources the essay quotes, as a plain WorkspaceEdit any LSP editor can apply.

import type { WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CitationStyle } from '../engine/citations';
import { quotedSources, updateReferences } from '../engine/worksCited';
import { toRange } from '../positions';
import type { CheckedDocument as Checked } from '../service/checker';

export function referencesEdit(doc: TextDocument, checked: Checked, style: CitationStyle): WorkspaceEdit | undefined {
  const sources = quotedSources(checked.result.quotations.map((q) => q.match));
  const change = updateReferences(doc.getText(), sources, style);
  if (!change) return undefined;
  return { changes: { [doc.uri]: [{ range: toRange(doc, change.start, change.end), newText: change.newText }] } };
}
