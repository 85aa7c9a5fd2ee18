import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineStartOffset, locateWording } from '../../server/src/engine/locate';

const BOOK = 'Chapter 1\n\nIt is a truth universally\nacknowledged, that a _single_ man -- in\npossession.\n';

test('lineStartOffset: the offset of a 1-based line; past the end is the end', () => {
  assert.equal(lineStartOffset(BOOK, 1), 0);
  assert.equal(lineStartOffset(BOOK, 3), 11);
  assert.equal(lineStartOffset(BOOK, 99), BOOK.length);
});

test('locateWording: words in order across wrapping, italics markup and dashes', () => {
  const found = locateWording(BOOK, 'universally acknowledged, that a single man—in possession', 11);
  assert.deepEqual(found, { start: 25, end: 87 });
  assert.equal(BOOK.slice(found!.start, found!.end), 'universally\nacknowledged, that a _single_ man -- in\npossession');
});

test('locateWording: nothing for absent words, wording without words, or a start past the words', () => {
  assert.equal(locateWording(BOOK, 'a truth rarely acknowledged'), undefined);
  assert.equal(locateWording(BOOK, '… —'), undefined);
  assert.equal(locateWording(BOOK, 'It is a truth', 40), undefined);
});
