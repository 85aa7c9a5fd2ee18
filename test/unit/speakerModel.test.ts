import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { speakerDetail, speakerOf } from '../../server/src/engine/speakers';
import type { Corpus } from '../../server/src/engine/types';

// Scenes cut from public-domain novels or written for these tests (see test/fixtures/speakers/README.md).
const scenes = loadCorpus(readFileSync('test/fixtures/speakers/scenes.txt', 'utf8'), { id: 'scenes', origin: '/t/scenes.txt' });

/** Every speech of a chapter: [its first words, speaker, sieve, confidence]. */
function speeches(corpus: Corpus, section: string): [string, string, string, number][] {
  return corpus.passages
    .filter((p) => p.section === section && p.speakers)
    .flatMap((p) => p.speakers!.map((s): [string, string, string, number] => [p.text.slice(s.start, s.end).split(' ').slice(0, 4).join(' '), s.name, s.by ?? 'tag', s.confidence ?? 1]));
}

test('explicit tags: a trailing participle, a speech broken by its tag, "the General", an adverb after the verb', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER I'), [
    ['I do, indeed,', 'Elizabeth', 'tag', 1],
    ['I told you the', 'Elizabeth', 'paragraph', 0.95],
    ['I didn\'t try to', 'Marvel', 'tag', 1],
    ['I swear I didn\'t.', 'Marvel', 'paragraph', 0.95],
    ['I-I am surprised at', 'the General', 'tag', 1],
    ['I-I am greatly surprised.', 'the General', 'paragraph', 0.95],
    ['Kit is a good', 'Joe', 'tag', 1],
  ]);
});

test('a tag verb outside the fixed list is learned from the book ("drawled", used with names twice or more)', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER II'), [
    ['The carriage is late', 'Mr. Hale', 'tag', 1],
    ['It always is, on', 'Lucy', 'tag', 1],
    ['Then we shall walk,', 'Mr. Hale', 'tag', 1],
  ]);
});

test('no wrong speakers: a second verb with a new subject, a name after a speech that ended its sentence', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER III'), [
    ['Oh—', 'Mrs. Welland', 'tag', 1],
    ['As soon as ever', 'unknown', 'tag', 1],
    ['Happiness,', 'unknown', 'tag', 1],
    ['Hilda was here to-day,', 'unknown', 'tag', 1],
    ['She brought Bobbie; he\'s', 'unknown', 'tag', 1],
  ]);
});

test('turn-taking, "said she" after the paragraph names her, and a vocative naming the next speaker', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER IV'), [
    ['Will you walk to', 'Tom', 'tag', 1],
    ['Not to-day,', 'Maggie', 'tag', 1],
    ['I have my lessons.', 'Maggie', 'paragraph', 0.95],
    ['Lessons! On a Saturday?', 'Tom', 'turns', 0.75],
    ['Every day, Tom. Father', 'Maggie', 'turns', 0.56],
    ['You may go alone,', 'Maggie', 'anaphora', 0.85],
    ['and bring me back', 'Maggie', 'anaphora', 0.85],
    ['My dear Tom, do', 'Maggie', 'tag', 1],
    ['I am not sulking,', 'Tom', 'vocative', 0.7],
  ]);
  // Gender from titles and from the pronouns that follow a name in the narration.
  assert.deepEqual(scenes.cast?.gender, { 'Mr. Hale': 'm', 'Mrs. Welland': 'f', 'Mr. Tulliver': 'm', 'the General': 'm', Maggie: 'f' });
});

test('a letter read aloud has no speaker of its own', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER V'), [
    ['I shall read it', 'Mr. Tulliver', 'tag', 1],
    ['Dear brother, we arrive', 'unknown', 'tag', 1],
    ['Your affectionate sister, Jane.', 'unknown', 'tag', 1],
  ]);
});

test('only confident speakers are used: speakerOf; speakerDetail gives every guess with its reason', () => {
  const at = (words: string) => {
    const passage = scenes.passages.find((p) => p.text.includes(words))!;
    const start = passage.text.indexOf(words);
    return { passage, sourceStart: start, sourceEnd: start + words.length };
  };
  assert.equal(speakerOf(at('Lessons! On a Saturday?')), undefined);
  assert.deepEqual(speakerDetail(at('Lessons! On a Saturday?')), { name: 'Tom', confidence: 0.75, reason: 'by turn-taking after Maggie', by: 'turns' });
  assert.equal(speakerOf(at('You may go alone')), 'Maggie');
  assert.deepEqual(speakerDetail(at('You may go alone')), {
    name: 'Maggie',
    confidence: 0.85,
    reason: 'by its tag “said she”: Maggie, who opens its paragraph',
    by: 'anaphora',
  });
  assert.equal(speakerOf(at('I swear I didn\'t')), 'Marvel');
});

test('the misattribution rule uses confident inferred speakers, and never an unsure one', () => {
  const library = buildLibrary([scenes]);
  const messages = (text: string) => checkText(text, library).findings.filter((f) => f.code === 'misattribution').map((f) => f.message);
  assert.deepEqual(messages('Elizabeth says, “I swear I didn’t. I didn’t know the blessed turning, that was all!”'), ['Marvel says this, not Elizabeth']);
  assert.deepEqual(messages('Tom says, “You may go alone, and bring me back a story.”'), ['Maggie says this, not Tom']);
  // Turn-taking is a guess (about 87% right on PDNC): never the speaker a warning names. But the conversation rules
  // out the one who has just spoken and is answered by it.
  assert.equal(checkText('Maggie asks, “Lessons! On a Saturday?”', library).quotations[0].match.verdict, 'correct');
  assert.deepEqual(messages('Maggie asks, “Lessons! On a Saturday?”'), ['Maggie does not say this in the book (its conversation gives it to Tom)']);
  assert.deepEqual(messages('Tom asks, “Lessons! On a Saturday?”'), []);
});

test('a speech that runs on into the next paragraph keeps its voice, as one turn', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER VI'), [
    ['I was eleven last', 'Anne', 'tag', 1],
    ['And I was born', 'Anne', 'paragraph', 0.95],
    ['Mr. and Mrs. Thomas', 'Anne', 'continued', 0.95],
    ['That will do,', 'Marilla', 'tag', 1],
  ]);
});

