// What "Insert Quotation…" types at the cursor. Pure, so it is unit-tested without VS Code.
//
// - Outside any quotation: “wording” and the citation, the sentence's period after it (MLA, APA,
//   Chicago: “… rumor” (Ishiguro).).
// - Right after an opening mark (typed, or auto-closed with ” after the cursor): the wording, the
//   closing mark (an auto-closed one is stepped over, never doubled) and the citation.
// - Inside a quotation already begun: a quotation within a quotation, in single marks ‘…’, with no
//   citation of its own (the enclosing quotation's citation covers it).
// The wording's own quotation marks take the level below the marks around it: “… ‘…’ …”, ‘… “…” …’.

const CLOSING: Record<string, string> = { '“': '”', '‘': '’', '"': '"' };

export interface Insertion {
  /** What to type at the cursor; the cursor goes after it. */
  text: string;
  /** How many characters just after the cursor it replaces (an auto-closed closing mark). */
  replaces: number;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The quotation marks open at the end of `text`, outermost first (an apostrophe opens and closes nothing). */
export function openMarks(text: string): { mark: string; at: number }[] {
  const stack: { mark: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1]?.mark;
    if (c === '“') stack.push({ mark: c, at: i });
    else if (c === '”') {
      if (top === '“') stack.pop();
    } else if (c === '‘') {
      if (!isWordChar(text[i - 1])) stack.push({ mark: c, at: i });
    } else if (c === '’') {
      // ’ before a letter is an apostrophe (Kathy’s, don’t); otherwise it closes an open ‘.
      if (top === '‘' && !isWordChar(text[i + 1])) stack.pop();
    } else if (c === '"') {
      if (top === '"') stack.pop();
      else stack.push({ mark: c, at: i });
    }
  }
  return stack;
}

/** Marks for nesting level n: odd levels double, even levels single. */
const marksAt = (level: number) => (level % 2 === 1 ? ['“', '”'] : ['‘', '’']);

/** The wording with its own quotation marks at the levels below `level` (the level of the marks around it). */
export function nestMarks(wording: string, level: number): string {
  let out = '';
  const stack: string[] = [];
  for (let i = 0; i < wording.length; i++) {
    const c = wording[i];
    const top = stack[stack.length - 1];
    const opening = c === '“' || (c === '‘' && !isWordChar(wording[i - 1])) || (c === '"' && top !== '"');
    const closing = (c === '”' && top === '“') || (c === '’' && top === '‘' && !isWordChar(wording[i + 1])) || (c === '"' && top === '"');
    if (opening) {
      stack.push(c);
      out += marksAt(level + stack.length)[0];
    } else if (closing) {
      out += marksAt(level + stack.length)[1];
      stack.pop();
    } else out += c;
  }
  return out;
}

/** A citation right after the closing mark: `(Ishiguro 4)`, `[@key]`. */
const CITED = /^\s*(?:\([^()]*\)|\[[^\]]*@[^\]]*\])/;

/**
 * `before`/`after`: the text of the cursor's line before and after it; `citation`: the in-text
 * citation in the essay's style (the server's, from engine/citations.ts).
 */
export function quotationInsertion(before: string, after: string, wording: string, citation: string): Insertion {
  const open = openMarks(before);
  const innermost = open[open.length - 1];
  // Nested inside text already quoted: a quotation within it, single marks, no citation.
  if (innermost && before.slice(innermost.at + 1).trim() !== '') {
    const level = open.length + 1;
    const [l, r] = marksAt(level);
    return { text: `${l}${nestMarks(wording.trim(), level)}${r}`, replaces: 0 };
  }
  let words = wording.trim();
  let replaces = 0;
  // Right after an opening mark the wording completes that quotation; else it gets marks of its own.
  const level = innermost ? open.length : 1;
  const close = innermost ? CLOSING[innermost.mark] : '”';
  if (innermost && after.startsWith(close)) replaces = close.length; // an auto-closed mark, stepped over
  const rest = after.slice(replaces);
  const quote = (w: string) => `${innermost ? '' : '“'}${nestMarks(w, level)}${close}`;
  // An opening mark inside another quotation, or a citation already after the mark: no citation.
  if (open.length > 1 || CITED.test(rest)) return { text: quote(words), replaces };
  // The sentence's period goes after the citation, or away when the sentence goes on.
  const period = /[^.]\.$/.test(words);
  if (period) words = words.slice(0, -1);
  return { text: `${quote(words)} ${citation}${period && rest.trim() === '' ? '.' : ''}`, replaces };
}
