// Tokenising and normalising quoted text and source text the same way, so that
// style (quotation marks, apostrophes, dashes, ellipses, whitespace, markup,
// capitals) never counts as a difference while words and punctuation do.

export type TokenKind = 'word' | 'punct' | 'omission' | 'alteration';

export interface Token {
  kind: TokenKind;
  /** Normalised form: lower-case word, canonical punctuation, '…' for omissions. */
  norm: string;
  /** For words with bracketed letters ("[T]he", "wom[a]n"): the form without the bracketed letters. */
  alt?: string;
  /** Offsets into the tokenised string. */
  start: number;
  end: number;
}

// Invisible characters a copy from the web or a PDF leaves inside words: soft
// hyphen, zero-width space, non-joiner and joiner, word joiner, a BOM within the
// text. A word runs on across them (`I*` before each part: I and the letter
// classes are disjoint, so no backtracking), and its norm drops them.
const I = String.raw`[\u00AD\u200B-\u200D\u2060\uFEFF]`;
const L = String.raw`[\p{L}\p{N}]`;
const LM = String.raw`[\p{L}\p{N}\p{M}]`;

// One alternation, tried in order at each position. Named groups say what matched.
const TOKEN = new RegExp(
  [
    // Omissions: … ... . . . [...] […] [. . .]
    String.raw`(?<omission>\[\s*(?:…|\.(?:\s?\.){2,})\s*\]|…|\.(?:\s?\.){2,})`,
    // Words, with inner apostrophes and bracketed letters ([T]he, wom[a]n, she[’s]).
    String.raw`(?<word>(?:\[${L}{1,3}\]${I}*(?=${L}))?${L}(?:${I}*${LM})*(?:${I}*(?:['’]|\[[\p{L}\p{N}'’]{1,4}\])${I}*${L}(?:${I}*${LM})*)*(?:\[['’]?${L}{1,3}\])?)`,
    // A bracketed alteration standing for source words: [she], [Kathy], [sic].
    String.raw`(?<alteration>\[[^\]\n]{1,80}\])`,
    // Dashes: em, en, figure, horizontal bar, double hyphen, or a hyphen standing between spaces.
    String.raw`(?<dash>[—–―‒]+|-{2,}|(?<=\s)-(?=\s))`,
    String.raw`(?<punct>[,;:.!?()])`,
  ].join('|'),
  'gyu',
);

