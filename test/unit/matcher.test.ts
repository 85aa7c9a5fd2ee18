import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { matchQuotation } from '../../server/src/engine/matcher';

const library = buildLibrary([builtinCorpus()]);
const match = (text: string, minWords = 4) => matchQuotation(text, library, { minWords });
const verdict = (text: string) => match(text).verdict;

test('exact and contiguous partial quotations are correct', () => {
  assert.equal(verdict('My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years'), 'correct');
  assert.equal(verdict('I’ve been a carer now for over eleven years'), 'correct');
});

test('style never counts: marks, apostrophes, dashes, ellipses, whitespace, first capital, end punctuation', () => {
  for (const q of [
    "i've been a carer now for over eleven years.",
    "I've  been a carer\nnow for over eleven years!",
    'I kept you and Tommy apart ... That was the worst thing I did',
    'I kept you and Tommy apart. . . that was the worst thing I did,',
  ]) {
    assert.equal(verdict(q), 'correct', q);
  }
});

test('an omission marked by the essay may skip source words', () => {
  assert.equal(verdict('More and more these days […] I’ll catch myself thinking about her again'), 'correct');
  assert.equal(verdict('There were no deferrals… It was all just a rumor'), 'correct');
});

test('bracketed alterations stand for source words', () => {
  assert.equal(verdict('[Kathy has] been a carer now for over eleven years'), 'correct');
  assert.equal(verdict('[T]here were no deferrals. There never were'), 'correct');
  assert.equal(verdict('There were no deferrals [sic]. There never were'), 'correct');
});

test('a changed word is a misquote naming the difference, with the exact source and fix', () => {
  const m = match('it means a lot to me, being able to do my job well');
  assert.equal(m.verdict, 'misquote');
  assert.equal(m.passage?.id, 'it-means-a-lot-to-me');
  assert.equal(m.sourceText, 'It means a lot to me, being able to do my work well');
  assert.equal(m.corrected, 'it means a lot to me, being able to do my work well');
  assert.deepEqual(m.diff.filter((d) => d.op !== 'equal'), [{ op: 'replace', quote: 'job', source: 'work', qStart: 42, qEnd: 45 }]);
  assert.equal(m.punctuationOnly, false);
});

test('dropped, added, swapped and respelled words are misquotes', () => {
  const ops = (t: string) => match(t).diff.filter((d) => d.op !== 'equal');
  assert.deepEqual(ops('There were no deferrals. There never were. It was just a rumor'), [{ op: 'delete', quote: '', source: 'all', qStart: 49, qEnd: 49 }]);
  assert.deepEqual(ops('There were really no deferrals. There never were'), [{ op: 'insert', quote: 'really', source: '', qStart: 11, qEnd: 17 }]);
  assert.deepEqual(ops('I found myself standing before acres of plowed earth'), [{ op: 'replace', quote: 'plowed', source: 'ploughed', qStart: 40, qEnd: 46 }]);
  assert.deepEqual(ops('We were encouraged to each value other’s work'), [{ op: 'replace', quote: 'each value', source: 'value each', qStart: 22, qEnd: 32 }]);
});

test('running across an ellipsis of a whole text without marking it is a misquote', () => {
  const book = loadCorpus('Chapter 1\n\nWe kept holding each other… and it seemed like we’d always been that way.\n', { id: 'b', origin: '/b.txt' });
  const m = matchQuotation('We kept holding each other and it seemed like we’d always been that way', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'misquote');
  assert.deepEqual(m.diff.filter((d) => d.op !== 'equal'), [{ op: 'unmarked-omission', quote: '', source: '…', qStart: 26, qEnd: 26 }]);
  assert.equal(m.corrected, 'We kept holding each other… and it seemed like we’d always been that way');
});

test('an excerpt’s own ellipsis, where the quotation has words or a comma, is left unverified, not a misquote', () => {
  const m = match('We kept holding each other and it seemed like we’d always been that way');
  assert.equal(m.verdict, 'correct');
  assert.deepEqual(m.partial, { start: 0, end: 71, unverified: [{ start: 26, end: 26, where: 'gap' }] });
  const filled = match('a roar of anger, a long, deep one that echoed through the empty fields');
  assert.equal(filled.verdict, 'correct');
  assert.deepEqual(filled.partial?.unverified, [{ start: 15, end: 16, where: 'gap' }]);
});

test('a quotation running past an excerpt is partly verified; a changed word inside the excerpt is still a misquote', () => {
  const m = match('The problem is you’ve been told and not told');
  assert.equal(m.verdict, 'correct');
  assert.equal(m.passage?.id, 'youve-been-told-and-not-told');
  assert.deepEqual(m.partial, { start: 15, end: 44, unverified: [{ start: 0, end: 14, where: 'before' }] });
  const runOn = 'There were no deferrals. There never were. It was all just a rumor, and you knew it all along';
  assert.deepEqual(match(runOn).partial?.unverified, [{ start: runOn.indexOf('and'), end: runOn.length, where: 'after' }]);
  const changed = match('The problem is you’ve been told and never told');
  assert.equal(changed.verdict, 'misquote');
  assert.deepEqual(changed.diff.filter((d) => d.op !== 'equal'), [{ op: 'replace', quote: 'never', source: 'not', qStart: 36, qEnd: 41 }]);
  assert.equal(changed.corrected, 'The problem is you’ve been told and not told');
});

