// Find references on a quotation: every quotation in the workspace (open
// documents and Markdown files in the workspace folders) of the same passage.

import type { Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toRange } from '../positions';
import type { CheckedDocument as Checked } from '../service/checker';
import { quotationAt } from './hover';
import type { CheckedFile } from './workspaceQuotations';

export async function references(
  doc: TextDocument,
  checked: Checked,
  offset: number,
  includeDeclaration: boolean,
  files: AsyncIterable<CheckedFile>,
): Promise<Location[]> {
  const origin = quotationAt(checked, offset);
  const passage = origin?.match.passage;
  const corpus = origin?.match.corpus;
  if (!origin || !passage || !corpus) return [];
  const out: Location[] = [];
  for await (const file of files) {
    for (const q of file.checked.result.quotations) {
      if (q.match.passage?.id !== passage.id || q.match.corpus?.id !== corpus.id) continue;
      const self = file.doc.uri === doc.uri && q.quotation.start === origin.quotation.start;
      if (self && !includeDeclaration) continue;
      out.push({ uri: file.doc.uri, range: toRange(file.doc, q.quotation.start, q.quotation.end) });
    }
  }
  return out;
}
