// The essay's own switches, as comments: `<!-- verbatim-disable-file misquote -->` turns a rule off
// for the whole file, and the edits the quick fixes make to write them (and `verbatim-ignore`, which
// markdown.ts reads). Pure: text in, options or edits out.

import type { CheckOptions } from './check';
import type { TextEdit as Edit } from './types';

/** `<!-- verbatim-disable-file code code … -->`: anywhere in the file, for the whole file. */
const FILE_DISABLE = /<!--[ \t]*verbatim-disable-file((?:[ \t]+[a-z][a-z-]*)+)[ \t]*-->/g;
const IGNORE = '<!-- verbatim-ignore -->';

/** The rule codes the file turns off for itself. */
export function disabledInFile(text: string): Set<string> {
  const codes = new Set<string>();
  if (!text.includes('verbatim-disable-file')) return codes;
  for (const m of text.matchAll(FILE_DISABLE)) for (const code of m[1].trim().split(/[ \t]+/)) codes.add(code);
  return codes;
}

/** The check options with the file's own switches applied. */
export function withFileDirectives(text: string, options: CheckOptions): CheckOptions {
  const off = disabledInFile(text);
  if (off.size === 0) return options;
  const rules = { ...options.rules };
  for (const code of off) rules[code] = 'off';
  return { ...options, rules };
}

/** Writes `code` into the file's disable comment, or adds one at the top (after any front matter). */
export function disableInFileEdit(text: string, code: string): Edit {
  FILE_DISABLE.lastIndex = 0;
  const m = FILE_DISABLE.exec(text);
  FILE_DISABLE.lastIndex = 0;
  if (m) {
    const codes = [...new Set([...m[1].trim().split(/[ \t]+/), code])];
    return { start: m.index, end: m.index + m[0].length, newText: `<!-- verbatim-disable-file ${codes.join(' ')} -->` };
  }
  const front = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const at = front ? front[0].length : 0;
  return { start: at, end: at, newText: `<!-- verbatim-disable-file ${code} -->\n\n` };
}

/**
 * `<!-- verbatim-ignore -->` where it skips exactly the quotation starting at `start`: inline just
 * before it when words precede it on its line; at the end of the line before when it opens a line
 * inside a paragraph (a line starting with `<!--` would become an HTML block); on a line of its own
 * before its block when it opens the block (a blockquote, a paragraph's first line).
 */
export function ignoreQuotationEdit(text: string, start: number): Edit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  // Markers that open a block on this line: indentation, `>`, a list bullet or number.
  const prefix = /^[ \t]*(?:(?:>[ \t]?)+|(?:[-*+]|\d{1,9}[.)])[ \t]+)*/.exec(before)![0];
  if (before.length > prefix.length) return { start, end: start, newText: `${IGNORE} ` };
  const prevEnd = lineStart - 1;
  const prevStart = prevEnd > 0 ? text.lastIndexOf('\n', prevEnd - 1) + 1 : 0;
  const previous = prevEnd >= 0 ? text.slice(prevStart, prevEnd).replace(/\r$/, '') : '';
  const continues = prefix === '' && previous.trim() !== '' && !/^[ \t]*(?:#|>|[-*+][ \t]|\d{1,9}[.)][ \t]|<!--|```|~~~)/.test(previous);
  if (continues) {
    const at = prevStart + previous.length;
    return { start: at, end: at, newText: ` ${IGNORE}` };
  }
  return { start: lineStart, end: lineStart, newText: `${IGNORE}\n` };
}