test('an unverified quotation searched only in excerpts names them, and the passages sharing a run of its words', () => {
  const m = match('The sea remembers every name we ever gave it');
  assert.deepEqual(m.searchedExcerpts, [{ title: 'Never Let Me Go', count: 53, from: 'quoted in the review' }]);
  const near = match('We were holding each other in the rain as the bus pulled away from us');
  assert.equal(near.verdict, 'unverified');
  assert.equal(near.nearest?.[0]?.id, 'we-were-holding-each-other-because');
});

test('punctuation differences alone are a punctuation-only misquote', () => {
  const m = match('There were no deferrals, there never were');
  assert.equal(m.verdict, 'misquote');
  assert.equal(m.punctuationOnly, true);
  assert.deepEqual(m.diff.filter((d) => d.op !== 'equal'), [{ op: 'replace', quote: ',', source: '.', qStart: 23, qEnd: 24 }]);
});

test('fragments joined by an ellipsis out of order are a misquote, never correct', () => {
  const m = match('I’ll catch myself thinking about her again … More and more these days');
  assert.equal(m.verdict, 'misquote');
  assert.deepEqual(m.diff, [{ op: 'omission', quote: 'the fragments joined by an ellipsis are out of order in the source', source: '' }]);
});

test('nothing close is unverified; short quotations are never unverified', () => {
  const m = match('The sea remembers every name we ever gave it');
  assert.equal(m.verdict, 'unverified');
  assert.deepEqual(m.searched, ['Never Let Me Go (built-in passages)']);
  assert.equal(verdict('quite unknown words'), 'short');
  assert.equal(match('carer').verdict, 'correct');
});

test('the review’s own prose is a citable source', () => {
  const m = match('This novel does not scream. It whispers.');
  assert.equal(m.verdict, 'correct');
  assert.equal(m.passage?.kind, 'review-prose');
});

test('a passage quoted inside the review prose is attributed to the passage, not the prose', () => {
  assert.equal(match('They prove we have souls').passage?.id, 'they-prove-we-have-souls');
});

test('book corpora: a paragraph is the unit, and omissions stay inside it', () => {
  const book = loadCorpus(
    'Chapter 1\n\nIt is a truth universally acknowledged, that a single man in possession\nof a good fortune must be in want of a wife.\n\nHowever little known the feelings or views of such a man may be.\n',
    { id: 'pp', origin: '/books/pp.txt', title: 'Pride and Prejudice' },
  );
  const lib = buildLibrary([book]);
  const m = matchQuotation('a single man in possession of a good fortune, must be in want of a wife', lib, { minWords: 4 });
  assert.equal(m.verdict, 'misquote');
  assert.equal(m.punctuationOnly, true);
  assert.equal(m.passage?.section, 'Chapter 1');
  assert.equal(m.passage?.line, 3);
  assert.equal(matchQuotation('It is a truth universally acknowledged … in want of a wife', lib, { minWords: 4 }).verdict, 'correct');
  assert.equal(matchQuotation('It is a truth universally acknowledged … the feelings or views of such a man', lib, { minWords: 4 }).verdict, 'misquote');
});

test('one word written for two source words is one respelled word, and the fix restores both', () => {
  const book = loadCorpus('Chapter 1\n\nMy temper would perhaps be called resentful. My good opinion once lost is lost for\never.\n', {
    id: 'pp',
    origin: '/books/pp.txt',
  });
  const m = matchQuotation('My good opinion once lost is lost forever.', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'misquote');
  assert.equal(m.sourceText, 'My good opinion once lost is lost for ever');
  assert.deepEqual(m.diff.filter((d) => d.op !== 'equal'), [{ op: 'replace', quote: 'forever', source: 'for ever', qStart: 34, qEnd: 41 }]);
  assert.equal(m.corrected, 'My good opinion once lost is lost for ever.');
});

test('punctuation the essay sets beside its own omission mark is part of the mark', () => {
  assert.equal(verdict('You’ve got to really lean back on Daffodil!... She doesn’t like it unless you’re right back!'), 'correct');
  assert.equal(verdict('There were no deferrals. [...] It was all just a rumor'), 'correct');
});

test('an omission may skip far ahead inside one long paragraph', () => {
  const filler = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
  const book = loadCorpus(`How nicely we are crammed in! ${filler}. Lord! how I laughed!\n`, { id: 'b', origin: '/b.txt' });
  assert.equal(matchQuotation('How nicely we are crammed in! ... Lord! how I laughed!', buildLibrary([book]), { minWords: 4 }).verdict, 'correct');
});

