// Who an essay says speaks a quotation, read from the quotation's own
// sentence: a name with a speech verb before it ("As Ruth tells Kathy, “…”",
// "James Wood writes that “…”", "Kathy remembers Ruth saying “…”") or after it
// ("“…,” Miss Emily explains.", "“…,” says Mrs. Bennet."), or a name alone
// introducing it ("Ruth: “…”"). A possessive ("Ruth’s line “…”") or a name
// that merely appears in the sentence is no attribution. When in doubt: none.

export interface Attribution {
  /** The phrase naming the speaker, as written ("Miss Emily", "the Times"). */
  name: string;
  /** [start, end) of the phrase in the paragraph text. */
  start: number;
  end: number;
}

const IRREGULAR: Record<string, string[]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  write: ['writes', 'wrote', 'writing'],
  begin: ['begins', 'began', 'beginning'],
  put: ['puts', 'putting'],
  snap: ['snaps', 'snapped', 'snapping'],
  beg: ['begs', 'begged', 'begging'],
  blurt: ['blurts', 'blurted', 'blurting'],
};

const REGULAR =
  'explain insist confess warn admit recall call praise note add reply ask cry reflect observe remark declare announce ' +
  'exclaim answer respond retort protest plead urge whisper murmur shout scream sigh concede claim argue suggest state ' +
  'assert remind promise joke tease muse lament complain demand continue repeat interrupt mutter agree acknowledge ' +
  'describe soothe splutter accuse lecture sneer counter caution advise instruct assure inform confide announce proclaim ' +
  'boast chide scold taunt wonder gasp sob stammer stutter pronounce quip reason recount narrate report relate';

function forms(base: string): string[] {
  const s = /(?:s|sh|ch|x|z|o)$/.test(base) ? base + 'es' : /[^aeiou]y$/.test(base) ? base.slice(0, -1) + 'ies' : base + 's';
  const ed = base.endsWith('e') ? base + 'd' : /[^aeiou]y$/.test(base) ? base.slice(0, -1) + 'ied' : base + 'ed';
  const ing = base.endsWith('e') && !base.endsWith('ee') ? base.slice(0, -1) + 'ing' : base + 'ing';
  // admit → admitted: the doubled consonant.
  const doubled = base === 'admit' ? ['admitted', 'admitting'] : [];
  return [base, s, ed, ing, ...doubled];
}

export const SPEECH_VERBS: ReadonlySet<string> = new Set([
  ...Object.entries(IRREGULAR).flatMap(([b, f]) => [b, ...f]),
  ...REGULAR.split(' ').flatMap(forms),
]);

const PRONOUN_OBJECTS = new Set('him her them us me it this everyone everybody you'.split(' '));
const ADVERBS = new Set('finally then later also once still even again now simply soon famously first next'.split(' '));
/** Capitalised words that open a clause and name no one. */
const STARTERS = new Set(
  ('As When While Whereas But And Then Later So Yet Here Now Finally Even Still Only In On At After Before Thus Indeed ' +
    'Perhaps Again Soon Eventually Afterwards Instead Meanwhile Also For Of Though Although If Because Since Once Where ' +
    'Until Later Ultimately Earlier Elsewhere Tellingly Here Similarly Likewise Moreover Later').split(' '),
);
const PRONOUN_SUBJECTS = new Set('i he she it we you they who which'.split(' '));
const TITLE_WORD = /^(?:Mr|Mrs|Ms|Dr|St|M|Mme|Mlle)\.$/;

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * How far from a quotation its sentence is read, each way. An attribution stands next
 * to the quotation; the window only keeps a sentence that never ends (single marks, no
 * full stop: one sentence for a whole paragraph) from being read again per quotation.
 */
const WINDOW = 400;

/** Thrown when the reading would need a word beyond the window: then no attribution. */
const BEYOND = new Error('beyond the window');

/**
 * The words of a stretch of the sentence. `at` is an index into them, as into an array,
 * except that reading past an end the window cut (`cutBefore`: index < 0, `cutAfter`:
 * index ≥ length) throws BEYOND, since the whole sentence would have had a word there.
 */
class Words {
  constructor(
    private readonly list: Word[],
    private readonly cutBefore: boolean,
    private readonly cutAfter: boolean,
  ) {}

  get length(): number {
    return this.list.length;
  }

  at(k: number): Word {
    if (k < 0 ? this.cutBefore : k >= this.list.length && this.cutAfter) throw BEYOND;
    return this.list[k];
  }
}

function words(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{M}][\p{L}\p{M}\p{N}’'-]*\.?|[,:;—–]/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    let t = m[0];
    // Keep a period only on titles and initials ("Mr.", "H."); elsewhere it ends a sentence.
    if (t.endsWith('.') && !TITLE_WORD.test(t) && !/^\p{Lu}\.$/u.test(t)) t = t.slice(0, -1);
    if (m.index + t.length > to) break;
    out.push({ text: t, start: m.index, end: m.index + t.length });
  }
  return out;
}

