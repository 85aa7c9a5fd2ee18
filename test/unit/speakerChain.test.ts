import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { compareNames } from '../../server/src/engine/speakers';
import { decodeConversation, type ChainTurn, type Gender } from '../../server/src/engine/speakerChain';
import { addressedGender, speechSpans } from '../../server/src/engine/speakerModel';

const turn = (t: Partial<ChainTurn>): ChainTurn => ({ calls: [], spoken: [], about: [], named: [], adjacent: true, narrated: false, voices: 2, ...t });
const gender = new Map<string, Gender>([['Mr. Hale', 'm'], ['Margaret', 'f'], ['Dixon', 'f'], ['Nicholas', 'm']]);
const round = (x: number) => Math.round(x * 1000) / 1000;
/** Each turn's answer: [speaker, or — for someone else; its probability; the probability of someone else]. */
const decode = (turns: ChainTurn[], people: string[]) => decodeConversation(turns, people, gender).map((r) => [r.name ?? '—', round(r.p), round(r.elsewhere)]);

test('an untagged turn between two known voices answers the one before the last, less surely at the end of the exchange', () => {
  const turns = [turn({ known: 'Mr. Hale', adjacent: false }), turn({ known: 'Margaret' }), turn({}), turn({ known: 'Margaret' }), turn({})];
  assert.deepEqual(decode(turns, ['Mr. Hale', 'Margaret', 'Dixon']), [
    ['Mr. Hale', 0.993, 0.002],
    ['Margaret', 1, 0],
    ['Mr. Hale', 0.943, 0.021],
    ['Margaret', 0.999, 0],
    ['Mr. Hale', 0.875, 0.037],
  ]);
});

test('"said she" goes to a woman: the one of the exchange, or someone else among men', () => {
  assert.deepEqual(decode([turn({ known: 'Margaret', adjacent: false }), turn({ known: 'Mr. Hale' }), turn({ gender: 'f' })], ['Mr. Hale', 'Margaret', 'Dixon']), [
    ['Margaret', 0.995, 0.001],
    ['Mr. Hale', 0.992, 0.003],
    ['Margaret', 0.958, 0.006],
  ]);
  // Between two men, a woman's line is no one's of them.
  assert.deepEqual(decode([turn({ known: 'Mr. Hale', adjacent: false }), turn({ known: 'Nicholas' }), turn({ gender: 'f' })], ['Mr. Hale', 'Nicholas']), [
    ['Mr. Hale', 0.974, 0.025],
    ['Nicholas', 0.997, 0.001],
    ['—', 0.761, 0.761],
  ]);
});

test('the one a speech calls by name is likely to answer it, and never speaks it', () => {
  const turns = (calls: string[]) => [turn({ known: 'Margaret', adjacent: false }), turn({ known: 'Mr. Hale', voices: 3 }), turn({ known: 'Margaret', calls, voices: 3 }), turn({ voices: 3 })];
  const last = (calls: string[]) => [...decodeConversation(turns(calls), ['Mr. Hale', 'Margaret', 'Dixon'], gender)[3].dist].map(([n, p]) => [n, round(p)]);
  assert.deepEqual(last([]), [['Mr. Hale', 0.832], ['Margaret', 0.025], ['Dixon', 0.089]]);
  assert.deepEqual(last(['Dixon']), [['Mr. Hale', 0.483], ['Margaret', 0.015], ['Dixon', 0.479]]);
  // "…, ma'am": the one spoken to, who likely answers, is a woman.
  const addressing = decodeConversation([turn({ known: 'Margaret', adjacent: false }), turn({ known: 'Mr. Hale', voices: 3 }), turn({ known: 'Margaret', addressing: 'f', voices: 3 }), turn({ voices: 3 })], ['Mr. Hale', 'Margaret', 'Dixon'], gender);
  assert.deepEqual([...addressing[3].dist].map(([n, p]) => [n, round(p)]), [['Mr. Hale', 0.597], ['Margaret', 0.068], ['Dixon', 0.239]]);
  const called = decodeConversation([turn({ known: 'Margaret', adjacent: false }), turn({ calls: ['Dixon'] })], ['Margaret', 'Dixon'], gender)[1];
  assert.equal(round(called.dist.get('Dixon')!), 0.063);
});

test('words of address give the gender of the one spoken to; a name may call someone anywhere in a speech', () => {
  const addressed = (text: string) => addressedGender(text, speechSpans(text));
  assert.equal(addressed('"Yes, sir," said he. "At once."'), 'm');
  assert.equal(addressed('"Ma\'am, the coach is here."'), 'f');
  assert.equal(addressed('"Good night, papa."'), 'm');
  // A word in the middle of a sentence is no address; two that disagree say nothing.
  assert.equal(addressed('"The sir of the house is out."'), undefined);
  assert.equal(addressed('"Yes, sir; no, ma\'am."'), undefined);
});

// A book of three chapters written for this test: Nicholas and Mr. Hale at the mill; Mr. Hale and Margaret by the fire,
// two of their lines untagged; the two of them again.
const book = loadCorpus(readFileSync('test/fixtures/speakers/conversation.txt', 'utf8'), { id: 'north', origin: '/t/conversation.txt', title: 'North', author: 'Writer' });

