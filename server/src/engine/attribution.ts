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
function nameEndingAt(ws: Word[], i: number): number | undefined {
  if (i < 0) return undefined;
  const last = ws[i];
  if (/[’']s$/.test(last.text)) return undefined; // a possessive names an owner, not a speaker
  if (isCap(last)) {
    let j = i;
    while (j > 0 && isNamePart(ws[j - 1])) j--;
    while (j < i && !isCap(ws[j])) j++;
    // "the Times", "the New York Times"
    if (j > 0 && /^(?:the|The)$/.test(ws[j - 1].text)) j--;
    while (j < i && STARTERS.has(ws[j].text)) j++;
    if (STARTERS.has(ws[j].text) || PRONOUN_SUBJECTS.has(ws[j].text.toLowerCase())) return undefined;
    // "Tommy and Ruth say": a shared line is no one speaker's.
    if (/^(?:and|&|or|nor|with)$/.test(ws[j - 1]?.text ?? '')) return undefined;
    return j;
  }
  // A description: "the creature", "one donor".
  if (/^\p{Ll}/u.test(last.text) && isArticle(ws[i - 1])) return i - 1;
  return undefined;
}

/** The object after a speech verb: a pronoun, a name, or "the novel"; returns the index before it. */
function skipObject(ws: Word[], i: number): number {
  if (i < 0) return i;
  let j: number;
  if (PRONOUN_OBJECTS.has(ws[i].text)) j = i - 1;
  else {
    // "tells Kathy", "says to Kathy and Tommy"
    j = i;
    while (j >= 0 && isCap(ws[j])) j--;
    if (j === i) return i;
    while (j >= 1 && ws[j].text === 'and' && isCap(ws[j - 1])) for (j--; j >= 0 && isCap(ws[j]); j--);
  }
  // An indirect object: "explains to them".
  return ws[j]?.text === 'to' ? j - 1 : j;
}

function phrase(text: string, ws: Word[], from: number, to: number): Attribution {
  return { name: text.slice(ws[from].start, ws[to].end), start: ws[from].start, end: ws[to].end };
}

/** Where the sentence around [start, end) begins and ends, never crossing another quotation. */
function clauseBounds(text: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0) {
    const c = text[a - 1];
    if ('”“"'.includes(c) || c === ';') break;
    if (/[.!?]/.test(c) && /\s/.test(text[a] ?? ' ')) {
      const word = /(\S+)$/.exec(text.slice(Math.max(0, a - 6), a))?.[1] ?? '';
      if (!TITLE_WORD.test(word) && !/^\p{Lu}\.$/u.test(word)) break;
    }
    a--;
  }
  let b = end;
  for (; b < text.length; b++) {
    if (/[!?;“”"]/.test(text[b])) break;
    if (text[b] === '.' && !TITLE_WORD.test((/(\S+)$/.exec(text.slice(Math.max(end, b - 5), b))?.[1] ?? '') + '.')) {
      if (!/^\p{Lu}$/u.test(text.slice(b - 1, b)) || /\p{L}/u.test(text[b - 2] ?? '')) break;
    }
  }
  return [a, b];
}

function before(text: string, from: number, to: number): Attribution | undefined {
  const ws = words(text, from, to);
  let i = ws.length - 1;
  if (i < 0) return undefined;
  const colon = ws[i].text === ':';
  if (ws[i].text === ',' || colon) i--;
  // "Ruth: “…”" — the name is the whole introduction.
  if (colon) {
    const n = nameEndingAt(ws, i);
    if (n !== undefined && i >= 0 && ws.slice(0, n).every((w) => STARTERS.has(w.text))) return phrase(text, ws, n, i);
  }
  // "According to Ruth, “…”"
  const named = nameEndingAt(ws, i);
  if (named !== undefined && ws[named - 1]?.text === 'to' && /^according$/i.test(ws[named - 2]?.text ?? '')) return phrase(text, ws, named, i);
  if (ws[i]?.text === 'that') i--;
  if (/^(?:out|up|back|as)$/.test(ws[i]?.text ?? '')) i--;
  const verbAt = SPEECH_VERBS.has(ws[i]?.text ?? '') ? i : skipObject(ws, i);
  if (verbAt < 0 || !SPEECH_VERBS.has(ws[verbAt].text)) return undefined;
  let s = verbAt - 1;
  while (s >= 0 && (ADVERBS.has(ws[s].text) || /^\p{Ll}+ly$/u.test(ws[s].text))) s--;
  const n = nameEndingAt(ws, s);
  return n === undefined ? undefined : phrase(text, ws, n, s);
}

function after(text: string, from: number, to: number): Attribution | undefined {
  const ws = words(text, from, to);
  let i = 0;
  if (ws[i]?.text === ',') i++;
  const w = ws[i];
  if (!w) return undefined;
  // "…,” says Mrs. Bennet" / "…,” cries Kitty as …"
  if (SPEECH_VERBS.has(w.text)) {
    let j = i + 1;
    if (isArticle(ws[j]) && /^\p{Ll}/u.test(ws[j + 1]?.text ?? '')) return phrase(text, ws, j, j + 1);
    if (!isCap(ws[j]) && !(ws[j]?.text === 'the' && isCap(ws[j + 1]))) return undefined;
    if (ws[j].text === 'the') j++;
    let k = j;
    while (isNamePart(ws[k + 1]) && !(ws[k + 1].text === 'of')) k++;
    if (/[’']s$/.test(ws[k].text)) return undefined;
    return phrase(text, ws, ws[j - 1]?.text === 'the' ? j - 1 : j, k);
  }
  // "…,” Miss Emily explains." / "…,” the creature says."
  let k = i;
  if (isArticle(ws[k]) && /^\p{Ll}/u.test(ws[k + 1]?.text ?? '')) k++;
  else {
    if (ws[k]?.text === 'the' || ws[k]?.text === 'The') k++;
    if (!isCap(ws[k])) return undefined;
    while (isNamePart(ws[k + 1])) k++;
  }
  let v = k + 1;
  while (v < ws.length && (ADVERBS.has(ws[v].text) || /^\p{Ll}+ly$/u.test(ws[v].text))) v++;
  if (!SPEECH_VERBS.has(ws[v]?.text ?? '')) return undefined;
  const n = nameEndingAt(ws, k);
  return n === undefined || n < i ? undefined : phrase(text, ws, n, k);
}

/**
 * The attribution of the quotation at [start, end) (its marks included) in a
 * paragraph's visible text, or undefined when the sentence names no speaker
 * clearly, or names two.
 */
export function findAttribution(text: string, start: number, end: number): Attribution | undefined {
  const [a, b] = clauseBounds(text, start, end);
  const pre = before(text, a, start);
  // A quotation that ends its own sentence ("….”) takes no tag after it.
  const inner = text.slice(start, end).replace(/[”"’\s]+$/, '');
  const post = /\.$/.test(inner) && !/\.\.\.$|…$/.test(inner) ? undefined : after(text, end, b);
  if (pre && post) return pre.name.toLowerCase() === post.name.toLowerCase() ? pre : undefined;
  return pre ?? post;
}
