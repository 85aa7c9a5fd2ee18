// Incremental quotation finding. A document is cut into chunks of top-level
// blocks at blank lines where no construct can continue (fences, front
// matter, HTML blocks that span blank lines, indented continuations), so each
// chunk parses alone exactly as it does inside the whole document. Chunks are
// cached by their text: after an edit only the chunks whose text changed are
// parsed again. Where a document cannot be cut safely (link or footnote
// definitions and suppression comments reach across blocks; lone CR line
// ends), it is one chunk.

import { findQuotations, plainTree } from './markdown';
import type { Quotation } from './types';

// A definition anywhere changes how references elsewhere parse; a suppression
// comment (`<!-- verbatim-ignore -->`, `-disable`, `-enable`) reaches the blocks after it.
const DEFINITION = /^ {0,3}\[[^\]\n]*\]:/m;
const SUPPRESSION = /<!--\s*verbatim-/;
// Fences as the top level sees them (deeper ones end with their list item at the next unindented line).
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
// Inside an HTML block a fence line is HTML: when both occur, do not trust the fence tracking.
const HTML_LINE = /^ {0,3}<[!?/A-Za-z]/m;
const FENCE_LINE = /^ {0,3}(?:`{3,}|~{3,})/m;
const BLANK = /^[ \t]*\r?$/;
/** HTML blocks that run past blank lines, with what ends each (CommonMark kinds 1–5). */
const HTML_BLOCKS: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Offsets where a chunk starts (the first is 0), or just [0] when the document cannot be cut. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  if (DEFINITION.test(text) || SUPPRESSION.test(text) || /\r(?!\n)/.test(text)) return starts;
  if (HTML_LINE.test(text) && FENCE_LINE.test(text)) return starts;
  let at = 0;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let afterBlank = false;
  let lineNo = 0;
  let frontMatter: string | undefined;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(at, nl < 0 ? text.length : nl);
    if (lineNo === 0 && /^(---|\+\+\+)\r?$/.test(line)) frontMatter = line.replace('\r', '');
    else if (frontMatter !== undefined) {
      if (line.replace('\r', '') === frontMatter || (frontMatter === '---' && line.replace('\r', '') === '...')) frontMatter = undefined;
    } else if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && /^\s*$/.test(line.slice(m[0].length))) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else if (BLANK.test(line)) afterBlank = true;
    else {
      // A line after blank lines that does not start indented begins a new top-level block.
      // Not at a `---`/`+++` line: at a chunk's start the parser would take it for front matter.
      if (afterBlank && !/^[ \t]/.test(line) && !/^(---|\+\+\+)\r?$/.test(line)) starts.push(at);
      afterBlank = false;
      const m = FENCE.exec(line);
      if (m) fence = { char: m[1][0], length: m[1].length };
      else
        for (const [open, end] of HTML_BLOCKS) {
          if (open.test(line)) {
            if (!end.test(line.replace(open, ''))) htmlEnd = end;
            break;
          }
        }
    }
    at = next;
    lineNo++;
  }
  // Front matter that never closes is not front matter: do not trust the cuts.
  return frontMatter !== undefined ? [0] : starts;
}

/**
 * A chunk longer than this with no blank line in it (some 10,000 words in one paragraph,
 * list or blockquote) is read as plain text: remark's time on one block grows faster than
 * its length (emphasis, links, blockquote lines: a 1 MB paragraph took 27 s). A long chunk
 * with blank lines (a document that could not be cut) is parsed as before.
 */
export const MAX_PARSED_BLOCK = 65_536;

function tooLongToParse(chunk: string): boolean {
  return chunk.length > MAX_PARSED_BLOCK && !/\n[ \t]*\r?\n/.test(chunk.trimEnd());
}

/** The quotations of a chunk, with offsets relative to the chunk. */
type ChunkQuotations = readonly Quotation[];

function shifted(q: Quotation, by: number, paragraphs: Map<readonly number[], number[]>): Quotation {
  if (by === 0) return q;
  // Quotations of one paragraph share its offsets: shift them once.
  const own = q.paragraph.offsets;
  let offsets = own && paragraphs.get(own);
  if (own && !offsets) paragraphs.set(own, (offsets = own.map((o) => o + by)));
  return {
    ...q,
    start: q.start + by,
    end: q.end + by,
    contentStart: q.contentStart + by,
    contentEnd: q.contentEnd + by,
    offsets: q.offsets.map((o) => o + by),
    paragraph: own ? { ...q.paragraph, offsets } : q.paragraph,
  };
}

/**
 * Finds a document's quotations again and again as it is edited, parsing only
 * the chunks whose text changed. Gives exactly what findQuotations gives.
 */
export class IncrementalQuotations {
  private chunks = new Map<string, ChunkQuotations>();
  /** Chunks parsed by the last call (not found in the cache). */
  parsed = 0;

  find(text: string): Quotation[] {
    const starts = chunkStarts(text);
    const next = new Map<string, ChunkQuotations>();
    const out: Quotation[] = [];
    this.parsed = 0;
    for (let i = 0; i < starts.length; i++) {
      const from = starts[i];
      const chunk = text.slice(from, i + 1 < starts.length ? starts[i + 1] : text.length);
      let found = next.get(chunk) ?? this.chunks.get(chunk);
      if (!found) {
        const own = ownCopy(chunk);
        found = findQuotations(own, tooLongToParse(chunk) ? plainTree(own) : undefined);
        this.parsed++;
      }
      // Keyed by this version's slice, so no older version of the document stays alive.
      next.set(chunk, found);
      const paragraphs = new Map<readonly number[], number[]>();
      for (const q of found) out.push(shifted(q, from, paragraphs));
    }
    this.chunks = next;
    return out;
  }
}

/**
 * The same text in a string of its own. A quotation's text is a slice of what
 * was parsed, and V8 keeps a slice's whole parent string alive: parsed as a
 * slice of the document, every cached chunk would keep the version of the
 * document it was first seen in (after many edits, up to one 64 KB version per
 * chunk). Slicing a concatenation makes V8 copy it first, so the slice's
 * parent is that copy.
 */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}
