// Finds where a passage's wording stands in its corpus text, so go to
// definition can land on it. Corpus texts differ from passage wording in
// markup only (line wrapping, `_italics_`, `--`, JSON escapes), so the words
// are matched in order with anything but letters and digits between them.

const WORD = /[\p{L}\p{N}]+/gu;
/** How far past the passage's line a match may start: passages stand at their line. */
const SEARCH_WINDOW = 20_000;

/** UTF-16 offset of the start of a 1-based line (the text's end if it has fewer lines). */
export function lineStartOffset(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset;
}

/** Offsets of `wording` in `text`, searched from `from`; undefined if its words are not there in order. */
export function locateWording(text: string, wording: string, from = 0): { start: number; end: number } | undefined {
  const words = wording.match(WORD);
  if (!words || words.length === 0) return undefined;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(escaped.join('[^\\p{L}\\p{N}]+'), 'gu');
  const window = text.slice(from, from + SEARCH_WINDOW + wording.length * 2);
  const m = pattern.exec(window);
  if (!m) return undefined;
  return { start: from + m.index, end: from + m.index + m[0].length };
}
