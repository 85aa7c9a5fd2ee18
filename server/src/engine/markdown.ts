// Finds the quotations in a Markdown essay. remark parses the document (front
// matter and GFM on); each block of prose becomes its visible text — text
// nodes only, so code, HTML, link destinations and markup drop out — with a
// map from every visible character back to its offset in the essay. Quotation
// marks are paired in that visible text; blockquotes are quotations too.

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Quotation, QuoteMark } from './types';

/** Stands for inline code, HTML and images: never part of a quotation. */
const BARRIER = '\u0000';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** A block of prose: its visible text and, for each character, its offset in the essay. */
export interface ProseBlock {
  text: string;
  offsets: number[];
  inBlockquote: boolean;
  /** Offsets of the block in the essay. */
  start: number;
  end: number;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm);

/** Nesting levels (container markers, or two columns of indentation each) past which a chunk is plain text. */
const MAX_NESTING = 64;
/** List items holding another container, times the chunk's length, past which a chunk is plain text. */
const NESTED_ITEM_BUDGET = 1 << 20;
const CONTAINER_MARKER = /(?:(>)|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*/y;

/**
 * Whether remark would take too long on the text. Its time grows with the square of the
 * nesting depth, by markers ("> > > …", "- - - …") or by indentation (a level per line), and
 * it recurses per level; and with the number of list items opened with another container
 * on their line ("- - x", "> - > - x"), times the whole text (micromark rebuilds its list
 * of events at each one). So: at most MAX_NESTING levels on a line, and a budget for such
 * items. Line by line, linear.
 */
export function tooNested(text: string): boolean {
  let nestedItems = 0;
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 ? text.length : nl;
    let columns = 0;
    let k = at;
    for (; k < lineEnd; k++) {
      const c = text.charCodeAt(k);
      if (c === 32) columns++;
      else if (c === 9) columns += 4 - (columns % 4);
      else break;
    }
    let markers = 0;
    let inItem = false;
    let holds = false;
    CONTAINER_MARKER.lastIndex = k;
    for (let m = CONTAINER_MARKER.exec(text); m && m.index < lineEnd; m = CONTAINER_MARKER.exec(text)) {
      markers++;
      if (inItem) holds = true;
      if (!m[1]) inItem = true;
      if (Math.floor(columns / 2) + markers > MAX_NESTING) return true;
    }
    if (holds && ++nestedItems * text.length > NESTED_ITEM_BUDGET) return true;
    at = lineEnd + 1;
  }
  return false;
}

export function parseMarkdown(text: string): MdNode {
  // Thousands of nested blockquotes or lists would take minutes or overflow the
  // stack (see tooNested): such a document is read as one block of plain text.
  if (tooNested(text)) return plainTree(text);
  try {
    return processor.parse(text) as unknown as MdNode;
  } catch (e) {
    if (e instanceof RangeError) return plainTree(text);
    throw e;
  }
}

/** A document read as one paragraph of plain text (no parse). */
export function plainTree(text: string): MdNode {
  const position = { start: { offset: 0 }, end: { offset: text.length } };
  return { type: 'root', position, children: [{ type: 'paragraph', position, children: [{ type: 'text', value: text, position }] }] };
}

const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const SKIPPED = new Set(['code', 'html', 'yaml', 'toml', 'definition', 'inlineCode', 'image', 'imageReference']);

/** The prose blocks of a parsed document, in document order. */
export function proseBlocks(tree: MdNode, source: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  // An explicit stack: documents may nest blockquotes and lists thousands deep.
  const stack: { node: MdNode; quoted: boolean }[] = [{ node: tree, quoted: false }];
  while (stack.length) {
    const { node, quoted } = stack.pop()!;
    if (SKIPPED.has(node.type)) continue;
    if (PROSE_BLOCKS.has(node.type)) {
      const block = visibleText(node, source, quoted);
      if (block) blocks.push(block);
      continue;
    }
    const children = node.children;
    if (!children) continue;
    const q = quoted || node.type === 'blockquote';
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], quoted: q });
  }
  return blocks;
}

function visibleText(block: MdNode, source: string, inBlockquote: boolean): ProseBlock | undefined {
  const start = block.position?.start.offset;
  const end = block.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  let text = '';
  const offsets: number[] = [];
  const stack: MdNode[] = [...(block.children ?? [])].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    const from = node.position?.start.offset ?? start;
    const to = node.position?.end.offset ?? from;
    if (node.type === 'text') {
      const value = node.value ?? '';
      mapValue(value, source, from, to, offsets);
      text += value;
    } else if (node.type === 'break') {
      text += ' ';
      offsets.push(from);
    } else if (SKIPPED.has(node.type) || node.type === 'footnoteReference') {
      text += BARRIER;
      offsets.push(from);
    } else if (node.children) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  offsets.push(end);
  return { text, offsets, inBlockquote, start, end };
}

