// In-text citations rendered by citeproc with the shipped CSL styles (MLA 9th, APA 7th, Chicago
// author-date 17th), the essay's own `.csl` and its bibliography's entries; the compiled engines
// reused without changing a result; and the rules that read `[@key, p. 3]` against the entry.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBibliography } from '../../server/src/engine/bibliography';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { citationAt, citedLocator, formatCitation, type CitationStyle } from '../../server/src/engine/citations';
import { builtinStyle, Citeproc, cslItemOfCorpus, renderBibliography, renderCitation } from '../../server/src/engine/csl';
import { bookFileCorpus } from '../../server/src/engine/formats';
import type { PdfExtract } from '../../server/src/engine/formats/pdf';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bibliography');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const STYLES = ['mla', 'apa', 'chicago'] as const;

const ishiguro = builtinCorpus();
const omens = { title: 'Good Omens', author: 'Terry Pratchett and Neil Gaiman', year: 1990 };
const beowulf = { title: 'Beowulf' };

test('in-text citations in MLA 9, APA 7 and Chicago author-date 17: page, page range, chapter, none', () => {
  const cite = { citeproc: new Citeproc() };
  const row = (place?: { page?: string; chapter?: string }) => STYLES.map((s) => citationAt(ishiguro, s, place, cite));
  assert.deepEqual(row({ page: '73' }), ['(Ishiguro 73)', '(Ishiguro, 2005, p. 73)', '(Ishiguro 2005, 73)']);
  assert.deepEqual(row({ page: '73–75' }), ['(Ishiguro 73–75)', '(Ishiguro, 2005, pp. 73–75)', '(Ishiguro 2005, 73–75)']);
  // MLA 9 labels a division other than a page, after a comma: "ch." (the shipped style's locale term; CSL's en-US says "chap.").
  assert.deepEqual(row({ chapter: '3' }), ['(Ishiguro, ch. 3)', '(Ishiguro, 2005, Chapter 3)', '(Ishiguro 2005, chap. 3)']);
  // A page wins over a chapter when the edition has both.
  assert.deepEqual(row({ page: 'xii', chapter: '3' }), ['(Ishiguro xii)', '(Ishiguro, 2005, p. xii)', '(Ishiguro 2005, xii)']);
  assert.deepEqual(row(), ['(Ishiguro)', '(Ishiguro, 2005)', '(Ishiguro 2005)']);
  // The same through formatCitation, with a locator as typed.
  assert.deepEqual(STYLES.map((s) => formatCitation(ishiguro, s, '73', cite)), row({ page: '73' }));
  assert.deepEqual(STYLES.map((s) => formatCitation(ishiguro, s, 'ch. 3', cite)), row({ chapter: '3' }));
  assert.deepEqual(STYLES.map((s) => formatCitation(ishiguro, s, 'pp. 73-75', cite)), row({ page: '73–75' }));
});

test('what completion and the fixes write, the wrong-locator rule reads back: the same page, range or chapter', () => {
  const cite = { citeproc: new Citeproc() };
  const read = (style: CitationStyle, place: { page?: string; chapter?: string }) => {
    const text = citationAt(ishiguro, style, place, cite);
    const l = citedLocator(text, ishiguro);
    return l && [l.kind, l.items, text.slice(l.start, l.end)];
  };
  for (const style of ['mla', 'apa', 'chicago', 'pandoc'] as CitationStyle[]) {
    assert.deepEqual(read(style, { page: '73' })?.slice(0, 2), ['page', [['73', '73']]], style);
    assert.deepEqual(read(style, { page: '73–75' })?.slice(0, 2), ['page', [['73', '75']]], style);
    assert.deepEqual(read(style, { chapter: '3' })?.slice(0, 2), ['chapter', [['3', '3']]], style);
  }
  assert.deepEqual(read('mla', { chapter: '3' }), ['chapter', [['3', '3']], 'ch. 3']);
  assert.deepEqual(read('apa', { chapter: '3' }), ['chapter', [['3', '3']], 'Chapter 3']);
});

