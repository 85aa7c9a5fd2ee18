// Go to definition on a quotation: the passage it quotes, in its source (the
// built-in review or a corpus file), at the matched wording.

import type { Location } from 'vscode-languageserver';
import type { CorpusLocator } from './corpusLocator';
import type { CheckedDocument as Checked } from '../service/checker';
import { quotationAt } from './hover';

export function definition(checked: Checked, offset: number, locations: CorpusLocator): Location | null {
  const item = quotationAt(checked, offset);
  const { passage, corpus, sourceText } = item?.match ?? {};
  if (!passage || !corpus) return null;
  return locations.locate(corpus, passage, sourceText) ?? null;
}
