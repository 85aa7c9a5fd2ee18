// Who speaks a passage. The built-in corpus has curated speakers and a
// reviewed alias list; a book's speakers are inferred when it loads, per quoted
// speech, with a confidence and a reason (speakerModel.ts); only confident ones
// count here. Comparing names errs towards 'unsure', because a false alarm is worse than a miss.

import { attributeBook, CONFIDENT } from './speakerModel';
import type { Cast, Corpus, MatchResult, Passage, SpeechSpan } from './types';

/** Who speaks each quoted speech of one paragraph read on its own (no conversation around it). */
export function tagSpeeches(text: string): SpeechSpan[] {
  const passage: Passage = { id: 'p', text, kind: 'book-paragraph' };
  attributeBook([passage]);
  return passage.speakers ?? [];
}

/**
 * Infers the speakers of a book's dialogue: sets each paragraph's `speakers`
 * and returns the cast (every name a tag gives, and the "First Surname" pairs
 * the book uses, which keep "Charlotte" and "Miss Lucas" from being told apart).
 */
export function inferSpeakers(passages: Passage[]): Cast {
  const cast = attributeBook(passages);
  const names = new Set(Object.values(cast.people).flat());
  return { ...cast, linked: linkedPairs(passages, names) };
}

function linkedPairs(passages: readonly Passage[], names: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  for (const n of names) for (const w of coreWords(n)) words.add(w);
  const pairs = new Set<string>();
  // "Marilla Cuthbert" twice in the narration: a tagged first name and the surname it goes with.
  const seen = new Map<string, number>();
  const re = /(\p{Lu}[\p{L}\p{M}’'-]*)\s+(\p{Lu}[\p{L}\p{M}’'-]*\p{L})(?![\p{L}’'])/gu;
  for (const p of passages) {
    for (const m of p.text.matchAll(re)) {
      const a = m[1].toLowerCase();
      const b = m[2].toLowerCase();
      if (a === b || TITLES.has(b) || TITLES.has(a)) continue;
      if (words.has(a) && words.has(b)) pairs.add(`${a} ${b}`);
      else if (words.has(a)) {
        const k = `${a} ${b}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
        if (seen.get(k) === 2) pairs.add(k);
      }
    }
  }
  return [...pairs].sort();
}

/** A curated cast from the reviewed speakers file: `{ "speakers": { "Miss Emily": ["Emily"], … } }`. */
export function curatedCast(data: { speakers: Record<string, string[]> }): Cast {
  const people: Record<string, string[]> = {};
  for (const [name, aliases] of Object.entries(data.speakers)) people[name] = [name, ...aliases];
  return { curated: true, people };
}

const TITLES = new Set(
  ('mr mrs ms miss dr st m mme mlle lady sir lord colonel captain madame monsieur mademoiselle uncle aunt admiral general major ' +
    'doctor professor inspector sergeant duchess duke prince princess count countess baron marquis').split(' '),
);
const MALE = new Set('mr sir lord m monsieur uncle admiral general major duke prince count baron marquis'.split(' '));
const FEMALE = new Set('mrs ms miss lady mme mlle madame mademoiselle aunt duchess princess countess'.split(' '));
const ARTICLES = new Set('the a an one'.split(' '));

function key(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[.’']/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function coreWords(name: string): string[] {
  return key(name)
    .split(' ')
    .filter((w) => w && !TITLES.has(w) && !ARTICLES.has(w));
}

function titles(name: string): string[] {
  return key(name)
    .split(' ')
    .filter((w) => TITLES.has(w));
}

/** A description ("the fiend", "her father") rather than a name: never compared. */
function isDescription(name: string): boolean {
  // Not /iu: with the i flag \p{Ll} matches capitals too, and "the Colonel" would read as "the colonel".
  return !/^(?:\S+\s+)*\p{Lu}/u.test(name.replace(/^(?:the|a|an|one)\s+/i, '')) || /^(?:[Tt]he|[Aa]n?|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir|[Mm]y)\s+\p{Ll}/u.test(name);
}

/**
 * The canonical name of the person a phrase names, trying its endings longest
 * first ("As Ruth" → "Ruth"); `at` is where the name starts in the phrase.
 */
export function identify(cast: Cast, phrase: string): { name: string; at: number; text: string } | undefined {
  const starts = [0];
  for (let i = 1; i < phrase.length; i++) if (/\s/.test(phrase[i - 1]) && !/\s/.test(phrase[i])) starts.push(i);
  for (const at of starts) {
    const text = phrase.slice(at);
    const k = key(text);
    if (cast.curated) {
      for (const [name, aliases] of Object.entries(cast.people)) if (aliases.some((a) => key(a) === k)) return { name, at, text };
    } else if (!isDescription(text) && (!ARTICLES.has(k.split(' ')[0]) || /^(?:the|The)\s+\p{Lu}/u.test(text))) {
      // Every word must be a word of some tagged name ("As Charlotte" is not a name; "Charlotte" is).
      // Names from the tags and, through the "First Surname" pairs, from the narration ("Jane Fairfax").
      const known = new Set([...Object.values(cast.people).flat().flatMap(coreWords), ...(cast.linked ?? []).flatMap((pair) => pair.split(' '))]);
      const words = coreWords(text);
      // "the Colonel": a title the book's own tags use as a name.
      if (words.length === 0 && !characterOf(cast, text)) continue;
      // "Mrs. Hudson": an honorific and a capitalised name are a person's name, whether the book's tags give it or not.
      // So is a rank and a place: "the Duchess of Monmouth".
      const honorific = /^(?:Mr|Mrs|Ms|Miss|Lady|Sir|Lord)\.?\s+\p{Lu}\p{Ll}+$|^(?:[Tt]he\s+)?(?:Duke|Duchess|Earl|Countess|Count|Lord|Lady|Prince|Princess|Marquis|Baron|Baroness)\s+[Oo]f\s+\p{Lu}\p{Ll}+$/u.test(text.trim());
      if (!words.every((w) => known.has(w))) {
        if (honorific) return { name: text, at, text };
        continue;
      }
      for (const name of Object.keys(cast.people)) if (compareNames(cast, text, name) === 'same') return { name: text, at, text };
      if (honorific) return { name: text, at, text };
    }
  }
  // "Lady Catherine de Bourgh", "the King of Hearts": a fuller form of a titled name the book's tags give, in an
  // inferred cast (a title and a name, or an article and a title, name one person; a bare first name would not).
  if (!cast.curated) {
    const m = /^((?:[Tt]he\s+\p{Lu}[\p{L}’'-]*)|(?:\p{Lu}[\p{L}.]*\s+\p{Lu}[\p{L}’'-]*))((?:\s+(?:[Oo]f\s+|de\s+)?\p{Lu}[\p{L}’'-]*)+)$/u.exec(phrase.trim());
    const head = m && (/^the\s/i.test(m[1]) || TITLES.has(key(m[1]).split(' ')[0])) ? m[1] : undefined;
    if (head && characterOf(cast, head)) return { name: head, at: phrase.indexOf(head), text: phrase.trim() };
  }
  return undefined;
}

/** Whether the book has the characters these names can be answer each other (so they are two people). */
function met(cast: Cast, a: string, ca: string | undefined, b: string, cb: string | undefined): boolean {
  const pairs = new Set(cast.met ?? []);
  const like = (name: string, c: string | undefined) => {
    if (c) return [c];
    // "Lord Henry Wotton" is any character holding one of its words ("Lord Henry").
    const words = coreWords(name);
    const holders = Object.entries(cast.people)
      .filter(([, aliases]) => aliases.some((x) => coreWords(x).some((w) => words.includes(w))))
      .map(([k]) => k);
    return holders.length ? holders : [name];
  };
  for (const x of like(a, ca)) for (const y of like(b, cb)) if (x !== y && pairs.has([x, y].sort().join('|'))) return true;
  return false;
}

/** The character of an inferred cast that has this name among its aliases. */
function characterOf(cast: Cast, name: string): string | undefined {
  const k = key(name);
  for (const [c, aliases] of Object.entries(cast.people)) if (aliases.some((x) => key(x) === k)) return c;
  return undefined;
}

function genderOf(cast: Cast, name: string, character: string | undefined): 'm' | 'f' | undefined {
  const t = titles(name)[0];
  if (t && MALE.has(t)) return 'm';
  if (t && FEMALE.has(t)) return 'f';
  return character ? cast.gender?.[character] : undefined;
}

/** Are two names the same person? Curated: by alias; inferred: by their words, titles and the book's "First Surname" pairs. */
export function compareNames(cast: Cast, a: string, b: string): 'same' | 'different' | 'unsure' {
  if (cast.curated) {
    const ia = identify({ ...cast, curated: true }, a);
    const ib = identify({ ...cast, curated: true }, b);
    if (!ia || !ib || ia.at !== 0 || ib.at !== 0) return 'unsure';
    return ia.name === ib.name ? 'same' : 'different';
  }
  if (isDescription(a) || isDescription(b)) return 'unsure';
  const ca = characterOf(cast, a);
  const cb = characterOf(cast, b);
  if (ca && ca === cb) return 'same';
  // Two characters of the cast who answer each other are two people, whatever words they share ("Mr. John
  // Knightley" and "Mr. Knightley", "Charles Hayter" and "Charles").
  // (Unless the book writes them as one "First Surname": "Charlotte" and "Miss Lucas" may still be one.)
  const paired = (x: string, y: string) => coreWords(x).some((u) => coreWords(y).some((v) => (cast.linked ?? []).includes(`${u} ${v}`) || (cast.linked ?? []).includes(`${v} ${u}`)));
  if (ca && cb && (cast.met ?? []).includes([ca, cb].sort().join('|')) && !paired(a, b)) return 'different';
  // A man and a woman are never one person (gender from a title, or from the book's pronouns).
  const ga = genderOf(cast, a, ca);
  const gb = genderOf(cast, b, cb);
  if (ga && gb && ga !== gb) return 'different';
  const wa = coreWords(a);
  const wb = coreWords(b);
  const ta = titles(a);
  const tb = titles(b);
  // A title alone ("the Colonel") may be anyone with that title; with another title, someone else.
  if ((wa.length === 0 && ta.length > 0 && tb.length > 0 && !tb.includes(ta[0])) || (wb.length === 0 && tb.length > 0 && ta.length > 0 && !ta.includes(tb[0]))) return 'different';
  if (wa.length === 0 || wb.length === 0) return 'unsure';
  if (wa.some((w) => wb.includes(w))) {
    // Mr. Bennet and Mrs. Bennet share a name but not a person; so do Mrs. and Miss.
    const conflict =
      ta.length > 0 && tb.length > 0 && ta[0] !== tb[0] && (MALE.has(ta[0]) !== MALE.has(tb[0]) || (FEMALE.has(ta[0]) && FEMALE.has(tb[0])));
    return conflict ? 'different' : 'same';
  }
  const linked = new Set(cast.linked ?? []);
  for (const x of wa) for (const y of wb) if (linked.has(`${x} ${y}`) || linked.has(`${y} ${x}`)) return 'unsure';
  // "Miss Dashwood" may be "Elinor", "Mrs. Palmer" "Charlotte": a title and a surname against a bare first name are
  // two people only when the book has them answer each other.
  // (Only a bare first name against a title and one name: "James Vane" is no "Lord Henry", and a first name whose
  // surname the book gives, "Marilla" of "Marilla Cuthbert", is no "Mrs. Barry".)
  const [bare, titled] = ta.length > 0 ? [wb, wa] : [wa, wb];
  const surnames = [...linked].filter((pair) => pair.startsWith(`${bare[0]} `)).map((pair) => pair.split(' ')[1]);
  const known = surnames.length > 0 && !surnames.includes(titled[0]);
  if ((ta.length > 0) !== (tb.length > 0) && bare.length === 1 && titled.length === 1 && !known && (!ga || !gb || ga === gb) && !met(cast, a, ca, b, cb)) return 'unsure';
  return 'different';
}

/**
 * Who speaks the matched span: the passage's curated speaker, or for a book
 * paragraph the one tagged speaker of every speech the span touches (the span
 * must begin and end inside speech). 'unknown' or undefined means nobody can say.
 */
export function speakerOf(match: Pick<MatchResult, 'passage' | 'sourceStart' | 'sourceEnd'>): string | undefined {
  const d = speakerDetail(match);
  return d && d.confidence >= CONFIDENT ? d.name : undefined;
}

/** The speaker of the matched span with how sure the book's model is and why (undefined: nobody can say). */
export function speakerDetail(match: Pick<MatchResult, 'passage' | 'sourceStart' | 'sourceEnd'>): { name: string; confidence: number; reason?: string; by?: SpeechSpan['by'] } | undefined {
  const p = match.passage;
  if (!p) return undefined;
  if (!p.speakers) return p.speaker && p.speaker !== 'unknown' ? { name: p.speaker, confidence: 1 } : undefined;
  const { sourceStart: a, sourceEnd: b } = match;
  if (a === undefined || b === undefined) return undefined;
  const touched = p.speakers.filter((s) => s.start < b && a < s.end);
  const inside = (x: number) => p.speakers!.some((s) => s.start <= x && x <= s.end);
  if (touched.length === 0 || !inside(a) || !inside(b)) return undefined;
  const name = touched[0].name;
  if (name === 'unknown' || !touched.every((s) => s.name === name)) return undefined;
  // The least sure of the speeches touched, and its reason.
  const weakest = touched.reduce((w, s) => ((s.confidence ?? 1) < (w.confidence ?? 1) ? s : w));
  return { name, confidence: weakest.confidence ?? 1, reason: weakest.reason, by: weakest.by ?? 'tag' };
}

/**
 * Who speaks the matched words wherever they stand in the book: the matcher takes the first place of a line the
 * book repeats ("Yes, my dear," in one chapter and another), and each place may have its own speaker. The matched
 * place first, then every other speech holding the same words; `unsure` when some place's speaker is not known
 * confidently (then the essay's name may be right there); the matched place's own speaker may be unknown too. Undefined unless the words stand in more than one speech.
 * Read only when a finding or a hover needs it: one scan of the book, never at load.
 */
export function speakersOfWords(match: Pick<MatchResult, 'corpus' | 'passage' | 'sourceStart' | 'sourceEnd'>): { names: string[]; unsure: boolean } | undefined {
  const { corpus, passage, sourceStart: a, sourceEnd: b } = match;
  if (!corpus || !passage?.speakers || a === undefined || b === undefined || b <= a) return undefined;
  const words = passage.text.slice(a, b);
  const names: string[] = [];
  let places = 0;
  let unsure = false;
  const own = speakerOf(match);
  if (own) names.push(own);
  for (const p of corpus.passages) {
    if (!p.speakers) continue;
    for (let at = p.text.indexOf(words); at >= 0; at = p.text.indexOf(words, at + 1)) {
      if (p === passage && at === a) continue;
      // Inside one speech only: the same words in the narration are nobody's line.
      const m = { passage: p, sourceStart: at, sourceEnd: at + words.length };
      if (!p.speakers.some((sp) => sp.start <= at && at + words.length <= sp.end)) continue;
      places++;
      const who = speakerOf(m);
      if (!who) unsure = true;
      else if (!names.includes(who)) names.push(who);
    }
  }
  return places > 0 ? { names, unsure } : undefined;
}

/** The kinds of passage whose speaker an essay can get wrong (terms and the review's own prose are not). */
export function attributable(corpus: Corpus | undefined, passage: Passage | undefined): boolean {
  return !!corpus?.cast && !!passage && passage.kind !== 'term' && passage.kind !== 'review-prose';
}

/**
 * A name the conversation never names is ruled out when "someone else" is below RULED_OUT (known only for a turn
 * near known voices); one it names, when its own probability is below UNLIKELY. Chosen on PDNC's nine novels for
 * at most 1% of right attributions flagged in every draw of the bench's essays (0.7–0.8% in three draws of 3,600).
 */
const RULED_OUT = 0.2;
const UNLIKELY = 0.005;

/**
 * Whether the book's model rules a name out as the speaker of the matched span, though it cannot say who speaks
 * it: for every speech the span touches, the name is none of the people of its conversation (by the cast's
 * comparison, "unsure" counting as maybe) and "someone else" is unlikely, or it is one of them whose chance is
 * next to nothing. Gives the likeliest speaker of the span, if the model has one.
 */
export function ruledOut(cast: Cast, match: Pick<MatchResult, 'passage' | 'sourceStart' | 'sourceEnd'>, name: string): { likely?: { name: string; p: number } } | undefined {
  const p = match.passage;
  const { sourceStart: a, sourceEnd: b } = match;
  if (!p?.speakers || a === undefined || b === undefined) return undefined;
  const touched = p.speakers.filter((s) => s.start < b && a < s.end);
  if (touched.length === 0 || touched.some((s) => !s.among)) return undefined;
  // Only a character of the cast: the model sees who takes part in a scene by the names it knows, so anyone else
  // ("the Duchess of Monmouth", whom no tag names) may be in every scene unseen.
  if (!characterOf(cast, name) && !Object.keys(cast.people).some((c) => compareNames(cast, name, c) === 'same')) return undefined;
  let likely: { name: string; p: number } | undefined;
  for (const s of touched) {
    const maybe = s.among!.filter((c) => compareNames(cast, name, c.name) !== 'different');
    // Someone the conversation names has a chance of their own; anyone else shares what is left.
    if (maybe.length > 0 ? maybe.reduce((sum, c) => sum + c.p, 0) >= UNLIKELY : s.elsewhere === undefined || s.elsewhere >= RULED_OUT) return undefined;
    if (!likely || (s.among![0] && s.among![0].p < likely.p)) likely = s.among![0];
  }
  return { likely };
}