test('turn-taking between two turns of the same speaker is confident enough to use', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER VII'), [
    ['Shall we go down', 'Tom', 'tag', 1],
    ['If you like,', 'Maggie', 'tag', 1],
    ['Then bring your hat', 'Tom', 'turns', 0.85],
    ['I have it here', 'Maggie', 'tag', 1],
  ]);
  const passage = scenes.passages.find((p) => p.text.startsWith('"Then bring'))!;
  assert.deepEqual(speakerDetail({ passage, sourceStart: 1, sourceEnd: 10 }), { name: 'Tom', confidence: 0.85, reason: 'by turn-taking between Maggie’s turns', by: 'turns' });
});

test('"said she": the one woman who opens a sentence of the narration before it', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER VIII'), [['I shall miss the', 'Maggie', 'anaphora', 0.8]]);
  const passage = scenes.passages.find((p) => p.section === 'CHAPTER VIII')!;
  const at = passage.text.indexOf('I shall');
  assert.equal(speakerDetail({ passage, sourceStart: at, sourceEnd: at + 20 })?.reason, 'by its tag “said she”: Maggie, the subject of the narration before it');
});

test('narration that ends on its subject and a speech verb introduces the next paragraph’s speech', () => {
  assert.deepEqual(speeches(scenes, 'CHAPTER IX'), [
    ['There is the old', 'Maggie', 'narration', 0.9],
    ['We must not stay', 'Tom', 'tag', 1],
    ['Wait for me at', 'Maggie', 'narration', 0.9],
  ]);
});

/** A short book written for a test: its paragraphs, one scene. */
function book(...paragraphs: string[]): Corpus {
  return loadCorpus(paragraphs.join('\n\n') + '\n', { id: 'inline', origin: '/t/inline.txt' });
}

/** Every speech of a book: [its first words, speaker, sieve, confidence]. */
function all(corpus: Corpus): [string, string, string, number][] {
  return corpus.passages.flatMap((p) => (p.speakers ?? []).map((s): [string, string, string, number] => [p.text.slice(s.start, s.end).split(' ').slice(0, 4).join(' '), s.name, s.by ?? 'tag', s.confidence ?? 1]));
}

test('tag grammar: a lower-case verb after a full stop, any verb in -ed before a name, a word of feeling before it, "she added" in her own paragraph', () => {
  const corpus = book(
    '"I only took the regular course." said the Turtle with a sigh. "Reeling and Writhing, of course."',
    '"Oh, but there is such a difference," wailed Anne. "You may know a thing is so."',
    '"Well now, she is such a little thing," feebly reiterated Matthew.',
    '"I am sure those are not the right words," said poor Alice, "and I must be Mabel after all," she added in a whisper.',
    '"There is no such thing!" Marilla said sharply.',
    '"It was all your doing." Ralph observed that she was now going to sidle away.',
  );
  assert.deepEqual(all(corpus), [
    ['I only took the', 'the Turtle', 'tag', 1],
    ['Reeling and Writhing, of', 'the Turtle', 'paragraph', 0.95],
    ['Oh, but there is', 'Anne', 'tag', 1],
    ['You may know a', 'Anne', 'paragraph', 0.95],
    ['Well now, she is', 'Matthew', 'tag', 1],
    ['I am sure those', 'Alice', 'tag', 1],
    ['and I must be', 'Alice', 'paragraph', 0.95],
    ['There is no such', 'Marilla', 'tag', 1],
    // A name opening the sentence after a speech that ended its own is no tag.
    ['It was all your', 'unknown', 'tag', 1],
  ]);
});

test('the narration that leads into a speech: its sentence opens on the speaker and ends on speaking; "X’s remark was,"', () => {
  const corpus = book(
    '"You are very kind," said Mr. Collins.',
    '"Not at all," said Lydia.',
    'Lydia was bid by her sisters to hold her tongue; but Mr. Collins, much offended, laid aside his book, and said,',
    '"I have often observed how little young ladies are interested by books."',
    'They walked on, and Lydia\'s remark was, soon afterwards--',
    '"There it is."',
    'The gentlemen joined them, when Mr. Collins, seeing Lydia, began,',
    '"My dear cousin, you are come at last."',
  );
  assert.deepEqual(all(corpus), [
    ['You are very kind,', 'Mr. Collins', 'tag', 1],
    ['Not at all,', 'Lydia', 'tag', 1],
    ['I have often observed', 'Mr. Collins', 'narration', 0.9],
    ['There it is.', 'Lydia', 'narration', 0.9],
    ['My dear cousin, you', 'Mr. Collins', 'narration', 0.9],
  ]);
  const passage = corpus.passages.find((p) => p.text.startsWith('"I have often'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 10 })?.reason, 'introduced by the narration: Mr. Collins opens the sentence that leads into it');
});

test('turn-taking over a run of paragraphs: four known turns in step fill the gaps; a third name in the narration breaks the run', () => {
  const exchange = [
    '"Shall we walk?" said Jane.',
    '"If you like," said Tom.',
    '"Then to the mill."',
    '"The mill is shut on Sundays."',
    '"Is it?" said Jane.',
    '"It is," said Tom.',
    '"Then the river."',
    '"The river it is."',
  ];
  assert.deepEqual(all(book(...exchange)), [
    ['Shall we walk?', 'Jane', 'tag', 1],
    ['If you like,', 'Tom', 'tag', 1],
    ['Then to the mill.', 'Jane', 'turns', 0.9],
    ['The mill is shut', 'Tom', 'turns', 0.9],
    ['Is it?', 'Jane', 'tag', 1],
    ['It is,', 'Tom', 'tag', 1],
    ['Then the river.', 'Jane', 'turns', 0.9],
    ['The river it is.', 'Tom', 'turns', 0.9],
  ]);
  const passage = book(...exchange).passages.find((p) => p.text.startsWith('"Then to'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 10 })?.reason, 'by turn-taking with Tom, 4 known turns of the exchange in step');
  // Someone else named in a paragraph's narration may be its speaker: no run, at most a guess.
  const broken = [...exchange];
  broken[3] = 'Mr. Hale looked up from his paper. "The mill is shut on Sundays."';
  const speeches = all(book(...broken, '"Who is there?" said Mr. Hale.'));
  assert.deepEqual(speeches.filter(([, , by, c]) => by === 'turns' && c >= 0.8), []);
});

test('"cried he" after a turn that called one man by name is his answer', () => {
  const corpus = book(
    '"Good morning," said Emma.',
    '"It has been so many years my province to give advice, Mr. Knightley."',
    '"Not at all," cried he; "I am much obliged to you."',
    '"Yes," said Mr. Knightley.',
  );
  assert.deepEqual(all(corpus)[2], ['Not at all,', 'Mr. Knightley', 'anaphora', 0.85]);
  const passage = corpus.passages.find((p) => p.text.startsWith('"Not at all'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 8 })?.reason, 'by its tag “said he”: Mr. Knightley, whom the turn before called by name');
});