test('in-text citations of two authors and of no author, as the official styles give them', () => {
  const cite = { citeproc: new Citeproc() };
  // "Terry Pratchett and Neil Gaiman" in corpus metadata: two CSL names.
  assert.deepEqual(cslItemOfCorpus(omens).author, [{ family: 'Pratchett', given: 'Terry' }, { family: 'Gaiman', given: 'Neil' }]);
  assert.deepEqual(
    STYLES.map((s) => citationAt(omens, s, { page: '12' }, cite)),
    ['(Pratchett and Gaiman 12)', '(Pratchett & Gaiman, 1990, p. 12)', '(Pratchett and Gaiman 1990, 12)'],
  );
  assert.equal(citationAt(omens, 'pandoc', { page: '12' }, cite), '[@pratchett1990, p. 12]');
  assert.deepEqual(
    STYLES.map((s) => citationAt(beowulf, s, { page: '12' }, cite)),
    ['(*Beowulf* 12)', '(*Beowulf*, n.d., p. 12)', '(*Beowulf*, n.d., 12)'],
  );
  assert.deepEqual(STYLES.map((s) => citationAt(beowulf, s, undefined, cite)), ['(*Beowulf*)', '(*Beowulf*, n.d.)', '(*Beowulf*, n.d.)']);
  // Pandoc cites the key; Pandoc renders it.
  assert.equal(citationAt(ishiguro, 'pandoc', { page: '73' }, cite), '[@ishiguro2005, p. 73]');
  assert.equal(citationAt(ishiguro, 'pandoc', { chapter: '3' }, cite), '[@ishiguro2005, chap. 3]');
  assert.equal(citationAt(beowulf, 'pandoc', undefined, cite), '[@beowulf]');
});

test("a source linked to the essay's bibliography is cited as its entry; the essay's .csl renders it", () => {
  const bib = parseBibliography(read('refs.bib'), 'refs.bib', 'bibtex');
  // The corpus knows no year: the entry does.
  const pp = { id: 'pp', title: 'Pride and Prejudice', author: 'Jane Austen' };
  const cite = { citeproc: new Citeproc(), entries: bib.entries };
  assert.deepEqual(
    (['mla', 'apa', 'chicago', 'pandoc'] as CitationStyle[]).map((s) => citationAt(pp, s, { page: '3' }, cite)),
    ['(Austen 3)', '(Austen, 1813, p. 3)', '(Austen 1813, 3)', '[@austen1813, p. 3]'],
  );
  assert.deepEqual(STYLES.map((s) => citationAt(pp, s, { page: '3' }, { citeproc: cite.citeproc })), ['(Austen 3)', '(Austen, n.d., p. 3)', '(Austen, n.d., 3)']);
  // Several authors: linked by the first one's surname.
  const omensEntry = parseBibliography('@book{omens, author = {Pratchett, Terry and Gaiman, Neil}, title = {Good Omens}, year = 1990}', 'o.bib', 'bibtex');
  assert.equal(citationAt(omens, 'pandoc', undefined, { entries: omensEntry.entries }), '[@omens]');
  const styleXml = read('plain-list.csl');
  assert.equal(citationAt(pp, 'mla', { page: '3' }, { ...cite, styleXml }), '[Austen p. 3]');
  // A style citeproc cannot use: the shipped one of the essay's citation style.
  assert.equal(citationAt(pp, 'apa', { page: '3' }, { ...cite, styleXml: '<style>not CSL</style>' }), '(Austen, 1813, p. 3)');
});

test('compiled engines are reused, and a render gives what a fresh engine gives whatever came before', () => {
  const citeproc = new Citeproc();
  const austen = (id: string, title: string) => ({ id, type: 'book', title, author: [{ family: 'Austen', given: 'Jane' }], issued: { 'date-parts': [[1813]] } });
  const pp = austen('pp', 'Pride and Prejudice');
  const ss = austen('ss', 'Sense and Sensibility');
  for (const s of STYLES) {
    // Two works of one year: the list tells them apart ("1813a"), which must not leak into the next citation.
    const list = renderBibliography([pp, ss], builtinStyle(s), undefined, citeproc);
    assert.equal(list.length, 2);
    assert.equal(renderCitation(pp, builtinStyle(s), '3', 'page', undefined, citeproc), renderCitation(pp, builtinStyle(s), '3'));
    assert.deepEqual(renderBibliography([ss], builtinStyle(s), undefined, citeproc), renderBibliography([ss], builtinStyle(s)));
  }
  assert.deepEqual(
    renderBibliography([pp, ss], builtinStyle('apa'), undefined, citeproc),
    ['Austen, J. (1813a). *Pride and Prejudice*.', 'Austen, J. (1813b). *Sense and Sensibility*.'],
  );
  // An item changed under the same id is a new item, never the old one's cached rendering.
  assert.equal(renderCitation({ ...pp, author: [{ family: 'Brontë', given: 'Charlotte' }] }, builtinStyle('mla'), '3', 'page', undefined, citeproc), '(Brontë 3)');
  assert.equal(citeproc.compiled, 3);
  for (let i = 0; i < 20; i++) citationAt({ title: `Book ${i}`, author: `A Writer${i}`, year: 1900 + i }, 'apa', { page: String(i + 1) }, { citeproc });
  assert.equal(citeproc.compiled, 3);
});