const APOSTROPHES = /[’‘`´]/g;
const ASCII = /^[\x00-\x5f\x61-\x7f]*$/;

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;
// Scripts whose spelling uses the non-joiner and joiner (Persian, Urdu, Indic
// half forms): there a ZWNJ/ZWJ between two of their letters stays in the word.
const JOINING_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u;

/** The word without its invisible characters (ZWNJ/ZWJ kept inside the scripts that need them). */
function visible(raw: string): string {
  return raw.replace(INVISIBLE, (c, at: number) => {
    if (c !== '\u200C' && c !== '\u200D') return '';
    const before = raw.codePointAt(at - 1 >= 0 && /[\uDC00-\uDFFF]/.test(raw[at - 1]) ? at - 2 : at - 1);
    const after = raw.codePointAt(at + 1);
    const inScript = (cp: number | undefined) => cp !== undefined && JOINING_SCRIPT.test(String.fromCodePoint(cp));
    return inScript(before) && inScript(after) ? c : '';
  });
}

function normWord(raw: string): { norm: string; alt?: string } {
  // Most words are plain ASCII: no apostrophe to fold and nothing for NFC to compose.
  const plain = (ASCII.test(raw) ? raw : visible(raw).replace(APOSTROPHES, "'").normalize('NFC')).toLowerCase();
  if (!plain.includes('[')) return { norm: plain };
  return { norm: plain.replace(/[[\]]/g, ''), alt: plain.replace(/\[[^\]]*\]/g, '') };
}

/**
 * Splits text into word, punctuation, omission and alteration tokens. Everything
 * else is style. With `from` (where a token starts) and `count`, only the next
 * `count` tokens: the same tokens a whole scan finds there, offsets in `text`.
 */
export function tokenize(text: string, from = 0, count = Infinity): Token[] {
  return scan(text, from, count, true);
}

/** Tokenises with TOKEN alone, without the fast paths: what tests compare tokenize() with. */
export function tokenizeByRegex(text: string): Token[] {
  return scan(text, 0, Infinity, false);
}

// Plain ASCII letters and digits, and marks that can only be punctuation, are
// read without the regex (most of a book); anything that might be more (an
// apostrophe, a bracket, a dot that may start an ellipsis, another script) is
// left to TOKEN, which then finds exactly what it would have found anyway.
const isAsciiAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
// Common characters past ASCII that cannot carry a word on: quotation marks (not ’, an apostrophe), dashes, an ellipsis.
const ENDS_WORD = new Set([0x201c, 0x201d, 0x2018, 0x2014, 0x2013, 0x2026, 0xa0]);
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
// , ; : ! ? ( ) — not "." (see below).
const isLonePunct = (c: number) => c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41;

function scan(text: string, from: number, count: number, fast: boolean): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < text.length && tokens.length < count) {
    const code = text.charCodeAt(i);
    // Fast skip of characters that can never start a token.
    if (code === 32 || code === 10 || code === 13 || code === 9 || code === 42 || code === 95 || code === 34) {
      i++;
      continue;
    }
    if (fast) {
      if (isAsciiAlnum(code)) {
        let j = i + 1;
        while (j < text.length && isAsciiAlnum(text.charCodeAt(j))) j++;
        // The word ends here unless what follows could carry it on: an apostrophe, a
        // bracket, or a letter, digit or combining mark of another script.
        const next = j < text.length ? text.charCodeAt(j) : 32;
        if (next < 128 ? next !== 39 && next !== 91 : ENDS_WORD.has(next)) {
          tokens.push({ kind: 'word', norm: text.slice(i, j).toLowerCase(), start: i, end: j });
          i = j;
          continue;
        }
      } else if (isLonePunct(code)) {
        tokens.push({ kind: 'punct', norm: text[i], start: i, end: i + 1 });
        i++;
        continue;
      } else if (code === 46) {
        // A dot is a full stop unless two more may follow ("...", ". . .").
        const n1 = text.charCodeAt(i + 1);
        if (n1 < 128 && n1 !== 46 && !(isAsciiSpace(n1) && text.charCodeAt(i + 2) === 46)) {
          tokens.push({ kind: 'punct', norm: '.', start: i, end: i + 1 });
          i++;
          continue;
        }
      }
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m) {
      i++;
      continue;
    }
    const g = m.groups!;
    const start = i;
    const end = i + m[0].length;
    if (g.omission !== undefined) tokens.push({ kind: 'omission', norm: '…', start, end });
    else if (g.word !== undefined) {
      // Words never contain hyphens, so "thirty-one" is two words, like "thirty one".
      tokens.push({ kind: 'word', ...normWord(g.word), start, end });
    } else if (g.alteration !== undefined) {
      const inner = g.alteration.slice(1, -1).trim().toLowerCase();
      tokens.push({ kind: 'alteration', norm: inner, start, end });
    } else if (g.dash !== undefined) tokens.push({ kind: 'punct', norm: '—', start, end });
    else tokens.push({ kind: 'punct', norm: g.punct!, start, end });
    i = end;
  }
  return tokens;
}

/** The quotation's tokens without the punctuation and omissions at its very ends. */
export function trimEnds(tokens: Token[]): Token[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && (tokens[a].kind === 'punct' || tokens[a].kind === 'omission')) a++;
  while (b > a && (tokens[b - 1].kind === 'punct' || tokens[b - 1].kind === 'omission')) b--;
  return a === 0 && b === tokens.length ? tokens : tokens.slice(a, b);
}

export function wordCount(tokens: readonly Token[]): number {
  let n = 0;
  for (const t of tokens) if (t.kind === 'word') n++;
  return n;
}

/** A canonical key for merging repeated passages: their words and inner punctuation. */
export function canonicalKey(text: string): string {
  return trimEnds(tokenize(text))
    .map((t) => t.norm)
    .join(' ');
}

/** Collapses whitespace runs (line breaks included) to single spaces. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A short id from the first words: "my-name-is-kathy-h-i'm" → "my-name-is-kathy-h-im". */
export function slug(text: string, words = 6): string {
  return (
    tokenize(text)
      .filter((t) => t.kind === 'word')
      .slice(0, words)
      .map((t) => t.norm.replace(/[^\p{L}\p{N}]/gu, ''))
      .filter(Boolean)
      .join('-') || 'passage'
  );
}