test('a novel told in the first person: "said I" is the narrator, named by what the others call them', () => {
  const paragraphs: string[] = [];
  for (let k = 0; k < 12; k++) paragraphs.push(`"What of the ${k}th clue?" said I.`, `"Elementary, my dear Watson," said Holmes.`);
  const corpus = book(...paragraphs);
  assert.deepEqual(all(corpus).slice(0, 2), [
    ['What of the 0th', 'Watson', 'anaphora', 0.95],
    ['Elementary, my dear Watson,', 'Holmes', 'tag', 1],
  ]);
  assert.deepEqual(corpus.cast?.people.Watson, ['Watson']);
  const passage = corpus.passages[0];
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 8 })?.reason, 'by its tag “said I”: the narrator, Watson');
  // A handful of "said I" in a book told in the third person (a letter, a story told aloud) names no narrator.
  assert.deepEqual(all(book(...paragraphs.slice(0, 6)))[0], ['What of the 0th', 'unknown', 'tag', 1]);
});

test('characters: pet forms of a first name join it (Lizzy, Eliza → Elizabeth); a bare surname joins its one man', () => {
  const corpus = book(
    '"I am going out," said Elizabeth.',
    '"Lizzy, take your sister," said Mrs. Bennet.',
    '"Eliza, do come," said Miss Bingley.',
    '"Come along, Lizzy."',
    'Her mother looked for Lizzy and for Eliza in the garden; she called Lizzy twice, and Eliza did not hear.',
    '"He is proud," said Mr. Darcy.',
    '"So he is," said Darcy.',
    '"Not at all," said Miss Bingley.',
  );
  assert.deepEqual(corpus.cast?.people.Elizabeth, ['Elizabeth', 'Lizzy', 'Eliza']);
  assert.deepEqual(corpus.cast?.people['Mr. Darcy'], ['Mr. Darcy', 'Darcy']);
  assert.equal(corpus.cast?.gender?.['Mr. Darcy'], 'm');
});

test('"said she" opening on the one woman the narration paragraph before it is about; "were the first words which burst from X"', () => {
  const corpus = book(
    '"Good day," said Mr. Elton.',
    '"Good day," said Harriet.',
    'Harriet shook her head. Harriet looked at her friend.',
    'Harriet submitted, though she could hardly believe it. It seemed too precious an offering for any degree of publicity.',
    '"I shall never let that book go," said she.',
    '"Is there no one to help me?" were the first words which burst from Captain Wentworth.',
  );
  assert.deepEqual(all(corpus).slice(2), [
    ['I shall never let', 'Harriet', 'anaphora', 0.85],
    ['Is there no one', 'Captain Wentworth', 'tag', 1],
  ]);
  const passage = corpus.passages.find((p) => p.text.startsWith('"I shall never'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 8 })?.reason, 'by its tag “said she”: Harriet, the subject of the paragraph before it');
});

test('the leading sentence: never a name inside a relative clause, nor one who only hears the speech', () => {
  const corpus = book(
    '"Here," said Elinor.',
    '"Thank you," said Marianne.',
    'A glass of wine, which Elinor procured for her directly, made her more comfortable, and she was at last able to express her thanks, by saying,',
    '"Poor Elinor! how unhappy I make you!"',
    'Emma heard Harriet saying in a half-whisper,',
    '"I shall never marry."',
    '"Never?" said Emma.',
  );
  const speeches = all(corpus);
  assert.deepEqual(speeches[2].slice(0, 2), ['Poor Elinor! how unhappy', 'unknown']);
  assert.notEqual(speeches[3][1], 'Emma');
});

test('a run of turns takes in a short paragraph of narration that names only its two people', () => {
  const corpus = book(
    '"Shall we walk?" said Jane.',
    '"If you like," said Tom.',
    '"Then to the mill."',
    'Tom looked at Jane for a moment.',
    '"The mill is shut on Sundays."',
    '"Is it?" said Jane.',
    '"It is," said Tom.',
    '"Then the river."',
  );
  assert.deepEqual(all(corpus).filter(([, , by]) => by === 'turns'), [
    ['Then to the mill.', 'Jane', 'turns', 0.9],
    ['The mill is shut', 'Tom', 'turns', 0.9],
    ['Then the river.', 'Jane', 'turns', 0.9],
  ]);
});

/** Every speech of a short book written for the test: [its first words, speaker, sieve, confidence, reason]. */
function inlineSpeeches(lines: string[]): [string, string, string, number, string | undefined][] {
  const book = loadCorpus(lines.join('\n'), { id: 'inline', origin: '/t/inline.txt' });
  return book.passages
    .filter((p) => p.speakers)
    .flatMap((p) => p.speakers!.map((s): [string, string, string, number, string | undefined] => [p.text.slice(s.start, s.end).split(' ').slice(0, 3).join(' '), s.name, s.by ?? 'tag', s.confidence ?? 1, s.reason]));
}

test('a verb with its particle tags the speech ("broke in Lord Henry"), never the verb alone', () => {
  assert.deepEqual(
    inlineSpeeches([
      '"That is entirely due to me," broke in Lord Henry. "Isn\'t it, Mr. Gray?"',
      '',
      '"It is an annoying subject," Basil put in.',
      '',
      '"You broke Basil\'s heart," said Lord Henry.',
      '',
      '"The glass," broke Basil, "is on the floor."',
    ]),
    [
      ['That is entirely', 'Lord Henry', 'tag', 1, undefined],
      ['Isn\'t it, Mr.', 'Lord Henry', 'paragraph', 0.95, 'tagged in the same paragraph'],
      ['It is an', 'Basil', 'tag', 1, undefined],
      ['You broke Basil\'s', 'Lord Henry', 'tag', 1, undefined],
      // "broke" alone is no tag: only a guess by turn-taking, never used to flag.
      ['The glass,', 'Basil', 'turns', 0.75, 'by turn-taking after Lord Henry'],
      ['is on the', 'Basil', 'turns', 0.75, 'by turn-taking after Lord Henry'],
    ],
  );
});