test('a speech no sieve is sure of keeps who may speak it; a confident one does not', () => {
  const speech = (words: string) => book.passages.flatMap((p) => (p.speakers ?? []).map((s) => ({ ...s, words: p.text.slice(s.start, s.end) }))).find((s) => s.words.startsWith(words))!;
  const { among, elsewhere, name, confidence, by } = speech('And your mother?');
  assert.deepEqual({ name, confidence, by, among, elsewhere }, {
    name: 'Mr. Hale',
    confidence: 0.75,
    by: 'turns',
    // The people of the conversation and the book's two most heard voices (here the same two): Nicholas is not one.
    among: [{ name: 'Mr. Hale', p: 0.999 }, { name: 'Margaret', p: 0 }],
    elsewhere: 0.001,
  });
  assert.equal(speech('You are late').among, undefined);
});

test('the misattribution rule: a name its conversation rules out is flagged, with the likely speaker offered, not preferred', () => {
  const library = buildLibrary([book]);
  const check = (essay: string) => {
    const result = checkText(essay, library);
    return result.findings.filter((f) => f.code === 'misattribution').map((f) => [f.message, (f.fixes ?? []).map((x) => [x.title, x.preferred, x.edits.map((e) => essay.slice(0, e.start) + e.newText + essay.slice(e.end)).join()])]);
  };
  assert.deepEqual(check('Nicholas asks, “And your mother?”\n'), [
    ['Nicholas does not say this in the book (its conversation gives it to Mr. Hale)', [['Attribute to Mr. Hale', false, 'Mr. Hale asks, “And your mother?”\n']]],
  ]);
  // Margaret takes part, but she answers the line: her chance of having said it is next to nothing.
  assert.deepEqual(check('Margaret asks, “And your mother?”\n'), [
    ['Margaret does not say this in the book (its conversation gives it to Mr. Hale)', [['Attribute to Mr. Hale', false, 'Mr. Hale asks, “And your mother?”\n']]],
  ]);
  // The likely speaker is no finding; the line a confident sieve gives its speaker is the rule's usual finding.
  assert.deepEqual(check('Mr. Hale asks, “And your mother?”\n'), []);
  assert.deepEqual(check('Mr. Hale says, “The lane was flooded.”\n'), [['Margaret says this, not Mr. Hale', [['Attribute to Margaret', true, 'Margaret says, “The lane was flooded.”\n']]]]);
});

test('"replied his wife": the Mrs. of a man the conversation names takes part in it, and may say its lines', () => {
  const text = [
    'CHAPTER I', '',
    '"Good night," said Mrs. Hale.', '',
    '"Good night, my dear," said Mr. Hale. "Sleep well, Margaret."', '',
    '"I will, papa," said Margaret.', '',
    'CHAPTER II', '',
    '"My dear Mr. Hale," said his wife to him one morning, "have you heard the news from the mill?"', '',
    'Mr. Hale replied that he had not.', '',
    '"But it is all over the town," returned she; "Dixon has just told me of it."', '',
    '"What news?"', '',
    '"A new master, and a young one, who is to live in the house by the gate!"', '',
  ].join('\n');
  const kin = loadCorpus(text, { id: 'kin', origin: '/t/kin.txt' });
  const speech = kin.passages.find((p) => p.text.startsWith('"A new master'))!.speakers![0];
  // "said his wife" to the Mr. Hale her speech calls by name is Mrs. Hale (speakerModel's kin tags): a known voice of the scene.
  assert.deepEqual([speech.name, speech.among, speech.elsewhere], ['unknown', [{ name: 'Mrs. Hale', p: 0.782 }, { name: 'Mr. Hale', p: 0.077 }], 0.14]);
  const library = buildLibrary([kin]);
  assert.deepEqual(checkText('Mrs. Hale says, “A new master, and a young one, who is to live in the house by the gate!”\n', library).findings, []);
});

test('a narrator no pronoun gives a gender to takes the one the others address them by: "sir" is no Mrs.', () => {
  const paragraphs: string[] = [];
  for (let k = 0; k < 12; k++) paragraphs.push(`"What of the ${k}th clue?" said I.`, k < 3 ? `"Nothing yet, sir," said Mrs. Hudson.` : `"Elementary, my dear Watson," said Holmes.`);
  const told = (ps: string[]) => loadCorpus(ps.join('\n\n'), { id: 'told', origin: '/t/told.txt' });
  const cast = told(paragraphs).cast!;
  assert.equal(cast.gender?.Watson, 'm');
  assert.equal(compareNames(cast, 'Mrs. Hudson', 'Watson'), 'different');
  // Twice is not enough.
  const twice = told(paragraphs.map((p) => p.replace('"Nothing yet, sir," said Mrs. Hudson.', '"Nothing yet," said Mrs. Hudson.')).map((p, i) => (i === 1 || i === 3 ? p.replace('Nothing yet', 'Nothing yet, sir') : p)));
  assert.equal(twice.cast!.gender?.Watson, undefined);
});
