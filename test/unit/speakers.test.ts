import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { cleanBookText } from '../../server/src/engine/loaders';
import { loadCorpus } from '../../server/src/engine/loaders';
import { compareNames, identify, inferSpeakers, speakerOf, speakersOfWords, tagSpeeches } from '../../server/src/engine/speakers';
import type { Passage } from '../../server/src/engine/types';

/** Each speech of a Pride and Prejudice paragraph (as the loader cleans it) with its inferred speaker. */
function tagged(raw: string): [string, string][] {
  const text = cleanBookText(raw);
  return tagSpeeches(text).map((s) => [text.slice(s.start, s.end), s.name]);
}

test('tags after a speech name its speaker: "said Darcy", "cried Elizabeth", "said Mr. Bennet"', () => {
  assert.deepEqual(tagged('“I have been used to consider poetry as the _food_ of love,” said Darcy.'), [
    ['I have been used to consider poetry as the food of love,', 'Darcy'],
  ]);
  assert.deepEqual(
    tagged('“Now, Kitty, you may cough as much as you choose,” said Mr. Bennet; and,\nas he spoke, he left the room, fatigued with the raptures of his wife.'),
    [['Now, Kitty, you may cough as much as you choose,', 'Mr. Bennet']],
  );
});

test('a speech broken by its tag goes on in the same voice', () => {
  assert.deepEqual(tagged('“Well,” said Charlotte, “I wish Jane success with all my heart.”'), [
    ['Well,', 'Charlotte'],
    ['I wish Jane success with all my heart.', 'Charlotte'],
  ]);
  assert.deepEqual(tagged('“Mr. Darcy is not to be laughed at!” cried Elizabeth. “That is an\nuncommon advantage.”'), [
    ['Mr. Darcy is not to be laughed at!', 'Elizabeth'],
    ['That is an uncommon advantage.', 'Elizabeth'],
  ]);
});

test('pronouns and descriptions are no names: the speech stays unknown', () => {
  assert.deepEqual(tagged('“But it is,” returned she; “for Mrs. Long has just been here, and she\ntold me all about it.”'), [
    ['But it is,', 'unknown'],
    ['for Mrs. Long has just been here, and she told me all about it.', 'unknown'],
  ]);
  assert.deepEqual(
    tagged('“My dear Mr. Bennet,” said his lady to him one day, “have you heard that\nNetherfield Park is let at last?”'),
    [
      ['My dear Mr. Bennet,', 'unknown'],
      ['have you heard that Netherfield Park is let at last?', 'unknown'],
    ],
  );
  assert.deepEqual(tagged('“I see your design, Bingley,” said his friend. “You dislike an argument,\nand want to silence this.”'), [
    ['I see your design, Bingley,', 'unknown'],
    ['You dislike an argument, and want to silence this.', 'unknown'],
  ]);
});

test('a tag before the speech, and a name that says nothing', () => {
  assert.deepEqual(tagged('Elizabeth said to Jane, “He is just what a young man ought to be.”'), [
    ['He is just what a young man ought to be.', 'Elizabeth'],
  ]);
  assert.deepEqual(tagged('“Is he married?” Elizabeth said nothing, and Jane went on.'), [['Is he married?', 'unknown']]);
});

test('the cast of a book: tagged names and the "First Surname" pairs it uses', () => {
  const passages: Passage[] = [
    '“Well,” said Charlotte, “I wish Jane success.”',
    '“Yes,” replied Miss Lucas.',
    '“Oh!” cried Mrs. Bennet.',
    'Charlotte Lucas was a sensible young woman.',
  ].map((text, i) => ({ id: `p${i}`, text, kind: 'book-paragraph' }));
  const cast = inferSpeakers(passages);
  assert.deepEqual(cast, {
    curated: false,
    people: { Charlotte: ['Charlotte'], 'Miss Lucas': ['Miss Lucas'], 'Mrs. Bennet': ['Mrs. Bennet'] },
    gender: { 'Miss Lucas': 'f', 'Mrs. Bennet': 'f' },
    linked: ['charlotte lucas'],
    // Characters whose turns answer each other: two people. Once is not enough for a bare name and a titled one,
    // which may be one person (here they are: Charlotte is Miss Lucas).
    met: ['Miss Lucas|Mrs. Bennet'],
  });
  assert.deepEqual(passages[1].speakers, [{ start: 1, end: 5, name: 'Miss Lucas' }]);
  assert.equal(passages[3].speakers, undefined);
  assert.equal(compareNames(cast, 'Charlotte', 'Miss Lucas'), 'unsure');
  assert.equal(compareNames(cast, 'Charlotte Lucas', 'Charlotte'), 'same');
  assert.equal(compareNames(cast, 'Mrs. Bennet', 'Mr. Bennet'), 'different');
  assert.equal(compareNames(cast, 'Miss Bennet', 'Mrs. Bennet'), 'different');
  assert.equal(compareNames(cast, 'Darcy', 'Mr. Darcy'), 'same');
  // A bare first name against a title and a surname may be one person ("Miss Dashwood" is Elinor) unless the
  // book has them answer each other, or gives the first name another surname.
  assert.equal(compareNames(cast, 'Elizabeth', 'Miss Bingley'), 'unsure');
  assert.equal(compareNames(cast, 'Jane', 'Mrs. Bennet'), 'unsure');
  assert.equal(compareNames({ ...cast, met: [...cast.met!, 'Jane|Mrs. Bennet'] }, 'Jane', 'Mrs. Bennet'), 'different');
  assert.equal(compareNames(cast, 'Charlotte', 'Mrs. Bennet'), 'different');
  assert.equal(compareNames({ ...cast, linked: ['charlotte lucas', 'elizabeth bennet'] }, 'Elizabeth', 'Miss Bingley'), 'different');
  assert.equal(compareNames(cast, 'James Vane', 'Lord Henry'), 'different');
  // Two characters of the cast who answer each other are two people, whatever words they share.
  const brothers = { ...cast, people: { ...cast.people, 'Mr. Knightley': ['Mr. Knightley'], 'Mr. John Knightley': ['Mr. John Knightley'] } };
  assert.equal(compareNames(brothers, 'Mr. John Knightley', 'Mr. Knightley'), 'same');
  assert.equal(compareNames({ ...brothers, met: ['Mr. John Knightley|Mr. Knightley'] }, 'Mr. John Knightley', 'Mr. Knightley'), 'different');
  assert.equal(compareNames(cast, 'Victor', 'the fiend'), 'unsure');
  assert.deepEqual(identify(cast, 'As Charlotte'), { name: 'Charlotte', at: 3, text: 'Charlotte' });
  assert.equal(identify(cast, 'Lizzy'), undefined);
  // A fuller form of a titled name the tags give: "Lady Catherine de Bourgh", "the King of Hearts"; never a first name's.
  const titled = { ...cast, people: { ...cast.people, 'Lady Catherine': ['Lady Catherine'], 'the King': ['the King'] } };
  assert.deepEqual(identify(titled, 'Lady Catherine de Bourgh'), { name: 'Lady Catherine', at: 0, text: 'Lady Catherine de Bourgh' });
  assert.deepEqual(identify(titled, 'the King of Hearts'), { name: 'the King', at: 0, text: 'the King of Hearts' });
  assert.equal(identify(titled, 'the Queen of Hearts'), undefined);
  assert.equal(identify(titled, 'Charlotte Collins'), undefined);
});