test('the one the narration hears saying a speech speaks it ("she heard Harriet say,", "was heard to say,")', () => {
  assert.deepEqual(
    inlineSpeeches([
      '"I am here," said Harriet. "And so am I," said Emma.',
      '',
      'After a minute\'s silence she heard Harriet say, in a very serious tone, "I shall never marry."',
      '',
      'And Emma was heard to say, "I think you could manage this."',
    ]),
    [
      ['I am here,', 'Harriet', 'tag', 1, undefined],
      ['And so am', 'Emma', 'tag', 1, undefined],
      ['I shall never', 'Harriet', 'narration', 0.9, 'introduced by the narration: Harriet is heard saying it'],
      ['I think you', 'Emma', 'narration', 0.9, 'introduced by the narration: Emma is heard saying it'],
    ],
  );
});

test('a speech broken by an aside goes on in the same voice when no sieve before reached it', () => {
  assert.deepEqual(
    inlineSpeeches([
      '"You are early," said Anne. "Yes," said Mary.',
      '',
      // Two voices tagged in the paragraph: the paragraph sieve leaves it, the aside joins "ten" to Anne's "nine".
      '"Seven," said Mary, "eight," and Anne said, "nine," (smiling) "ten."',
      '',
      // Not an aside: a clause with a verb of its own.
      '"Eleven," said Mary, "twelve," and Anne laughed, and the bell rang. "Thirteen."',
    ]),
    [
      ['You are early,', 'Anne', 'tag', 1, undefined],
      ['Yes,', 'Mary', 'tag', 1, undefined],
      ['Seven,', 'Mary', 'tag', 1, undefined],
      ['eight,', 'Mary', 'paragraph', 0.95, 'tagged in the same paragraph'],
      ['nine,', 'Anne', 'tag', 1, undefined],
      ['ten.', 'Anne', 'paragraph', 0.95, 'the same speech, broken by an aside'],
      ['Eleven,', 'Mary', 'tag', 1, undefined],
      ['twelve,', 'Mary', 'paragraph', 0.95, 'tagged in the same paragraph'],
      ['Thirteen.', 'unknown', 'tag', 1, undefined],
    ],
  );
});

test('a name and a verb closing the clause after a speech that ended its sentence tag it', () => {
  assert.deepEqual(
    inlineSpeeches([
      '"Go on with the next verse," said the Gryphon.',
      '',
      '"It\'s the first position in dancing." Alice said; but was dreadfully puzzled.',
      '',
      // With a speech after it, the name and verb lead into that one.
      '"It is late." Alice said, "Let us go."',
    ]),
    [
      ['Go on with', 'the Gryphon', 'tag', 1, undefined],
      ['It\'s the first', 'Alice', 'tag', 1, undefined],
      ['It is late.', 'unknown', 'tag', 1, undefined],
      ['Let us go.', 'Alice', 'narration', 0.9, 'introduced by the narration: Alice is its subject'],
    ],
  );
});

test('a first name two characters share is the one the book does not write out in full ("Charles", not Charles Hayter)', () => {
  const scene = (k: number) => [
    `Charles Hayter came in at ${k}, and Charles Hayter sat down.`,
    '',
    `"We shall dine at ${k}," said Charles.`,
    '',
    `"Not I," said Charles Hayter. Charles laughed, and Charles went out, and Charles came back.`,
    '',
  ];
  const lines = ['"Well," said Charles Musgrove.', '', ...Array.from({ length: 6 }, (_, k) => scene(k + 1)).flat()];
  const said = inlineSpeeches(lines).map(([words, name]) => [words, name]);
  assert.deepEqual(said.slice(0, 3), [
    ['Well,', 'Charles Musgrove'],
    ['We shall dine', 'Charles Musgrove'],
    ['Not I,', 'Charles Hayter'],
  ]);
  // Written out as often as the other, the bare name could be either: it stays a name of its own.
  const even = inlineSpeeches([...Array.from({ length: 18 }, () => ['Charles Musgrove sat down.', '']).flat(), ...lines]).map(([words, name]) => [words, name]);
  assert.deepEqual(even[1], ['We shall dine', 'Charles']);
});

test('narration that leads into a speech: "took the opportunity of whispering,", "that Emma could not help saying,", "; and when …", ", but … interrupted her with--"', () => {
  assert.deepEqual(
    inlineSpeeches([
      '"You are early," said Emma. "Yes," said Mr. Knightley.',
      '',
      'He brought the music to her, and they looked it over together.--Emma took the opportunity of whispering,',
      '',
      '"You speak too plain."',
      '',
      'But he laughed so heartily at the recollection, that Emma could not help saying,',
      '',
      '"I do suspect you."',
      '',
      // “…” Emma smiled. is a sentence of its own, not a tag.
      'She was silent; and when Mr. Knightley immediately replied, with some warmth, "Oh, yes, I should like to join them." Emma smiled.',
      '',
      '"I was not comparing them," said Emma, but Mr. Knightley interrupted her with--',
      '',
      '"And the thing is certainly true."',
      '',
      // The book's apostrophes lost ("Knightley s"), as in some plain-text editions.
      '"Ah! Emma, I do not know what we shall do," was Mr. Knightley s address to her.',
    ]),
    [
      ['You are early,', 'Emma', 'tag', 1, undefined],
      ['Yes,', 'Mr. Knightley', 'tag', 1, undefined],
      ['You speak too', 'Emma', 'narration', 0.9, 'introduced by the narration: Emma opens the sentence that leads into it'],
      ['I do suspect', 'Emma', 'narration', 0.9, 'introduced by the narration: Emma opens the sentence that leads into it'],
      ['Oh, yes, I', 'Mr. Knightley', 'narration', 0.9, 'introduced by the narration: Mr. Knightley opens the sentence that leads into it'],
      ['I was not', 'Emma', 'tag', 1, undefined],
      ['And the thing', 'Mr. Knightley', 'narration', 0.9, 'introduced by the narration: Mr. Knightley opens the sentence that leads into it'],
      ['Ah! Emma, I', 'Mr. Knightley', 'tag', 1, undefined],
    ],
  );
});

