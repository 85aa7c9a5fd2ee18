// `verbatim.updateReferences`: the Works Cited / References list for the
// sources the essay quotes, as a plain WorkspaceEdit any LSP editor can apply:
// versioned (`documentChanges`) when the client supports it, so that it never
// lands on a version of the essay it was not computed for.

import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { keyUses } from '../engine/bibliography';
import type { CitationStyle } from '../engine/citations';
import { quotedSources, updateReferences } from '../engine/worksCited';
import { lineEndingOf, toRange, withLineEnding } from '../positions';
import type { CheckedDocument as Checked } from '../service/checker';

export type ReferencesOutcome =
  | { kind: 'edit'; edit: WorkspaceEdit }
  /** Nothing quoted is found in a source: nothing to list. */
  | { kind: 'nothing' }
  | { kind: 'up-to-date' }
  /** The document's markers do not pair up: editing could lose the user's text. */
  | { kind: 'problem'; message: string };

/** `styleXml`: the CSL style the essay's `csl:` names (service/bibliography.ts essayStyle), or why it is not read. */
export function referencesEdit(doc: TextDocument, checked: Checked, style: CitationStyle, versioned: boolean, styleXml?: string | { problem: string }): ReferencesOutcome {
  const sources = quotedSources(checked.result.quotations.map((q) => q.match));
  const text = doc.getText();
  // The essay's bibliography entries and cited keys, in the style its `csl:` names, if any.
  if (typeof styleXml === 'object') return { kind: 'problem', message: styleXml.problem };
  const options = { entries: checked.bibliography?.entries, citedKeys: keyUses(text).map((u) => u.key), styleXml, citeproc: checked.cite.citeproc };
  let update: ReturnType<typeof updateReferences>;
  try {
    update = updateReferences(text, sources, style, checked.context.corpora, options);
  } catch (e) {
    // A style file the essay names that citeproc cannot use: say so, change nothing.
    return { kind: 'problem', message: `the CSL style could not be used: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  if (!update) return { kind: 'nothing' };
  if ('problem' in update) return { kind: 'problem', message: update.problem };
  if (update.edits.length === 0) return { kind: 'up-to-date' };
  // A CRLF essay keeps its CRLF.
  const eol = lineEndingOf(doc);
  const edits: TextEdit[] = update.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: withLineEnding(e.newText, eol) }));
  const edit: WorkspaceEdit = versioned
    ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] }
    : { changes: { [doc.uri]: edits } };
  return { kind: 'edit', edit };
}
