// The labelled unmarked-quotation suite (test/accuracy/unmarked.json, written by
// unmarked-cases.py): copied sentences of the two fixture novels and the review
// without quotation marks (as they stand, lightly edited, cited, inside long
// paragraphs), and controls (the same sentences properly marked, short shared
// phrases, common phrases, paraphrases). Catch: the share of `unmarked` cases with
// an unmarked-quotation finding; false alarm: the share of `clean` cases with one.
// Bar: catch ≥ 90%, false alarms ≤ 2%.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText, DEFAULT_OPTIONS } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { tokenize } from '../../server/src/engine/normalize';
import { fixtureBook } from '../helpers/fixtureBooks';

interface Case {
  id: string;
  corpus: 'review' | 'pride-and-prejudice' | 'frankenstein';
  markdown: string;
  expect: 'unmarked' | 'clean';
  source?: string;
  why: string;
}

const cases = JSON.parse(readFileSync(join('test', 'accuracy', 'unmarked.json'), 'utf8')) as Case[];

const book = fixtureBook;

const builtin = builtinCorpus();
const pride = book('pride-and-prejudice.txt', 'Pride and Prejudice', 'Jane Austen', 1813);
const frankenstein = book('frankenstein.txt', 'Frankenstein', 'Mary Shelley', 1818);
// Every case is checked against all three sources, so a copy must also be told from the other books.
const library = buildLibrary([builtin, pride, frankenstein]);
const TITLE = { review: builtin.title, 'pride-and-prejudice': 'Pride and Prejudice', frankenstein: 'Frankenstein' };

const wordsOf = (text: string) => tokenize(text).filter((t) => t.kind === 'word').map((t) => t.norm);

const outcomes = cases.map((c) => {
  const found = checkText(c.markdown, library, DEFAULT_OPTIONS).findings.filter((f) => f.code === 'unmarked-quotation');
  return { c, found };
});
const unmarked = outcomes.filter((o) => o.c.expect === 'unmarked');
const clean = outcomes.filter((o) => o.c.expect === 'clean');
const caught = unmarked.filter((o) => o.found.length > 0);
const alarms = clean.filter((o) => o.found.length > 0);

test('the suite has 60 or more unmarked passages and 60 or more controls', () => {
  assert.equal(unmarked.length, 63);
  assert.equal(clean.length, 76);
});

test('unmarked-quotation catches at least 90% of the copied passages', () => {
  const missed = unmarked.filter((o) => o.found.length === 0).map((o) => o.c.id);
  assert.deepEqual(missed, []);
  assert.equal(caught.length, 63);
  assert.ok(caught.length / unmarked.length >= 0.9);
});

test('unmarked-quotation raises at most 2% false alarms on the controls', () => {
  assert.deepEqual(
    alarms.map((o) => `${o.c.id}: ${o.found[0].message}`),
    [],
  );
  assert.equal(alarms.length, 0);
  assert.ok(alarms.length / clean.length <= 0.02);
});

test('each catch names the source the words were copied from, and covers them', () => {
  for (const { c, found } of caught) {
    assert.match(found[0].message, new RegExp(`^Unmarked quotation: \\d+ words from ${TITLE[c.corpus].replace(/[()]/g, '.')}`), c.id);
    // The finding covers eight words or more, all from the copied sentence but the one an edit changed.
    const source = new Set(wordsOf(c.source!));
    const span = wordsOf(c.markdown.slice(found[0].start, found[0].end));
    assert.ok(span.length >= 8, `${c.id}: ${span.join(' ')}`);
    assert.ok(span.filter((w) => !source.has(w)).length <= 1, `${c.id}: ${span.join(' ')}`);
  }
});

test('no unmarked-quotation finding on the 387 marked quotations of the accuracy suite', () => {
  const accuracy = JSON.parse(readFileSync(join('test', 'accuracy', 'cases.json'), 'utf8')) as { id: string; markdown: string }[];
  assert.equal(accuracy.length, 387);
  assert.deepEqual(
    accuracy.filter((c) => checkText(c.markdown, library, DEFAULT_OPTIONS).findings.some((f) => f.code === 'unmarked-quotation')).map((c) => c.id),
    [],
  );
});