test('a line sharing only a few words with a passage is unverified, with no passage guessed', () => {
  const m = match('Baby, baby, never let me go');
  assert.equal(m.verdict, 'unverified');
  assert.equal(m.passage, undefined);
  assert.equal(m.similarity, 4 / 6);
});

test('locators: a book match names its chapter and the line its words begin on; a curated one its id', () => {
  const book = loadCorpus('CHAPTER IV.\n\nShe said it once.\nThen, in the evening, she said it\nagain and again.\n', { id: 'b', origin: '/b.txt' });
  const m = matchQuotation('in the evening, she said it again and again', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'correct');
  assert.equal(m.line, 4);
  assert.equal(m.locator, 'CHAPTER IV, line 4');
  const fragments = matchQuotation('again and again … She said it once', buildLibrary([book]), { minWords: 4 });
  assert.equal(fragments.verdict, 'misquote');
  assert.equal(fragments.locator, 'CHAPTER IV, line 5; CHAPTER IV, line 3');
  const curated = loadCorpus(JSON.stringify([{ id: 'v-1', text: 'I beheld the wretch, the miserable monster', locator: 'Vol. I, ch. 5' }]), { id: 'c', origin: '/c.json' });
  const c = matchQuotation('I beheld the wretch, the miserable creature', buildLibrary([curated]), { minWords: 4 });
  assert.equal(c.verdict, 'misquote');
  assert.equal(c.locator, 'Vol. I, ch. 5 (passage v-1)');
  assert.equal(match('it means a lot to me, being able to do my job well').locator, 'a. Characters, line 68');
});

test('in a long paragraph the quotation is aligned where its words cluster, not where common pairs are', () => {
  const common = Array.from({ length: 120 }, () => 'the end of the day').join(', ');
  const book = loadCorpus(`${common}, and at the close the wretch stood at the end of the bed.\n`, { id: 'b', origin: '/b.txt' });
  const m = matchQuotation('the wretch stood at the foot of the bed', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'misquote');
  assert.deepEqual(m.diff.filter((d) => d.op !== 'equal'), [{ op: 'replace', quote: 'foot', source: 'end', qStart: 24, qEnd: 28 }]);
});

test('two stretches of one passage joined without the words between are a splice; swapped ones are re-ordered', () => {
  const book = loadCorpus(
    'Chapter 1\n\n“And yours,” he replied, with a smile, “is wilfully to misunderstand them.”\n\nVanity and pride are different things, though the words are often used synonymously. A person may be proud without being vain. Pride relates more to our opinion of ourselves.\n',
    { id: 'pp', origin: '/books/pp.txt' },
  );
  const lib = buildLibrary([book]);
  const tag = matchQuotation('And yours is wilfully to misunderstand them', lib, { minWords: 4 });
  assert.equal(tag.verdict, 'misquote');
  assert.equal(tag.note, 'the speech tag “he replied, with a smile” left out without an ellipsis between “yours” and “is”');
  assert.equal(tag.corrected, 'And yours … is wilfully to misunderstand them');
  assert.equal(tag.sourceText, 'And yours … is wilfully to misunderstand them');
  const joined = matchQuotation('Vanity and pride are different things. Pride relates more to our opinion of ourselves', lib, { minWords: 4 });
  assert.equal(joined.note, 'words left out without an ellipsis between “things” and “Pride”');
  assert.deepEqual(joined.edits, [{ start: 38, end: 38, text: ' …' }]);
  const swapped = matchQuotation('A person may be proud without being vain. Vanity and pride are different things', lib, { minWords: 4 });
  assert.equal(swapped.note, 're-ordered: in the source “Vanity and pride are…” comes before “A person may be…”');
  assert.equal(swapped.edits, undefined);
  assert.equal(swapped.corrected, undefined);
});

test('a fix changes only the differing words: line breaks, markers and the first capital stay', () => {
  const m = match('He let out a roar of rage… a long, deep one');
  assert.deepEqual(m.edits, [{ start: 21, end: 25, text: 'anger' }]);
  assert.equal(m.corrected, 'He let out a roar of anger… a long, deep one');
  const lower = match('work well… especially that bit about my donors staying calm');
  assert.equal(lower.verdict, 'correct');
  const first = match('job well… especially that bit about my donors staying calm');
  assert.deepEqual(first.edits, [{ start: 0, end: 3, text: 'work' }]);
});

test('words left out just before the quotation’s last words are named as left out, not the last words as added', () => {
  const book = loadCorpus('Chapter 3\n\nUpon my honour, I never met with so many pleasant girls in my life as I have this evening; and there are several of them, you see, uncommonly pretty.\n', {
    id: 'pp',
    origin: '/pp.txt',
  });
  const m = matchQuotation('and there are several of them uncommonly pretty', buildLibrary([book]), { minWords: 4 });
  assert.equal(m.verdict, 'misquote');
  assert.deepEqual(m.diff.filter((d) => d.op !== 'equal').map((d) => [d.op, d.source]), [['delete', ', you see,']]);
  assert.equal(m.corrected, 'and there are several of them, you see, uncommonly pretty');
});
