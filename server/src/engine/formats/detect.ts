// Which format a corpus file is, from its bytes first and its name second:
// `%PDF-`, a ZIP whose first entry says application/epub+zip, an HTML doctype
// or root tag, Kindle's `==========` record separator. Pure.

import { isEpub, latin1 } from './epub';

export type BookFormat = 'pdf' | 'epub' | 'zip' | 'html' | 'clippings';

/** The book format of a file, or undefined for text, Markdown and JSON (the text loaders). */
export function detectBookFormat(bytes: Uint8Array, path: string): BookFormat | undefined {
  const head = latin1(bytes.subarray(0, 1024));
  // A PDF's header may follow a little junk (readers accept it within the first 1024 bytes); a text
  // that merely mentions "%PDF-" is told apart by the end-of-file marker a PDF closes with.
  const at = head.indexOf('%PDF-');
  if (at === 0 || (at > 0 && latin1(bytes.subarray(Math.max(0, bytes.length - 1024))).includes('%%EOF'))) return 'pdf';
  if (isEpub(bytes)) return 'epub';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  const start = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html[\s>])/.test(start)) return 'html';
  if (/\.x?html?$/i.test(path) && start.startsWith('<')) return 'html';
  if (/^[^\n]*\r?\n- [^\n]*\|[^\n]*\r?\n\r?\n[\s\S]*?\r?\n==========\r?\n/.test(start) || (/clippings\.txt$/i.test(path) && start.includes('=========='))) return 'clippings';
  return undefined;
}
