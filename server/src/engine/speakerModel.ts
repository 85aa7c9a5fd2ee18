// Who speaks each line of a novel, read once when the book loads. A few sieves in
// order of precision, in the spirit of QuoteLi3 (Muzny et al. 2017): explicit tags
// in every common shape (verbs beyond a fixed list are learned from the book itself),
// the rest of a paragraph that a tag names, a speech running on into the next
// paragraph, anaphoric tags ("said she", "replied his wife") resolved within the
// conversation by gender or, for a parent or spouse, by the family name, vocatives ("My dear Mr. Bennet,") naming the next speaker,
// and turn-taking in an exchange between two known speakers. Every speech gets a
// confidence and a reason; only confident speakers are used to flag an essay.
// Pure and linear in the book: one pass per sieve over its paragraphs.

import { decodeConversation, type ChainTurn, type Gender } from './speakerChain';
import type { Cast, Passage, SpeechSpan } from './types';

/** At or above this confidence a speaker may be used to report a misattribution. */
export const CONFIDENT = 0.8;

/** Forms of speaking that introduce a speech from the narration. */
const SAYING = new Set('say saying add adding reply replying answer answering ask asking cry crying exclaim exclaiming observe observing begin beginning continue continuing speak spoke speaking words thus whispering murmuring remarking repeating interrupting'.split(' '));

/** Verbs that tag dialogue whatever the book; more are learned from the book's own tags. */
const TAG_VERBS = new Set(
  ('said says replied replies cried cries answered answers returned continued added observed exclaimed asked asks ' +
    'rejoined resumed repeated interrupted whispered began shouted called muttered murmured remarked inquired enquired ' +
    'pursued persisted urged pleaded protested declared demanded retorted sighed laughed explained agreed assented ' +
    'sneered responded suggested admitted insisted confessed acknowledged went thought screamed shrieked groaned ' +
    'sobbed stammered faltered ventured concluded interposed objected cautioned warned gasped snapped growled ' +
    'panted yelled roared grumbled whimpered echoed corrected conceded owned mused queried questioned told related ' +
    'demurred scoffed chuckled giggled smiled nodded spoke announced ejaculated promised confided instructed wheezed snarled ' +
    'entreated complained warbled hissed whined interjected quoted reiterated wailed drawled lisped cackled pronounced').split(' '),
);
/** Verbs of speaking with a particle ("broke in"): tags as a whole, never one word alone ("broke" is not speaking). */
const PHRASAL_VERBS = ['broke', 'put', 'struck', 'cut', 'chimed', 'burst', 'called', 'cried', 'spoke', 'went', 'blurted', 'piped', 'sang']
  .flatMap((v) => ['in', 'out', 'forth', 'up', 'on'].map((p) => String.raw`${v}\s+${p}`));
// Lower-case words that may follow a closing quotation mark but never tag it.
const NOT_VERBS = new Set(
  ('and but or nor for so yet the a an of to in on at by with from as than then that this these those there here ' +
    'he she it they we you i his her its their our my your him them me us who which what when where while ' +
    'if though although because since until unless not no nor only just even very too also again still').split(' '),
);

const TITLE = String.raw`(?:(?:Mr|Mrs|Ms|Dr|St|M|Mme|Mlle)\.\s+|(?:Miss|Lady|Sir|Lord|Colonel|Captain|Madame|Monsieur|Mademoiselle|Uncle|Aunt|Admiral|General|Major|Doctor|Professor|Inspector|Sergeant|Father|Mother|Brother|Sister|Duchess|Duke|Prince|Princess|Count|Countess|Baron|Marquis|Mistress|Master|Dame)\s+)`;
const CAP = String.raw`\p{Lu}[\p{L}\p{M}’'-]*\p{L}`;
/** A name as a tag gives it: "Elizabeth", "Mr. Darcy", "Lord Henry Wotton", "the Colonel". */
// "said poor Alice", "remarked skeptical Anne": a few words of feeling may stand before a bare name.
const MODIFIER = String.raw`(?:(?:poor|little|old|young|dear|good|kind|honest|astonished|skeptical|indignant|impatient|anxious|gentle|wise)\s+)`;
const NAME = String.raw`(?:(?:the\s+(?:[\p{Ll}-]+\s+){1,3}|${MODIFIER})?${TITLE}?${CAP}(?:\s+(?:de\s+)?${CAP}){0,2}|the\s+${CAP}(?:\s+(?:of\s+)?${CAP}){0,2}(?!\s+(?:member|man|woman|lady|gentleman|girl|boy|fellow|servant|officer|gentlemen|ladies)(?![\p{L}])))`;
const NOT_NAMES = new Set(
  ('I He She It We You They The This That Then But And Yes No Oh Well Here There What Why How When Where Who Now ' +
    'So Yet If Indeed Lord Good Dear Nay Ah Pray Sir Madam Miss Mamma Papa Mama Heaven God Come Let Do Don’t Don\'t Is ' +
    'Are Was Were Have Has Had Will Would Shall Should Can Could May Might Must Not Nothing Nobody None Thank Thanks ' +
    'Perhaps Certainly Surely Really Only Just Even After Before Upon On In At To For Of With From As Or Nor Very ' +
    'Ha Hush Alas Hullo Hello Yes Quite Never Ever Always All Some Any One My Your His Her Our Their ' +
    'Everybody Everyone Somebody Someone Anybody Anyone Each Both Neither Either').split(' '),
);
// "I" is the narrator of a novel told in the first person ("said I", "I answered").
const PRONOUN = String.raw`(?:he|she|He|She|I)`;
const PERSON_NOUNS: Record<string, 'm' | 'f' | undefined> = {
  wife: 'f', husband: 'm', mother: 'f', father: 'm', sister: 'f', brother: 'm', aunt: 'f', uncle: 'm', daughter: 'f',
  son: 'm', lady: 'f', gentleman: 'm', man: 'm', woman: 'f', girl: 'f', boy: 'm', niece: 'f', nephew: 'm',
  mistress: 'f', master: 'm', hostess: 'f', host: 'm', lover: undefined, friend: undefined, companion: undefined,
  cousin: undefined, other: undefined, visitor: undefined, guest: undefined, stranger: undefined, child: undefined,
  sisters: undefined, daughters: undefined, maid: 'f', servant: undefined, mamma: 'f', papa: 'm', baronet: 'm',
  admirer: undefined, partner: undefined, neighbour: undefined, neighbor: undefined, youth: 'm', fellow: 'm',
};
const DESCRIPTION = String.raw`(?:(?:his|her|their|my|the|a|an|our|its)\s+(?:[\p{Ll}-]+\s+){0,2}(?:${Object.keys(PERSON_NOUNS).join('|')}))(?![\p{L}])`;

// "said the cook", "answered the policeman": someone the tag describes, with nothing after it but how it is said.
const MINOR = String.raw`the\s+(?:[\p{Ll}-]+\s+)?(?![\p{Ll}-]+ly\b)[\p{Ll}-]+(?=\s*[,.;:!?—-]|\s*$|\s+\p{Ll}+ly\b|\s+(?:with|in|to|as|at|and|who|after|before|from|for)\b)`;

/** Words after "the" in a tag that are no one in particular ("said the other", "the latter", "the voice"). */
const NOT_EPITHETS = new Set('other latter former first last voice face head figure form shadow one same rest whole party company two three elder younger eldest youngest speaker person people crowd'.split(' '));
/** The people a novel leaves nameless because of the work they do: a cook, a porter, a station-master, a policeman. */
const MINOR_ROLES = /^(?:cook|porter|policeman|constable|station-master|stationmaster|doctor|nurse|butler|gamekeeper|head-keeper|keeper|gardener|waiter|coachman|footman|clerk|driver|landlord|landlady|innkeeper|inn-keeper|shopman|shopkeeper|guard|jailer|gaoler|sentry|boatman|cabman|messenger|postman|housekeeper|officer|executioner|usher|conductor|watchman|steward|stewardess|oculist|peddler|pedlar|minister|matron|superintendent|surgeon|apothecary|attorney|lawyer|magistrate|judge|clergyman|curate|vicar|parson|priest|sexton|beadle|carrier|carter|groom|ostler|hostler|valet|page|turnkey|warder)$/;

/** A description in this many paragraphs' tags or fewer may be a minor character's name ("the cook"). */
const MINOR_TAGS = 2;
const MALE_TITLES = /^(?:Mr|M|Sir|Lord|Colonel|Captain|Monsieur|Uncle|Admiral|General|Major|Father|Brother|Duke|Prince|Count|Baron|Marquis|Master|Inspector|Sergeant)\b/;
const FEMALE_TITLES = /^(?:Mrs|Ms|Miss|Lady|Mme|Mlle|Madame|Mademoiselle|Aunt|Mother|Sister|Duchess|Princess|Countess|Mistress|Dame)\b/;

/** A tag's subject: a name, a pronoun, or a description ("his wife"). */
type Subject = { kind: 'name'; name: string } | { kind: 'pronoun'; gender: Gender } | { kind: 'description'; gender?: Gender; text: string } | { kind: 'narrator' };

interface Speech extends SpeechSpan {
  /** Index of the passage it stands in. */
  p: number;
  /** The speech's tag, if any: its subject and where the tag stands. */
  tag?: Subject;
  /** An unclosed speech goes on in the next paragraph. */
  open: boolean;
}

interface Turn {
  p: number;
  speeches: Speech[];
  /** Characters named in the paragraph's narration (outside its speeches), in order. */
  mentions: string[];
  /** Characters its speeches speak of (or to) by name: rarely the one speaking. */
  spoken: string[];
  /** Characters its speeches call by name anywhere in them (", Lord Henry!"). */
  calling: string[];
  /** The gender of the one its speeches address as "sir", "ma'am", "papa", "mamma". */
  addressing?: Gender;
  /** Characters the speeches address by name ("My dear Mr. Bennet,"). */
  vocatives: string[];
  /** The names the speeches address, as written ("Lizzy"), known characters or not. */
  called: string[];
  /** The character whose name opens the paragraph, before any speech ("Elizabeth coloured."). */
  subject?: string;
  /** Characters that open a sentence of the narration before the paragraph's last speech, or of the narration paragraph before it. */
  leads: string[];
  /** Characters that open any sentence of the narration paragraph before it ("Harriet submitted, … It seemed …"). */
  priorLeads: string[];
}

const ws = String.raw`\s+`;
// After a speech: `, said Elizabeth`, `said she`, `replied his wife`, `Elizabeth said`, `she cried`, `Joe remarked wisely`.
// `inverted`: only the verb-first shape, the one that may follow a speech ending its sentence (“…now.” said Joan).
function afterTagRe(verbs: string, inverted = false): RegExp {
  return new RegExp(
    String.raw`^[\s,—-]*(?:(?:\p{Ll}+ly${ws})?(${verbs})${ws}(${NAME}|${PRONOUN}|${DESCRIPTION}|${MINOR})(?![\p{L}])${inverted ? '' : String.raw`|(${NAME}|${PRONOUN}|${DESCRIPTION})(?:${ws}\p{Ll}+ly)?${ws}(${verbs})(?![\p{L}])(?!${ws}(?:that(?!${ws}(?:evening|morning|night|afternoon|day|moment|time)\b)|nothing|not|it|of|herself|himself)\b)`})`,
    'u',
  );
}
// Any verb in -ed right after a speech, before a name, tags it: “…,” wailed Anne. / feebly reiterated Matthew, / stammered unhappy Matthew.
const FUNCTION_WORDS = 'to|the|a|an|and|but|or|of|in|on|at|with|for|by|from|as|that|this|his|her|their|my|your|its|our|him|them|me|us|it|not|nothing|so|then|up|out|down|off|over|into|upon';
const ANY_ED = new RegExp(
  String.raw`^[\s,—-]*(?:\p{Ll}+ly\s+)?(?!(?:${FUNCTION_WORDS})\b)(\p{Ll}{2,}ed)\s+((?:the\s+)?(?:(?!(?:${FUNCTION_WORDS})\b)\p{Ll}+\s+)?${TITLE}?${CAP}(?:\s+${CAP}){0,2})(?![\p{L}’'])(?=\s*[,.;:!?—-]|\s+\p{Ll}+ly\b|\s+(?:with|in|to|as|at|for|and|who|whose|without|after|before|from)\b|\s*$)`,
  'u',
);
// After a speech, a verb that leads to speaking: “No!” Edna hastened to say. / Captain Harville was beginning to say,
const TO_SAY = new RegExp(
  String.raw`^[\s,—-]*()(${NAME}|${PRONOUN})(?:\s+\p{Ll}+ly)?\s+(?:(?:was|were)\s+)?(?:hastened|hurried|began|beginning|ventured|managed|tried|went\s+on|proceeded)\s+to\s+(?:say|add|reply|answer|ask|explain|exclaim|observe|remark|inquire|enquire|cry|protest|whisper|murmur|repeat|interpose|object|assure)(?![\p{L}])`,
  'u',
);
// Before a speech: `Elizabeth said to Jane, “`, `said Mr. Bennet:`, `Joe remarked wisely,`, `she replied:`.
function beforeTagRe(verbs: string): RegExp {
  return new RegExp(
    String.raw`(?:^|[\s(;.!?—])(?:(${NAME}|${PRONOUN}|${DESCRIPTION})(?:${ws}(?:only|then|now|just|still|again|at\s+last|\p{Ll}+ly))?${ws}(${verbs})|(${verbs})${ws}(${NAME}|${PRONOUN}|${DESCRIPTION}))(?:${ws}\p{Ll}+ly)?(?:${ws}to${ws}(?:him|her|them|${NAME}|${DESCRIPTION}))?(?:${ws}\p{Ll}+ly)?\s*[,:—.]?\s*$`,
    'u',
  );
}

/** How a speech verb may go on to the end of the narration before the speech: "again", "to her", ", in a low voice,". */
function tailOf(names: string): string {
  return String.raw`(?:\s+(?:again|aloud|out|in|on|\p{Ll}+ly))*(?:\s+to\s+(?:him|her|them|me|us${names}))?(?!\s+(?:that|whether|how|what|if)\b)(?:\s*,?\s*[^;:.!?"“”]{1,80}?)?\s*[,:—-]*\s*$`;
}

/** The quoted speeches of a paragraph: [start, end) of each speech's words, inside its marks. */
export function speechSpans(text: string): { start: number; end: number; open: boolean }[] {
  const curly = text.includes('“');
  const open = curly ? '“' : '"';
  const close = curly ? '”' : '"';
  const out: { start: number; end: number; open: boolean }[] = [];
  for (let i = text.indexOf(open); i >= 0; ) {
    const j = text.indexOf(close, i + 1);
    // An unclosed speech runs to the end of the paragraph (the next paragraph continues it).
    const end = j < 0 ? text.length : j;
    out.push({ start: i + 1, end, open: j < 0 });
    if (j < 0) break;
    i = text.indexOf(open, j + 1);
  }
  return out;
}

const TITLED = new RegExp(String.raw`^${TITLE}\p{Lu}`, 'u');
const KIND_APART = new RegExp(String.raw`^the (?:[\p{Ll}-]+ )*(?:young|old|elder|younger|eldest|youngest|little|big|other|first|second|third) (?!${TITLE})\p{Lu}`, 'u');

