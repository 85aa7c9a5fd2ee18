// British and American spellings of one word (rumour/rumor, realise/realize,
// centre/center, travelled/traveled, ploughed/plowed…): still a difference from
// the source's wording, but one a reader should see named as such, since
// editions differ in it. Pure string rules plus a few irregular pairs.

// Irregular pairs, British first.
const PAIRS: [string, string][] = [
  ['plough', 'plow'],
  ['grey', 'gray'],
  ['programme', 'program'],
  ['cheque', 'check'],
  ['tyre', 'tire'],
  ['sceptic', 'skeptic'],
  ['sceptical', 'skeptical'],
  ['mould', 'mold'],
  ['smoulder', 'smolder'],
  ['moult', 'molt'],
  ['gaol', 'jail'],
  ['draught', 'draft'],
  ['judgement', 'judgment'],
  ['ageing', 'aging'],
  ['pyjamas', 'pajamas'],
  ['aluminium', 'aluminum'],
  ['storey', 'story'],
  ['kerb', 'curb'],
  ['connexion', 'connection'],
  ['waggon', 'wagon'],
  ['shew', 'show'],
];

const ENDINGS = ['', 's', 'ed', 'ing', 'er', 'ers', 'ly'];

// A constant table, read-only once built: every inflection of each pair.
const IRREGULAR: ReadonlyMap<string, string> = new Map(PAIRS.flatMap(([gb, us]) => ENDINGS.map((e): [string, string] => [gb + e, us + e])));

/** The American spelling a British one may stand for (or the word itself). */
function american(w: string): string {
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  return (
    w
      // colour, honourable, favourite, neighbours (but not "our", "four", "hour", "pour", "tour", "your")
      .replace(/^(?!(?:[fhpty]|yo|flo|sco|dev|contou)our)([a-z]{2,})our(?=(?:s|ed|ing|able|ably|ite|ites|ful|less|er|ers)?$)/, '$1or')
      // realise, organisation, analysed
      .replace(/([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2')
      .replace(/([a-z]{2,})ys(e|es|ed|ing)$/, '$1yz$2')
      // centre, theatres, metre (not "acre", "genre", "ogre", "mediocre")
      .replace(/^(?!(?:ac|gen|og|mediocre|massac|lu|nac)re)([a-z]{2,}[bt])re(s?)$/, '$1er$2')
      // travelled, cancelling, jeweller
      .replace(/([a-z]{2,}[aeiou])ll(ed|ing|er|ers|or|ors)$/, '$1l$2')
      // catalogue, dialogue
      .replace(/([a-z]{3,})ogue(s?)$/, '$1og$2')
      // defence, offence, licence, pretence
      .replace(/^(def|off|lic|pret)ence(s?)$/, '$1ense$2')
  );
}

/** Whether two words (lower case) are the British and American spellings of one word. */
export function spellingVariant(a: string, b: string): boolean {
  if (a === b) return false;
  if (IRREGULAR.get(a) === b || IRREGULAR.get(b) === a) return true;
  // Every rule keeps the word's first three letters and changes its length by two letters at most.
  if (Math.abs(a.length - b.length) > 2 || a.length < 4 || b.length < 4 || a.slice(0, 3) !== b.slice(0, 3)) return false;
  return american(a) === american(b);
}
