import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';

const library = buildLibrary([builtinCorpus()]);

test('a quotation running past an excerpt is partly verified: information, the verified range and the passage', () => {
  const text =
    'It opens: “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years. That sounds long enough, I know.”';
  const { findings, quotations } = checkText(text, library);
  assert.equal(quotations[0].match.verdict, 'correct');
  assert.deepEqual(findings, [
    {
      code: 'partly-verified',
      severity: 'information',
      start: 10,
      end: text.length,
      message:
        'Partly verified: “My name is Kathy H. … eleven years” is Kathy’s line in Never Let Me Go (built-in passages); the rest is not in the built-in passages',
      data: {
        corpus: 'builtin:never-let-me-go',
        passageId: 'my-name-is-kathy-h-im',
        locator: 'The Frame of Memory, line 10',
        source: 'My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years',
        verifiedStart: 11,
        verifiedEnd: 104,
      },
    },
  ]);
  assert.equal(text.slice(11, 104), 'My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years');
});

test('words where an excerpt prints its own ellipsis are the text’s: information naming the place', () => {
  const [f] = checkText('Tommy gives “a roar of anger, a long, deep one that echoed through the empty fields”.', library).findings;
  assert.equal(f.code, 'partly-verified');
  assert.equal(f.message, 'Partly verified: “a roar of anger, a … empty fields” is Kathy’s line in Never Let Me Go (built-in passages); the review omits words here (“…” after “anger”)');
});

test('a whole book is no excerpt: words added past a paragraph are a misquote; a JSON passage list is one', () => {
  const text = 'Chapter 1\n\nIt is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.\n';
  const book = loadCorpus(text, { id: 'pp', origin: '/pp.txt', title: 'Pride and Prejudice' });
  const quote = 'Austen: “It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife and a house.”';
  assert.deepEqual(checkText(quote, buildLibrary([book])).findings.map((f) => [f.code, f.message]), [['misquote', 'Misquoted: "and a house" added']]);
  const excerpts = loadCorpus(JSON.stringify([{ text: 'a single man in possession of a good fortune must be in want of a wife', speaker: 'narrator' }]), {
    id: 'pp.json',
    origin: '/pp.json',
    title: 'Pride and Prejudice',
  });
  assert.deepEqual(excerpts.excerpts, { count: 1, from: 'curated passages' });
  assert.deepEqual(checkText(quote, buildLibrary([excerpts])).findings.map((f) => [f.code, f.message]), [
    [
      'partly-verified',
      'Partly verified: “a single man in possession … a wife” is narrator’s line in Pride and Prejudice (curated passages); the rest is not in the curated passages',
    ],
  ]);
});

test('a changed word inside the excerpt’s stretch is still a misquote, and says the rest cannot be checked', () => {
  const [f] = checkText('As Miss Lucy says, “The problem is you’ve been told and never told.”', library).findings;
  assert.equal(f.code, 'misquote');
  assert.equal(f.message, 'Misquoted: "never" where the source has "not"; the rest is not in the built-in passages');
  assert.equal(f.data?.replacement, 'The problem is you’ve been told and not told.');
});
