import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/engine/check';
import { citationAt, citedLocator, locatorCovers } from '../../server/src/engine/citations';
import { bookFileCorpus } from '../../server/src/engine/formats';
import type { PdfExtract } from '../../server/src/engine/formats/pdf';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';

const shelley = { title: 'Frankenstein', author: 'Mary Shelley', year: 1818 };
const austen = { title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 };

test('citations with a page, a page range or a chapter in every style', () => {
  assert.deepEqual(
    (['mla', 'apa', 'chicago', 'pandoc'] as const).map((s) => citationAt(shelley, s, { page: '20', chapter: '4' })),
    ['(Shelley 20)', '(Shelley, 1818, p. 20)', '(Shelley 1818, 20)', '[@shelley1818, p. 20]'],
  );
  assert.deepEqual(
    (['mla', 'apa', 'chicago', 'pandoc'] as const).map((s) => citationAt(shelley, s, { page: '20–21' })),
    ['(Shelley 20–21)', '(Shelley, 1818, pp. 20–21)', '(Shelley 1818, 20–21)', '[@shelley1818, pp. 20–21]'],
  );
  assert.deepEqual(
    (['mla', 'apa', 'chicago', 'pandoc'] as const).map((s) => citationAt(austen, s, { chapter: '3' })),
    ['(Austen, ch. 3)', '(Austen, 1813, Chapter 3)', '(Austen 1813, chap. 3)', '[@austen1813, chap. 3]'],
  );
  assert.equal(citationAt(austen, 'mla', undefined), '(Austen)');
});

test('the locator a citation gives, whatever the style; years, other works and line numbers are not pages', () => {
  const pages = (c: string) => {
    const l = citedLocator(c, shelley);
    return l && [l.kind, l.items, c.slice(l.start, l.end)];
  };
  assert.deepEqual(pages('(Shelley 20)'), ['page', [['20', '20']], '20']);
  assert.deepEqual(pages('(20–21)'), ['page', [['20', '21']], '20–21']);
  assert.deepEqual(pages('(p. 20)'), ['page', [['20', '20']], 'p. 20']);
  assert.deepEqual(pages('(Shelley, 1818, p. 20)'), ['page', [['20', '20']], 'p. 20']);
  assert.deepEqual(pages('(Shelley 1818, 20)'), ['page', [['20', '20']], '20']);
  assert.deepEqual(pages('[@shelley1818, p. 20]'), ['page', [['20', '20']], 'p. 20']);
  assert.deepEqual(pages('(*Frankenstein* xii)'), ['page', [['xii', 'xii']], 'xii']);
  assert.deepEqual(pages('(Shelley ch. 4)'), ['chapter', [['4', '4']], 'ch. 4']);
  assert.equal(pages('(Shelley 1818)'), undefined);
  assert.equal(pages('(Shelley)'), undefined);
  assert.equal(pages('(Austen 20)'), undefined);
  assert.equal(pages('(Shelley ll. 3–5)'), undefined);
  assert.deepEqual(pages('(Austen 3; Shelley 25)'), ['page', [['25', '25']], '25']);
  const cited = citedLocator('(Shelley 118–21)', shelley)!;
  assert.deepEqual([locatorCovers(cited, { page: '120' }), locatorCovers(cited, { page: '122' }), locatorCovers(cited, { page: '120–121' })], [true, false, true]);
  assert.equal(locatorCovers(citedLocator('(Shelley 20)', shelley)!, { page: '20–21' }), false);
});

/** Frankenstein's page 20 and the paragraph that runs from page 20 onto 21. */
const FRANK: PdfExtract = {
  title: 'Frankenstein',
  author: 'Mary Shelley',
  pages: [
    {
      label: '20',
      top: 700,
      bottom: 0,
      lines: [
        { text: '20 Letter IV', x: 50, y: 660, size: 11 },
        { text: '“I agree with you,” replied the stranger, “in believing that friendship', x: 70, y: 600, size: 11 },
        { text: 'is not only a desirable, but a possible acquisition.”', x: 50, y: 586, size: 11 },
        { text: 'As he said this, his countenance became expressive of a calm', x: 70, y: 572, size: 11 },
      ],
    },
    {
      label: '21',
      top: 700,
      bottom: 0,
      lines: [
        { text: 'Letter IV 21', x: 50, y: 660, size: 11 },
        { text: 'settled grief, that touched me to the heart. But he was silent.', x: 50, y: 600, size: 11 },
      ],
    },
  ],
};

test('wrong-locator: a wrong page is reported with the right one and a fix; the right page, a range and other works pass', () => {
  const corpus = { ...bookFileCorpus({ format: 'pdf', extract: FRANK }, { id: 'f', origin: '/f.pdf' }), year: 1818 };
  const library = buildLibrary([corpus]);
  const essay = [
    'The stranger insists that friendship is “not only a desirable, but a possible acquisition” (Shelley 20).',
    '',
    'He says “not only a desirable, but a possible acquisition” (Shelley 25).',
    '',
    'His “countenance became expressive of a calm settled grief” (Shelley 20).',
    '',
    'His “countenance became expressive of a calm settled grief” (Shelley 20–21).',
    '',
    'Compare “not only a desirable, but a possible acquisition” (Austen 25).',
    '',
    'Or cite it “not only a desirable, but a possible acquisition” [@shelley1818, p. 19].',
  ].join('\n');
  const found = checkText(essay, library, { minWords: 4, rules: {} }).findings.filter((f) => f.code === 'wrong-locator');
  assert.deepEqual(
    found.map((f) => [f.message, f.data?.replacement, essay.slice(f.data!.citationStart!, f.data!.citationEnd!)]),
    [
      ['Cited page 25, but these words are on page 20 of Frankenstein', '20', '25'],
      ['Cited page 20, but these words are on pages 20–21 of Frankenstein', '20–21', '20'],
      ['Cited page 19, but these words are on page 20 of Frankenstein', 'p. 20', 'p. 19'],
    ],
  );
  assert.equal(found[0].severity, 'warning');
});

test('wrong-locator: chapters of a plain-text book; curated passages and books without chapters are never checked', () => {
  const text = ['CHAPTER I.', '', 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.', '', 'CHAPTER II.', '', 'Mr. Bennet was among the earliest of those who waited on Mr. Bingley.'].join('\n');
  const book = loadCorpus(text, { id: 'pp', origin: '/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen' });
  const essay = '“It is a truth universally acknowledged” (Austen ch. 2). “Mr. Bennet was among the earliest” (Austen ch. 2). “Mr. Bennet was among the earliest” (Austen 45).';
  const found = checkText(essay, buildLibrary([book]), { minWords: 4, rules: {} }).findings;
  assert.deepEqual(
    found.map((f) => [f.code, f.message, f.data?.replacement]),
    [['wrong-locator', 'Cited chapter 2, but these words are in chapter 1 of Pride and Prejudice', 'ch. 1']],
  );
});