function subjectOf(phrase: string): Subject | undefined {
  const clean = phrase.replace(/\s+/g, ' ');
  if (/^(?:he|He)$/.test(clean)) return { kind: 'pronoun', gender: 'm' };
  if (/^(?:she|She)$/.test(clean)) return { kind: 'pronoun', gender: 'f' };
  if (clean === 'I') return { kind: 'narrator' };
  if (/^(?:his|her|their|my|the|a|an|our|its) /.test(clean) && /^\p{Ll}/u.test(clean.split(' ').pop() ?? '')) {
    return { kind: 'description', gender: PERSON_NOUNS[clean.split(' ').pop()!], text: clean };
  }
  // "the gallant Mr. Elton", never "the girl of Robert": only words of description between the article and the name.
  if (/^the (?:[\p{Ll}-]+ )*?(?:of|and|or|to|with|in|at|for|from|by|who|whom|whose|on|upon|like) /u.test(clean)) return undefined;
  const first = clean.split(' ')[0];
  const titled = TITLED.test(clean);
  if ((NOT_NAMES.has(first) && !titled) || /[’']s$/.test(clean)) return undefined;
  // "the gallant Mr. Elton" is Mr. Elton; "the Colonel" is a name the book uses, article and all.
  // "the gallant Mr. Elton", "poor Alice", "unhappy Matthew": the name.
  // But "the young Crab" is not "Crab" (her mother is an old one): words that tell two of a kind apart stay.
  const bare = KIND_APART.test(clean)
    ? clean
    : clean.replace(/^(?:the (?:[\p{Ll}-]+ )+|(?!the )(?:[\p{Ll}-]+ )+)(?=\p{Lu})/u, '');
  if (NOT_NAMES.has(bare.split(' ')[0]) && !titled) return undefined;
  return { kind: 'name', name: bare };
}

function tagAfter(re: RegExp, text: string): Subject | undefined {
  const a = re.exec(text);
  if (!a) return undefined;
  return subjectOf(a[2] ?? a[3] ?? a[4]);
}

/** The description that is the subject of the clause leading into a speech (see descIntro), when nothing else speaks in it. */
function descTag(re: RegExp, text: string, verbs: ReadonlySet<string>): Subject | undefined {
  if (!/[\p{L},:—-]\s*$/u.test(text)) return undefined;
  // Cheap first: a verb of speaking among its last words and a word for a person before it, or no need to look.
  const words = text.slice(-200).split(/[^\p{L}’'-]+/u).filter(Boolean);
  if (!words.slice(-10).some((w) => verbs.has(w) || SAYING.has(w)) || !words.some((w) => Object.hasOwn(PERSON_NOUNS, w) || w === 'former' || w === 'latter')) return undefined;
  const m = re.exec(lastWords(text));
  if (!m || /[()]/.test(m[3]) || /\b(?:and|but|or)\s+(?:it|he|she|they|I|we|you)\s/i.test(m[3])) return undefined;
  return subjectOf(m[1]);
}

// “…,” was what Anne often heard him say: the one heard.
const HEARD_SAY = new RegExp(String.raw`^[\s,—-]*(?:was|were)\s+(?:what|all\s+that)\s+(?:${NAME}|he|she|I)\s+(?:\p{Ll}+\s+)?(?:heard|had\s+heard|hears)\s+(him|her|${NAME})\s+(?:say|said|repeat|exclaim|declare|cry|call\s+out)(?![\p{L}])`, 'u');
function heardSay(text: string): Subject | undefined {
  const m = HEARD_SAY.exec(text);
  if (!m) return undefined;
  return m[1] === 'him' ? { kind: 'pronoun', gender: 'm' } : m[1] === 'her' ? { kind: 'pronoun', gender: 'f' } : subjectOf(m[1]);
}

function tagBefore(re: RegExp, text: string): Subject | undefined {
  const b = re.exec(text);
  if (!b) return undefined;
  return subjectOf(b[1] ?? b[4]);
}

const AUXILIARIES = new Set('does goes seems looks means makes takes comes gives keeps turns'.split(' '));

const REMARKS = '(?:observation|answer|reply|remark|comment|exclamation|amendment|injunction|cry|question|rejoinder|response|retort|greeting|conclusion|advice|speech|language|reasoning|words|summing\\s+up|declaration|inquiry|enquiry|complaint|reproach|salutation|whisper|exclamations|address|supplement|information|communication|intelligence|assurance|apology|accounting)';

/** Verbs the book uses between a speech and a name (“…,” growled Jonathan), twice or more. */
function learnVerbs(passages: readonly Passage[]): Set<string> {
  const counts = new Map<string, number>();
  // “…,” growled Jonathan / “…,” Jonathan growled.
  const re = new RegExp(String.raw`[,!?—]["”]\s*(?:(\p{Ll}+)\s+(?:${NAME})(?![\p{L}])|(?:${NAME})\s+(\p{Ll}+ed)(?=\s*[,.;:!?]|\s+to\s))`, 'gu');
  for (const p of passages) {
    if (!p.text.includes('"') && !p.text.includes('”')) continue;
    for (const m of p.text.matchAll(re)) {
      const v = m[1] ?? m[2];
      if (!NOT_VERBS.has(v) && !TAG_VERBS.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  }
  const verbs = new Set(TAG_VERBS);
  // "was", "has", "is" end in -s too: never tags.
  for (const [v, n] of counts) if (n >= 2 && (/ed$/.test(v) || (/[^s]s$/.test(v) && v.length > 4 && !AUXILIARIES.has(v)))) verbs.add(v);
  return verbs;
}

const key = (name: string) => name.toLowerCase().replace(/[.’']/g, '').replace(/\s+/g, ' ').trim();
const TITLE_WORDS = new Set(
  'mr mrs ms miss dr st m mme mlle lady sir lord colonel captain madame monsieur mademoiselle uncle aunt admiral general major doctor professor inspector sergeant father mother brother sister duchess duke prince princess count countess baron marquis mistress master dame the'.split(' '),
);
const coreWords = (name: string) => key(name).split(' ').filter((w) => w && !TITLE_WORDS.has(w));
const titleOf = (name: string) => /^(?:the\s+)?(\p{Lu}\p{L}*)/u.exec(name)?.[1] ?? '';

/** The book's characters: each tagged name, with shorter forms merged into the one name they can only mean. */
class Characters {
  /** alias (key) → canonical name */
  readonly canon = new Map<string, string>();
  readonly aliases = new Map<string, Set<string>>();
  readonly gender = new Map<string, Gender>();
  private readonly votes = new Map<string, [number, number]>();

  /** `men`: surnames the narration gives a man's title ("Mr. Bingley"), which never join "Miss Bingley". */
  constructor(counts: Map<string, number>, men: ReadonlySet<string>, written: (name: string) => number = () => 0) {
    // Longest names first, so "Darcy" joins "Mr. Darcy" (the only name holding it) rather than the other way.
    // Titled before bare among names of as many words, so "Darcy" finds "Mr. Darcy" to join.
    const titledFirst = (n: string) => (mayJoin(n) ? 1 : 0);
    const names = [...counts.keys()].sort(
      (a, b) => coreWords(b).length - coreWords(a).length || titledFirst(a) - titledFirst(b) || (counts.get(b) ?? 0) - (counts.get(a) ?? 0),
    );
    const byWord = new Map<string, string[]>();
    for (const n of names) {
      const words = coreWords(n);
      const holders = words.length ? [...new Set(words.flatMap((w) => byWord.get(w) ?? []))] : [];
      const compatible = holders.filter(
        (h) => mayJoin(n) && words.every((w) => coreWords(h).includes(w)) && !(FEMALE_TITLES.test(titleOf(h)) && words.some((w) => men.has(w))),
      );
      // A name joins a longer one only when there is exactly one it could be and no other name shares its words.
      let target = compatible.length === 1 && holders.length === 1 ? compatible[0] : undefined;
      // A bare surname is the one man of that name ("Bingley" is Mr. Bingley, not Miss Bingley): these books call
      // a woman by her surname with a title only.
      const man = compatible.filter((h) => MALE_TITLES.test(titleOf(h)) && coreWords(h).length === words.length);
      if (!target && words.length === 1 && man.length === 1 && holders.every((h) => h === man[0] || FEMALE_TITLES.test(titleOf(h)))) target = man[0];
      // A first name two full names share ("Charles": Charles Musgrove, Charles Hayter) is the one the book does not
      // need to write out: it names the other in full to tell them apart (twice as often or more), and uses the bare
      // name far more than the first's full name.
      const full = compatible.filter((h) => mayJoin(h) && coreWords(h).length === 2 && coreWords(h)[0] === words[0]);
      if (!target && words.length === 1 && full.length === 2 && full.length === holders.length) {
        const [a, b] = full.map(written).map((k, i) => [k, i] as const).sort((x, y) => x[0] - y[0]);
        const bare = written(n) - a[0] - b[0];
        if (b[0] >= 2 * Math.max(a[0], 5) && bare >= 4 * Math.max(a[0], 5)) target = this.canon.get(key(full[a[1]]));
      }
      // A title alone ("Mademoiselle", "the Colonel") is the one character the book names with that title.
      // "the doctor" (lower case) has no title to share with anyone.
      const t = words.length === 0 ? titleOf(n.replace(/^the\s+/, '')) : '';
      if (t) {
        const titled = names.filter((h) => h !== n && coreWords(h).length > 0 && titleOf(h) === t);
        if (titled.length === 1) target = this.canon.get(key(titled[0]));
      }
      const c = target ?? n;
      this.canon.set(key(n), c);
      if (!this.aliases.has(c)) this.aliases.set(c, new Set([c]));
      this.aliases.get(c)!.add(n);
      if (!target) for (const w of words) byWord.set(w, [...(byWord.get(w) ?? []), n]);
    }
    for (const [c, all] of this.aliases) {
      for (const a of all) {
        const t = titleOf(a);
        if (MALE_TITLES.test(t)) this.titled.set(c, this.titled.get(c) === 'f' ? 'x' : 'm');
        if (FEMALE_TITLES.test(t)) this.titled.set(c, this.titled.get(c) === 'm' ? 'x' : 'f');
      }
    }
  }

  /** A title says a character's gender ("Mr. Knightley"), whatever pronouns stand near the name. */
  private readonly titled = new Map<string, Gender | 'x'>();

  of(name: string): string | undefined {
    return this.canon.get(key(name));
  }

  /** A character no tag names (a narrator). */
  add(name: string): void {
    this.canon.set(key(name), name);
    this.aliases.set(name, new Set([name]));
  }

  /** One more name for a character. */
  join(name: string, c: string): void {
    this.canon.set(key(name), c);
    this.aliases.get(c)?.add(name);
  }

  vote(c: string, g: Gender, n = 1): void {
    const v = this.votes.get(c) ?? [0, 0];
    v[g === 'm' ? 0 : 1] += n;
    this.votes.set(c, v);
  }

  /**
   * `titles(name)`: how often the book gives the name a man's title ("Mr. Willoughby", "Mr. Frank Churchill") and a
   * woman's ("Mrs. Willoughby"). Asked only for an untitled name the pronouns leave open: three times as often one way,
   * and three times or more.
   */
  settle(titles: (word: string) => [number, number] = () => [0, 0]): void {
    for (const [c, [m, f]] of this.votes) {
      if (m >= 2 * f + 2) this.gender.set(c, 'm');
      else if (f >= 2 * m + 2) this.gender.set(c, 'f');
    }
    for (const c of this.aliases.keys()) {
      if (this.gender.has(c) || coreWords(c).length > 2 || !mayJoin(c) || !/^\p{Lu}/u.test(c)) continue;
      const [m, f] = titles(c);
      if (m >= 3 && m >= 3 * f) this.gender.set(c, 'm');
      else if (f >= 3 && f >= 3 * m) this.gender.set(c, 'f');
    }
    for (const [c, g] of this.titled) if (g !== 'x') this.gender.set(c, g);
  }
}

/** Whether a shorter name may join a longer one: only an untitled one. "Darcy" may be "Mr. Darcy";
 * "Mr. Knightley" is not "John Knightley", nor "Mrs. Dashwood" "Mrs. John Dashwood". */
function mayJoin(shorter: string): boolean {
  return !TITLE_WORDS.has(titleOf(shorter).toLowerCase().replace('.', ''));
}

/**
 * Infers who speaks every quoted speech of a book: sets each paragraph's
 * `speakers` (name, confidence, reason) and returns the book's cast.
 */
export function attributeBook(passages: Passage[]): Cast {
  const verbSet = learnVerbs(passages);
  // A verb with its particle tags as one: “…,” broke in Lord Henry / Lord Henry put in.
  const verbs = [...verbSet, ...PHRASAL_VERBS].sort((a, b) => b.length - a.length).join('|');
  const AFTER = afterTagRe(verbs);
  const BEFORE = beforeTagRe(verbs);
  const INVERTED = afterTagRe(verbs, true);
  // Only verbs that say speaking: “…late.” Emma smiled. is a sentence of its own.
  const ENDED = new RegExp(String.raw`^\s*()(${NAME})(?:\s+\p{Ll}+ly)?\s+(?:said|replied|answered|cried|exclaimed|asked|added|observed|remarked|returned|continued|whispered|muttered|murmured|rejoined|retorted|inquired|enquired|declared|repeated)(?:\s+\p{Ll}+ly)?\s*(?:;|[.!]?\s*$)`, 'u');
  // “…,” was Mr. Woodhouse's observation / was Marilla's encouraging answer.
  const WAS_REMARK = new RegExp(
    String.raw`^[\s,—-]*(?:(?:was|were|had\s+been)\s+()(${NAME})(?:['’]|\s)s\s+(?:[\p{Ll}-]+\s+){0,3}${REMARKS}(?![\p{L}])|(?:was|were)\s+(?:[\p{Ll}-]+\s+){0,4}(?:uttered|spoken|said|exclaimed|whispered|cried)\s+by\s+(${NAME})(?![\p{L}])|(?:was|were)\s+the\s+(?:[\p{Ll}-]+\s+){0,2}words\s+(?:which|that)\s+(?:[\p{Ll}-]+\s+){0,3}(?:from|of)\s+(${NAME})(?![\p{L}]))`,
    'u',
  );
  // Before a speech: "Sir Walter's remark was, soon afterwards--", "Mary's saying, in a tone of great exultation--".
  const REMARK_WAS = new RegExp(
    String.raw`(?:^|[\s(;,—-])(${NAME})(?:['’]|\s)s\s+(?:(?:[\p{Ll}-]+\s+){0,3}(?:${REMARKS}(?:\s+[^.!?;"“”]{0,40}?)?\s+(?:was|were)|(?:\p{Ll}+ing\b[^.!?;"“”]{0,40}?\s+and\s+)?(?:\p{Ll}+ly\s+)?saying)|(?:was|were)|side,?\s+it\s+(?:was|is)|(?:[\p{Ll}-]+\s+){0,3}${REMARKS}(?=(?:\s+[^.!?;"“”]{0,40})?\s(?:of|with)\s*$))(?![\p{L}])(?:[^.!?;"“”]{0,40}[,:—-]|(?:[^.!?;"“”]{0,40})?\s(?:of|with))\s*$`,
    'u',
  );
  // Words that come from someone: “…” came from Sir Thomas; “…” was a question which Elizabeth received from Jane; before a
  // speech, "the anxious supplement from Mary, of--", "this produced from Mrs. Jennings the following natural remark."
  const FROM_AFTER = new RegExp(
    String.raw`^[\s,—-]*(?:(?:came|burst|broke|escaped|fell)\s+from\s+|from\s+|(?:was|were)\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,3}(?:which|that)\s+(?:${NAME}|he|she|I)\s+(?:had\s+)?received\s+from\s+)()((?:the\s+)?${TITLE}?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})(?:['’]s)?(?![\p{L}])`,
    'u',
  );
  const FROM_BEFORE = new RegExp(
    String.raw`(?:supplement|information|communication|intelligence|reply|answer|remark|exclamation|observation|reproach|assurance|question|cry|greeting|salutation|whisper|delay|kindest)(?:\s*,?\s+(?:[\p{Ll}-]+,?\s+){0,2})?\s*from\s+(${NAME})(?![\p{L}])(?:\s*,?\s*(?:of|than)|\s+the\s+following(?:\s+[\p{Ll}-]+){0,2})?\s*[,:.—-]*\s*$`,
    'u',
  );
  // "Elinor then heard Willoughby say, in a low voice to Marianne,", "Frank Churchill was heard to say,": the one heard speaks.
  const HEARD = new RegExp(
    String.raw`(?:\b(?:heard|hear|hears|hearing|overheard|overhear|overhearing)\s+(${NAME})(?:\s+(?:\p{Ll}+ly|next|then|again|only|once))?\s+(?:say|saying|whisper|whispering|exclaim|exclaiming|cry|crying|add|adding|mutter|muttering|observe|reply|replying|answer|ask|asking|call\s+out|calling\s+out)|(?:^|[\s(;,—-])(${NAME})\s+(?:was|were)\s+heard\s+to\s+(?:say|whisper|exclaim|add|mutter|observe|reply|answer|ask))(?![\p{L}])[^.!?;"“”]{0,80}[,:—-]\s*$`,
    'u',
  );
  // The clause leading into a speech with a description for its subject ("and his wife was exclaiming,", "her sister
  // kissed her, and said,", "but her mother, without waiting for her assent, continued,"): a tag to resolve, and no
  // one the narration names before it.
  const descIntro = new RegExp(
    String.raw`(?:^|[.!?;,:—]\s*|\b(?:and|but|when|while|till|until|then)\s+)(${DESCRIPTION}|the\s+(?:former|latter))((?:\s+\p{Ll}+(?:ed|s)\b[^,;:.!?"“”]{0,50}?,?\s+and)?(?:\s*,\s*[^;:.!?"“”]{1,110}?,)?\s+(?:and\s+)?(?:(?:\p{Ll}+ly|thus|then|again|now|only)\s+)*(?:(?:was|were)\s+)?)(?:${verbs}|${[...SAYING].join('|')})(?![\p{L}])(${tailOf('')})`,
    'u',
  );
  const speechOf: Speech[][] = [];

  // 1. Each speech's own tag.
  for (let pi = 0; pi < passages.length; pi++) {
    const text = passages[pi].text;
    if (!text.includes('"') && !text.includes('“')) continue;
    const found = speechSpans(text);
    if (found.length === 0) continue;
    const list: Speech[] = [];
    for (let k = 0; k < found.length; k++) {
      const { start, end, open } = found[k];
      const afterEnd = k + 1 < found.length ? found[k + 1].start - 1 : text.length;
      // A tag stands right after a speech or at the end of the narration before it: only so much of either is read
      // (a long paragraph of narration stays cheap).
      const after = text.slice(Math.min(end + 1, afterEnd), Math.min(afterEnd, end + 1 + 240));
      const beforeStart = k > 0 ? found[k - 1].end + 1 : 0;
      const before = lastWords(text.slice(beforeStart, Math.max(beforeStart, start - 1)));
      const ended = /[.]$/.test(text.slice(start, end).trimEnd()) && !/(?:Mr|Mrs|Dr|St)\.$/.test(text.slice(start, end).trimEnd());
      // A speech that ends its sentence (“… now.”) is tagged before, not by a name after it ("Ralph observed" begins
      // a sentence of its own); but a lower-case verb goes on the sentence: “…sea.” said the Mock Turtle.
      let tag = (ended ? tagAfter(INVERTED, after) : tagAfter(AFTER, after) ?? tagAfter(WAS_REMARK, after)) ?? tagAfter(ANY_ED, after) ?? (after.includes(' to ') ? tagAfter(TO_SAY, after) : undefined) ?? (after.includes('from') ? tagAfter(FROM_AFTER, after) : undefined) ?? (after.includes('heard') || after.includes('hears') ? heardSay(after) : undefined);
      // “…dancing.” Alice said; but … — a name and a verb closing the clause at once, with no speech after it, tag it.
      if (!tag && ended && k === found.length - 1) tag = tagAfter(ENDED, after);
      // “…in such terms--” Mary interrupted him.: the one who breaks in, not the one broken off.
      if (tag && /(?:--|—)\s*$/.test(text.slice(start, end)) && /^[\s,]*(?:\S+\s+){1,3}?interrupted\s+(?:him|her|them|me|us)(?![\p{L}])/u.test(after)) tag = undefined;
      // The tag before a speech: only narration that ends on it (a colon, a comma or nothing).
      if (!tag && (k === 0 || /[.!?]\s*\S/.test(before) || !tagAfter(AFTER, before))) tag = tagBefore(BEFORE, before) ?? tagBefore(REMARK_WAS, before) ?? (before.includes('from') ? tagBefore(FROM_BEFORE, before) : undefined);
      // "…,” said Alice; and her sister kissed her, and said, “…": a clause of its own after the tag of the speech before.
      if (!tag) tag = descTag(descIntro, before, verbSet);
      list.push({ p: pi, start, end, open, name: 'unknown', tag });
    }
    speechOf[pi] = list;
  }

  // 2. The characters: every name a tag gives.
  // A minor character the book never names, only describes in a tag or two ("said the cook", "answered the policeman"):
  // the description is their name. Said in more paragraphs, or set after a name anywhere in the book ("Basil Hallward,
  // the painter"), it is some named character's epithet, left to resolve.
  const described = new Map<string, Speech[]>();
  // "said the painter": some named character's epithet, resolved once the conversations are known (below).
  const epithets = new Map<string, Speech[]>();
  for (const list of speechOf) {
    if (!list) continue;
    for (const s of list) {
      const m = s.tag?.kind === 'description' ? /^the (?:[\p{Ll}-]+ )?([\p{Ll}-]+)$/u.exec(s.tag.text) : null;
      if (!m || Object.hasOwn(PERSON_NOUNS, m[1]) || NOT_EPITHETS.has(m[1])) continue;
      // A role that strangers fill ("the cook", "the porter"); "the musician", "the convict" are rather some named
      // character's epithet: no tag, as before.
      if (!MINOR_ROLES.test(m[1])) {
        if (s.tag?.kind === 'description') epithets.set(s.tag.text, [...(epithets.get(s.tag.text) ?? []), s]);
        s.tag = undefined;
        continue;
      }
      described.set(m[1], [...(described.get(m[1]) ?? []), s]);
    }
  }
  for (const [noun, said] of described) {
    // An adjective makes it an epithet ("the genial frame-maker"): only "the cook" itself names.
    const apposed = new RegExp(String.raw`\p{Lu}[\p{L}’'-]*,\s+the\s+(?:[\p{Ll}-]+\s+)?${noun}(?![\p{L}])`, 'u');
    const minor =
      new Set(said.map((s) => s.p)).size <= MINOR_TAGS &&
      said.every((s) => s.tag?.kind === 'description' && s.tag.text === `the ${noun}`) &&
      !passages.some((p) => p.text.includes(noun) && apposed.test(p.text));
    // Otherwise no tag at all, as for any word the tag grammar does not know.
    for (const s of said) s.tag = minor ? { kind: 'name', name: `the ${noun}` } : undefined;
  }
  const counts = new Map<string, number>();
  for (const list of speechOf) if (list) for (const s of list) if (s.tag?.kind === 'name') counts.set(s.tag.name, (counts.get(s.tag.name) ?? 0) + 1);
  const men = new Set<string>();
  for (const p of passages) for (const m of p.text.matchAll(/\b(?:Mr|Sir|Captain|Colonel)\.?\s+(\p{Lu}[\p{L}’'-]+)/gu)) men.add(m[1].toLowerCase());
  // How often the book writes a name (for a first name two characters share): one scan per name asked.
  const written = (name: string) => {
    const re = new RegExp(String.raw`(?<![\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\p{L}])`, 'gu');
    let k = 0;
    for (const p of passages) for (const _ of p.text.matchAll(re)) k++;
    return k;
  };
  const chars = new Characters(counts, men, written);
  const aliasRe = aliasPattern(chars);
  // A name opening a paragraph, and a name opening a sentence before a verb or a comma ("Maggie stopped", "Emma, …").
  const openingRe = aliasRe && new RegExp(String.raw`^(?:the\s+)?(?:${aliasRe.source})`, 'u');
  // Narration ending on its subject and a speech verb: "… Marianne rapturously exclaimed,", "till Sir William thus began."
  const introRe =
    aliasRe &&
    new RegExp(
      String.raw`(?:^|[\s(;,])(?:the\s+)?(${aliasRe.source})\s+(?:(?:\p{Ll}+ly|thus|then|now|only|at\s+last|again|presently|suddenly|quickly)\s+)*(?:${verbs}|say|add|began|begin)(?:\s+(?:again|out|in|on|aloud|\p{Ll}+ly))*\s*[,:—.-]*\s*$`,
      'u',
    );
  // The last clause before a speech: its subject, a phrase set off by commas, and the speech verb at the end ("and soon
  // afterwards Mr. Darcy, drawing near Elizabeth, said to her--", "Lady Catherine approached, and, after listening …,
  // said to Darcy,"); or a name and a relative clause that speaks ("…broken by Willoughby, who said with a faint smile,").
  // "Mrs. Weston ended with,", "Mr. Weston accosted her with,", "Lady Russell … made only this cautious reply:".
  const speak = String.raw`(?:(?:began|ended|concluded|opened|accosted\s+(?:him|her|them)|addressed\s+(?:him|her|them))\s+with|(?:made|ventured|gave|offered|uttered)\s+(?:only\s+)?(?:this|these|the\s+following|the|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}${REMARKS}|${verbs}|say|add|began|begin|saying|adding|exclaiming|replying|observing|crying|answering|calling\s+out|calling|whispering|asking|beginning|continuing|muttering|shouting)`;
  const tail = tailOf(aliasRe ? String.raw`|(?:the\s+)?(?:${aliasRe.source})` : '');
  const clauseRe =
    aliasRe &&
    new RegExp(
      String.raw`(?:^\s*|[.!?;:—]\s*|,\s*|\b(?:and|but|when|till|until|while|whereupon|for|so\s+that|that)\s+)(?:(?:[Aa]nd|[Bb]ut|[Ff]or|[Ss]o|[Yy]et|(?:[Oo]n|[Uu]pon|[Aa]t)\s+which)\s+)?(?:(?:soon\s+)?afterwards\s+|then\s+|at\s+(?:last|length)\s+|now\s+|here\s+)?(?:[Tt]he\s+)?(${aliasRe.source})((?:(?:\s+\p{Ll}+ly)?\s+(?:\p{Ll}+ed|said|took|made|gave|came|went|drew|rose|got|sat|stood|turned|looked|began|saw|ran|held|shook|put|felt|knew)\b[^;:.!?"“”]{0,60}?,?\s+and|\s+(?:\p{Ll}+ed|stopped|stopt|rose|came|went|turned)\b[^,;:.!?"“”]{0,50}?\s+to(?=\s+(?:say|add|ask|inquire|enquire|explain|observe|remark|reply|answer)\b))?(?:\s+(?:at|in|on|for|after)\s+[^,;:.!?"“”]{1,30}?(?=,))?(?:\s*,\s*[^;:.!?"“”]{1,110}?,|\s+\p{Ll}+ing\b[^;:.!?"“”]{0,100}?,)?(?:\s+it\s+was\s+who)?\s+(?:and\s+)?(?:(?:\p{Ll}+ly|thus|then|again|now|only|here|at\s+last)\s+)*(?:(?:was|were)\s+)?)${speak}(${tail})`,
      'u',
    );
  const whoRe = aliasRe && new RegExp(String.raw`(?:^|[^\p{L}])(?:the\s+)?(${aliasRe.source})(?:['’]s)?,?\s+who((?:,?\s+[^;:.!?"“”]{0,100}?)?\s+)${speak}(${tail})`, 'u');
  const leadRe = aliasRe && new RegExp(String.raw`^(?:the\s+)?(${aliasRe.source})(?=\s+\p{Ll}|,)`, 'u');
  // Gender from the pronoun that follows a name in the narration ("Elizabeth … her").
  if (aliasRe) {
    for (const p of passages) {
      for (const m of p.text.matchAll(aliasRe)) {
        const c = chars.of(m[0]);
        if (!c) continue;
        // The name's own clause: not an object ("to Elizabeth, he said"), and only up to the next name.
        if (OBJECT_BEFORE.test(p.text.slice(Math.max(0, m.index! - 12), m.index))) continue;
        const after = p.text.slice(m.index! + m[0].length, m.index! + m[0].length + 60);
        const pr = /\b(?:(he|his|himself)(?!\p{L})|(she|hers|herself)(?!\p{L})|(her)(?!\p{L})(\s+\p{Ll}+)?)/iu.exec(after.split(/[.!?"“”;]|\s(?=\p{Lu})/u)[0]);
        // "her" before a noun is hers ("her book"); otherwise it may be someone he looks at: half a vote.
        if (pr) chars.vote(c, pr[1] ? 'm' : 'f', pr[3] && (!pr[4] || NOT_VERBS.has(pr[4].trim())) ? 0.5 : 1);
      }
    }
  }
  chars.settle((name) => {
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    const re = new RegExp(String.raw`(?<![\p{L}])(?:(Mr|Sir|Captain|Colonel|Lord|Monsieur|Dr)|(Mrs|Miss|Lady|Madame|Mademoiselle))\.?\s+${esc}(?![\p{L}])`, 'gu');
    const n: [number, number] = [0, 0];
    const first = name.split(/\s+/)[0];
    for (const p of passages) if (p.text.includes(first)) for (const m of p.text.matchAll(re)) n[m[1] ? 0 : 1]++;
    return n;
  });

  // Words the book writes with a capital in the middle of a sentence, twice or more: names.
  const properCounts = new Map<string, number>();
  for (const p of passages) for (const m of p.text.matchAll(/(?<=\p{Ll}[,;]?\s+)(\p{Lu}\p{Ll}+)(?![\p{L}])/gu)) properCounts.set(m[1], (properCounts.get(m[1]) ?? 0) + 1);
  const proper = new Set([...properCounts].filter(([, n]) => n >= 2).map(([w]) => w));

  // 3. Explicit names, and the rest of a paragraph a tag names.
  const turns: Turn[] = [];
  for (let pi = 0; pi < passages.length; pi++) {
    const list = speechOf[pi];
    if (!list) continue;
    for (const s of list) {
      if (s.tag?.kind !== 'name') continue;
      const c = chars.of(s.tag.name);
      if (c) set(s, c, 1, 'tag', undefined);
    }
    const text = passages[pi].text;
    // ("I haven't," said Alice): an aside in parentheses is another voice than the speech around it.
    const aside = (s: Speech) => /\(\s*$/.test(text.slice(Math.max(0, s.start - 3), s.start - 1));
    if (list.some(aside) && list.some((s) => !aside(s))) for (const s of list) if (aside(s)) s.open = false;
    const named = new Set(list.filter((s) => s.by === 'tag').map((s) => s.name));
    const mixed = list.some(aside) && list.some((s) => !aside(s));
    if (named.size >= 1 && !mixed) {
      for (let k = 0; k < list.length; k++) {
        const s = list[k];
        // One voice tags the paragraph; of two or more, only the speech right after a tag, tagged after it, goes on in
        // its voice: “We were playing Elaine” explained Anne frigidly, without looking at him, “and I had to drift…”
        const single = named.size === 1;
        const gap = !single && list[k - 1]?.by === 'tag' ? text.slice(list[k - 1].end + 1, Math.max(list[k - 1].end + 1, s.start - 1)) : '';
        // Only the tag's own sentence between them: no other clause (";"), sentence or name.
        const after = !!gap && AFTER.test(gap) && !/[;.!?]/.test(gap.trimEnd().slice(0, -1)) && !/\s\p{Lu}/u.test(gap.replace(AFTER, ''));
        const c = single ? [...named][0] : after ? list[k - 1].name : undefined;
        if (!c) continue;
        // "…,” said Alice, “…” she added: a pronoun of her gender in the paragraph her tag names is her too.
        const g = chars.gender.get(c);
        if (s.name !== 'unknown' || (s.tag && !(s.tag.kind === 'pronoun' && (!g || g === s.tag.gender)))) continue;
        // The narration between this speech and the nearest tagged one must name no one else.
        let j = single ? k : k - 1;
        // Only a tag nearby speaks for it (and the search stays short in a paragraph of many speeches).
        for (let d = 1; d <= 3 && j === k; d++) {
          if (list[k - d]?.by === 'tag') j = k - d;
          else if (list[k + d]?.by === 'tag') j = k + d;
        }
        if (j === k) continue;
        const between = j < k ? text.slice(list[j].end, s.start) : text.slice(s.end, list[j].start);
        // Someone else may be named as an object ("to Alice", "towards Anne") or within the tag's own clause
        // ("said Elinor, wishing to prevent Mrs. Jennings from seeing …,"); once a new sentence begins, not at all.
        // "And Mrs. Musgrove …" opening a sentence, "; and the White Rabbit …" a clause, is a subject; "Anne and Mary" an object.
        const object = (at: number) => /(?:^|\s)(?:to|at|with|for|of|from|on|upon|by|towards|toward|about|than|prevent|let)\s+$/i.test(between.slice(0, at)) || /(?:^|[^;\s]\s*\s)(?:and|or|nor)\s+$/.test(between.slice(0, at));
        // With the first speech's own last mark: “…the day.” And Mrs. Musgrove … said, begins a sentence.
        const wide = j < k ? text.slice(Math.max(0, list[j].end - 1), s.start) : text.slice(Math.max(0, s.end - 1), list[j].start);
        // "…,” said the King; and the White Rabbit blew the trumpet, and called out, “…": a clause of its own too.
        const newSentence = /[.!?]["”]?\s+\p{Lu}|;\s+(?:and\s+|but\s+)?(?:[Tt]he\s+)?\p{Lu}/u.test(wide.replace(/\b(?:Mr|Mrs|Ms|Dr|St)\./g, 'Mr'));
        const others = aliasRe ? [...between.matchAll(aliasRe)].some((m) => chars.of(m[0]) !== c && !object(m.index!)) : false;
        // "the King" in the narration is someone too (unless it is the tag's own "the Mock Turtle").
        const described = [...between.matchAll(/(?<![\p{L}])the\s+\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*/gu)].some((m) => chars.of(m[0]) !== c && !object(m.index!));
        if ((others || described) && newSentence) continue;
        // A second speech verb between them has a subject of its own: "…” Mrs. Welland murmured, while the young man … replied: “…".
        // A verb that goes on the tag's own clause ("…, and added", "as she added", "he went on") is the same voice.
        const words = between.split(/[^\p{L}’']+/u).filter(Boolean);
        const ownSubject = (i: number) => {
          let w = i - 1;
          while (w >= 0 && /ly$/.test(words[w])) w--;
          const prevWord = words[w];
          return !prevWord || /^(?:and|then|but|or|as|while|again)$/.test(prevWord) || (g === 'f' ? prevWord === 'she' : g === 'm' ? prevWord === 'he' : /^(?:he|she)$/.test(prevWord)) || verbSet.has(prevWord);
        };
        // "…,” said Anne quickly--pertly, Marilla thought. “…": thinking is no one's speech.
        const verbAt = words.map((w, i) => (verbSet.has(w) && w !== 'thought' ? i : -1)).filter((i) => i >= 0);
        if (verbAt.length > 1 && !verbAt.slice(1).every(ownSubject)) continue;
        set(s, c, 0.95, 'paragraph', 'tagged in the same paragraph');
      }
    }
    if (aliasRe) {
      for (let k = 0; k < list.length; k++) {
        const sp = list[k];
        if (sp.name !== 'unknown' || sp.tag) continue;
        let intro = text.slice(k > 0 ? list[k - 1].end + 1 : 0, Math.max(0, sp.start - 1));
        // A paragraph of narration that ends on "…, Emma exclaimed," introduces the speech opening the next.
        // So does the narration after the last speech of a paragraph ("…,” she was hastening away, when Elizabeth called out,).
        if (k === 0 && !intro.trim() && pi > 0 && passages[pi - 1].section === passages[pi].section) {
          const prior = speechOf[pi - 1];
          const tail = prior && !prior[prior.length - 1].open ? passages[pi - 1].text.slice(prior[prior.length - 1].end + 1) : '';
          // After a speech, only a tail that leads on (", when Elizabeth called out,"), never its own tag ("said Mrs. Bennet.").
          // A clause of its own leads on too: "…,” and was hastening to meet him, when Elinor cried out,
          // A sentence of its own that goes on speaking leads on too: "…”--A short pause followed, and Mrs. Hurst began again."
          const goesOn = GOES_ON.test(tail) && /[.!?;—]./.test(tail.trimEnd().slice(0, -1));
          // So does a clause going on after the tag: "…,” the King hastily said, and went on to himself in an undertone,
          const andOn = /,\s+and\s+(?:then\s+)?(?:went\s+on|added|continued)\b[^.!?;"“”]*$/.test(tail);
          // Or a clause of its own that names its subject: "…;” and to break through her gratitude, Emma made the inquiry of--
          const clause = () => !!lastClause(tail, clauseRe, aliasRe, chars);
          intro = prior ? ((/[,:—-]\s*$/.test(tail) && (/[.!?;]/.test(tail) || /\b(?:when|while|till|until|whereupon|but)\s/.test(tail) || andOn || clause())) || goesOn ? tail : '') : passages[pi - 1].text;
        }
        // Narration that ends on going on speaking ("…, so Alice soon began talking again.") leads into the speech as one
        // ending on a comma does.
        if (GOES_ON.test(intro) || THIS_REMARK.test(intro)) intro = intro.replace(/[.]\s*$/, ',');
        // "Sir Walter's remark was, soon afterwards--" at the end of the paragraph before; "she heard Harriet say,".
        // "…, Marilla thought." leads into no one's speech.
        if (/(?<![\p{L}])(?:thought|thinks)\W*$/u.test(intro)) continue;
        // Patterns anchored at the end of the narration read only its last words (a long paragraph stays cheap).
        const end = lastWords(intro);
        const remark = REMARK_WAS.exec(end) ?? (/hear|heard/.test(end) ? HEARD.exec(end) : null) ?? (end.includes('from') ? FROM_BEFORE.exec(end) : null);
        // "And Frank Churchill was heard to say": the name after a conjunction that opens the sentence.
        const remarkBy = remark ? subjectOf(remark[1] ?? remark[2]) ?? subjectOf((remark[1] ?? remark[2]).replace(/^\S+\s+/, '')) : undefined;
        const remarked = remarkBy?.kind === 'name' ? chars.of(remarkBy.name) : undefined;
        const described = remarked ? undefined : descTag(descIntro, intro, verbSet);
        if (described) {
          sp.tag = described;
          continue;
        }
        // "…at the White Rabbit, who said" before the sentence's own subject; a clause with a phrase in it after.
        const intro1 = remarked ? null : (introRe && introRe.exec(end)) ?? lastClause(intro, whoRe, aliasRe, chars);
        const opener = remarked || (intro1 && chars.of(intro1[1])) ? undefined : sentenceSubject(intro, aliasRe, chars, verbSet);
        const lead = intro1 ?? (remarked || opener ? null : lastClause(intro, clauseRe, aliasRe, chars));
        const found = remarked
          ? { name: remarked, subject: true }
          : lead && chars.of(lead[1])
            ? { name: chars.of(lead[1])!, subject: true }
            : opener
              ? { name: opener, subject: true }
              : introducer(intro, aliasRe, chars, verbSet);
        if (!found) continue;
        const c = found.name;
        const conf = found.subject ? 0.9 : 0.75;
        const why = remarked && remark?.[0].includes('heard')
          ? `introduced by the narration: ${c} is heard saying it`
          : opener
          ? `introduced by the narration: ${c} opens the sentence that leads into it`
          : found.subject
            ? `introduced by the narration: ${c} is its subject`
            : 'introduced by the narration before it';
        set(sp, c, conf, 'narration', why);
        // The speeches after it in the paragraph, while only an aside comes between ("(turning to Anne.)"): no one
        // else named, no pronoun or verb taking over.
        for (let j = k + 1; j < list.length && list[j].name === 'unknown' && !list[j].tag; j++) {
          const gap = text.slice(list[j - 1].end + 1, Math.max(list[j - 1].end + 1, list[j].start - 1));
          if (SUBJECT_PRONOUNS.test(gap) || [...gap.matchAll(aliasRe)].some((m) => chars.of(m[0]) !== c) || gap.split(/[^\p{L}]+/u).some((w) => verbSet.has(w) || SAYING.has(w))) break;
          set(list[j], c, conf, 'narration', why);
        }
      }
    }
    const opening = openingRe && list[0].start > 1 ? openingRe.exec(text) : null;
    turns.push({
      p: pi,
      // A copy: a turn may take in the next paragraph's speeches; the paragraph keeps its own.
      speeches: [...list],
      ...(aliasRe ? narrationMentions(text, list, aliasRe, chars) : { mentions: [], spoken: [], calling: [] }),
      addressing: addressedGender(text, list),
      vocatives: aliasRe ? vocatives(text, list, chars) : [],
      called: calledNames(text, list, proper),
      subject: opening ? chars.of(opening[0].replace(/^the\s+/, '')) : undefined,
      leads: leadRe ? leadingSubjects(text, list, pi > 0 && !speechOf[pi - 1] && passages[pi - 1].section === passages[pi].section ? passages[pi - 1].text : '', leadRe, chars) : [],
      priorLeads:
        leadRe && list[0].start <= 1 && pi > 0 && !speechOf[pi - 1] && passages[pi - 1].section === passages[pi].section && passages[pi - 1].text.length < 1500
          ? sentenceOpeners(passages[pi - 1].text, leadRe, chars, aliasRe!)
          : [],
    });
  }

  // A speech left open goes on in the next paragraph, in the same voice: one turn, not two.
  const merged: Turn[] = [];
  for (const cur of turns) {
    const prev = merged[merged.length - 1];
    const last = prev?.speeches[prev.speeches.length - 1];
    if (prev && last.open && cur.p === prev.p + 1 && cur.speeches[0].start <= 1) {
      const a = speakerOfTurn(prev)?.name;
      const b = speakerOfTurn(cur)?.name;
      if (!a || !b || a === b) {
        const who = a ?? b;
        if (who) for (const s of [...prev.speeches, ...cur.speeches]) if (s.name === 'unknown') set(s, who, 0.95, 'continued', 'the same speech goes on across paragraphs');
        prev.speeches.push(...cur.speeches);
        prev.mentions.push(...cur.mentions);
        prev.spoken.push(...cur.spoken);
        prev.calling.push(...cur.calling);
        prev.addressing ??= cur.addressing;
        prev.vocatives.push(...cur.vocatives.filter((v) => !prev.vocatives.includes(v)));
        prev.called.push(...cur.called);
        prev.p = cur.p;
        continue;
      }
    }
    merged.push(cur);
  }
  turns.splice(0, turns.length, ...merged);

  // Names used only to address someone ("Lizzy", "Miss Woodhouse") join the character who answers to them.
  const learned = learnCalledNames(turns, passages, chars);
  // A novel told in the first person: "said I" is its narrator, named by what the others call them.
  const narrator = narratorOf(turns, chars);
  let narratorGender: Gender | undefined;
  if (learned || narrator) for (const turn of turns) turn.vocatives = [...new Set(turn.called.map((n) => chars.of(n)).filter((c): c is string => !!c))];
  if (narrator) {
    for (const turn of turns) {
      if (!turn.speeches.some((sp) => sp.tag?.kind === 'narrator' && sp.name === 'unknown')) continue;
      // Its paragraph only: a story told across paragraphs (“… 'Who goes there?' said I. …) is another voice's.
      const ps = new Set(turn.speeches.filter((sp) => sp.tag?.kind === 'narrator').map((sp) => sp.p));
      const own = turn.speeches.filter((sp) => ps.has(sp.p));
      if (own.some((sp) => sp.name !== 'unknown' && sp.name !== narrator) || own.some((sp) => sp.tag?.kind === 'name')) continue;
      for (const sp of own) if (sp.name === 'unknown' && (!sp.tag || sp.tag.kind === 'narrator')) set(sp, narrator, 0.95, 'anaphora', `by its tag “said I”: the narrator, ${narrator}`);
    }
    // A narrator no pronoun can give a gender to takes the one the others' words of address give them: "sir",
    // "ma'am" in the turns right after theirs (three times or more, never the other). For the cast only, to tell
    // names apart ("Mrs. Hudson" is not Watson): inside the book "said he" is never the one who says "I".
    if (!chars.gender.has(narrator)) {
      const votes = { m: 0, f: 0 };
      for (let t = 0; t + 1 < turns.length; t++) {
        const mine = turns[t].speeches.some((sp) => sp.name === narrator && (sp.confidence ?? 1) >= CONFIDENT);
        const next = turns[t + 1];
        if (mine && next.p <= turns[t].p + 2 && next.addressing && !next.speeches.some((sp) => sp.name === narrator)) votes[next.addressing]++;
      }
      if (votes.m >= 3 && votes.f === 0) narratorGender = 'm';
      if (votes.f >= 3 && votes.m === 0) narratorGender = 'f';
    }
  }

  // A character's one family name: from a name of theirs ("Miss Bennet", "Elizabeth Bennet"), or the surname the
  // narration writes after their first name twice or more ("Elizabeth Bennet"). Asked only for kin tags ("her mother").
  const surnames = new Map<string, string | undefined>();
  const surnameFor = (c: string): string | undefined => {
    if (surnames.has(c)) return surnames.get(c);
    const all = [...(chars.aliases.get(c) ?? [])];
    const firsts = [...new Set(all.filter((a) => mayJoin(a) && coreWords(a).length === 1).map((a) => coreWords(a)[0]))];
    // A title before a first name ("Miss Eliza", "Lady Catherine") is no family name.
    const first = (w: string) => firsts.includes(w) || FIRST_NAMES.has(w);
    const own = new Set(all.filter((a) => coreWords(a).length === 2 || (coreWords(a).length === 1 && !mayJoin(a) && !first(coreWords(a)[0]))).map((a) => coreWords(a).pop()!));
    let found = own.size === 1 ? [...own][0] : undefined;
    // The first name the character goes by ("Elizabeth", whatever pet forms join it: Lizzy, Eliza).
    const given = coreWords(c).length === 1 && mayJoin(c) ? coreWords(c)[0] : firsts.length === 1 ? firsts[0] : undefined;
    if (own.size === 0 && given) {
      const first = given;
      const re = new RegExp(String.raw`(?<![\p{L}])${first[0].toUpperCase()}${first.slice(1)}\s+(\p{Lu}\p{Ll}+)(?![\p{L}])`, 'gu');
      const seen = new Map<string, number>();
      for (const p of passages) if (p.text.includes(first[0].toUpperCase() + first.slice(1))) for (const m of p.text.matchAll(re)) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
      const best = [...seen].filter(([w, n]) => n >= 2 && !NOT_NAMES.has(w)).sort((a, b) => b[1] - a[1]);
      if (best.length === 1 || (best.length > 1 && best[0][1] >= 4 * best[1][1])) found = best[0][0].toLowerCase();
    }
    surnames.set(c, found);
    return found;
  };
  // And the one the book's kin tags name ("her mother": Mrs. Bennet, every time the tag's "her" is known), for a tag
  // whose "her" is not: filled in below, before the conversations are read.
  const surnameOf: Family = Object.assign(surnameFor, { usual: new Map<string, string>() });

  // 4. Conversations: runs of speech paragraphs with at most short narration between them.
  const conversation: number[] = [];
  let id = 0;
  for (let t = 0; t < turns.length; t++) {
    if (t > 0) {
      const gap = passages.slice(turns[t - 1].p + 1, turns[t].p);
      const far = gap.length > 1 || gap.some((p) => p.text.length > 500) || passages[turns[t].p].section !== passages[turns[t - 1].p].section;
      if (far) id++;
    }
    conversation.push(id);
  }

  // The kin tags whose "her"/"his" is known name the same one, twice or more: that one is who the tag usually names.
  const kinSeen = new Map<string, Set<string>>();
  const kinCount = new Map<string, number>();
  for (let t = 0; t < turns.length; t++) {
    const sp = turns[t].speeches.find((x) => x.name === 'unknown' && x.tag?.kind === 'description');
    const text = sp?.tag?.kind === 'description' ? sp.tag.text : undefined;
    const kin = text && KIN_TAG.test(text) ? kinOf(text, turns, t, conversation, chars, surnameOf) : undefined;
    if (!text || !KIN_TAG.test(text)) continue;
    kinSeen.set(text, new Set([...(kinSeen.get(text) ?? []), kin?.name ?? '']));
    if (kin) kinCount.set(text, (kinCount.get(text) ?? 0) + 1);
  }
  for (const [text, who] of kinSeen) {
    const named = [...who].filter(Boolean);
    if (named.length === 1 && (kinCount.get(text) ?? 0) >= 2) surnameOf.usual.set(text, named[0]);
  }

  // An epithet the book's tags give in three turns or more ("said the painter") is the one character who, each time,
  // is in the conversation (a confident speaker within eight turns) and did not speak the turn before or after: the
  // same one at least three times and in three turns in five, twice as often as anyone else.
  const turnOf = new Map<Speech, number>();
  for (let t = 0; t < turns.length; t++) for (const sp of turns[t].speeches) turnOf.set(sp, t);
  const present = (t: number) => {
    const near = around(turns, t, conversation, 8);
    for (const u of [t - 1, t + 1]) if (u >= 0 && u < turns.length && conversation[u] === conversation[t]) near.delete(known(turns[u]) ?? '');
    for (const v of turns[t].vocatives) near.delete(v);
    return near;
  };
  for (const [text, said] of epithets) {
    const ts = [...new Set(said.map((sp) => turnOf.get(sp)).filter((t): t is number => t !== undefined))];
    if (ts.length < 3) continue;
    const votes = new Map<string, number>();
    for (const t of ts) {
      const here = present(t);
      // Called by name in the turn before or after: “Thanks, Basil,” answered Dorian Gray.
      const called = new Set([t - 1, t + 1].flatMap((u) => (u >= 0 && u < turns.length && conversation[u] === conversation[t] ? turns[u].vocatives : [])));
      for (const c of here) votes.set(c, (votes.get(c) ?? 0) + (called.has(c) ? 3 : 1));
    }
    const [best, second] = [...votes].sort((a, b) => b[1] - a[1]);
    if (!best || best[1] < 3 || best[1] < 0.6 * ts.length || (second && best[1] < 2 * second[1])) continue;
    for (const sp of said) {
      const t = turnOf.get(sp);
      if (t === undefined || sp.name !== 'unknown' || !present(t).has(best[0])) continue;
      // Its paragraph, unless someone else is named in it.
      const own = turns[t].speeches.filter((x) => x.p === sp.p);
      if (own.some((x) => x.name !== 'unknown' && x.name !== best[0])) continue;
      for (const x of own) if (x.name === 'unknown' && (x === sp || !x.tag)) set(x, best[0], EPITHET_CONFIDENCE, 'anaphora', `by its tag “${text}”: ${best[0]}, whom the book calls so`);
    }
  }

  // 5. Anaphora, vocatives and turn-taking, twice: each sieve may give the next what it needs.
  // The characters each short paragraph of narration names (between two turns of a run).
  const gapNames = new Map<number, string[]>();
  if (aliasRe) {
    for (let t = 1; t < turns.length; t++) {
      const g = turns[t].p - 1;
      if (g === turns[t - 1].p + 1 && passages[g].text.length <= 400) gapNames.set(g, [...new Set([...passages[g].text.matchAll(aliasRe)].map((m) => chars.of(m[0])).filter((c): c is string => !!c))]);
    }
  }
  // Speeches the run sieve filled in: never anchors of a run themselves.
  const filled = new Set<Speech>();
  for (let round = 0; round < 3; round++) {
    for (let t = 0; t < turns.length; t++) resolveAnaphora(turns, t, conversation, chars, surnameOf);
    for (let t = 0; t < turns.length; t++) addressee(turns, t, conversation);
    for (let t = 0; t < turns.length; t++) alternate(turns, t, conversation);
    alternateRuns(turns, conversation, chars, filled, gapNames);
  }

  // A speech broken only by an aside ("… Miss Elliot,” (looking with serious reflection), “I should …", "…,” turning to
  // Charlotte, “I am …") goes on in the same voice, whichever half a sieve named.
  for (const list of speechOf) {
    if (!list || list.length < 2) continue;
    const text = passages[list[0].p].text;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k + 1 < list.length; k++) {
        const [from, to] = pass === 0 ? [list[k], list[k + 1]] : [list[k + 1], list[k]];
        if (from.name === 'unknown' || to.name !== 'unknown' || to.tag || list[k].open) continue;
        if (!ASIDE.test(text.slice(list[k].end + 1, list[k + 1].start - 1))) continue;
        const tagged = from.by === 'tag' || !from.by;
        set(to, from.name, tagged ? 0.95 : from.confidence!, tagged ? 'paragraph' : from.by, tagged ? 'the same speech, broken by an aside' : from.reason);
      }
    }
  }

  // No one calls themselves by name: a speech that calls its inferred speaker ("Good-by, my sweet Robert") is
  // someone else's, whatever sieve said otherwise; left as a guess, never used to flag.
  for (const turn of turns) {
    for (const sp of turn.speeches) {
      if (!sp.by || sp.by === 'tag' || (sp.confidence ?? 1) < CONFIDENT || !(turn.vocatives.includes(sp.name) || turn.calling.includes(sp.name))) continue;
      // The speech itself, not another voice of its paragraph (“What has happened, Anne?” asked Gilbert. “…” explained
      // Anne, “and I had to drift…”): only its own words call its speaker.
      const text = passages[sp.p].text;
      const own = [...vocatives(text, [sp], chars), ...(aliasRe ? narrationMentions(text, [sp], aliasRe, chars).calling : [])];
      if (own.includes(sp.name)) sp.confidence = 0.5;
    }
  }

  // 6. What the sieves left open, decoded over each conversation at once.
  if (aliasRe) decodeConversations(turns, conversation, chars, passages, aliasRe, surnameOf);

  // Two characters who answer each other, twice or more, or one calling the other by name, are two people (once
  // may be one person the narration names two ways, speaking in two paragraphs: "Charlotte" and "Mrs. Palmer").
  const met = new Set<string>();
  const answered = new Map<string, number>();
  const sure = (t: number) => {
    const s = speakerOfTurn(turns[t]);
    return s && (s.confidence ?? 1) >= CONFIDENT ? s.name : undefined;
  };
  for (let t = 0; t < turns.length; t++) {
    const b = sure(t);
    if (!b) continue;
    const a = t > 0 && conversation[t - 1] === conversation[t] ? sure(t - 1) : undefined;
    const pair = a && a !== b ? [a, b].sort().join('|') : undefined;
    if (pair) answered.set(pair, (answered.get(pair) ?? 0) + 1);
    // Once is enough but for a bare name and a titled one of the same gender: those may be one person.
    if (pair && answered.get(pair)! >= (oneOrTwo(a!, b, chars) ? 2 : 1)) met.add(pair);
    for (const v of turns[t].vocatives) if (v !== b) met.add([v, b].sort().join('|'));
  }
  for (const list of speechOf) {
    if (!list) continue;
    passages[list[0].p].speakers = list.map(({ start, end, name, confidence, reason, by, among, elsewhere }) => {
      // Only a speech no sieve is sure of keeps who else may speak it.
      const unsure = among && (name === 'unknown' || (confidence ?? 1) < CONFIDENT) ? { among, elsewhere } : {};
      return name === 'unknown' ? { start, end, name, ...unsure } : { start, end, name, ...(by === 'tag' ? {} : { confidence: Math.round(confidence! * 100) / 100, reason, by }), ...unsure };
    });
  }
  const people: Record<string, string[]> = {};
  for (const [c, all] of chars.aliases) people[c] = [...all];
  const gender: Record<string, Gender> = {};
  for (const [c, g] of chars.gender) gender[c] = g;
  if (narrator && narratorGender) gender[narrator] = narratorGender;
  return { curated: false, people, gender, met: [...met].sort() };
}

/** "Charlotte" and "Mrs. Palmer": a bare name and a title with a name, not told apart by gender, may be one person. */
function oneOrTwo(a: string, b: string, chars: Characters): boolean {
  const bare = (n: string) => coreWords(n).length === 1 && mayJoin(n);
  const titled = (n: string) => coreWords(n).length === 1 && !mayJoin(n);
  const [ga, gb] = [chars.gender.get(a), chars.gender.get(b)];
  return ((bare(a) && titled(b)) || (titled(a) && bare(b))) && (!ga || !gb || ga === gb);
}

function set(s: Speech, name: string, confidence: number, by: SpeechSpan['by'], reason: string | undefined): void {
  s.name = name;
  s.confidence = confidence;
  s.by = by;
  s.reason = reason;
}

/** The one speaker of a turn, when every named speech agrees (and at least one is named). */
function speakerOfTurn(turn: Turn): Speech | undefined {
  let found: Speech | undefined;
  for (const s of turn.speeches) {
    if (s.name === 'unknown') continue;
    if (found && found.name !== s.name) return undefined;
    if (!found || (s.confidence ?? 1) > (found.confidence ?? 1)) found = s;
  }
  return found;
}

function paragraphWide(turn: Turn, name: string, confidence: number, by: SpeechSpan['by'], reason: string): void {
  // A paragraph tagged for someone else is not one voice.
  if (turn.speeches.some((s) => s.name !== 'unknown' && s.name !== name)) return;
  if (turn.speeches.some((s) => s.tag && s.tag.kind === 'name')) return;
  for (const s of turn.speeches) if (s.name === 'unknown') set(s, name, confidence, by, reason);
}

function aliasPattern(chars: Characters): RegExp | undefined {
  const all = [...chars.canon.keys()].length ? [...new Set([...chars.aliases.values()].flatMap((s) => [...s]))] : [];
  if (all.length === 0) return undefined;
  // "the Dormouse" opens a sentence as "The Dormouse".
  const esc = all.sort((a, b) => b.length - a.length).map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/^the\\s\+/, '[Tt]he\\s+'));
  return new RegExp(String.raw`(?<![\p{L}])(?:${esc.join('|')})(?![\p{L}])`, 'gu');
}

// The end of a paragraph of narration that goes on speaking into the next: "Mrs. Hurst began again.", "The Mock Turtle went on."
const GOES_ON = /(?:^|[.!?,;—]\s*|\b(?:and|but|then|before|till|until|when|as|so)\s+)(?:(?:[Tt]he\s+)?\p{Lu}[\p{L}’'-]*(?:\.?\s+\p{Lu}[\p{L}’'-]*)*|he|she)(?:\s*,[^,.;!?]{1,60},|\s+\p{Ll}+ed\b[^.!?;"“”]{0,60}?,?\s+and)?\s+(?:(?:\p{Ll}+ly|then|again|here|now|soon|at\s+last)\s+)*(?:went\s+on|going\s+on|began\s+again|began|resumed|proceeded|continued|burst\s+forth(?:\s+again)?|spoke\s+(?:now|again|up|out)|(?:repeated|renewed|pressed)\s+(?:her|his|their|the)\s+(?:invitation|question|request|entreaty|offer|inquiry|enquiry|argument|subject)|it\s+was\s+who\s+spoke(?:\s+(?:up|out))?)(?:\s+(?:talking|speaking))?(?:\s+\p{Ll}+ly)?(?:\s+(?:again|now|thus))?\s*[.]\s*$/u;

// "Mrs. Weston ventured this apology for Jane.": the remark follows.
const THIS_REMARK = new RegExp(String.raw`\b(?:made|ventured|gave|offered|uttered)\s+(?:only\s+)?(?:this|these|the\s+following)\s+(?:[\p{Ll}-]+\s+){0,2}${REMARKS}(?:\s+[^.!?"“”]{0,30})?[.]\s*$`, 'u');

// Between two halves of one speech: a stage direction in parentheses, or a participle ("turning to Charlotte").
const ASIDE = /^\s*[,;—-]*\s*(?:\([^()"“”]{1,80}\)|\p{Ll}+ing\b[^.!?;()"“”]{0,60}?)\s*[,;:—-]*\s*$/u;
const SUBJECT_PRONOUNS = /(?<![\p{L}])(?:he|she|they|we|I|you|it|He|She|They|We|You|It)(?![\p{L}’'])/u;
const OBJECT_BEFORE = /(?:^|\s)(?:to|at|with|for|of|from|on|upon|by|towards|toward|about|than|near|like|after|before|behind|beside|whom|addressing|round|into|over|under|against|among|between)\s+(?:the\s+)?$/i;

/**
 * The character whose name opens the sentence that leads into a speech and ends on speaking, with no one else
 * doing anything in it: "Mr. Collins, much offended, laid aside his book, and said," "Alice considered a little,
 * and then said". Anyone else must be an object ("drawing near Elizabeth"); a pronoun subject ("as she went")
 * or a second speech verb with its own subject and the sentence is not one person's.
 */
function sentenceSubject(intro: string, re: RegExp, chars: Characters, verbs: ReadonlySet<string>): string | undefined {
  const trimmed = intro.replace(/\s+$/, '');
  if (!trimmed || !/(?:[\p{L},:—-])$/u.test(trimmed)) return undefined;
  // The last sentence, or the last clause with a subject of its own ("; and Anne, after …, added--", ", when Elinor cried out,").
  const sentence = trimmed
    .split(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|M)\.)(?<=[.!?])["”)]?\s+|;\s*(?:(?:and|but|when|while|then)\s+){0,2}(?=[\p{Lu}"“]|(?:a|an|one|the)\s+(?:[\p{Ll}-]+\s+){0,2}\p{Lu})|(?:--|—)(?=\s*\p{Lu})|,\s*(?:when|while|till|until|whereupon|and|but|so|that)\s+(?=(?:the\s+)?\p{Lu})/u)
    .pop()!;
  const words = sentence.split(/[^\p{L}’'-]+/u).filter(Boolean);
  // It ends on speaking: the verb among its last eight words ("…, and said, without opening its eyes,").
  const tail = words.slice(-8);
  const at = tail.findIndex((w) => verbs.has(w) || SAYING.has(w) || w === 'went' || w === 'began');
  if (at < 0) return undefined;
  re.lastIndex = 0;
  const first = re.exec(sentence);
  re.lastIndex = 0;
  if (!first) return undefined;
  const prefix = sentence.slice(0, first.index);
  // What may stand before the subject: a conjunction or an adverbial ("But", "At length", "In a doleful voice").
  // A longer adverbial only as a phrase of its own, set off by a comma ("After a few whispers, indeed, …, Mrs. Elton").
  const prefixWords = prefix.split(/\s+/).filter(Boolean).length;
  if (prefixWords > 12 || (prefixWords > 5 && !/,\s*$/.test(prefix)) || /(?<![\p{L}])(?:he|she|they|we|I|you|He|She|They|We|You)(?![\p{L}’'])/u.test(prefix)) return undefined;
  // "A glass of wine, which Elinor procured for her, …": the name of a clause inside someone else's sentence.
  if (OBJECT_BEFORE.test(prefix) || /[’']s\s*$/.test(prefix) || /\b(?:which|who|whom|whose|that|when|while|as|if|though|although|because|since|till|until)\s+(?:the\s+)?$/i.test(prefix)) return undefined;
  if (/\p{Lu}/u.test(prefix.replace(/^[\s"“(]*\p{Lu}/u, '')) && !/^[\s"“(]*(?:In|At|But|And|Then|So|Here|Now|Soon|Again|On|After|When)\b/u.test(prefix)) return undefined;
  const c = chars.of(first[0]);
  if (!c) return undefined;
  const rest = sentence.slice(first.index + first[0].length);
  // "Emma heard her saying …": the one who hears is not the one who speaks.
  if (/\b(?:heard|hear|hears|overheard|overhear|listened|listening)\b/.test(rest)) return undefined;
  // "Jane and Elizabeth looked at each other": two subjects; "Alice's sister": not Alice.
  if (/^(?:[’']s\b|\s+(?:and|or|nor)\s+\p{Lu})/u.test(rest)) return undefined;
  // A pronoun of the subject's own gender may be the subject again ("Mr Shepherd laughed, as he knew he must, … and
  // then added--"), when no one else of that gender is named in the sentence.
  const g = chars.gender.get(c);
  const own = g === 'm' ? /\b(?:he|He)\b/g : g === 'f' ? /\b(?:she|She)\b/g : undefined;
  const others = [...rest.matchAll(re)].some((m) => chars.of(m[0]) !== c && chars.gender.get(chars.of(m[0]) ?? '') === g);
  if (SUBJECT_PRONOUNS.test(rest.replace(/\b(?:it was|it is)\b/g, '').replace(own && !others ? own : /$^/, ''))) return undefined;
  for (const m of rest.matchAll(re)) {
    if (chars.of(m[0]) === c) continue;
    const before = rest.slice(0, m.index);
    if (!OBJECT_BEFORE.test(before) && !/\b(?:\p{Ll}+ed|\p{Ll}+ing|saw|met|left|took|gave|told|heard|made|let|bid|bade|beg|begged|asked)\s+$/u.test(before)) return undefined;
  }
  // Another speech verb after a new clause ("…, while the young man … replied:") is someone else's.
  // "after the little pause which followed, added": after and before with a noun are a phrase of time, no clause.
  const clauses = rest.split(/\b(?:while|whilst|when|till|until|as soon as|whereupon|but)\b|\b(?:before|after)\b(?!\s+(?:the|a|an|some|a\s+few)\s+(?:[\p{Ll}-]+\s+){0,4}[\p{Ll}-]+\s*,)/u);
  if (clauses.length > 1 && clauses.slice(1).some((cl) => cl.split(/[^\p{L}]+/u).some((w) => verbs.has(w) && /\bthe\s+\p{Ll}/u.test(cl)))) return undefined;
  return c;
}

/**
 * The end of the narration before a speech, where a clause leading into it stands: the regular expressions anchored
 * at its end read no more (a long paragraph stays cheap). A cut word is marked off so that it opens no clause.
 */
function lastWords(text: string): string {
  if (text.length <= 320) return text;
  const cut = text.slice(-320);
  return `… ${cut.slice(cut.search(/\s/) + 1)}`;
}

/** The subject of the last clause before a speech (clauseRe or whoRe), when nothing in the clause speaks against it. */
function lastClause(intro: string, r: RegExp | undefined, re: RegExp, chars: Characters): RegExpExecArray | null {
  if (!r || !/[\p{L},:—-]\s*$/u.test(intro)) return null;
  // The leftmost clause that fits may be someone else's ("Alice replied, so eagerly that the Gryphon said, …"): then the
  // next one after it, a few times (each cut marked off so that it opens no clause).
  let text = lastWords(intro);
  for (let tries = 0; tries < 4; tries++) {
    const m = r.exec(text);
    if (!m) return null;
    if (clauseFits(m, re, chars)) return m;
    text = `… ${text.slice(m.index + 1)}`;
  }
  return null;
}

/** Whether nothing in a clause found by clauseRe or whoRe speaks against its subject. */
function clauseFits(m: RegExpExecArray, re: RegExp, chars: Characters): boolean {
  const c = chars.of(m[1]);
  if (!c) return false;
  const between = m[2];
  // "…, and when Mary had finished her song, said aloud": after "when" the name's clause is its own, not the speaking one.
  if (/^[\s,]*(?:when|till|until|while|whereupon)\s/.test(m[0]) && /\S/.test(between.replace(/\b(?:\p{Ll}+ly|then|again|now|only|here|at\s+last|was|were|and)\b/gu, ''))) return false;
  // No one else doing anything in it: another name only as an object ("drawing near Elizabeth"), a pronoun only of
  // the speaker's own gender ("sighing over it as she unlocked it").
  const g = chars.gender.get(c);
  // A pronoun subject of a clause of time joined by "and" ("…, and when she ceased speaking, replied") is no one else
  // speaking; ", when she drew back, and said" is her speaking.
  const main = between.replace(/\band\s+(?:when|while|as|after|before|till|until|since|though|although|if)\s+(?:he|she|they|I|we|you)\b/g, '');
  const pronouns = [...main.matchAll(/(?<![\p{L}])(he|she|they|we|I|you)(?![\p{L}’'])/giu)].map((p) => p[1].toLowerCase());
  if (pronouns.some((p) => !((p === 'she' && g === 'f') || (p === 'he' && g === 'm')))) return false;
  // "Diana, going to the gable, where Anne was standing, said": a name in a clause of place is no one speaking either.
  const someoneElse = (part: string) =>
    [...part.matchAll(re)].some((n) => chars.of(n[0]) !== c && !OBJECT_BEFORE.test(part.slice(0, n.index)) && !/(?:\p{Ll}+(?:ed|ing)|where)\s+$/u.test(part.slice(0, n.index)));
  if (someoneElse(between)) return false;
  // After the verb, only how it is said ("in a low voice", "to Darcy"): "…, Alice thought), and it said" is another's.
  const after = [...m[3].matchAll(/(?<![\p{L}])(he|she)(?![\p{L}’'])/giu)].map((p) => p[1].toLowerCase());
  if (/[()]/.test(m[3]) || /\b(?:and|but|or)\s+(?:it|he|she|they|I|we|you)\s/i.test(m[3]) || after.some((p) => (p === 'she') !== (g === 'f'))) return false;
  return !someoneElse(m[3]);
}

/** The one character the last clause before a speech names, when it leads into the speech ("…, Emma exclaimed,"). */
function introducer(intro: string, re: RegExp, chars: Characters, verbs: ReadonlySet<string>): { name: string; subject: boolean } | undefined {
  // "…, Emma exclaimed," or a short sentence of its own: "Mr. Collins began."
  const short = /(?:^|[.!?]\s+)[^.!?]{1,40}\.\s*$/.test(intro.replace(/\b(?:Mr|Mrs|Ms|Dr|St)\./g, 'Mr'));
  if (!/[,:—-]\s*$/.test(intro) && !short) return undefined;
  // It must end on speaking: "…, Emma exclaimed,", "Harriet said--", "only stopt to say, with …,".
  const tail = intro.split(/\s+/).slice(-6).map((w) => w.replace(/[^\p{L}]/gu, ''));
  if (!tail.some((w) => verbs.has(w) || SAYING.has(w))) return undefined;
  const sentences = intro.split(/(?<![A-Z][a-z]?[a-z]?\.)(?<=[.!?])["”]?\s+(?=\p{Lu})/u);
  const last = sentences[sentences.length - 1];
  // "Emma heard her saying …": the one who hears is not the one who speaks.
  if (/\b(?:heard|hear|hears|overheard|overhear|listened|listening)\b/.test(last)) return undefined;
  const found = new Set<string>();
  let subject = false;
  for (const m of last.matchAll(re)) {
    // "with these words to Mr. Woodhouse:" names the one spoken to.
    if (/(?:^|\s)(?:to|at|with|for|of|from|on|upon|by|towards|toward|about|than|and|or|nor)\s+(?:the\s+)?$/i.test(last.slice(0, m.index)) && !/;\s*and\s+(?:the\s+)?$/i.test(last.slice(0, m.index))) continue;
    // "A glass of wine, which Elinor procured for her, …": the name of a clause inside someone else's sentence.
    if (/\b(?:which|whom|whose|that)\s+(?:the\s+)?$/i.test(last.slice(0, m.index))) continue;
    // "Mrs. Welland murmured, while the young man … replied:": her verb is not the one that leads in.
    const rest = last.slice(m.index! + m[0].length).split(/[^\p{L}]+/u);
    if (rest.filter((w) => verbs.has(w) || SAYING.has(w)).length > 1) return undefined;
    const c = chars.of(m[0]);
    if (!c) continue;
    found.add(c);
    // Surest when the name opens the sentence and no pronoun takes over before the verb: "Emma listened, and then coolly said,".
    // A pronoun of the name's own gender is the name again; one in a clause the verb takes ("saw what he was doing",
    // "assured her that they never sat there") is someone else, but not a subject of the speaking.
    const g = chars.gender.get(c);
    const after = last
      .slice(m.index! + m[0].length)
      .replace(/\b(?:that|what|whether|how|if|why|where)\s+(?:he|she|they)\b/g, '')
      .replace(g === 'f' ? /\bshe\b/g : g === 'm' ? /\bhe\b/g : /$^/, '');
    subject = /(?:^\W*(?:\p{Lu}\p{Ll}*\s+)?|[,;]\s*(?:and\s+|then\s+|but\s+)?)$/u.test(last.slice(0, m.index)) && !/\b(?:he|she|they|who|which)\b/.test(after);
  }
  return found.size === 1 ? { name: [...found][0], subject } : undefined;
}

/** Characters that open a sentence (or a clause after ";") of the narration before a paragraph's last speech. */
function leadingSubjects(text: string, list: readonly Speech[], before: string, opener: RegExp, chars: Characters): string[] {
  const out = new Set<string>();
  const segments = [before.split(/(?<=[.!?])\s+/).pop() ?? ''];
  let from = 0;
  for (const sp of list) {
    segments.push(text.slice(from, Math.max(from, sp.start - 1)));
    from = sp.end + 1;
  }
  for (const segment of segments) {
    for (const piece of segment.split(/(?<=[.!?;])\s+|—/)) {
      const m = opener.exec(piece.replace(/^[\s"”“(]+/, ''));
      const c = m && chars.of(m[1]);
      if (c) out.add(c);
    }
  }
  return [...out];
}

/** Characters that open a sentence (or a clause after ";") of a paragraph of narration. */
function sentenceOpeners(text: string, opener: RegExp, chars: Characters, any: RegExp): string[] {
  const out = new Set<string>();
  // Only a paragraph about one person of each gender: anyone else it names may be the one meant.
  const named = new Set([...text.matchAll(any)].map((m) => chars.of(m[0])).filter((c): c is string => !!c));
  for (const g of ['m', 'f'] as const) if ([...named].filter((c) => chars.gender.get(c) === g).length > 1) for (const c of named) if (chars.gender.get(c) === g) named.delete(c);
  for (const piece of text.split(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|M)\.)(?<=[.!?;])\s+|—/)) {
    const m = opener.exec(piece.replace(/^[\s"”“(]+/, ''));
    const c = m && chars.of(m[1]);
    if (c && named.has(c)) out.add(c);
  }
  return [...out];
}

/**
 * Characters named in a paragraph's narration (outside its speeches), in order; the ones its speeches name; and the
 * ones they call by name anywhere in a speech (", Lord Henry!", "Oh, Marianne, …"), set off as a vocative is.
 */
function narrationMentions(text: string, list: readonly Speech[], re: RegExp, chars: Characters): { mentions: string[]; spoken: string[]; calling: string[] } {
  const mentions: string[] = [];
  const spoken: string[] = [];
  const calling: string[] = [];
  // Matches and speeches both come in order: one walk over each.
  let k = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index!;
    while (k < list.length && list[k].end <= at) k++;
    const c = chars.of(m[0]);
    if (!c) continue;
    if (k < list.length && list[k].start <= at) {
      if (!spoken.includes(c)) spoken.push(c);
      const before = text.slice(Math.max(list[k].start, at - 24), at);
      const after = text.slice(at + m[0].length, Math.min(list[k].end, at + m[0].length + 2));
      const set = /(?:^|[,!?;—-]\s*|(?:^|[,!?;]\s+)(?:[Oo]h?|[Mm]y|[Dd]ear|[Mm]y\s+(?:dear(?:est)?|poor|sweet|good|own)|[Pp]oor|[Ss]weet),?\s+)$/u.test(before) && (at === list[k].start || /[\p{P}\s]$/u.test(before));
      if (set && (after === '' || /^\s*[,!?.;—-]/u.test(after)) && !calling.includes(c)) calling.push(c);
    } else mentions.push(c);
  }
  return { mentions, spoken, calling };
}

/** The gender a speech's words of address give the one it speaks to ("…, sir?", "Ma'am, …", "No, papa."). */
export function addressedGender(text: string, list: readonly { start: number; end: number }[]): Gender | undefined {
  let found: Gender | undefined;
  for (const s of list) {
    const words = text.slice(s.start, s.end);
    for (const m of words.matchAll(/(?:^|[,!?;—-]\s*)(sir|Sir|ma[’']am|Ma[’']am|madam|Madam|papa|Papa|father|Father|mamma|Mamma|mama|Mama|mother|Mother)(?=\s*[,!?.;—-]|\s*$)/gu)) {
      const g: Gender = /^(?:sir|papa|father)$/i.test(m[1]) ? 'm' : 'f';
      if (found && found !== g) return undefined;
      found = g;
    }
  }
  return found;
}

// Common English pet forms of first names (general knowledge of the language, not of any one book).
const PET_NAMES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
  (
    'Lizzy:Elizabeth Lizzie:Elizabeth Eliza:Elizabeth Liz:Elizabeth Beth:Elizabeth Betsy:Elizabeth Bess:Elizabeth Bessie:Elizabeth ' +
    'Meg:Margaret Maggie:Margaret Peggy:Margaret Kitty:Catherine Kate:Catherine Katy:Catherine Annie:Anne Nancy:Anne Nan:Anne ' +
    'Polly:Mary Molly:Mary Mamie:Mary Hetty:Harriet Etta:Henrietta Fanny:Frances Charley:Charles Charlie:Charles Fred:Frederick ' +
    'Freddy:Frederick Will:William Willy:William Bill:William Billy:William Dick:Richard Jack:John Johnny:John Bob:Robert Bobby:Robert ' +
    'Tom:Thomas Tommy:Thomas Ned:Edward Ted:Edward Teddy:Edward Bella:Isabella Sukey:Susan Sue:Susan Sally:Sarah Jenny:Jane Nelly:Ellen ' +
    'Harry:Henry Hal:Henry Jim:James Jimmy:James Jem:James Sam:Samuel Dolly:Dorothy Patty:Martha Matty:Martha Louie:Louisa Lou:Louisa ' +
    'Di:Diana Gil:Gilbert Bertie:Albert Alfy:Alfred Georgy:George Georgie:Georgiana Tony:Anthony Nick:Nicholas Joe:Joseph'
  )
    .split(' ')
    .map((p) => p.split(':') as [string, string]),
  ),
);
/** First names, full and pet forms, in lower case. */
const FIRST_NAMES = new Set(Object.entries(PET_NAMES).flat().map((n) => n.toLowerCase()));
// Words that open or close a speech with a comma and are no one's name.
const NOT_CALLED = new Set('Nonsense Sir Madam Ma’am Ma\'am Papa Mamma Mama Mother Father Aunt Uncle Heavens Mercy Goodness Hark Look Listen Stop Wait Good Bless Thank Thanks Please Pooh Bah Fie Alas Capital Excellent Impossible True Right Certainly'.split(' '));
const CALLED_HEAD = new RegExp(
  String.raw`^(?:(?:Oh|O|Ah|Well|Yes|No|Nay|Why|Indeed|Pray|Come|Dear|Hush|Now)[,!]?\s+)?(?:[Mm]y\s+)?(?:(?:dear(?:est)?|good|poor|sweet)\s+)?(${TITLE}?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)\s*[,!?]`,
  'u',
);
const CALLED_TAIL = new RegExp(String.raw`,\s+(?:my\s+)?(?:(?:dear(?:est)?|good|poor|sweet)\s+)?(${TITLE}?\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)\s*[.!?,]?\s*$`, 'u');

/** The names a paragraph's speeches call someone by, as written: "My dear Mr. Bennet," "…, Lizzy?" */
function calledNames(text: string, list: readonly Speech[], proper: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const s of list) {
    for (const m of [CALLED_HEAD.exec(text.slice(s.start, Math.min(s.end, s.start + 60))), CALLED_TAIL.exec(text.slice(Math.max(s.start, s.end - 60), s.end))]) {
      const n = m?.[1].replace(/\s+/g, ' ');
      // A name, not a word that opens a sentence ("Elementary, my dear Watson"): titled, or written with a capital
      // in the middle of a sentence elsewhere in the book.
      const word = n?.replace(new RegExp(String.raw`^${TITLE}`, 'u'), '').split(' ')[0];
      if (!n || !word || (!TITLED.test(n) && (NOT_NAMES.has(word) || !proper.has(word))) || NOT_CALLED.has(n) || out.includes(n)) continue;
      out.push(n);
    }
  }
  return out;
}

/**
 * A name the book uses to call someone ("Lizzy") that no tag gives is an alias of the one character who answers
 * it: in the exchanges where it is called, the next or the last speaker other than the caller is that character
 * (three times or more, four in five). Returns whether any name was learned.
 */
function learnCalledNames(turns: readonly Turn[], passages: readonly Passage[], chars: Characters): boolean {
  const votes = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  const sure = (t: number) => {
    const s = t >= 0 && t < turns.length ? speakerOfTurn(turns[t]) : undefined;
    return s && (s.confidence ?? 1) >= CONFIDENT ? s.name : undefined;
  };
  for (let t = 0; t < turns.length; t++) {
    const caller = sure(t);
    for (const n of turns[t].called) {
      if (chars.of(n)) continue;
      total.set(n, (total.get(n) ?? 0) + 1);
      // The answer, or else the turn it answers; both within the same stretch of paragraphs.
      const near = (u: number) => u >= 0 && u < turns.length && Math.abs(turns[u].p - turns[t].p) <= 2 && passages[turns[u].p].section === passages[turns[t].p].section;
      const who = near(t + 1) && sure(t + 1) !== caller ? sure(t + 1) : undefined;
      if (!who) continue;
      const v = votes.get(n) ?? new Map<string, number>();
      v.set(who, (v.get(who) ?? 0) + 1);
      votes.set(n, v);
    }
  }
  let learned = false;
  // A pet form of one character's first name ("Lizzy", "Eliza" for Elizabeth) is that character.
  for (const n of total.keys()) {
    const full = Object.hasOwn(PET_NAMES, n) ? PET_NAMES[n] : undefined;
    if (!full || chars.of(n)) continue;
    const holders = [...chars.aliases.keys()].filter((c) => [...chars.aliases.get(c)!].some((a) => coreWords(a)[0] === full.toLowerCase() && mayJoin(a)));
    if (holders.length === 1) {
      chars.join(n, holders[0]);
      learned = true;
    }
  }
  for (const [n, v] of votes) {
    if (chars.of(n)) continue;
    const [best, k] = [...v.entries()].sort((a, b) => b[1] - a[1])[0];
    const all = [...v.values()].reduce((a, b) => a + b, 0);
    if (k < 3 || k < 0.8 * all || k < 0.5 * (total.get(n) ?? 0)) continue;
    // A title must fit: "Miss Bennet" is no man.
    const t = titleOf(n);
    const g = chars.gender.get(best);
    if ((MALE_TITLES.test(t) && g === 'f') || (FEMALE_TITLES.test(t) && g === 'm')) continue;
    chars.join(n, best);
    learned = true;
  }
  return learned;
}

/**
 * The narrator of a novel in the first person: a dozen "said I" tags or more, and the one name the turns next to
 * them call most (half the time or more, three times or more: "my dear Watson"). Joined to the cast if new.
 */
function narratorOf(turns: readonly Turn[], chars: Characters): string | undefined {
  const mine = turns.map((turn) => turn.speeches.some((sp) => sp.tag?.kind === 'narrator'));
  if (mine.filter(Boolean).length < 12) return undefined;
  const calls = new Map<string, number>();
  let all = 0;
  for (let t = 0; t < turns.length; t++) {
    if (!mine[t]) continue;
    for (const u of [t - 1, t + 1]) {
      if (u < 0 || u >= turns.length || mine[u] || Math.abs(turns[u].p - turns[t].p) > 2) continue;
      for (const n of turns[u].called) {
        const c = chars.of(n) ?? n;
        calls.set(c, (calls.get(c) ?? 0) + 1);
        all++;
      }
    }
  }
  const best = [...calls.entries()].sort((a, b) => b[1] - a[1])[0];
  if (!best || best[1] < 3 || best[1] < 0.5 * all) return undefined;
  if (!chars.of(best[0])) chars.add(best[0]);
  return chars.of(best[0]);
}

/** Characters a paragraph's speeches call by name: "My dear Mr. Bennet," "…, Lizzy?" */
function vocatives(text: string, list: readonly Speech[], chars: Characters): string[] {
  const out: string[] = [];
  for (const s of list) {
    // A vocative opens or closes a speech: only its first and last words are read (a long speech stays cheap).
    const head = /^(?:(?:Oh|O|Ah|Well|Yes|No|Nay|Why|Indeed),?\s+)?(?:my\s+)?(?:dear(?:est)?\s+|good\s+)?([\p{Lu}][\p{L}.’' ]*?)\s*[,!?]/iu.exec(
      text.slice(s.start, Math.min(s.end, s.start + 60)),
    );
    const tail = /,\s+(?:my\s+)?(?:dear(?:est)?\s+)?([\p{Lu}][\p{L}.’' ]*?)\s*[.!?,]?\s*$/u.exec(text.slice(Math.max(s.start, s.end - 60), s.end));
    for (const m of [head, tail]) {
      const c = m && chars.of(m[1].trim());
      if (c && !out.includes(c)) out.push(c);
    }
  }
  return out;
}

function known(turn: Turn | undefined): string | undefined {
  return turn ? speakerOfTurn(turn)?.name : undefined;
}

/** "said she", "replied his wife": the one character of that gender in the conversation besides the last speaker. */
function resolveAnaphora(turns: Turn[], t: number, conv: number[], chars: Characters, surnameOf: Family): void {
  const turn = turns[t];
  const anaphoric = turn.speeches.filter((s) => s.name === 'unknown' && s.tag && s.tag.kind !== 'name' && s.tag.kind !== 'narrator');
  if (anaphoric.length === 0) return;
  const tag = anaphoric[0].tag as Exclude<Subject, { kind: 'name' } | { kind: 'narrator' }>;
  const g = tag.gender;
  // Whoever the speech calls by name is not its speaker.
  const fits = (c: string) => (!g || chars.gender.get(c) === g) && !turn.vocatives.includes(c);
  const prev = t > 0 && conv[t - 1] === conv[t] ? known(turns[t - 1]) : undefined;
  const before = t > 1 && conv[t - 2] === conv[t] ? known(turns[t - 2]) : undefined;
  let name: string | undefined;
  let reason = '';
  let conf = 0.85;
  // A description says nothing without its gender ("his friend", "the other").
  if (!g) return;
  const subject = turn.mentions[0] && turn.subject === turn.mentions[0] ? turn.subject : undefined;
  // "said her mother" to Elizabeth Bennet: the one Mrs. Bennet of the cast, when the one spoken to has that surname.
  const described = tag.kind === 'description' ? tag.text : undefined;
  const kin = described ? kinOf(described, turns, t, conv, chars, surnameOf) : undefined;
  if (kin) {
    const why = kin.of ? `${kin.name}, of ${kin.of}` : `${kin.name}, as the book’s “${described}” is elsewhere`;
    for (const s of turn.speeches) if (s.name === 'unknown' && (!s.tag || s.tag.kind === 'description')) set(s, kin.name, KIN_CONFIDENCE, 'anaphora', `by its tag “${described}”: ${why}`);
    return;
  }
  // "her mother" is someone related to the paragraph's subject, never the subject: these two are for pronouns.
  if (tag.kind === 'pronoun' && subject && fits(subject) && subject !== prev) {
    // The paragraph opens on its speaker: "Elizabeth coloured. “…,” said she."
    name = subject;
    reason = `“${tagText(tag)}”: ${subject}, who opens its paragraph`;
  } else if (tag.kind === 'pronoun' && turn.leads.filter((c) => fits(c) && c !== prev).length === 1 && turn.leads.filter(fits).length === 1) {
    // The one character of that gender who opens a sentence of the narration before it.
    name = turn.leads.find(fits)!;
    reason = `“${tagText(tag)}”: ${name}, the subject of the narration before it`;
    conf = 0.8;
  } else if (tag.kind === 'pronoun' && t > 0 && conv[t - 1] === conv[t] && turns[t - 1].vocatives.filter(fits).length === 1 && turns[t - 1].vocatives.find(fits) !== prev) {
    // "…, Mr. Knightley.” / “…,” cried he: the one the turn before called by name answers.
    name = turns[t - 1].vocatives.find(fits)!;
    reason = `“${tagText(tag)}”: ${name}, whom the turn before called by name`;
    conf = 0.85;
  } else if (tag.kind === 'pronoun' && turn.priorLeads.filter(fits).length === 1 && turn.priorLeads.find(fits) !== prev && turn.leads.filter(fits).length === 0) {
    // The one character of that gender who opens a sentence of the narration paragraph before it.
    name = turn.priorLeads.find(fits)!;
    reason = `“${tagText(tag)}”: ${name}, the subject of the paragraph before it`;
    conf = 0.85;
  } else if (tag.kind === 'pronoun' && alternation(turns, t, conv, chars, g)) {
    // A (she), B (he), “…,” said she: A again, three paragraphs one after another, both known.
    name = known(turns[t - 2])!;
    reason = `“${tagText(tag)}”: ${name}, answering ${known(turns[t - 1])}`;
    conf = 0.85;
  } else if (prev && before && before !== prev && fits(before) && [...around(turns, t, conv, 4)].every((c) => c === prev || c === before || !fits(c))) {
    name = before;
    reason = `“${tagText(tag)}” replying to ${prev}`;
    conf = 0.7;
  } else if (prev) {
    // The conversation's recent speakers.
    const recent = new Set<string>();
    for (let u = t - 1; u >= 0 && u >= t - 6 && conv[u] === conv[t]; u--) {
      const k = known(turns[u]);
      if (k) recent.add(k);
    }
    const cands = [...recent].filter((c) => c !== prev && fits(c));
    if (cands.length === 1 && chars.gender.get(prev) !== g) {
      name = cands[0];
      reason = `“${tagText(tag)}”: the one ${g === 'f' ? 'woman' : 'man'} in the conversation besides ${prev}`;
      conf = 0.7;
    }
  }
  if (!name) {
    const found = participantOf(turns, t, conv, chars, g, prev);
    if (!found) return;
    ({ name, reason, conf } = found);
    reason = `“${tagText(tag)}”: ${reason}`;
  }
  if (tag.kind === 'description') conf -= 0.05;
  for (const s of turn.speeches) if (s.name === 'unknown' && (!s.tag || (s.tag.kind !== 'name' && s.tag.kind !== 'narrator'))) set(s, name, conf, 'anaphora', `by its tag ${reason}`);
}

/** "said the painter" resolved over the book (measured on PDNC: see the commit that brought it). */
const EPITHET_CONFIDENCE = 0.85;

/** Measured on PDNC (see BENCHMARKS.md, "anaphora by its tag “her mother”"). */
const KIN_CONFIDENCE = 0.85;
const KIN_TAG = /^(his|her) (mother|father|wife|husband)$/;
/** A character's family name, and the one each kin tag usually names in the book. */
type Family = ((c: string) => string | undefined) & { usual: Map<string, string> };
const KIN_TITLE: Readonly<Record<string, string>> = { mother: 'mrs', father: 'mr', wife: 'mrs', husband: 'mr' };

/**
 * "said her mother", "replied his wife": a parent or spouse shares the family name. The one the tag's "her"/"his" is
 * (a confident speaker of the turn before or after, of that gender) has a surname; the cast has exactly one "Mrs."
 * (mother, wife) or "Mr." (father, husband) of that surname, and it is someone else.
 */
function kinOf(text: string, turns: Turn[], t: number, conv: number[], chars: Characters, surnameOf: Family): { name: string; of: string } | undefined {
  const m = KIN_TAG.exec(text);
  if (!m) return undefined;
  const usual = surnameOf.usual.get(text);
  // The one the book's "her mother" names elsewhere, when no "her" is known here: if that one is in the conversation
  // (spoke near it, or its narration names them) and did not speak just before.
  const fallback = (): { name: string; of: string } | undefined => {
    if (!usual || turns[t].vocatives.includes(usual) || known(turns[t - 1]) === usual) return undefined;
    const present = around(turns, t, conv, 8).has(usual) || [t - 2, t - 1, t].some((u) => u >= 0 && conv[u] === conv[t] && turns[u].mentions.includes(usual));
    return present ? { name: usual, of: '' } : undefined;
  };
  const owner: Gender = m[1] === 'his' ? 'm' : 'f';
  const title = KIN_TITLE[m[2]];
  const owners = new Set<string>();
  for (const u of [t - 1, t + 1]) {
    const s = u >= 0 && u < turns.length && conv[u] === conv[t] ? speakerOfTurn(turns[u]) : undefined;
    if (s && (s.confidence ?? 1) >= CONFIDENT && chars.gender.get(s.name) === owner) owners.add(s.name);
  }
  // “Another time, Lizzy,” said her mother: the one the speech calls by name is the one the tag's "her" is.
  for (const v of turns[t].vocatives) if (chars.gender.get(v) === owner) owners.add(v);
  if (owners.size !== 1) return fallback();
  const [of] = owners;
  const surname = surnameOf(of);
  if (!surname) return fallback();
  const kin = [...chars.aliases.keys()].filter((c) => c !== of && [...chars.aliases.get(c)!].some((a) => key(a) === `${title} ${surname}`));
  return kin.length === 1 ? { name: kin[0], of } : fallback();
}

/**
 * The conversation's people of the tag's gender: its confident speakers within eight turns, the characters its
 * narration names in the last three turns and the ones the neighbouring turns call by name. When one of them
 * (not called by name in this turn) has spoken in the conversation, that one is the guess.
 */
function participantOf(turns: Turn[], t: number, conv: number[], chars: Characters, g: Gender, prev: string | undefined): { name: string; reason: string; conf: number } | undefined {
  const turn = turns[t];
  const people = new Set<string>();
  const speakers = new Set<string>();
  for (let u = Math.max(0, t - 8); u < Math.min(turns.length, t + 9); u++) {
    if (conv[u] !== conv[t] || u === t) continue;
    const s = speakerOfTurn(turns[u]);
    if (s && (s.confidence ?? 1) >= CONFIDENT) people.add(s.name), speakers.add(s.name);
  }
  // A conversation of one known voice is no conversation to choose in.
  if (speakers.size < 2) return undefined;
  for (let u = Math.max(0, t - 3); u <= t; u++) if (conv[u] === conv[t]) for (const c of [...turns[u].mentions, ...turns[u].leads]) people.add(c);
  for (const u of [t - 1, t + 1]) if (u >= 0 && u < turns.length && conv[u] === conv[t]) for (const c of turns[u].vocatives) people.add(c);
  const cands = [...people].filter((c) => chars.gender.get(c) === g && !turn.vocatives.includes(c));
  // Someone only named in the narration may be the one; the guess is for someone who speaks.
  if (cands.length === 0 || !cands.every((c) => speakers.has(c) || c === prev)) return undefined;
  // An exchange: the last speaker of the other gender, and the one of this gender speaking two turns either side.
  const near = new Set<string>();
  for (const u of [t - 2, t + 1, t + 2]) {
    const s = u >= 0 && u < turns.length && conv[u] === conv[t] ? speakerOfTurn(turns[u]) : undefined;
    if (s && (s.confidence ?? 1) >= CONFIDENT) near.add(s.name);
  }
  const prevGender = prev ? chars.gender.get(prev) : undefined;
  if (cands.length === 1 && prev && prevGender && prevGender !== g && near.has(cands[0]))
    return { name: cands[0], reason: `the one ${g === 'f' ? 'woman' : 'man'} in an exchange with ${prev}`, conf: 0.75 };
  // The last speaker of the other gender and one person of this one in the conversation: 15 of 15 right on PDNC.
  if (cands.length === 1 && cands[0] !== prev && prevGender && prevGender !== g)
    return { name: cands[0], reason: `the one ${g === 'f' ? 'woman' : 'man'} in the conversation, after ${prev}`, conf: 0.85 };
  if (cands.length === 1 && cands[0] !== prev) return { name: cands[0], reason: `the one ${g === 'f' ? 'woman' : 'man'} in the conversation`, conf: 0.7 };
  if (cands.length === 1) return { name: cands[0], reason: `the one ${g === 'f' ? 'woman' : 'man'} in the conversation, again`, conf: 0.75 };
  // Of two people of that gender, the one who did not speak last is right only half the time: no guess.
  return undefined;
}

/** Turns t-2, t-1 and t in consecutive paragraphs, the two before it confidently known: one of the tag's gender, then one of the other. */
function alternation(turns: Turn[], t: number, conv: number[], chars: Characters, g: Gender): boolean {
  if (t < 2 || conv[t - 2] !== conv[t] || conv[t - 1] !== conv[t]) return false;
  if (turns[t].p !== turns[t - 1].p + 1 || turns[t - 1].p !== turns[t - 2].p + 1) return false;
  const a = speakerOfTurn(turns[t - 2]);
  const b = speakerOfTurn(turns[t - 1]);
  if (!a || !b || (a.confidence ?? 1) < CONFIDENT || (b.confidence ?? 1) < CONFIDENT) return false;
  return chars.gender.get(a.name) === g && !!chars.gender.get(b.name) && chars.gender.get(b.name) !== g && !turns[t].vocatives.includes(a.name);
}

function tagText(tag: Exclude<Subject, { kind: 'name' }>): string {
  return tag.kind === 'pronoun' ? `said ${tag.gender === 'f' ? 'she' : 'he'}` : tag.kind === 'narrator' ? 'said I' : tag.text;
}

/** The turn after one that calls someone by name is that person's reply. */
function addressee(turns: Turn[], t: number, conv: number[]): void {
  const turn = turns[t];
  if (t === 0 || conv[t - 1] !== conv[t] || turn.speeches.some((s) => s.tag)) return;
  if (turn.speeches.every((s) => s.name !== 'unknown')) return;
  const prev = turns[t - 1];
  const from = known(prev);
  if (!from || prev.vocatives.length !== 1) return;
  const to = prev.vocatives[0];
  if (to === from || turn.mentions.some((c) => c !== to) || turn.vocatives.includes(to)) return;
  paragraphWide(turn, to, 0.7, 'vocative', `${from} addressed ${to} by name`);
}

/** The confident speakers of the conversation's turns within `span` turns of t (t itself left out). */
function around(turns: Turn[], t: number, conv: number[], span: number): Set<string> {
  const out = new Set<string>();
  for (let u = Math.max(0, t - span); u < Math.min(turns.length, t + span + 1); u++) {
    if (u === t || conv[u] !== conv[t]) continue;
    const s = speakerOfTurn(turns[u]);
    if (s && (s.confidence ?? 1) >= CONFIDENT) out.add(s.name);
  }
  return out;
}

/**
 * Strict alternation checked against everything the run of speech paragraphs says: in paragraphs one after
 * another with no narration between, two people, every confident speaker on its side of the alternation,
 * every "said she" of the gender of its side, no one calling themselves by name. Then the gaps are filled.
 */
function alternateRuns(turns: Turn[], conv: number[], chars: Characters, filled: Set<Speech>, gapNames: ReadonlyMap<number, string[]>): void {
  for (let from = 0; from < turns.length; ) {
    let to = from + 1;
    // A short paragraph of narration between two turns may stand in a run when it names only the run's people.
    while (to < turns.length && conv[to] === conv[from] && (turns[to].p === turns[to - 1].p + 1 || (turns[to].p === turns[to - 1].p + 2 && gapNames.has(turns[to].p - 1)))) to++;
    // Checked in stretches of at most RUN_MAX turns: cutting a run costs its length, so the cost stays linear in the book.
    for (let a = from; a < to; a += RUN_MAX) tryRun(turns, a, Math.min(to, a + RUN_MAX), chars, filled, gapNames);
    from = to;
  }
}

/** The longest stretch of a run checked at once (a real exchange without narration is far shorter). */
const RUN_MAX = 200;

function tryRun(turns: Turn[], from: number, to: number, chars: Characters, filled: Set<Speech>, gapNames: ReadonlyMap<number, string[]>): void {
  const r = checkRun(turns, from, to, chars, filled, gapNames);
  if (r === true) return;
  // A turn whose narration names a third person: the runs on either side of it, each on its own.
  if (typeof r === 'number') {
    tryRun(turns, from, r, chars, filled, gapNames);
    tryRun(turns, r + 1, to, chars, filled, gapNames);
    return;
  }
  // Not in step across the narration: each stretch of paragraphs one after another on its own.
  for (let a = from; a < to; ) {
    let b = a + 1;
    while (b < to && turns[b].p === turns[b - 1].p + 1) b++;
    if (a !== from || b !== to) tryRun(turns, a, b, chars, filled, gapNames);
    a = b;
  }
}

/** Fills a run in step and says whether it was (or which turn names a third person, to cut the run there). */
function checkRun(turns: Turn[], from: number, to: number, chars: Characters, filled: Set<Speech>, gapNames: ReadonlyMap<number, string[]>): boolean | number {
  if (to - from < 3) return false;
  const side: (string | undefined)[] = [undefined, undefined];
  let anchors = 0;
  const anchorAt: number[] = [];
  for (let t = from; t < to; t++) {
    const turn = turns[t];
    const named = turn.speeches.filter((s) => s.name !== 'unknown');
    if (named.some((s) => s.name !== named[0].name)) return false;
    const s = named.find((x) => !filled.has(x));
    if (!s || (s.confidence ?? 1) < CONFIDENT) continue;
    const k = (t - from) % 2;
    if (side[k] === undefined) side[k] = s.name;
    if (side[k] !== s.name) return false;
    anchors++;
    anchorAt.push(t);
  }
  // One side known and calling the other by name ("…, Lizzy?"): that one is the other side.
  for (const k of [0, 1]) {
    if (side[k] || !side[1 - k]) continue;
    const called = new Set<string>();
    for (let t = from + (1 - k); t < to; t += 2) for (const v of turns[t].vocatives) if (v !== side[1 - k]) called.add(v);
    if (called.size === 1) side[k] = [...called][0];
    // Or its turns say "said he" and the conversation has one man who speaks (not the other side).
    if (side[k]) continue;
    const genders = new Set<Gender>();
    for (let t = from + k; t < to; t += 2) for (const sp of turns[t].speeches) if (sp.tag?.kind === 'pronoun') genders.add(sp.tag.gender);
    const g = genders.size === 1 ? [...genders][0] : undefined;
    if (!g || chars.gender.get(side[1 - k]!) === g) continue;
    const people = new Set<string>();
    for (let u = Math.max(0, from - 8); u < Math.min(turns.length, to + 8); u++) {
      const sp = speakerOfTurn(turns[u]);
      if (sp && (sp.confidence ?? 1) >= CONFIDENT && sp.name !== side[1 - k] && chars.gender.get(sp.name) === g) people.add(sp.name);
    }
    if (people.size === 1) side[k] = [...people][0];
  }
  const [a, b] = side;
  if (!a || !b || a === b || anchors < 2) return false;
  // Each turn calling the other side by name is one more turn in step.
  for (let t = from; t < to; t++) if (!anchorAt.includes(t) && turns[t].vocatives.includes(side[1 - ((t - from) % 2)]!)) anchors++;
  // Pronoun tags and vocatives must fit their sides too; between a man and a woman a "said she" on her side
  // counts as one more turn in step.
  const ga = chars.gender.get(a);
  const gb = chars.gender.get(b);
  for (let t = from; t < to; t++) {
    const who = side[(t - from) % 2]!;
    const turn = turns[t];
    if (turn.vocatives.includes(who)) return false;
    if (ga && gb && ga !== gb && !anchorAt.includes(t) && turn.speeches.some((sp) => sp.tag?.kind === 'pronoun')) anchors++;
    for (const sp of turn.speeches) {
      if (sp.tag?.kind === 'pronoun' && chars.gender.get(who) && chars.gender.get(who) !== sp.tag.gender) return false;
      if (sp.tag?.kind === 'description' && sp.tag.gender && chars.gender.get(who) && chars.gender.get(who) !== sp.tag.gender) return false;
    }
    // Someone else named in the narration of a paragraph of the run may be its speaker.
    if (turn.mentions.some((c) => c !== a && c !== b)) return t;
    if (t > from && turn.p === turns[t - 1].p + 2 && gapNames.get(turn.p - 1)!.some((c) => c !== a && c !== b)) return false;
  }
  for (let t = from; t < to; t++) {
    const turn = turns[t];
    // A guess below the bar (an alternation of three turns, say) gives way to the run in step.
    const open = (sp: Speech) => sp.name === 'unknown' || ((sp.confidence ?? 1) < CONFIDENT && sp.by !== 'tag');
    if (!turn.speeches.some(open)) continue;
    const who = side[(t - from) % 2]!;
    const other = side[1 - ((t - from) % 2)]!;
    // Four or more speakers known and in step: 97% right on PDNC; two or three: 80–88%, a guess.
    const conf = anchors >= 4 ? 0.9 : anchors === 3 ? 0.75 : 0.7;
    // "said she" between a man and a woman whose turns are in step names her.
    const pronoun = ga && gb && ga !== gb && turn.speeches.some((sp) => sp.tag?.kind === 'pronoun');
    for (const sp of turn.speeches) {
      if (!open(sp) || (sp.tag && sp.tag.kind === 'name')) continue;
      if (sp.name !== 'unknown' && ((sp.name !== who && anchors < 4) || (sp.confidence ?? 1) >= (pronoun ? 0.9 : conf))) continue;
      if (pronoun) set(sp, who, 0.9, 'anaphora', `by its tag “said ${chars.gender.get(who) === 'f' ? 'she' : 'he'}” in an exchange with ${other}, ${anchors} known turns in step`);
      else set(sp, who, conf, 'turns', `by turn-taking with ${other}, ${anchors} known turns of the exchange in step`);
      filled.add(sp);
    }
  }
  return true;
}

/** Alternation: an untagged turn after A and B in a two-person exchange is A's. */
function alternate(turns: Turn[], t: number, conv: number[]): void {
  const turn = turns[t];
  if (turn.speeches.some((s) => s.tag) || turn.speeches.every((s) => s.name !== 'unknown')) return;
  const same = (u: number) => u >= 0 && u < turns.length && conv[u] === conv[t];
  // Backwards: …, A, B, [this] → A. Forwards: [this], B, A, … → A.
  for (const dir of [-1, 1]) {
    const u1 = t + dir;
    const u2 = t + 2 * dir;
    if (!same(u1) || !same(u2)) continue;
    // Paragraph after paragraph: narration between turns may bring someone else in.
    const lo = Math.min(t, u2);
    if (turns[lo + 1].p !== turns[lo].p + 1 || turns[lo + 2].p !== turns[lo + 1].p + 1) continue;
    const b = speakerOfTurn(turns[u1]);
    const a = speakerOfTurn(turns[u2]);
    if (!a || !b || a.name === b.name) continue;
    // No one calls themselves by name, and B's words were for A.
    if (turn.vocatives.includes(a.name) || turn.vocatives.some((v) => v !== b.name)) continue;
    if (turns[u1].vocatives.some((v) => v !== a.name)) continue;
    // Only between two people: a third voice nearby and the order is anyone's guess.
    if ([...around(turns, t, conv, 6)].some((c) => c !== a.name && c !== b.name)) continue;
    // The narration of this paragraph naming only the other speaker speaks against it.
    if (turn.mentions.length > 0 && !turn.mentions.includes(a.name)) continue;
    // Measured on PDNC at 86–88% right: shown in the hover, never used to flag an essay.
    let conf = Math.min(a.confidence ?? 1, b.confidence ?? 1) * 0.75;
    // Between two turns of B, with A on the other side too (A, B, [A], B): 95% right on PDNC, used.
    const other = turns[t - dir];
    const sandwich = same(t - dir) && other && speakerOfTurn(other)?.name === b.name && turns[Math.max(t, t - dir)].p === turns[Math.min(t, t - dir)].p + 1;
    if (sandwich && (speakerOfTurn(other)?.confidence ?? 1) >= CONFIDENT && (a.confidence ?? 1) >= CONFIDENT && (b.confidence ?? 1) >= CONFIDENT) {
      paragraphWide(turn, a.name, 0.85, 'turns', `by turn-taking between ${b.name}’s turns`);
      return;
    }
    // The alternation confirmed by a name: this turn calls B by name, or B's turn called A (all of some 40 right on PDNC).
    const sure = (x: Speech) => (x.confidence ?? 1) >= CONFIDENT;
    if (sure(a) && sure(b) && (turn.vocatives.includes(b.name) || turns[u1].vocatives.includes(a.name))) {
      const why = turn.vocatives.includes(b.name) ? `calling ${b.name} by name` : `who called ${a.name} by name`;
      paragraphWide(turn, a.name, 0.9, 'turns', `by turn-taking ${dir < 0 ? 'after' : 'before'} ${b.name}, ${why}`);
      return;
    }
    if (conf < 0.5) continue;
    paragraphWide(turn, a.name, conf, 'turns', `by turn-taking ${dir < 0 ? 'after' : 'before'} ${b.name}`);
    return;
  }
}

/**
 * A speech the chain gives someone with this probability or more shows them as a guess ("perhaps …", 80% right on
 * PDNC). Never a
 * confident speaker: on PDNC its surest answers (0.99 and over) are 94% right, below what a misattribution warning
 * needs, because a scene of three or four voices breaks the turn-taking that the chain, like every sieve, rests on.
 */
const CHAIN_GUESS = 0.8;

/**
 * Each conversation decoded at once (speakerChain.ts) for the speeches no sieve is sure of: who may speak each,
 * with what probability (`among`, `elsewhere`: what rules a name out), and a guess where no sieve has one.
 */
function decodeConversations(turns: Turn[], conv: number[], chars: Characters, passages: readonly Passage[], aliasRe: RegExp, surnameOf: (c: string) => string | undefined): void {
  const open = (sp: Speech) => (sp.name === 'unknown' || ((sp.confidence ?? 1) < CONFIDENT && sp.by !== 'tag')) && sp.tag?.kind !== 'name' && sp.tag?.kind !== 'narrator';
  // The book's two most heard voices (its heroine, its narrator) may be in any scene the narration does not name them in.
  const heard = new Map<string, number>();
  for (const turn of turns) {
    const s = speakerOfTurn(turn);
    if (s && (s.confidence ?? 1) >= CONFIDENT) heard.set(s.name, (heard.get(s.name) ?? 0) + 1);
  }
  const leads = [...heard.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([c]) => c);
  for (let from = 0; from < turns.length; ) {
    let to = from + 1;
    while (to < turns.length && conv[to] === conv[from]) to++;
    const span = turns.slice(from, to);
    from = to;
    if (!span.some((turn) => turn.speeches.some(open))) continue;
    const chain: ChainTurn[] = span.map((turn, k) => {
      const sure = turn.speeches.filter((sp) => sp.name !== 'unknown' && (sp.confidence ?? 1) >= CONFIDENT);
      const unsure = turn.speeches.find((sp) => sp.name !== 'unknown' && (sp.confidence ?? 1) < CONFIDENT);
      const tagged = turn.speeches.find((sp) => open(sp) && (sp.tag?.kind === 'pronoun' || sp.tag?.kind === 'description'));
      const tg = tagged?.tag;
      // "At length, she spoke again. “…”": the pronoun that is the subject of the narration leading in.
      const first = turn.speeches[0];
      const intro = passages[first.p].text.slice(0, Math.max(0, first.start - 1)).split(/(?<=[.!?;])\s+/).pop() ?? '';
      const he = /(?:^|[\s,;(—-])(?:he|He)\s+\p{Ll}/u.test(intro);
      const she = /(?:^|[\s,;(—-])(?:she|She)\s+\p{Ll}/u.test(intro);
      return {
        lead: he !== she ? (he ? 'm' : 'f') : undefined,
        narrated: first.start > 1 && /\p{L}/u.test(passages[first.p].text.slice(0, first.start - 1)),
        // A paragraph of two voices passes the last one's turn on.
        known: sure.length ? sure[sure.length - 1].name : undefined,
        guess: unsure?.name,
        gender: tg && (tg.kind === 'pronoun' || tg.kind === 'description') ? tg.gender : undefined,
        described: tg?.kind === 'description',
        calls: [...new Set([...turn.vocatives, ...turn.calling])],
        addressing: turn.addressing,
        spoken: turn.spoken,
        about: [...new Set([...(turn.subject ? [turn.subject] : []), ...turn.leads])],
        named: turn.mentions,
        adjacent: k > 0 && turn.p === span[k - 1].p + 1,
        voices: 0,
      };
    });
    for (let k = 0; k < chain.length; k++) chain[k].voices = new Set(chain.slice(Math.max(0, k - 6), k + 7).map((ct) => ct.known).filter(Boolean)).size;
    // The people: whoever the conversation's turns and narration name, and the narration just before it.
    const count = new Map<string, number>();
    const add = (c: string | undefined, n = 1) => c && count.set(c, (count.get(c) ?? 0) + n);
    for (const ct of chain) {
      add(ct.known, 2);
      add(ct.guess);
      for (const c of [...ct.calls, ...ct.about, ...ct.named]) add(c);
      // Someone the speeches talk of may be in the room: a candidate, if an unlikely speaker.
      for (const c of ct.spoken) add(c, 0.5);
    }
    const first = span[0].p;
    for (let p = Math.max(0, first - 4); p < first; p++) {
      if (passages[p].section !== passages[first].section) continue;
      for (const m of passages[p].text.matchAll(aliasRe)) add(chars.of(m[0]));
    }
    const people = [...count.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([c]) => c);
    for (const c of leads) if (!people.includes(c)) people.push(c);
    // "replied his wife": the Mrs. of a man of the conversation takes part in it too ("Mrs. Bennet", of Mr. Bennet).
    for (const turn of span) {
      for (const sp of turn.speeches) {
        const kin = sp.tag?.kind === 'description' ? /^(his|her) (wife|husband|mother|father|lady)$/.exec(sp.tag.text) : null;
        if (!kin) continue;
        const title = /^(?:wife|mother|lady)$/.test(kin[2]) ? 'mrs' : 'mr';
        for (const c of [...people]) {
          const surname = chars.gender.get(c) === (kin[1] === 'his' ? 'm' : 'f') ? surnameOf(c) : undefined;
          const found = surname && [...chars.aliases.keys()].find((x) => x !== c && [...chars.aliases.get(x)!].some((a) => key(a) === `${title} ${surname}`));
          if (found && !people.includes(found)) people.push(found);
        }
      }
    }
    if (people.length < 2) continue;
    const result = decodeConversation(chain, people, chars.gender);
    span.forEach((turn, k) => {
      const r = result[k];
      // The turn's state is its known speaker: a speech beside it that no sieve gave them is someone the chain cannot see.
      if (chain[k].known) return;
      const among = [...r.dist].sort((a, b) => b[1] - a[1]).map(([name, p]) => ({ name, p: Math.round(p * 1000) / 1000 }));
      // Who is absent from a turn the chain can say only near known voices (within three turns): a scene of pronouns
      // and epithets may hold anyone ("the lad" who is James Vane, never named in his own scene).
      const anchored = chain.slice(Math.max(0, k - 3), k + 4).some((ct, j) => j !== Math.min(k, 3) && ct.known);
      for (const sp of turn.speeches) if (open(sp)) (sp.among = among), (sp.elsewhere = anchored ? Math.round(r.elsewhere * 1000) / 1000 : undefined);
      // A guess by turn-taking needs turns to take: none for a speech alone; never in place of a sieve's guess.
      if (!r.name || r.p < CHAIN_GUESS || span.length < 2) return;
      for (const sp of turn.speeches) {
        if (!open(sp) || sp.name !== 'unknown') continue;
        set(sp, r.name, 0.6, 'turns', `by turn-taking in the conversation${r.after && r.after !== r.name ? `, answering ${r.after}` : ''}`);
      }
    });
  }
}
