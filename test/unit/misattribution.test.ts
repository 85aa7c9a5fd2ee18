import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';

const builtin = buildLibrary([builtinCorpus()]);
const misattributions = (text: string, library = builtin) => checkText(text, library).findings.filter((f) => f.code === 'misattribution');

test('a line given to the wrong speaker is reported on the quotation, with the name to replace', () => {
  const text = 'Madame finally tells them, “There were no deferrals. There never were.”';
  assert.deepEqual(misattributions(text), [
    {
      code: 'misattribution',
      severity: 'warning',
      start: 27,
      end: 71,
      message: 'Miss Emily says this, not Madame',
      data: {
        corpus: 'builtin:never-let-me-go',
        passageId: 'there-were-no-deferrals-there-never',
        speaker: 'Miss Emily',
        attributed: 'Madame',
        nameStart: 0,
        nameEnd: 6,
      },
      // The fix is engine data: the editor's quick fix, SARIF and the CLI all get it.
      fixes: [{ title: 'Attribute to Miss Emily', edits: [{ start: 0, end: 6, newText: 'Miss Emily' }], preferred: true }],
    },
  ]);
});

test('aliases, critics and misquotes: the name as written is reported', () => {
  const [wood] = misattributions('As the Times observed, “the horror is that no one sees the horror.”');
  assert.equal(wood.message, 'James Wood says this, not the Times');
  assert.deepEqual([wood.data?.nameStart, wood.data?.nameEnd], [3, 12]);
  // A misquote is still attributed: both findings stand.
  const both = checkText('“They proved we have souls,” Kathy insists.', builtin).findings.map((f) => `${f.code}: ${f.message}`);
  assert.deepEqual(both, ['misquote: Misquoted: "proved" where the source has "prove"', 'misattribution: Tommy says this, not Kathy']);
});

test('silent when the speaker is right, an alias, the author, unknown, unclear, or the passage a term', () => {
  for (const text of [
    'Miss Emily tells them, “There were no deferrals. There never were.”',
    'Emily tells them, “There were no deferrals. There never were.”',
    'Ishiguro writes, “There were no deferrals. There never were.”',
    'Ruth’s line “There were no deferrals. There never were” is not hers.',
    'Kathy insists on the word “carer.”',
    'Keffers says, “There were no deferrals. There never were.”',
    'She tells them, “There were no deferrals. There never were.”',
  ]) {
    assert.deepEqual(misattributions(text), [], text);
  }
});

test('book corpora: the tagged speaker of the matched speech, never an untagged one', () => {
  const book = [
    '“I have been used to consider poetry as the _food_ of love,” said Darcy.',
    '',
    '“Now, Kitty, you may cough as much as you choose,” said Mr. Bennet; and,',
    'as he spoke, he left the room.',
    '',
    '“But it is,” returned she; “for Mrs. Long has just been here, and she',
    'told me all about it.”',
    '',
    '“Oh!” cried Elizabeth.',
    '',
    '“Yes,” said Mrs. Bennet.',
  ].join('\n');
  const library = buildLibrary([loadCorpus(book, { id: 'pp', origin: '/b/pp.txt', author: 'Jane Austen' })]);
  const messages = (text: string) => misattributions(text, library).map((f) => f.message);
  assert.deepEqual(messages('Elizabeth sighs, “I have been used to consider poetry as the food of love.”'), ['Darcy says this, not Elizabeth']);
  assert.deepEqual(messages('“Now, Kitty, you may cough as much as you choose,” says Mrs. Bennet.'), ['Mr. Bennet says this, not Mrs. Bennet']);
  assert.deepEqual(messages('“I have been used to consider poetry as the food of love,” says Mr. Darcy.'), []);
  assert.deepEqual(messages('Elizabeth says, “for Mrs. Long has just been here, and she told me all about it.”'), []);
  assert.deepEqual(messages('Lizzy says, “I have been used to consider poetry as the food of love.”'), []);
  assert.deepEqual(messages('Austen writes, “I have been used to consider poetry as the food of love.”'), []);
});

test('essay phrasing: an indirect object, "wrote that", a name with its article; the message is one line, the name as written', () => {
  assert.deepEqual(
    misattributions('As Ruth explains to them, “There were no deferrals. There never were.”').map((f) => f.message),
    ['Miss Emily says this, not Ruth'],
  );
  assert.deepEqual(
    misattributions('In 2005 the New York Times wrote that “There were no deferrals. There never were.”').map((f) => f.message),
    ['Miss Emily says this, not the New York Times'],
  );
  const book = [
    '“You will take the boy away before the end of the week,” said the Colonel.',
    '',
    '“I will not have him in my house another day,” replied Mrs. Walker.',
  ].join('\n');
  const library = buildLibrary([loadCorpus(book, { id: 'w', origin: '/b/w.txt' })]);
  const found = (text: string) => misattributions(text, library).map((f) => [f.message, f.data?.attributed, f.data?.nameStart, f.data?.nameEnd]);
  assert.deepEqual(found('“I will not have him in my house another day,” says the\nColonel.'), [['Mrs. Walker says this, not the Colonel', 'the Colonel', 52, 63]]);
  assert.deepEqual(found('As the Colonel says, “I will not have him in my house another day.”'), [['Mrs. Walker says this, not the Colonel', 'the Colonel', 3, 14]]);
  assert.deepEqual(found('“You will take the boy away before the end of the week,” says Mrs.\nWalker.'), [['the Colonel says this, not Mrs. Walker', 'Mrs. Walker', 62, 73]]);
  assert.deepEqual(found('“You will take the boy away before the end of the week,” says the Colonel.'), []);
});