test('the built-in cast knows every speaker of the facts file and its aliases', () => {
  const corpus = builtinCorpus();
  const cast = corpus.cast!;
  for (const p of corpus.passages) {
    if (p.kind === 'term' || p.kind === 'review-prose' || p.speaker === 'unknown') continue;
    assert.equal(identify(cast, p.speaker!)?.name, p.speaker, p.id);
  }
  assert.equal(identify(cast, 'Kathy H.')?.name, 'Kathy');
  assert.equal(identify(cast, 'Emily')?.name, 'Miss Emily');
  assert.equal(identify(cast, 'the Times')?.name, 'The New York Times');
  assert.equal(identify(cast, 'Wood')?.name, 'James Wood');
  assert.equal(identify(cast, 'Lucy')?.name, 'Miss Lucy');
  assert.equal(identify(cast, 'Keffers'), undefined);
  assert.equal(compareNames(cast, 'Emily', 'Miss Emily'), 'same');
  assert.equal(compareNames(cast, 'Madame', 'Miss Emily'), 'different');
});

test('speakerOf: a book paragraph speaks with the voice tagged for the matched words only', () => {
  const text = '“Well,” said Charlotte. Elizabeth smiled. “Indeed,” said Elizabeth.';
  const passage: Passage = { id: 'p', text, kind: 'book-paragraph', speakers: tagSpeeches(text) };
  const at = (words: string) => ({ passage, sourceStart: text.indexOf(words), sourceEnd: text.indexOf(words) + words.length });
  assert.equal(speakerOf(at('Well')), 'Charlotte');
  assert.equal(speakerOf(at('Indeed')), 'Elizabeth');
  assert.equal(speakerOf(at('Elizabeth smiled')), undefined);
  assert.equal(speakerOf(at('Well,” said Charlotte. Elizabeth smiled. “Indeed')), undefined);
  assert.equal(speakerOf({ passage: { id: 'q', text: 'x', kind: 'novel-dialogue', speaker: 'unknown' } }), undefined);
});

test('speakersOfWords: every speaker of a line the book repeats, the matched place first; unsure when a place has no known speaker', () => {
  const book = loadCorpus(
    [
      '“Not to-day, I thank you,” said Edward.',
      '',
      '“Then to-morrow,” replied Elinor.',
      '',
      '“Not to-day, I thank you,” said Marianne.',
      '',
      'She said not to-day, I thank you, and went out.',
      '',
      '“Not to-day, I thank you,” said Marianne, “nor to-morrow.”',
      '',
      'Later, from the hall: “Not to-day, I thank you.”',
    ].join('\n'),
    { id: 'ss', origin: '/t/ss.txt' },
  );
  const at = (k: number, words: string) => {
    const passage = book.passages.filter((p) => p.speakers)[k];
    const start = passage.text.indexOf(words);
    return { corpus: book, passage, sourceStart: start, sourceEnd: start + words.length };
  };
  // Four speeches hold the words (the narration's are nobody's); the last has no known speaker.
  assert.deepEqual(speakersOfWords(at(0, 'Not to-day, I thank you')), { names: ['Edward', 'Marianne'], unsure: true });
  assert.deepEqual(speakersOfWords(at(2, 'Not to-day, I thank you')), { names: ['Marianne', 'Edward'], unsure: true });
  // Words said once.
  assert.equal(speakersOfWords(at(1, 'Then to-morrow')), undefined);
});