const isCap = (w: Word | undefined) => !!w && /^\p{Lu}/u.test(w.text) && !/[’']s$/.test(w.text);
const isNamePart = (w: Word | undefined) => isCap(w) || (!!w && /^(?:de|of|van|von)$/.test(w.text));
const isArticle = (w: Word | undefined) => !!w && /^(?:the|The|a|A|an|An|one|One)$/.test(w.text);

/** The name phrase ending at words[i] (inclusive), or undefined. Returns its first index. */
function nameEndingAt(ws: Words, i: number): number | undefined {
  const last = ws.at(i);
  if (!last) return undefined;
  if (/[’']s$/.test(last.text)) return undefined; // a possessive names an owner, not a speaker
  if (isCap(last)) {
    let j = i;
    while (isNamePart(ws.at(j - 1))) j--;
    while (j < i && !isCap(ws.at(j))) j++;
    // "the Times", "the New York Times"
    if (/^(?:the|The)$/.test(ws.at(j - 1)?.text ?? '')) j--;
    while (j < i && STARTERS.has(ws.at(j).text)) j++;
    if (STARTERS.has(ws.at(j).text) || PRONOUN_SUBJECTS.has(ws.at(j).text.toLowerCase())) return undefined;
    // "Tommy and Ruth say": a shared line is no one speaker's.
    if (/^(?:and|&|or|nor|with)$/.test(ws.at(j - 1)?.text ?? '')) return undefined;
    return j;
  }
  // A description: "the creature", "one donor".
  if (/^\p{Ll}/u.test(last.text) && isArticle(ws.at(i - 1))) return i - 1;
  return undefined;
}

/** The object after a speech verb: a pronoun, a name, or "the novel"; returns the index before it. */
function skipObject(ws: Words, i: number): number {
  const w = ws.at(i);
  if (!w) return i;
  let j: number;
  if (PRONOUN_OBJECTS.has(w.text)) j = i - 1;
  else {
    // "tells Kathy", "says to Kathy and Tommy"
    j = i;
    while (j >= 0 && isCap(ws.at(j))) j--;
    if (j === i) return i;
    while (j >= 1 && ws.at(j)?.text === 'and' && isCap(ws.at(j - 1))) for (j--; j >= 0 && isCap(ws.at(j)); j--);
  }
  // An indirect object: "explains to them".
  return ws.at(j)?.text === 'to' ? j - 1 : j;
}

function phrase(text: string, ws: Words, from: number, to: number): Attribution {
  return { name: text.slice(ws.at(from).start, ws.at(to).end), start: ws.at(from).start, end: ws.at(to).end };
}

/** Whether every word before index n is a clause starter ("As", "Then"…). */
function onlyStartersBefore(ws: Words, n: number): boolean {
  for (let k = n - 1; k >= 0; k--) if (!STARTERS.has(ws.at(k).text)) return false;
  ws.at(-1);
  return true;
}

/**
 * Where the sentence around [start, end) begins and ends, never crossing another
 * quotation, nor going further than WINDOW from the quotation: then it says so (cut).
 */
function clauseBounds(text: string, start: number, end: number): { a: number; b: number; cutBefore: boolean; cutAfter: boolean } {
  const floor = Math.max(0, start - WINDOW);
  let a = start;
  let found = a === 0;
  for (; a > floor; a--) {
    const c = text[a - 1];
    if ('”“"'.includes(c) || c === ';') found = true;
    else if (/[.!?]/.test(c) && /\s/.test(text[a] ?? ' ')) {
      const word = /(\S+)$/.exec(text.slice(Math.max(0, a - 6), a))?.[1] ?? '';
      found = !TITLE_WORD.test(word) && !/^\p{Lu}\.$/u.test(word);
    }
    if (found) break;
  }
  const cutBefore = !found && a > 0;
  // Cut: start at a word's beginning, as the whole sentence's words would.
  if (cutBefore) while (a < start && !/\s/.test(text[a - 1])) a++;
  const ceiling = Math.min(text.length, end + WINDOW);
  let b = end;
  for (; b < ceiling; b++) {
    if (/[!?;“”"]/.test(text[b])) break;
    if (text[b] === '.' && !TITLE_WORD.test((/(\S+)$/.exec(text.slice(Math.max(end, b - 5), b))?.[1] ?? '') + '.')) {
      if (!/^\p{Lu}$/u.test(text.slice(b - 1, b)) || /\p{L}/u.test(text[b - 2] ?? '')) break;
    }
  }
  return { a, b, cutBefore, cutAfter: b === ceiling && b < text.length };
}

function before(text: string, ws: Words): Attribution | undefined {
  let i = ws.length - 1;
  if (!ws.at(i)) return undefined;
  const colon = ws.at(i).text === ':';
  if (ws.at(i).text === ',' || colon) i--;
  // "Ruth: “…”" — the name is the whole introduction.
  if (colon) {
    const n = nameEndingAt(ws, i);
    if (n !== undefined && i >= 0 && onlyStartersBefore(ws, n)) return phrase(text, ws, n, i);
  }
  // "According to Ruth, “…”"
  const named = nameEndingAt(ws, i);
  if (named !== undefined && ws.at(named - 1)?.text === 'to' && /^according$/i.test(ws.at(named - 2)?.text ?? '')) return phrase(text, ws, named, i);
  if (ws.at(i)?.text === 'that') i--;
  if (/^(?:out|up|back|as)$/.test(ws.at(i)?.text ?? '')) i--;
  const verbAt = SPEECH_VERBS.has(ws.at(i)?.text ?? '') ? i : skipObject(ws, i);
  if (!ws.at(verbAt) || !SPEECH_VERBS.has(ws.at(verbAt).text)) return undefined;
  let s = verbAt - 1;
  while (ws.at(s) && (ADVERBS.has(ws.at(s).text) || /^\p{Ll}+ly$/u.test(ws.at(s).text))) s--;
  const n = nameEndingAt(ws, s);
  return n === undefined ? undefined : phrase(text, ws, n, s);
}

function after(text: string, ws: Words): Attribution | undefined {
  let i = 0;
  if (ws.at(i)?.text === ',') i++;
  const w = ws.at(i);
  if (!w) return undefined;
  // "…,” says Mrs. Bennet" / "…,” cries Kitty as …"
  if (SPEECH_VERBS.has(w.text)) {
    let j = i + 1;
    if (isArticle(ws.at(j)) && /^\p{Ll}/u.test(ws.at(j + 1)?.text ?? '')) return phrase(text, ws, j, j + 1);
    if (!isCap(ws.at(j)) && !(ws.at(j)?.text === 'the' && isCap(ws.at(j + 1)))) return undefined;
    if (ws.at(j).text === 'the') j++;
    let k = j;
    while (isNamePart(ws.at(k + 1)) && !(ws.at(k + 1).text === 'of')) k++;
    if (/[’']s$/.test(ws.at(k).text)) return undefined;
    return phrase(text, ws, ws.at(j - 1)?.text === 'the' ? j - 1 : j, k);
  }
  // "…,” Miss Emily explains." / "…,” the creature says."
  let k = i;
  if (isArticle(ws.at(k)) && /^\p{Ll}/u.test(ws.at(k + 1)?.text ?? '')) k++;
  else {
    if (ws.at(k)?.text === 'the' || ws.at(k)?.text === 'The') k++;
    if (!isCap(ws.at(k))) return undefined;
    while (isNamePart(ws.at(k + 1))) k++;
  }
  let v = k + 1;
  while (ws.at(v) && (ADVERBS.has(ws.at(v).text) || /^\p{Ll}+ly$/u.test(ws.at(v).text))) v++;
  if (!SPEECH_VERBS.has(ws.at(v)?.text ?? '')) return undefined;
  const n = nameEndingAt(ws, k);
  return n === undefined || n < i ? undefined : phrase(text, ws, n, k);
}

/** Whether the quotation at [start, end) ends its own sentence ("….”, not "…”" or "….…”"). */
function endsSentence(text: string, start: number, end: number): boolean {
  // The quotation less its closing marks and spaces, read back by hand (a regex
  // anchored at the end would retry from every space of a long run).
  let e = end;
  while (e > start && ('”"’'.includes(text[e - 1]) || /\s/.test(text[e - 1]))) e--;
  return e > start && text[e - 1] === '.' && text.slice(Math.max(start, e - 3), e) !== '...';
}

/**
 * The attribution of the quotation at [start, end) (its marks included) in a
 * paragraph's visible text, or undefined when the sentence names no speaker
 * clearly, or names two.
 */
export function findAttribution(text: string, start: number, end: number): Attribution | undefined {
  const { a, b, cutBefore, cutAfter } = clauseBounds(text, start, end);
  let pre: Attribution | undefined;
  let post: Attribution | undefined;
  try {
    pre = before(text, new Words(words(text, a, start), cutBefore, false));
    // A quotation that ends its own sentence ("….”) takes no tag after it.
    post = endsSentence(text, start, end) ? undefined : after(text, new Words(words(text, end, b), false, cutAfter));
  } catch (e) {
    // Reading an attribution that long is no reading of a clear one.
    if (e === BEYOND) return undefined;
    throw e;
  }
  if (pre && post) return pre.name.toLowerCase() === post.name.toLowerCase() ? pre : undefined;
  return pre ?? post;
}