test('"cried her mother", "replied her husband": the one Mrs. or Mr. of the family name of the one spoken to', () => {
  const inferred = inlineSpeeches([
    'Mrs. Bennet came into the room, and Mr. Bennet followed her.',
    '',
    '"Is it true?" said Mrs. Bennet. "It is," said Mr. Bennet.',
    '',
    // Elizabeth's family name from the narration ("Elizabeth Bennet", twice); her gender from its pronouns.
    'Elizabeth took her umbrella. Elizabeth put on her bonnet. So Elizabeth Bennet went out, as Elizabeth Bennet always did.',
    '',
    '"I am going to Netherfield," said Elizabeth.',
    '',
    '"In this rain?" cried her mother.',
    '',
    '"Yes, in this rain," said Elizabeth.',
    '',
    '"She will be wet through," said Mrs. Bennet.',
    '',
    '"Let her go," replied her husband.',
  ]).filter(([, , by]) => by !== 'tag');
  assert.deepEqual(inferred, [
    ['In this rain?', 'Mrs. Bennet', 'anaphora', 0.85, 'by its tag “her mother”: Mrs. Bennet, of Elizabeth'],
    ['Let her go,', 'Mr. Bennet', 'anaphora', 0.85, 'by its tag “her husband”: Mr. Bennet, of Mrs. Bennet'],
  ]);
});

test('the last clause before a speech: its subject, a phrase set off by commas, the verb ("Robert, drawing near Nell, said to her--", "Kitty, who said")', () => {
  const corpus = book(
    '"Is the boat in?" said Nell. "It is," said Robert.',
    // "the girl of Robert" is no name: not Robert's line.
    '"Why does she look at me so?" inquired the girl of Robert.',
    // "And Mrs. Grey" opening a sentence is its subject, not an object like "Nell and Kitty".
    '"I hate the house," said Kitty. "It is always so cold." And Mrs. Grey took the first chance of being alone with Nell, to say, "Oh! Miss Nell, I wish she were kinder."',
    '"Very true," said Mrs. Grey.',
    // "after the little pause …," is a phrase of time, not a clause with a subject of its own.
    'Robert answered for the boat, and named its maker; and Nell, after the little pause which followed, added--',
    '"It was built at Deal."',
    'Kitty sang a song; and soon afterwards Robert, drawing near Nell, said to her--',
    '"Do you sail?"',
    'The silence was broken by Kitty, who said with a faint smile,',
    '"We ought to go."',
    'Mrs. Grey approached, and, after listening for a few minutes, said to Robert,',
    '"You must stay."',
    // The one who says it, though the sentence opens on someone else.
    'Robert looked anxiously at Kitty, who said in a low voice,',
    '"Not yet."',
    // Someone else's clause after the verb: no speaker.
    'Its face was pale (with passion, Nell thought), and it said in a low voice,',
    '"Let us go to the shore."',
    'Nell saw his anxiety, and wishing to appease it, at least for the present, said, and with a sincerity which no one could question--',
    '"It is a fine boat."',
    'And Robert at the same time, walking briskly through the passage, was calling out,',
    '"Come along!"',
    'Kitty here burst forth with indignation',
    '"Fine! Like him!"',
    'Mrs. Grey answered by looking at her sister, and saying,',
    '"I must not tell."',
    'Robert paused on his way out to the barn to say to Nell again:',
    '"You ought to let her go."',
    // A name in a clause of place inside the phrase is no one speaking.
    'Mrs. Grey, going to the east gable, where Nell was standing at her window, said gently:',
    '"Would you like me to stay?"',
    // After "when" the name's clause is its own: "said aloud" is not Kitty's.
    'Robert took the hint, and when Kitty had finished her song, said aloud,',
    '"That will do."',
  );
  assert.deepEqual(all(corpus), [
    ['Is the boat in?', 'Nell', 'tag', 1],
    ['It is,', 'Robert', 'tag', 1],
    ['Why does she look', 'unknown', 'tag', 1],
    ['I hate the house,', 'Kitty', 'tag', 1],
    ['It is always so', 'Kitty', 'paragraph', 0.95],
    ['Oh! Miss Nell, I', 'Mrs. Grey', 'narration', 0.9],
    ['Very true,', 'Mrs. Grey', 'tag', 1],
    ['It was built at', 'Nell', 'narration', 0.9],
    ['Do you sail?', 'Robert', 'narration', 0.9],
    ['We ought to go.', 'Kitty', 'narration', 0.9],
    ['You must stay.', 'Mrs. Grey', 'narration', 0.9],
    ['Not yet.', 'Kitty', 'narration', 0.9],
    ['Let us go to', 'unknown', 'tag', 1],
    ['It is a fine', 'Nell', 'narration', 0.9],
    ['Come along!', 'Robert', 'narration', 0.9],
    ['Fine! Like him!', 'Kitty', 'narration', 0.9],
    ['I must not tell.', 'Mrs. Grey', 'narration', 0.9],
    ['You ought to let', 'Robert', 'narration', 0.9],
    ['Would you like me', 'Mrs. Grey', 'narration', 0.9],
    ['That will do.', 'unknown', 'tag', 1],
  ]);
  const passage = corpus.passages.find((p) => p.text.startsWith('"Do you sail'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 10 })?.reason, 'introduced by the narration: Robert is its subject');
});

test('tags after a speech: "Ned hastened to say.", "asserted the Colonel", "spoke Nora"; a description opening the clause before a speech is no one the narration names', () => {
  const corpus = book(
    '"Were you at the dance?" asked Nora. "I was," said Ned.',
    '"No! oh, no!" Ned hastened to say. "I only watched."',
    '"You are too lenient, far too lenient," asserted the Colonel.',
    '"Then we are agreed," spoke Nora.',
    // Her sister says it, not Nora (named in the tag before); his wife, not Ned (who opens the sentence).
    '"I was not there," said Ned. "Nor I," said Nora; and when she had finished, her sister kissed her, and said, "You were asleep, dear."',
    'Ned had just come in, and his wife was exclaiming,',
    '"Oh! you have found us out at last."',
  );
  assert.deepEqual(all(corpus), [
    ['Were you at the', 'Nora', 'tag', 1],
    ['I was,', 'Ned', 'tag', 1],
    ['No! oh, no!', 'Ned', 'tag', 1],
    ['I only watched.', 'Ned', 'paragraph', 0.95],
    ['You are too lenient,', 'the Colonel', 'tag', 1],
    ['Then we are agreed,', 'Nora', 'tag', 1],
    ['I was not there,', 'Ned', 'tag', 1],
    ['Nor I,', 'Nora', 'tag', 1],
    ['You were asleep, dear.', 'unknown', 'tag', 1],
    ['Oh! you have found', 'unknown', 'tag', 1],
  ]);
});