test('an epigraph attributed to another author or work is a misattribution; its own author or title is not', () => {
  const book = loadCorpus('Chapter 1\n\nIt is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.\n', {
    id: 'pp',
    origin: '/pp.txt',
    title: 'Pride and Prejudice',
    author: 'Jane Austen',
  });
  const lib = buildLibrary([builtinCorpus(), book]);
  const line = '> It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.\n>\n';
  assert.deepEqual(misattributions(line + '> — Jane Austen, *Pride and Prejudice*\n', lib), []);
  assert.deepEqual(misattributions(line + '> — *Pride and Prejudice*\n', lib), []);
  const wrong = misattributions(line + '> — Charlotte Brontë, *Jane Eyre*\n', lib);
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0].message, 'Jane Austen wrote this (Pride and Prejudice), not Charlotte Brontë, Jane Eyre');
  assert.equal(wrong[0].data?.speaker, 'Jane Austen, *Pride and Prejudice*');
  const md = line + '> — Charlotte Brontë, *Jane Eyre*\n';
  assert.equal(md.slice(wrong[0].data!.nameStart, wrong[0].data!.nameEnd), 'Charlotte Brontë, *Jane Eyre*');
  // The line itself is never an unverified quotation.
  assert.deepEqual(checkText(md, lib).findings.map((f) => f.code), ['misattribution']);
});

test('a book’s line given to someone its tags never name, with an honorific ("Mrs. Hudson"), is a misattribution all the same', () => {
  const book = loadCorpus(
    [
      'Holmes lit his pipe and stretched his long legs towards the fire. Holmes shook his head.',
      '"You have been in Afghanistan, I perceive," said Holmes.',
      '"How on earth did you know that?" said Watson.',
      '"Never mind," said Holmes.',
    ].join('\n\n') + '\n',
    { id: 'inline', origin: '/t/inline.txt' },
  );
  const library = buildLibrary([book]);
  // A man (his pipe, his legs) is no Mrs. Hudson.
  assert.deepEqual(
    misattributions('Mrs. Hudson says, “You have been in Afghanistan, I perceive.”', library).map((f) => f.message),
    ['Holmes says this, not Mrs. Hudson'],
  );
  // A word that is no name ("Then") is never taken for one.
  assert.deepEqual(misattributions('Then says, “You have been in Afghanistan, I perceive.”', library), []);
});

test('a line the book repeats may be any of its speakers’: flagged only when the essay names none of them', () => {
  const book = [
    'Chapter 1',
    '',
    '“You must not go out in this rain tonight,” said Edward.',
    '',
    '“I shall walk to the cottage all the same,” replied Elinor.',
    '',
    'Chapter 2',
    '',
    '“You must not go out in this rain tonight,” said Marianne.',
    '',
    '“I shall take the carriage then,” replied Lucy.',
  ].join('\n');
  const library = buildLibrary([loadCorpus(book, { id: 'ss', origin: '/b/ss.txt' })]);
  const found = (text: string) => misattributions(text, library).map((f) => [f.message, f.data?.speaker, f.data?.speakers]);
  // Edward says it in one place and Marianne in the other (the matcher finds Edward's first): either is right.
  assert.deepEqual(found('Marianne warns, “You must not go out in this rain tonight.”'), []);
  assert.deepEqual(found('Edward warns, “You must not go out in this rain tonight.”'), []);
  // Neither: wrong, and the message names both.
  assert.deepEqual(found('Elinor warns, “You must not go out in this rain tonight.”'), [
    ['Edward and Marianne say these words in the book, not Elinor', 'Edward', ['Edward', 'Marianne']],
  ]);
  // A line said once is as before.
  assert.deepEqual(found('Lucy says, “I shall walk to the cottage all the same.”'), [['Elinor says this, not Lucy', 'Elinor', undefined]]);
});

test('a repeated line whose other place has no known speaker is never flagged', () => {
  const book = [
    '“You must not go out in this rain tonight,” said Mr. Bennet.',
    '',
    '“I shall walk to Netherfield all the same,” replied Elizabeth.',
    '',
    'Some days later the rain came again, and the house was quiet.',
    '',
    '“You must not go out in this rain tonight.”',
  ].join('\n');
  const library = buildLibrary([loadCorpus(book, { id: 'pp', origin: '/b/pp.txt' })]);
  assert.deepEqual(misattributions('Elizabeth warns, “You must not go out in this rain tonight.”', library), []);
  // The words in the narration are nobody's line: a speech said once elsewhere is still flagged.
  // (Two exchanges: a bare name and a titled one that answer each other once may be one person named two ways.)
  const narrated = [
    '“You must not go out in this rain tonight,” said Mr. Bennet.',
    '',
    '“I shall walk to Netherfield all the same,” replied Elizabeth.',
    '',
    '“Then take the umbrella,” said Mr. Bennet.',
    '',
    '“I will,” replied Elizabeth.',
    '',
    'She remembered his words: you must not go out in this rain tonight, and smiled.',
  ].join('\n');
  const lib2 = buildLibrary([loadCorpus(narrated, { id: 'pp2', origin: '/b/pp2.txt' })]);
  assert.deepEqual(misattributions('Elizabeth warns, “You must not go out in this rain tonight.”', lib2).map((f) => f.message), ['Mr. Bennet says this, not Elizabeth']);
});