/** Pride and Prejudice's first pages as a PDF gives them: printed pages 3 and 4. */
const PP_PDF: PdfExtract = {
  title: 'Pride and Prejudice',
  author: 'Jane Austen',
  pages: [
    {
      label: '3',
      top: 700,
      bottom: 0,
      lines: [
        { text: 'It is a truth universally acknowledged, that a single man in possession', x: 70, y: 600, size: 11 },
        { text: 'of a good fortune must be in want of a wife.', x: 50, y: 586, size: 11 },
        { text: 'However little known the feelings or views of such a man may be on his', x: 70, y: 560, size: 11 },
        { text: 'first entering a neighbourhood, this truth is so well fixed in the minds', x: 50, y: 546, size: 11 },
      ],
    },
    {
      label: '4',
      top: 700,
      bottom: 0,
      lines: [
        { text: 'of the surrounding families, that he is considered as the rightful', x: 50, y: 600, size: 11 },
        { text: 'property of some one or other of their daughters.', x: 50, y: 586, size: 11 },
      ],
    },
  ],
};

test('the rules read [@key, p. 3] against the entry the key names', () => {
  // A second edition of the same novel under a key of its own.
  const bib = parseBibliography(`${read('refs.bib')}\n@book{austen2003, author = {Austen, Jane}, title = {Pride and Prejudice}, publisher = {Penguin}, year = 2003}\n`, 'refs.bib', 'bibtex');
  const pp = bookFileCorpus({ format: 'pdf', extract: PP_PDF }, { id: 'pp', origin: '/pp.pdf' });
  const frankenstein = loadCorpus('Letter I\n\nYou will rejoice to hear that no disaster has accompanied the commencement of an enterprise.\n', { id: 'f', origin: '/f.txt', title: 'Frankenstein', author: 'Mary Shelley' });
  const library = buildLibrary([pp, frankenstein]);
  const q = '“It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife”';
  const essay = [`${q} [@austen1813, p. 3].`, '', `${q} [@shelley1818, p. 3].`, '', `${q} [@austen1813, p. 999].`, '', `${q}.`, '', `${q} [@austen2003, p. 3].`, '', `${q} [@austen1831, p. 3].`].join('\n');
  const check = (style: CitationStyle) => checkText(essay, library, { minWords: 4, rules: { 'missing-citation': 'warning' }, citationStyle: style }, bib);
  const applied = (f: { fixes?: { edits: { start: number; end: number; newText: string }[] }[] }) => {
    let out = essay;
    for (const e of [...f.fixes![0].edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    return out.split('\n').filter((line, i) => line !== essay.split('\n')[i]);
  };
  const pandoc = check('pandoc').findings;
  assert.deepEqual(
    pandoc.map((f) => [f.code, f.message]),
    [
      ['wrong-source', 'These words are from Pride and Prejudice (Austen), not [@shelley1818] (Frankenstein; or, The Modern Prometheus)'],
      ['wrong-locator', 'Cited page 999, but these words are on page 3 of Pride and Prejudice'],
      ['missing-citation', 'Missing citation: no citation of Pride and Prejudice follows this quotation'],
      // Another entry for the same work is no wrong source; a key the bibliography lacks is only an unknown key.
      ['unknown-citation-key', 'Unknown citation key @austen1831: the bibliography has no such entry; did you mean @austen1813?'],
    ],
  );
  // Each fix edits inside the brackets (the key, the locator), or adds the entry's key with the page.
  assert.deepEqual(pandoc.map(applied), [
    [`${q} [@austen1813, p. 3].`],
    [`${q} [@austen1813, p. 3].`],
    [`${q} [@austen1813, p. 3].`],
    [`${q} [@austen1813, p. 3].`],
  ]);
  // In MLA and APA the added citation is citeproc's, with the entry's year.
  assert.deepEqual(applied(check('mla').findings.find((f) => f.code === 'missing-citation')!), [`${q} (Austen 3).`]);
  assert.deepEqual(applied(check('apa').findings.find((f) => f.code === 'missing-citation')!), [`${q} (Austen, 1813, p. 3).`]);
});