test('a minor character the book only describes in a tag or two ("said the cook") is named by it; an epithet said often, or set after a name, is not', () => {
  const corpus = loadCorpus(
    [
      'CHAPTER I',
      '"Give your evidence," said the King.',
      '"Shan\'t," said the cook.',
      '"What are tarts made of?" said the King.',
      '"Pepper, mostly," said the cook.',
      'CHAPTER II',
      // "Jem Wilkins, the porter": an epithet of a named man.
      'Mr. Hale came in with Jem Wilkins, the porter, who carried the trunk.',
      '"Where shall I put it?" asked the porter.',
      '"Upstairs," said Mr. Hale.',
      'CHAPTER III',
      // In three paragraphs' tags: someone the book names elsewhere.
      '"You are late," said Lucy. "I am," said Tom.',
      '"Sit down," said the painter.',
      '"I will," said Tom.',
      '"Then look," said the painter.',
      '"I see," said Tom.',
      '"Good," said the painter.',
      'CHAPTER IV',
      // A role strangers fill names; "the musician" is rather someone's epithet. A verb of the wider list tags.
      '"Play it again," ejaculated the musician.',
      '"Run and find her mother," Victor instructed the girl.',
    ].join('\n\n'),
    { id: 'inline', origin: '/t/inline.txt' },
  );
  assert.deepEqual(
    all(corpus).map(([words, name]) => [words, name]),
    [
      ['Give your evidence,', 'the King'],
      ["Shan't,", 'the cook'],
      ['What are tarts made', 'the King'],
      ['Pepper, mostly,', 'the cook'],
      ['Where shall I put', 'unknown'],
      ['Upstairs,', 'Mr. Hale'],
      ['You are late,', 'Lucy'],
      ['I am,', 'Tom'],
      ['Sit down,', 'unknown'],
      ['I will,', 'Tom'],
      ['Then look,', 'unknown'],
      ['I see,', 'Tom'],
      ['Good,', 'unknown'],
      ['Play it again,', 'unknown'],
      ['Run and find her', 'Victor'],
    ],
  );
  assert.deepEqual(Object.keys(corpus.cast?.people ?? {}).sort(), ['Lucy', 'Mr. Hale', 'Tom', 'Victor', 'the King', 'the cook']);
});

test('narration that goes on speaking ("Fanny went on."), words that come from someone ("came from Mr. Hale’s lips", "communication … from Lucy"), "Fanny’s only comment … was,"', () => {
  const corpus = book(
    '"It is late," said Fanny. "It is," said Mr. Hale.',
    '"Hold your tongue!" added Mr. Hale, before Fanny could speak again. Fanny went on.',
    '"We had the best of teachers."',
    'Mr. Hale was too astonished to answer; but Fanny hardly waited for the affirmative before she went on.',
    '"Having heard as much, I came."',
    // Someone else's subject: "the conversation began." leads into no one's speech.
    'Lucy had left the room before the conversation began.',
    '"Certainly, I shall tell her."',
    '"A dangerous plan!" came from Mr. Hale\'s tight lips.',
    '"Where have you been walking to?" was a question which Fanny received from Lucy as soon as she came in.',
    'She had this communication, moreover, from Lucy. "The house is cold."',
    'Fanny\'s only comment when she heard the story was, "I told you so."',
    'Mr. Hale\'s accounting for it with "They will not take the liberty," was not sufficient.',
    'And on Lucy\'s side, it was, "I never interfere."',
    // The words she screens from Lucy are not Lucy's.
    'She turned to screen her words from Lucy--"A visit, you know."',
  );
  assert.deepEqual(all(corpus), [
    ['It is late,', 'Fanny', 'tag', 1],
    ['It is,', 'Mr. Hale', 'tag', 1],
    ['Hold your tongue!', 'Mr. Hale', 'tag', 1],
    ['We had the best', 'Fanny', 'narration', 0.9],
    ['Having heard as much,', 'Fanny', 'narration', 0.9],
    ['Certainly, I shall tell', 'unknown', 'tag', 1],
    ['A dangerous plan!', 'Mr. Hale', 'tag', 1],
    ['Where have you been', 'Lucy', 'tag', 1],
    ['The house is cold.', 'Lucy', 'tag', 1],
    ['I told you so.', 'Fanny', 'tag', 1],
    ['They will not take', 'Mr. Hale', 'tag', 1],
    ['I never interfere.', 'Lucy', 'tag', 1],
    ['A visit, you know.', 'unknown', 'tag', 1],
  ]);
});

test('kin tags: "her" is the one the speech calls by name ("…, Sukey," said her mother); a first name with its pet forms has the family name the narration gives it; "his wife" where no "his" is known names the one it names elsewhere', () => {
  const corpus = loadCorpus(
    [
      'Mrs. Grant came into the room, and Mr. Grant followed her.',
      '"Is it true?" said Mrs. Grant. "It is," said Mr. Grant.',
      'Susan took her umbrella. Susan put on her bonnet. So Susan Grant went out, as Susan Grant always did.',
      '"I hope the rain will stop, Sukey," said Mr. Grant.',
      '"We cannot know what the rain will do, Sukey," said her mother.',
      '"No," said Mr. Grant.',
      '"It is late," said Mr. Grant.',
      '"It is not," replied his wife.',
      '"It is dark," said Mr. Grant.',
      '"It is not," replied his wife.',
      'CHAPTER II',
      '"Will you walk?" said Mrs. Grant.',
      '"Not to-day," said Mr. Grant.',
      '"Then I shall go alone," said Mrs. Grant.',
      '"You will get wet," said Susan.',
      '"Go, my dear," cried his wife, "and take your coat."',
      '"When America was discovered," said the Radical member, "it was not by walking."',
    ].join('\n\n'),
    { id: 'inline', origin: '/t/inline.txt' },
  );
  const inferred = all(corpus).filter(([, , by]) => by !== 'tag');
  assert.deepEqual(inferred, [
    ['We cannot know what', 'Mrs. Grant', 'anaphora', 0.85],
    ['It is not,', 'Mrs. Grant', 'anaphora', 0.85],
    ['It is not,', 'Mrs. Grant', 'anaphora', 0.85],
    ['Go, my dear,', 'Mrs. Grant', 'anaphora', 0.85],
    ['and take your coat.', 'Mrs. Grant', 'anaphora', 0.85],
  ]);
  const passage = corpus.passages.find((p) => p.text.startsWith('"Go, my dear'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 8 })?.reason, 'by its tag “his wife”: Mrs. Grant, as the book’s “his wife” is elsewhere');
  // "the Radical member" is no one called "the Radical".
  assert.deepEqual(Object.keys(corpus.cast?.people ?? {}).sort(), ['Mr. Grant', 'Mrs. Grant', 'Susan']);
  assert.deepEqual(corpus.cast?.people.Susan, ['Susan', 'Sukey']);
});