/**
 * Maps each character of a text node's value to its offset in the source. The
 * value differs from the source slice only by what the parser removed
 * (blockquote markers and indentation after line breaks, backslash escapes,
 * character references, CR before LF), so a greedy walk finds each character.
 */
function mapValue(value: string, source: string, from: number, to: number, out: number[]): void {
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    const limit = Math.min(to, j + 16);
    while (k < limit && source[k] !== c) k++;
    if (k < limit) {
      out.push(k);
      j = k + 1;
    } else {
      // A character reference (&amp;) decoded to a character not in the source: stay put.
      out.push(Math.min(j, Math.max(from, to - 1)));
    }
  }
}

const OPEN_BEFORE = /[\s([{—–\-/“‘"]/u;
const WORDLIKE = /[\p{L}\p{N}]/u;
const ELISION = /^'(?:(?:tis|twas|twere|em|cause|til|round)\b|n')/i;

interface Open {
  mark: QuoteMark;
  at: number;
  /** Marks of other conventions: what closes them. */
  close?: string;
}

// Quotation marks of other conventions, each with what closes it: French and Swiss «…» (spaced
// or not), German and Danish »…«, German and Polish „…“ / „…”, German ‚…‘, and CJK corner brackets.
const OTHER_OPENERS: Record<string, { mark: QuoteMark; close: string }> = {
  '«': { mark: 'guillemet', close: '»' },
  '»': { mark: 'guillemet', close: '«' },
  '„': { mark: 'low-double', close: '“”' },
  '‚': { mark: 'low-single', close: '‘’' },
  '「': { mark: 'corner', close: '」' },
  '『': { mark: 'corner', close: '』' },
};

/** A curly opening mark followed by a space (`“ let us …”`) still opens, if a closing mark follows in the block. */
function opensSpaced(text: string, i: number): boolean {
  let k = i + 1;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
  return k < text.length && WORDLIKE.test(text[k]) && text.indexOf('”', k) > k;
}

/** Pairs quotation marks in a block's visible text. */
export function quotationsInBlock(block: ProseBlock): Quotation[] {
  const { text } = block;
  const found: Quotation[] = [];
  let open: Open | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === BARRIER) {
      open = undefined;
      continue;
    }
    const before = i > 0 ? text[i - 1] : ' ';
    const after = i + 1 < text.length ? text[i + 1] : ' ';
    if (open?.close) {
      // A single low mark's closer may be an apostrophe inside a word (‚Ich hab’s‘).
      if (open.close.includes(c) && (open.mark !== 'low-single' || !WORDLIKE.test(after)) && !(open.mark === 'guillemet' && i === open.at + 1)) {
        if (text.slice(open.at + 1, i).trim()) found.push(makeQuotation(block, open.at, i, open.mark));
        open = undefined;
      }
      continue;
    }
    if (!open && c in OTHER_OPENERS && (c !== '‚' || /\p{L}/u.test(after)) && (c !== '»' || OPEN_BEFORE.test(before))) {
      const other = OTHER_OPENERS[c];
      open = { mark: other.mark, at: i, close: other.close };
      continue;
    }
    if (open) {
      const closes =
        (open.mark === 'curly-double' && (c === '”' || (c === '"' && !/\s/.test(before)))) ||
        (open.mark === 'straight-double' && (c === '"' || c === '”') && !/\s/.test(before)) ||
        (open.mark === 'curly-single' && c === '’' && !/\s/.test(before) && !WORDLIKE.test(after)) ||
        (open.mark === 'straight-single' && c === "'" && !/\s/.test(before) && !WORDLIKE.test(after));
      if (closes) {
        if (i > open.at + 1) found.push(makeQuotation(block, open.at, i, open.mark));
        open = undefined;
        continue;
      }
      // A straight mark that can only open means the earlier one was stray.
      if (open.mark === 'straight-double' && c === '"' && /\s/.test(before) && !/\s/.test(after)) open = { mark: open.mark, at: i };
      continue;
    }
    if (c === '“' && (!/\s/.test(after) || opensSpaced(text, i))) open = { mark: 'curly-double', at: i };
    else if (c === '"' && OPEN_BEFORE.test(before) && !/\s/.test(after)) open = { mark: 'straight-double', at: i };
    else if (c === '‘' && OPEN_BEFORE.test(before) && !/\s/.test(after)) open = { mark: 'curly-single', at: i };
    // A straight single mark opens only before a letter, and never an elision ('tis, 'em, 'n', '90s).
    else if (c === "'" && OPEN_BEFORE.test(before) && /\p{L}/u.test(after) && !ELISION.test(text.slice(i, i + 6))) {
      open = { mark: 'straight-single', at: i };
    }
  }
  return found;
}

function makeQuotation(block: ProseBlock, open: number, close: number, mark: QuoteMark): Quotation {
  const o = block.offsets;
  return {
    start: o[open],
    end: o[close] + 1,
    contentStart: o[open + 1],
    contentEnd: o[close],
    text: block.text.slice(open + 1, close).replace(/\s/g, ' '),
    mark,
    offsets: o.slice(open + 1, close + 1),
    paragraph: { text: block.text, start: open, end: close + 1, offsets: o },
  };
}

const ATTRIBUTION_LINE = /^\s*(?:—|―|--|–|~)\s*([^\s—―–~][^\n]*?)\s*$/u;

function attributionAt(block: ProseBlock, from: number, text: string): Quotation['attribution'] {
  // It runs to the paragraph's end, markup included ("*Pride and Prejudice*"), so that a fix replaces all of it.
  return { text: text.replace(/\s+/g, ' '), start: block.offsets[from], end: block.end };
}

/** A blockquote paragraph that is only a dash and a short name ("— Jane Austen, Pride and Prejudice"): who wrote the quotation above. */
function attributionLine(block: ProseBlock): Quotation['attribution'] | undefined {
  const m = ATTRIBUTION_LINE.exec(block.text);
  if (!m || m[1].split(/\s+/).length > 12 || m[1].includes(BARRIER)) return undefined;
  return attributionAt(block, m.index + m[0].indexOf(m[1]), m[1]);
}

/**
 * A blockquote paragraph with no quotation marks of its own is a quotation,
 * less a trailing citation ("(Ishiguro 73)") or attribution line ("— Kathy").
 */
function blockquoteQuotation(block: ProseBlock): Quotation | undefined {
  let end = block.text.length;
  const tail = blockquoteTail(block.text);
  if (tail >= 0) end = tail;
  let start = 0;
  while (start < end && /\s/.test(block.text[start])) start++;
  while (end > start && /\s/.test(block.text[end - 1])) end--;
  if (end <= start || block.text.slice(start, end).includes(BARRIER)) return undefined;
  // GitHub alerts ("> [!NOTE]") are not quotations.
  if (/^\[![A-Z]+\]/.test(block.text.slice(start))) return undefined;
  const o = block.offsets;
  // A trailing "— Name" is the epigraph's attribution.
  const named = tail >= 0 ? ATTRIBUTION_LINE.exec(block.text.slice(tail)) : null;
  const attribution = named && named[1].split(/\s+/).length <= 12 ? attributionAt(block, tail + named.index + named[0].indexOf(named[1]), named[1]) : undefined;
  return {
    ...(attribution ? { attribution } : {}),
    start: o[start],
    end: o[end - 1] + 1,
    contentStart: o[start],
    contentEnd: o[end - 1] + 1,
    text: block.text.slice(start, end).replace(/\s/g, ' '),
    mark: 'blockquote',
    offsets: o.slice(start, end + 1),
    paragraph: { text: block.text, start, end, offsets: o },
  };
}

const SPACE = /\s/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);

