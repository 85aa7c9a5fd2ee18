import assert from 'node:assert/strict';
import { test } from 'node:test';
import facts from '../../server/corpus/never-let-me-go.facts.json';
import { BUILTIN_REVIEW_TEXT, builtinCorpus } from '../../server/src/engine/builtin';
import { buildReviewCorpus, extractReviewQuotes, type ReviewFacts } from '../../server/src/engine/reviewCorpus';

test('the review holds 56 quotations in curly marks, 53 distinct passages', () => {
  assert.equal(extractReviewQuotes(BUILTIN_REVIEW_TEXT).length, 56);
  const passages = builtinCorpus().passages.filter((p) => p.kind !== 'review-prose');
  assert.equal(passages.length, 53);
  assert.equal(passages.reduce((n, p) => n + (p.occurrences ?? 0), 0), 56);
});

test('every passage has a speaker and kind; repeats are merged', () => {
  const kathy = builtinCorpus().passages.find((p) => p.id === 'my-name-is-kathy-h-im')!;
  assert.deepEqual(kathy, {
    id: 'my-name-is-kathy-h-im',
    text: 'My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years',
    speaker: 'Kathy',
    kind: 'novel-narration',
    section: 'The Frame of Memory',
    context: 'She says, “My name is Kathy H. I’m thirty-one years old, and I’ve been a carer now for over eleven years”.',
    line: 10,
    occurrences: 2,
  });
  for (const p of builtinCorpus().passages) {
    assert.ok(p.speaker, `${p.id} has a speaker`);
    assert.ok(p.kind, `${p.id} has a kind`);
  }
});

test('critics and the author are sources too', () => {
  const by = (id: string) => builtinCorpus().passages.find((p) => p.id === id);
  assert.deepEqual([by('the-horror-is-that-no-one')?.speaker, by('the-horror-is-that-no-one')?.kind], ['James Wood', 'critic']);
  assert.deepEqual([by('clinical-sadness')?.speaker, by('a-metaphor-for-mortality')?.speaker], ['The Telegraph', 'Ishiguro']);
  assert.equal(by('hailsham-i-bet-that-was-a')?.speaker, 'a donor');
});

test('the build fails loudly when the facts file and the review disagree', () => {
  const f = facts as ReviewFacts;
  const missing = { ...f, passages: { ...f.passages } };
  delete missing.passages['carer'];
  assert.throws(() => buildReviewCorpus(BUILTIN_REVIEW_TEXT, missing), /review passage "carer" has no curated facts/);
  const extra = { ...f, passages: { ...f.passages, 'no-such-passage': { speaker: 'Kathy', kind: 'term' as const } } };
  assert.throws(() => buildReviewCorpus(BUILTIN_REVIEW_TEXT, extra), /curated facts name "no-such-passage", which is no passage of the review/);
});