test('no wrong speakers: "Mary interrupted him" after a speech broken off, "…, Marilla thought."; "; and the Rabbit … called out," is the Rabbit’s clause', () => {
  const corpus = book(
    '"Oh! he talks of you," cried Charles, "in such terms--" Mary interrupted him. "I declare, he never does."',
    '"I did put it back," said Anne quickly--pertly, Marilla thought. "I do not remember where."',
    '"Call the first witness," said the King; and the Rabbit blew three blasts on the trumpet, and called out, "First witness!"',
    '"Well?" said the Rabbit.',
  );
  assert.deepEqual(all(corpus), [
    ['Oh! he talks of', 'Charles', 'tag', 1],
    ['in such terms—', 'Charles', 'paragraph', 0.95],
    ['I declare, he never', 'unknown', 'tag', 1],
    ['I did put it', 'Anne', 'tag', 1],
    ['I do not remember', 'Anne', 'paragraph', 0.95],
    ['Call the first witness,', 'the King', 'tag', 1],
    ['First witness!', 'the Rabbit', 'narration', 0.9],
    ['Well?', 'the Rabbit', 'tag', 1],
  ]);
});

test('an epithet said in three turns or more ("said the lad") is the one character in each conversation who did not speak next to it', () => {
  const scene = (n: string) => [`CHAPTER ${n}`, '"Is it late?" said Tom.', '"It is," said Lucy.', '"Then I shall go," said the lad.', '"Go, then," said Lucy.'];
  const corpus = loadCorpus([...scene('I'), ...scene('II'), ...scene('III')].join('\n\n'), { id: 'inline', origin: '/t/inline.txt' });
  const lad = all(corpus).filter(([words]) => words.startsWith('Then I shall'));
  assert.deepEqual(lad, [
    ['Then I shall go,', 'Tom', 'anaphora', 0.85],
    ['Then I shall go,', 'Tom', 'anaphora', 0.85],
    ['Then I shall go,', 'Tom', 'anaphora', 0.85],
  ]);
  const passage = corpus.passages.find((p) => p.text.startsWith('"Then I shall'))!;
  assert.equal(speakerDetail({ passage, sourceStart: 1, sourceEnd: 8 })?.reason, 'by its tag “the lad”: Tom, whom the book calls so');
  // Said in two turns only: no one's epithet yet (turn-taking alone reaches them).
  const two = loadCorpus([...scene('I'), ...scene('II')].join('\n\n'), { id: 'inline', origin: '/t/inline.txt' });
  assert.deepEqual(
    all(two).filter(([words]) => words.startsWith('Then I shall')),
    [
      ['Then I shall go,', 'Tom', 'turns', 0.85],
      ['Then I shall go,', 'Tom', 'turns', 0.85],
    ],
  );
});

test('a paragraph of two voices: the speech right after a tag goes on in its voice; "the young Crab" is not "Crab"; "; and an old Crab took the opportunity of saying" is not the Lory', () => {
  const corpus = book(
    '"What has happened, Nell?" asked Robert, taking up his oars. "We were playing" explained Nell frigidly, without even looking at him, "and I had to drift."',
    '"What a pity it would not stay!" sighed the Lory, as soon as it was out of sight; and an old Crab took the opportunity of saying to her daughter "Let this be a lesson to you!" "Hold your tongue, Ma!" said the young Crab, a little snappishly. "You are enough to try an oyster!"',
  );
  assert.deepEqual(all(corpus), [
    ['What has happened, Nell?', 'Robert', 'tag', 1],
    ['We were playing', 'Nell', 'tag', 1],
    ['and I had to', 'Nell', 'paragraph', 0.95],
    ['What a pity it', 'the Lory', 'tag', 1],
    ['Let this be a', 'unknown', 'tag', 1],
    ['Hold your tongue, Ma!', 'the young Crab', 'tag', 1],
    ['You are enough to', 'the young Crab', 'paragraph', 0.95],
  ]);
});

test('gender from titles: a name the pronouns leave open is a man when the book calls him "Mr." three times or more', () => {
  const corpus = book(
    'Mr. Willoughby came in. Mr. Willoughby bowed. Mr. Willoughby sat down.',
    // "her hand" is hers, not his: the pronouns after the name are even.
    'Willoughby took her hand. Willoughby pressed her hand. Willoughby said he was glad. Willoughby thought he would stay.',
    '"You are kind," said Elinor.',
    '"I am," said Willoughby.',
  );
  assert.deepEqual(corpus.cast?.gender, { Willoughby: 'm' });
  // Twice only: no gender.
  const twice = book('Mr. Willoughby came in. Mr. Willoughby bowed.', 'Willoughby took her hand. Willoughby pressed her hand. Willoughby said he was glad. Willoughby thought he would stay.', '"I am," said Willoughby.');
  assert.deepEqual(twice.cast?.gender, {});
});

test('the narration before a speech: a pronoun in a clause its verb takes ("saw what he was doing", "assured her that they never sat") is no other subject', () => {
  const corpus = book(
    '"You are here," said Nell. "I am," said Robert.',
    'Nell saw what he was doing, and at the first pause, turned to him with a smile, and said,',
    '"You mean to frighten me."',
    'Mrs. Grey assured her that they never sat there after dinner; and then added,',
    '"May I ask you something?"',
    '"Yes," said Mrs. Grey.',
  );
  assert.deepEqual(
    all(corpus).filter(([, , by]) => by !== 'tag'),
    [
      ['You mean to frighten', 'Nell', 'narration', 0.9],
      ['May I ask you', 'Mrs. Grey', 'narration', 0.9],
    ],
  );
});

test('narration that leads into a speech: "X\'s giving a sigh, and saying,", "accosted her with,", "overhearing X whisper to his wife,", "ventured this apology", "ended with,"', () => {
  const corpus = book(
    '"You are here," said Nell. "I am," said Mr. Grey. "So am I," said Mrs. Grey.',
    'But never did she go without Mr. Grey\'s giving a gentle sigh, and saying, "Ah, poor Nell!"',
    'There was pleasure in the sight of them--for Mr. Grey immediately accosted her with,',
    '"How do you do?"',
    'The party did not break up without her overhearing Mr. Grey whisper to his wife, "He has asked her, my dear."',
    'Before the few who knew her opinion, Mrs. Grey ventured this apology for Nell.',
    '"We cannot suppose that she has any enjoyment."',
    'She forgot to listen; and when Mrs. Grey ended with, "We have not had the letter," she was obliged to answer.',
  );
  assert.deepEqual(
    all(corpus).slice(3),
    [
      ['Ah, poor Nell!', 'Mr. Grey', 'tag', 1],
      ['How do you do?', 'Mr. Grey', 'narration', 0.9],
      ['He has asked her,', 'Mr. Grey', 'narration', 0.9],
      ['We cannot suppose that', 'Mrs. Grey', 'narration', 0.9],
      ['We have not had', 'Mrs. Grey', 'narration', 0.9],
    ],
  );
});

