import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { citationAfter, citationKey, formatCitation, formatReference, referencesHeading, splitName } from '../../server/src/engine/citations';
import { builtinStyle, cslItemOfCorpus, renderBibliography, renderCitation } from '../../server/src/engine/csl';

const book = builtinCorpus();
const austen = { title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 };

test('the built-in corpus carries its citation metadata', () => {
  assert.deepEqual([book.author, book.year, book.key, book.title], ['Kazuo Ishiguro', 2005, 'ishiguro2005', 'Never Let Me Go']);
});

test('in-text citations in every style, with and without a locator', () => {
  assert.equal(formatCitation(book, 'mla'), '(Ishiguro)');
  assert.equal(formatCitation(book, 'mla', '73'), '(Ishiguro 73)');
  assert.equal(formatCitation(book, 'apa'), '(Ishiguro, 2005)');
  assert.equal(formatCitation(book, 'apa', '73'), '(Ishiguro, 2005, p. 73)');
  assert.equal(formatCitation(book, 'chicago'), '(Ishiguro 2005)');
  assert.equal(formatCitation(book, 'chicago', '73'), '(Ishiguro 2005, 73)');
  assert.equal(formatCitation(book, 'pandoc'), '[@ishiguro2005]');
  assert.equal(formatCitation(book, 'pandoc', 'ch. 3'), '[@ishiguro2005, ch. 3]');
});

test('a missing key is derived from surname and year; a missing author cites the title', () => {
  assert.equal(citationKey(austen), 'austen1813');
  assert.equal(citationKey({ title: 'Frankenstein', author: 'Mary Wollstonecraft Shelley' }), 'shelley');
  assert.equal(citationKey({ title: 'Ódes', author: 'Brontë, Anne', year: 1846 }), 'bronte1846');
  assert.equal(citationKey({ title: 'The Anonymous Book', year: 1900 }), 'the1900');
  assert.equal(formatCitation(austen, 'pandoc'), '[@austen1813]');
  assert.equal(formatCitation({ title: 'Beowulf' }, 'apa'), '(*Beowulf*, n.d.)');
  assert.deepEqual(splitName('Mary Wollstonecraft Shelley'), { surname: 'Shelley', given: 'Mary Wollstonecraft' });
});

test('the hand-written reference entries (the fallback when no CSL style renders): publisher and place', () => {
  assert.equal(formatReference(book, 'mla'), 'Ishiguro, Kazuo. *Never Let Me Go*. Faber and Faber, 2005.');
  assert.equal(formatReference(book, 'apa'), 'Ishiguro, K. (2005). *Never Let Me Go*. Faber and Faber.');
  assert.equal(formatReference(book, 'chicago'), 'Ishiguro, Kazuo. 2005. *Never Let Me Go*. London: Faber and Faber.');
  assert.equal(formatReference({ ...book, publisher: undefined, place: undefined }, 'mla'), 'Ishiguro, Kazuo. *Never Let Me Go*. 2005.');
  assert.equal(formatReference({ title: 'Frankenstein', author: 'Mary Wollstonecraft Shelley', year: 1818 }, 'apa'), 'Shelley, M. W. (1818). *Frankenstein*.');
  assert.equal(formatReference({ title: 'Beowulf' }, 'mla'), '*Beowulf*.');
});

test('reference entries and headings per style: citeproc with the shipped MLA 9th, APA 7th and Chicago author-date 17th', () => {
  const items = [cslItemOfCorpus(book), cslItemOfCorpus({ id: 'f', title: 'Frankenstein', author: 'Mary Wollstonecraft Shelley', year: 1818 }), cslItemOfCorpus({ id: 'b', title: 'Beowulf' })];
  assert.deepEqual(renderBibliography(items, builtinStyle('mla')), ['*Beowulf*.', 'Ishiguro, Kazuo. *Never Let Me Go*. Faber and Faber, 2005.', 'Shelley, Mary Wollstonecraft. *Frankenstein*. 1818.']);
  assert.deepEqual(renderBibliography(items, builtinStyle('apa')), ['*Beowulf*. (n.d.).', 'Ishiguro, K. (2005). *Never Let Me Go*. Faber and Faber.', 'Shelley, M. W. (1818). *Frankenstein*.']);
  assert.deepEqual(renderBibliography(items, builtinStyle('chicago')), ['*Beowulf*. n.d.', 'Ishiguro, Kazuo. 2005. *Never Let Me Go*. Faber and Faber.', 'Shelley, Mary Wollstonecraft. 1818. *Frankenstein*.']);
  assert.deepEqual(
    (['mla', 'apa', 'chicago'] as const).map((s) => [renderCitation(items[0], builtinStyle(s), '73'), renderCitation(items[0], builtinStyle(s))]),
    [['(Ishiguro 73)', '(Ishiguro)'], ['(Ishiguro, 2005, p. 73)', '(Ishiguro, 2005)'], ['(Ishiguro 2005, 73)', '(Ishiguro 2005)']],
  );
  assert.deepEqual(['mla', 'apa', 'chicago', 'pandoc'].map((s) => referencesHeading(s as 'mla')), ['Works Cited', 'References', 'References', 'References']);
});

test('the citation after a quotation is recognised in every style, within the sentence', () => {
  const after = (text: string) => citationAfter(text, text.indexOf('”') + 1)?.text;
  assert.equal(after('She says “a b c” (Ishiguro).'), '(Ishiguro)');
  assert.equal(after('She says “a b c” (Ishiguro 73).'), '(Ishiguro 73)');
  assert.equal(after('She says “a b c” (Ishiguro, 2005).'), '(Ishiguro, 2005)');
  assert.equal(after('She says “a b c” (Ishiguro 2005, 73), and more.'), '(Ishiguro 2005, 73)');
  assert.equal(after('She says “a b c” [@ishiguro2005, ch. 3].'), '[@ishiguro2005, ch. 3]');
  assert.equal(after('As @ishiguro2005 has it, “a b c” and so on.'), undefined);
  assert.equal(after('She says “a b c” and then “d e” (73).'), '(73)');
  assert.equal(after('She says “a b c” (p. 73).'), '(p. 73)');
  // An aside is not a citation; the next sentence's citation is not this one's.
  assert.equal(after('She says “a b c” (in a sense). Later (Ishiguro 5).'), undefined);
  assert.equal(after('She says “a b c.” Then (Ishiguro).'), undefined);
  assert.equal(after('She says “a b c”.'), undefined);
});