/**
 * Where a blockquote's closing citation ("(Ishiguro 73)", "[@key]", then perhaps a full
 * stop) or attribution line ("— Kathy") starts, with the spaces before it; -1 if none.
 * The leftmost match of
 * `(?:\s*(?:\([^()]*\)|\[@[^\]]*\])\s*[.]?\s*$)|(?:\s+(?:—|--|–)\s*[^\s—][^—]*$)`, found
 * without a regex: that one retried its tail from every space, quadratic in long runs.
 */
export function blockquoteTail(text: string): number {
  const a = citationTail(text);
  const b = attributionTail(text);
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

function citationTail(text: string): number {
  let e = text.length;
  while (isSpace(text[e - 1])) e--;
  if (text[e - 1] === '.') e--;
  while (isSpace(text[e - 1])) e--;
  // The citation ends at e - 1: "(…)" without inner parentheses, or "[@…]" without an inner "]".
  let g: number;
  if (text[e - 1] === ')') {
    g = e - 2;
    while (g >= 0 && text[g] !== '(' && text[g] !== ')') g--;
    if (g < 0 || text[g] !== '(') return -1;
  } else if (text[e - 1] === ']' && e >= 3) {
    g = text.indexOf('[@', text.lastIndexOf(']', e - 2) + 1);
    if (g < 0 || g >= e - 1) return -1;
  } else return -1;
  while (isSpace(text[g - 1])) g--;
  return g;
}

function attributionTail(text: string): number {
  // A dash after spaces, then a word, with no em dash after that word: the dash is the
  // last em dash, or an en dash or "--" after it.
  const lastEm = text.lastIndexOf('—');
  for (let d = Math.max(lastEm, 0); d < text.length; d++) {
    const c = text[d];
    const length = c === '—' || c === '–' ? 1 : c === '-' && text[d + 1] === '-' ? 2 : 0;
    if (length === 0 || !isSpace(text[d - 1])) continue;
    let k = d + length;
    while (isSpace(text[k])) k++;
    if (k === text.length) continue;
    let p = d - 1;
    while (isSpace(text[p - 1])) p--;
    return p;
  }
  return -1;
}

// What a chunk must not hold for the shortcuts below: anything that starts inline
// syntax, an entity or an escape (`! [ ]` links and images, `< >` HTML, autolinks and
// blockquotes, `|` tables), tabs, control characters that remark rewrites, and lone CRs.
const MARKUP = /[\\`*_~[\]<>&|\t\x00-\x08\x0b\x0c\x0e-\x1f\ufeff]|\r(?!\n)/;
// What a line of a plain paragraph must not start with: anything that can open a block
// (a heading, a list or thematic break, a setext underline, indentation, a blank line,
// an ordered list's number), besides the characters MARKUP already rules out.
const BLOCK_START = /[#\-+= \r\n]|\d{1,9}[.)](?:[ \r\n]|$)/y;
const LINES = /\n/g;
// A mark that could open a quotation in visible text: curly or straight double, curly
// single, an entity or a blockquote marker, a straight single not after a letter or digit,
// or a mark of another convention (guillemets, low marks, corner brackets).
const COULD_OPEN = /[“"‘&>«»„‚「『]|(?<![\p{L}\p{N}])'/u;

function opensBlock(source: string, at: number): boolean {
  BLOCK_START.lastIndex = at;
  return BLOCK_START.test(source);
}

/**
 * A chunk that is one paragraph of plain text: its prose block without a parse. Such
 * text parses to a paragraph holding one text node equal to it (CR LF kept), so each
 * character maps to itself. Undefined when the chunk holds anything else.
 */
export function plainParagraph(source: string): ProseBlock | undefined {
  // The paragraph ends at its last visible character; only blank lines may follow.
  let end = source.length;
  while (end > 0 && (source[end - 1] === '\n' || source[end - 1] === '\r' || source[end - 1] === ' ')) end--;
  // Trailing spaces on the last line would be dropped by the parser: leave that to it.
  if (end === 0 || source[end] === ' ' || MARKUP.test(source)) return undefined;
  if (opensBlock(source, 0)) return undefined;
  LINES.lastIndex = 0;
  for (let m = LINES.exec(source); m && m.index < end; m = LINES.exec(source)) {
    // Trailing spaces make a hard break or are dropped; a line must go on with plain text.
    const before = source[m.index - 1] === '\r' ? m.index - 2 : m.index - 1;
    if (source[before] === ' ' || opensBlock(source, m.index + 1)) return undefined;
  }
  const offsets = new Array<number>(end + 1);
  for (let i = 0; i <= end; i++) offsets[i] = i;
  return { text: source.slice(0, end), offsets, inBlockquote: false, start: 0, end };
}

/**
 * Every quotation in an essay, in document order, less those the essay's comments
 * suppress. Without a tree, text that cannot hold a quotation, or that is one plain
 * paragraph, is read without parsing (most chunks of an essay: see blocks.ts); the
 * result is the same as the parser's (test/unit/markdown.test.ts compares them).
 */
export function findQuotations(source: string, tree?: MdNode): Quotation[] {
  if (!tree) {
    if (!COULD_OPEN.test(source)) return [];
    const plain = plainParagraph(source);
    if (plain) return withRaw(quotationsInBlock(plain), source);
    tree = parseMarkdown(source);
  }
  const out: Quotation[] = [];
  for (const block of proseBlocks(tree, source)) {
    const inner = quotationsInBlock(block);
    if (inner.length === 0 && block.inBlockquote) {
      // An epigraph's attribution line ("> — Jane Austen, *Pride and Prejudice*") belongs to the quotation above it.
      const line = attributionLine(block);
      if (line) {
        const prev = out[out.length - 1];
        if (prev?.mark === 'blockquote' && !prev.attribution) prev.attribution = line;
        continue;
      }
      const q = blockquoteQuotation(block);
      if (q) out.push(q);
    } else out.push(...inner);
  }
  return withRaw(unsuppressed(out, suppressions(tree, source.length)), source);
}

/** Each quotation's own characters in the essay, what a fix edits. */
function withRaw(quotations: Quotation[], source: string): Quotation[] {
  for (const q of quotations) q.raw = source.slice(q.contentStart, q.contentEnd);
  return quotations;
}

const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'listItem', 'list', 'footnoteDefinition']);
const IGNORE = /^<!--\s*verbatim-ignore\s*-->$/;
const DISABLE = /^<!--\s*verbatim-disable\s*-->$/;
const ENABLE = /^<!--\s*verbatim-enable\s*-->$/;

/** What the essay's comments switch off: ranges of the essay, and points after which one quotation is skipped. */
export interface Suppressions {
  ranges: { start: number; end: number }[];
  /** An inline `<!-- verbatim-ignore -->`: the next quotation starting in [at, until) is skipped. */
  next: { at: number; until: number }[];
}

/**
 * Reads the suppression comments (remark `html` nodes): `verbatim-ignore` on
 * its own line skips the next block (paragraph, blockquote, list…), inside a
 * paragraph it skips the next quotation there; `verbatim-disable` …
 * `verbatim-enable` skips everything between (to the end if never enabled).
 */
export function suppressions(tree: MdNode, length: number): Suppressions {
  const found: Suppressions = { ranges: [], next: [] };
  let disabledAt: number | undefined;
  const stack: { node: MdNode; parent?: MdNode; index: number }[] = [{ node: tree, index: 0 }];
  const html: { node: MdNode; parent?: MdNode; index: number }[] = [];
  while (stack.length) {
    const item = stack.pop()!;
    if (item.node.type === 'html') html.push(item);
    const children = item.node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parent: item.node, index: i });
  }
  for (const { node, parent, index } of html) {
    const value = (node.value ?? '').trim();
    const at = node.position?.end.offset ?? 0;
    if (DISABLE.test(value)) disabledAt ??= node.position?.start.offset ?? 0;
    else if (ENABLE.test(value) && disabledAt !== undefined) {
      found.ranges.push({ start: disabledAt, end: at });
      disabledAt = undefined;
    } else if (IGNORE.test(value) && parent) {
      if (!BLOCK_CONTAINERS.has(parent.type)) {
        found.next.push({ at, until: parent.position?.end.offset ?? length });
      } else {
        const block = parent.children?.[index + 1];
        const start = block?.position?.start.offset;
        const end = block?.position?.end.offset;
        if (start !== undefined && end !== undefined) found.ranges.push({ start, end });
      }
    }
  }
  if (disabledAt !== undefined) found.ranges.push({ start: disabledAt, end: length });
  return found;
}

function unsuppressed(quotations: Quotation[], s: Suppressions): Quotation[] {
  if (s.ranges.length === 0 && s.next.length === 0) return quotations;
  // Quotations stand in document order: each inline comment's next quotation is found by
  // binary search, and the ranges, merged and sorted, are swept once (no scan per comment).
  const starts = quotations.map((q) => q.start);
  const sorted = starts.every((x, i) => i === 0 || starts[i - 1] <= x);
  const skipped = new Set<Quotation>();
  for (const n of s.next) {
    const q = sorted ? quotations[firstAtOrAfter(starts, n.at)] : quotations.find((x) => x.start >= n.at && x.start < n.until);
    if (q && q.start < n.until) skipped.add(q);
  }
  const ranges = [...s.ranges].sort((a, b) => a.start - b.start);
  const inRange = (at: number) => {
    // The last range starting at or before `at`, and any earlier one reaching past it.
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].start <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && reach[lo - 1] > at;
  };
  // reach[i]: the furthest end of ranges[0..i].
  const reach: number[] = [];
  for (let i = 0; i < ranges.length; i++) reach.push(Math.max(ranges[i].end, i > 0 ? reach[i - 1] : -Infinity));
  return quotations.filter((q) => !skipped.has(q) && !inRange(q.start));
}

/** The first index whose value is at or after `at` in an ascending list (its length if none). */
function firstAtOrAfter(sorted: readonly number[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