test('narration leading into a speech: "so Alice soon began talking again.", "…,” the King hastily said, and went on to himself,", "listened, and looked, and made only this reply:", the last of two clauses ("Alice replied, so eagerly that the Gryphon said,")', () => {
  const corpus = book(
    '"Yes," said Alice. "No," said the King. "Well," said Lady Russell. "So," said Anne. "Hm," said the Gryphon.',
    'There was nothing else to do, so Alice soon began talking again. "Dinah will miss me!" (Dinah was the cat.) "I hope they remember her milk."',
    '"Unimportant, of course, I meant," the King hastily said, and went on to himself in an undertone,',
    '"important--unimportant--"',
    'Anne presumed, however, still to smile about it.  Lady Russell listened, and looked, and made only this cautious reply:--"Very well; time will explain."',
    '"Oh, a song, please," Alice replied, so eagerly that the Gryphon said, in a rather offended tone, "No accounting for tastes!"',
  );
  assert.deepEqual(all(corpus).slice(5), [
    ['Dinah will miss me!', 'Alice', 'narration', 0.9],
    ['I hope they remember', 'Alice', 'narration', 0.9],
    ['Unimportant, of course, I', 'the King', 'tag', 1],
    ['important—unimportant—', 'the King', 'narration', 0.9],
    ['Very well; time will', 'Lady Russell', 'narration', 0.9],
    ['Oh, a song, please,', 'Alice', 'tag', 1],
    ['No accounting for tastes!', 'the Gryphon', 'narration', 0.9],
  ]);
});

test('"X\'s reproach of “…”", "this information from X:--", "X\'s who … could not help saying--"; "“…” was what Anne often heard him say" is his', () => {
  const corpus = book(
    '"Yes," said Anne. "No," said Mary. "Well," said Mrs. Grey. "Hm," said Charles.',
    'Mary put on her bonnet. Mary took her cloak. Mary found her gloves.',
    '"I could manage them very well," was what Anne often heard him say; but when listening in turn to Mary\'s reproach of "Charles spoils the children," she never agreed.',
    'After the visit she had this spontaneous information from Mary:--',
    '"Captain Wentworth is not very gallant."',
    'She was roused by a whisper of Mrs. Grey\'s who, overcome by fond regrets, could not help saying--',
    '"Ah! Miss Anne, if it had pleased Heaven."',
  );
  assert.deepEqual(all(corpus).slice(4), [
    ['I could manage them', 'unknown', 'tag', 1],
    ['Charles spoils the children,', 'Mary', 'tag', 1],
    ['Captain Wentworth is not', 'Mary', 'narration', 0.9],
    ['Ah! Miss Anne, if', 'Mrs. Grey', 'narration', 0.9],
  ]);
});

test('a number that tags a speech is a name ("said Two")', () => {
  const corpus = book('"Leave off that!" screamed the Queen.', '"May it please your Majesty," said Two, in a very humble tone, "we were trying--"');
  assert.deepEqual(all(corpus), [
    ['Leave off that!', 'the Queen', 'tag', 1],
    ['May it please your', 'Two', 'tag', 1],
    ['we were trying—', 'Two', 'paragraph', 0.95],
  ]);
});

test('"On which Seven looked up and said,"; "…;” and to break through her gratitude, Emma made the direct inquiry of--" after a word in quotation marks', () => {
  const corpus = book(
    '"Yes," said Emma. "No," said Miss Bates. "I," said Seven.',
    'There was no bearing such an "always;" and to break through her dreadful gratitude, Emma made the direct inquiry of--',
    '"Where is Miss Fairfax going?"',
    'On which Seven looked up and said, "That\'s right, Five!"',
  );
  assert.deepEqual(all(corpus).slice(4), [
    ['Where is Miss Fairfax', 'Emma', 'narration', 0.9],
    ["That's right, Five!", 'Seven', 'narration', 0.9],
  ]);
});

test('narration that goes on speaking: "…, and repeated her invitation immediately.", "X it was who spoke up stoutly."; "pronounced in retort this bitter philippic,"', () => {
  const corpus = book(
    '"Yes," said Mrs. Grey. "No," said Nell. "Well," said Robert.',
    'Mrs. Grey received the refusal with some surprise, and repeated her invitation immediately.',
    '"Oh, Lord! your mother can spare you."',
    'Mrs. Grey looked exceedingly angry, and drawing herself up more stiffly than ever, pronounced in retort this bitter philippic,',
    '"Miss Morton is Lord Morton\'s daughter."',
    'Nobody answered. Robert it was who spoke up stoutly.',
    '"It was my fault."',
  );
  assert.deepEqual(all(corpus).slice(3), [
    ['Oh, Lord! your mother', 'Mrs. Grey', 'narration', 0.9],
    ['Miss Morton is Lord', 'Mrs. Grey', 'narration', 0.9],
    ['It was my fault.', 'Robert', 'narration', 0.9],
  ]);
});

test('"Anne confided that evening to Marilla," tags (a time, not "that …" reported); a name called in another voice\'s speech of the paragraph leaves an inferred speaker sure', () => {
  const corpus = book(
    '"Yes," said Anne. "No," said Marilla. "So," said Josie. "Well," said Gilbert.',
    '"I did not say anything when Josie said that," Anne confided that evening to Marilla, who was lying on the sofa, "because it was part of my punishment."',
    // “…, Anne?” is Gilbert's: Anne's own second half stays confident.
    '"What has happened, Anne?" asked Gilbert, taking up his oars. "We were playing" explained Anne frigidly, without even looking at him, "and I had to drift."',
  );
  assert.deepEqual(all(corpus).slice(4), [
    ['I did not say', 'Anne', 'tag', 1],
    ['because it was part', 'Anne', 'paragraph', 0.95],
    ['What has happened, Anne?', 'Gilbert', 'tag', 1],
    ['We were playing', 'Anne', 'tag', 1],
    ['and I had to', 'Anne', 'paragraph', 0.95],
  ]);
});
