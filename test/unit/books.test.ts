import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { formatReference } from '../../server/src/engine/citations';
import { bookFileCorpus } from '../../server/src/engine/formats';
import { chapterNumber, placeIn } from '../../server/src/engine/formats/book';
import { parseClippings } from '../../server/src/engine/formats/clippings';
import { detectBookFormat } from '../../server/src/engine/formats/detect';
import { pdfBook, type PdfExtract, type PdfLine } from '../../server/src/engine/formats/pdf';
import { setCacheDir } from '../../server/src/node/corpusCache';
import { loadCorpora, loadCorpusFile } from '../../server/src/node/corpusFiles';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { makeEpub, makePdf } from '../helpers/books';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-books-'));
setCacheDir(undefined);
after(() => rmSync(dir, { recursive: true, force: true }));
const meta = (origin: string) => ({ id: origin, origin });
const CLIPPINGS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'books', 'My Clippings.txt');

/** A page as pdf.js gives it: a running head at the top, body lines 14 points apart from y = 600. */
function page(head: string, lines: string[], label?: string, indentFirst = true): PdfExtract['pages'][number] {
  const body: PdfLine[] = lines.map((text, k) => ({ text, x: k === 0 && indentFirst ? 70 : 50, y: 600 - k * 14, size: 11 }));
  return { label, top: 700, bottom: 0, lines: [{ text: head, x: 50, y: 660, size: 11 }, ...body] };
}

const FRANK: PdfExtract = {
  title: 'Frankenstein',
  author: 'Mary Shelley',
  pages: [
    page('x PREFACE', ['The event on which this fiction is founded has been supposed, by Dr.', 'Darwin and some of the physiological writers of Germany, as not of', 'impossible occurrence.'], 'x'),
    { label: '19', top: 700, bottom: 0, lines: [{ text: 'Letter IV', x: 50, y: 640, size: 24 }, ...page('', ['So strange an accident has happened to us, that I cannot for-', 'bear recording it, although it is very probable that you will see me', 'before these papers can come into your possession. The ﬁrst of our', 'friends was the self-', 'command of the captain.']).lines.slice(1)] },
    page('20 Letter IV', ['“I agree with you,” replied the stranger, “in believing that friend-', 'ship is not only a desirable, but a possible acquisition. I once had', 'a friend, the most noble of human creatures, and am entitled, there-', 'fore, to judge respecting friendship.”'], '20'),
    page('Letter IV 21', ['As he said this, his countenance became expressive of a calm', 'settled grief, that touched me to the heart. But he was silent, and', 'presently retired to his cabin.'], '21'),
    page('22 Letter IV', ['Even broken in spirit as he is, no one can feel more deeply than he', 'does the beauties of nature. The starry sky, the sea, and every sight', 'afforded by these wonderful regions, seems still to have the power.'], '22', false),
  ],
};
// "self-command" stands whole elsewhere in the book, so its line-end hyphen is kept.
FRANK.pages[4].lines.push({ text: 'His self-command was perfect.', x: 70, y: 540, size: 11 });

test('PDF: running heads left out, labels, hyphens joined or kept, ligatures unfolded, a paragraph over a page break', () => {
  const corpus = bookFileCorpus({ format: 'pdf', extract: FRANK }, meta('/books/frankenstein.pdf'));
  assert.deepEqual([corpus.title, corpus.author, corpus.format], ['Frankenstein', 'Mary Shelley', 'pdf']);
  const texts = corpus.passages.map((p) => [p.text, p.page, p.section, p.chapter]);
  assert.deepEqual(texts[0], ['The event on which this fiction is founded has been supposed, by Dr. Darwin and some of the physiological writers of Germany, as not of impossible occurrence.', 'x', undefined, undefined]);
  assert.deepEqual(texts[1], [
    'So strange an accident has happened to us, that I cannot forbear recording it, although it is very probable that you will see me before these papers can come into your possession. The first of our friends was the self-command of the captain.',
    '19',
    'Letter IV',
    '4',
  ]);
  assert.equal(texts[2][0], '“I agree with you,” replied the stranger, “in believing that friendship is not only a desirable, but a possible acquisition. I once had a friend, the most noble of human creatures, and am entitled, therefore, to judge respecting friendship.”');
  assert.equal(texts[2][1], '20');
  // Page 22 starts without an indent: its text goes on with page 21's paragraph.
  const spanning = corpus.passages.find((p) => p.pageBreaks)!;
  assert.equal(spanning.page, '21');
  assert.deepEqual(spanning.pageBreaks, [{ at: spanning.text.indexOf('Even'), page: '22' }]);
  assert.deepEqual(placeIn(spanning, 0, 10), { page: '21', chapter: '4' });
  assert.deepEqual(placeIn(spanning, 0, spanning.text.indexOf('Even') + 4), { page: '21–22', chapter: '4' });
  assert.ok(!corpus.passages.some((p) => /Letter IV 21|20 Letter IV|PREFACE/.test(p.text)), 'running heads are not passages');
  assert.match(corpus.extractedText!, /^The event on which/);
});

test('PDF: a scan, an encrypted file and a damaged one get clear messages', () => {
  assert.throws(() => pdfBook({ pages: [{ top: 700, bottom: 0, lines: [] }, { top: 700, bottom: 0, lines: [] }] }), /has no text: it is a scan/);
  assert.throws(() => pdfBook({ error: 'encrypted', pages: [] }), /is an encrypted PDF/);
  assert.throws(() => pdfBook({ error: 'corrupt', detail: 'Invalid PDF structure.', pages: [] }), /is not a readable PDF \(Invalid PDF structure\.\)/);
});

test('PDF without labels: the number in the running head when it agrees with the pages, else the physical page', () => {
  const words = ['one', 'two', 'three', 'four', 'five', 'six'];
  const pages = Array.from({ length: 6 }, (_, n) => page(`Pride and Prejudice ${n + 11}`, [`Paragraph on page ${words[n]} with enough words`, `to be real text, page ${words[n]}.`]));
  const labelled = bookFileCorpus({ format: 'pdf', extract: { pages } }, meta('/b.pdf'));
  assert.deepEqual(labelled.passages.map((p) => p.page), ['11', '12', '13', '14', '15', '16']);
  const garbled = pages.map((p, n) => ({ ...p, lines: [{ ...p.lines[0], text: `Free eBooks at Planet eBook.com \u0018${n}` }, ...p.lines.slice(1)] }));
  const physical = bookFileCorpus({ format: 'pdf', extract: { pages: garbled } }, meta('/b.pdf'));
  assert.deepEqual(physical.passages.map((p) => p.page), ['1', '2', '3', '4', '5', '6']);
  assert.ok(physical.passages.every((p) => !p.text.includes('Free eBooks')));
});

test('PDF files through the worker: page labels roman then arabic, the scan and the encrypted file named', () => {
  const line = (text: string, y: number, x = 60) => ({ text, x, y });
  const pdf = makePdf(
    [
      [{ text: 'Preface', x: 60, y: 640, size: 20 }, line('These pages were written in the summer of the year in question.', 600)],
      [line('1 Letter I', 660), line('You will rejoice to hear that no disaster has accompanied the', 600, 75), line('commencement of an enterprise which you have regarded with such', 586)],
      [line('Letter I 2', 660), line('I am already far north of London, and as I walk in the streets of', 600, 75), line('Petersburgh, I feel a cold northern breeze play upon my cheeks.', 586)],
    ],
    { pageLabels: '<< /Nums [0 << /S /r >> 1 << /S /D >>] >>', title: 'Frankenstein', author: 'Mary Shelley' },
  );
  const path = join(dir, 'frankenstein.pdf');
  writeFileSync(path, pdf);
  const corpus = loadCorpusFile(path, { path });
  assert.deepEqual(
    corpus.passages.map((p) => [p.page, p.text]),
    [
      ['i', 'These pages were written in the summer of the year in question.'],
      ['1', 'You will rejoice to hear that no disaster has accompanied the commencement of an enterprise which you have regarded with such'],
      ['2', 'I am already far north of London, and as I walk in the streets of Petersburgh, I feel a cold northern breeze play upon my cheeks.'],
    ],
  );
  assert.deepEqual([corpus.title, corpus.author], ['Frankenstein', 'Mary Shelley']);

  const scan = join(dir, 'scan.pdf');
  writeFileSync(scan, makePdf([[], []]));
  const locked = join(dir, 'locked.pdf');
  writeFileSync(locked, makePdf([[line('Secret words of a locked book on its only page.', 600)]], { encrypted: true }));
  const broken = join(dir, 'broken.pdf');
  writeFileSync(broken, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
  const load = loadCorpora([{ path: scan }, { path: locked }, { path: broken }, { path }], dir);
  assert.deepEqual(load.errors.slice(0, 2), [`Corpus ${scan} has no text: it is a scan (run it through OCR first)`, `Corpus ${locked} is an encrypted PDF (it needs a password); save a copy without protection`]);
  assert.match(load.errors[2], new RegExp(`^Corpus ${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (?:is not a readable PDF|has no text)`));
  assert.equal(load.corpora.length, 2, 'the built-in corpus and the good PDF still load');
});

const CHAPTER_ONE = `<h1>Chapter 1</h1><p>It is a truth universally acknowledged, that a single man in possession <span epub:type="pagebreak" id="p2" title="2"/>of a good fortune, must be in want of a wife.</p><p>However little known the feelings or views of such a man may be.</p>`;
const CHAPTER_TWO = `<h1>Chapter 2</h1><p id="pg3">Mr. Bennet was among the earliest of those who waited on Mr. Bingley.</p><script>document.write("not text")</script><nav><a href="x">Next chapter</a></nav>`;

test('EPUB 3: spine order, chapters from the nav, pages from the page list and page-break markers, OPF metadata', () => {
  const epub = makeEpub(
    [
      { file: 'one.xhtml', title: 'Chapter 1', body: CHAPTER_ONE },
      { file: 'two.xhtml', title: 'Chapter 2', body: CHAPTER_TWO },
    ],
    { title: 'Pride and Prejudice', author: 'Jane Austen', date: '1813-01-28', pageList: [{ href: 'one.xhtml', label: '1' }, { href: 'two.xhtml#pg3', label: '3' }] },
  );
  const path = join(dir, 'pp.epub');
  writeFileSync(path, epub);
  assert.equal(detectBookFormat(epub, 'book.bin'), 'epub');
  const corpus = loadCorpusFile(path, { path });
  assert.deepEqual([corpus.title, corpus.author, corpus.year], ['Pride and Prejudice', 'Jane Austen', 1813]);
  assert.deepEqual(
    corpus.passages.map((p) => [p.text, p.chapter, p.page, p.pageBreaks]),
    [
      ['It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.', '1', undefined, [{ at: 72, page: '2' }]],
      ['However little known the feelings or views of such a man may be.', '1', '2', undefined],
      ['Mr. Bennet was among the earliest of those who waited on Mr. Bingley.', '2', '3', undefined],
    ],
  );
  assert.equal(corpus.publisher, 'Test Press');
  assert.equal(formatReference(corpus, 'mla'), 'Austen, Jane. *Pride and Prejudice*. Test Press, 1813.');
  assert.equal(formatReference(corpus, 'apa'), 'Austen, J. (1813). *Pride and Prejudice*. Test Press.');
  assert.equal(formatReference(corpus, 'chicago'), 'Austen, Jane. 1813. *Pride and Prejudice*. Test Press.');
  // A configured title wins over the OPF's.
  assert.equal(loadCorpusFile(path, { path, title: 'P&P' }).title, 'P&P');
});

test('EPUB 2 with an NCX and no pages cites chapters; DRM, a damaged ZIP and a plain ZIP are refused by name', () => {
  const epub = makeEpub([{ file: 'c1.xhtml', title: 'CHAPTER III.', body: '<p>Not all that Mrs. Bennet, however, with the assistance of her five daughters, could ask on the subject.</p>' }], { ncxOnly: true, title: 'P' });
  const corpus = bookFileCorpus({ format: 'epub', bytes: epub }, meta('/p.epub'));
  assert.deepEqual(corpus.passages.map((p) => [p.chapter, p.page, p.section]), [['3', undefined, 'CHAPTER III.']]);
  const drm = join(dir, 'drm.epub');
  writeFileSync(drm, makeEpub([{ file: 'c1.xhtml', title: 'One', body: '<p>Words.</p>' }], { encryptContent: true }));
  const torn = join(dir, 'torn.epub');
  writeFileSync(torn, epub.subarray(0, 300));
  const zip = join(dir, 'archive.zip');
  writeFileSync(zip, Buffer.from('504b0304140000000000', 'hex'));
  const load = loadCorpora([{ path: drm }, { path: torn }, { path: zip }], dir);
  assert.deepEqual(load.errors.map((e) => e.replace(dir, '<dir>')), [
    'Corpus <dir>/drm.epub is protected by DRM (its content is encrypted: OEBPS/c1.xhtml); use a DRM-free copy',
    `Corpus <dir>/torn.epub ${load.errors[1].slice(load.errors[1].indexOf('is not'))}`,
    'Corpus <dir>/archive.zip is a ZIP archive but not an EPUB (no "mimetype" entry saying application/epub+zip)',
  ]);
  assert.match(load.errors[1], /is not a readable EPUB \(a damaged ZIP: /);
});

test('HTML: headings are chapters; navigation, scripts, styles and Gutenberg furniture are left out', () => {
  const html = `<!DOCTYPE html><html><head><title>Pride and Prejudice</title><style>p{}</style></head><body>
    <section id="pg-header"><p>The Project Gutenberg eBook of Pride and Prejudice</p></section>
    <nav><ul><li><a href="#c1">Chapter I</a></li></ul></nav>
    <h2>CHAPTER I.</h2><p>It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.</p>
    <script>var x = "It is a truth";</script>
    <h2>CHAPTER II.</h2><p>Mr. Bennet was among the earliest of those who waited on Mr. Bingley.</p></body></html>`;
  assert.equal(detectBookFormat(Buffer.from(html), 'page.txt'), 'html');
  const corpus = bookFileCorpus({ format: 'html', text: html }, meta('/pp.html'));
  assert.equal(corpus.title, 'Pride and Prejudice');
  assert.deepEqual(
    corpus.passages.map((p) => [p.text, p.chapter]),
    [
      ['It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.', '1'],
      ['Mr. Bennet was among the earliest of those who waited on Mr. Bingley.', '2'],
    ],
  );
});

test('Kindle clippings: highlights with pages, notes and bookmarks skipped, an edited highlight merged, four languages, BOM and CRLF', () => {
  const text = readFileSync(CLIPPINGS, 'utf8');
  assert.equal(detectBookFormat(Buffer.from(text), 'x.txt'), 'clippings');
  const records = parseClippings(text);
  assert.deepEqual(records.map((r) => r.kind), ['highlight', 'note', 'bookmark', 'highlight', 'highlight', 'highlight', 'highlight', 'highlight', 'highlight']);
  assert.deepEqual(records[0].location, [301, 303]);
  const corpus = loadCorpusFile(CLIPPINGS, { path: CLIPPINGS });
  assert.deepEqual([corpus.title, corpus.author], ['Frankenstein', 'Mary Shelley']);
  assert.deepEqual(
    corpus.passages.map((p) => [p.page, p.text.slice(0, 24)]),
    [
      ['20', 'I once had a friend, the'],
      ['43', 'Learn from me, if not by'],
      ['52', 'I beheld the wretch—the '],
      ['60', 'Life, although it may on'],
      ['61', 'I ought to be thy Adam; '],
    ],
  );
  const other = bookFileCorpus({ format: 'clippings', text, title: 'Pride and Prejudice' }, meta('/c.txt'));
  assert.deepEqual([other.author, other.passages.length, other.passages[0].page], ['Jane Austen', 1, undefined]);
  const japanese = 'Frankenstein (Mary Shelley)\n- 位置No. 301-303のハイライト |作成日: 2020年3月1日\n\nI once had a friend.\n==========\n';
  assert.throws(() => bookFileCorpus({ format: 'clippings', text: japanese }, meta('/j.txt')), /is a Kindle clippings file whose record lines are in a language Verbatim does not read \("- 位置No\. 301-303のハイライト/);
});

test('a 200 MB PDF is over the size limit: named, never read, and the other corpora load', () => {
  const big = join(dir, 'huge.pdf');
  writeFileSync(big, '%PDF-1.7\n');
  truncateSync(big, 200 * 1024 * 1024); // sparse: no 200 MB written
  const load = loadCorpora([{ path: big }], dir);
  assert.equal(load.errors.length, 1);
  assert.match(load.errors[0], new RegExp(`^Corpus ${big.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is too large \\(200\\.0 MB`));
  assert.equal(load.corpora.length, 1);
});

test('formats are told by their bytes: a text that mentions a PDF header or looks like HTML in prose stays text', () => {
  assert.equal(detectBookFormat(Buffer.from('How to spot a PDF: it starts with %PDF-1.7 and ends with a marker.\n'), 'notes.txt'), undefined);
  assert.equal(detectBookFormat(Buffer.from('junk\n%PDF-1.4\n1 0 obj\n%%EOF\n'), 'x.bin'), 'pdf');
  assert.equal(detectBookFormat(Buffer.from('Use <b>bold</b> sparingly.\n'), 'style.md'), undefined);
  assert.equal(detectBookFormat(Buffer.from('<p>A fragment saved as a page.</p>'), 'page.html'), 'html');
  assert.equal(detectBookFormat(Buffer.from('Chapter 1\n\nIt was a dark night.\n==========\n'), 'book.txt'), undefined);
});

test('chapter numbers from headings', () => {
  assert.deepEqual(['Chapter III.', 'CHAPTER 12', 'Letter IV', 'Chapter Two', 'XIV.', '7', 'Preface', 'Volume I'].map(chapterNumber), ['3', '12', '4', '2', '14', '7', undefined, undefined]);
});

test('PDF: a drop capital joins its paragraph, and the lines beside it are not indented paragraphs', () => {
  const body = (text: string, x: number, y: number): PdfLine => ({ text, x, y, size: 10 });
  const extract: PdfExtract = {
    pages: [
      {
        top: 500,
        bottom: 0,
        lines: [
          { text: 'Chapter 1', x: 52, y: 417, size: 20 },
          { text: 'I', x: 51, y: 352.5, size: 28 },
          body('t is a truth universally acknowledged, that a single man in', 61, 364.5),
          body('possession of a good fortune, must be in want of a wife.', 61, 352.5),
          body('However little known the feelings or views of such a man', 64, 340.5),
          body('may be on his first entering a neighbourhood, this truth is', 52.4, 328.5),
          body('so well fixed in the minds of the surrounding families.', 52.5, 316.5),
        ],
      },
    ],
  };
  const corpus = bookFileCorpus({ format: 'pdf', extract }, meta('/pp.pdf'));
  assert.deepEqual(
    corpus.passages.map((p) => [p.text, p.chapter]),
    [
      ['It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.', '1'],
      ['However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families.', '1'],
    ],
  );
});

test('HTML page-break markers (role="doc-pagebreak") and an NCX pageList set the pages', () => {
  const html = `<!DOCTYPE html><html><body><h2>Chapter 1</h2><p>The first words of the book stand on page one<span role="doc-pagebreak" aria-label="12"></span> and the rest on page twelve.</p><p>All of this paragraph is on page twelve.</p></body></html>`;
  const corpus = bookFileCorpus({ format: 'html', text: html }, meta('/b.html'));
  assert.deepEqual(
    corpus.passages.map((p) => [p.page, p.pageBreaks, p.chapter]),
    [
      [undefined, [{ at: 46, page: '12' }], '1'],
      ['12', undefined, '1'],
    ],
  );
  assert.equal(corpus.passages[0].text.slice(46, 49), 'and');

  const epub = makeEpub([{ file: 'c1.xhtml', title: 'Chapter 1', body: '<p id="a">A first paragraph that opens the chapter.</p><p id="b">A second paragraph on the next page.</p>' }], { ncxOnly: true });
  // The same book with an NCX pageList naming the second paragraph page 8.
  const withPages = rezip(epub, 'OEBPS/toc.ncx', (ncx) => ncx.replace('</navMap>', '</navMap><pageList><pageTarget type="normal" value="7"><navLabel><text>7</text></navLabel><content src="c1.xhtml#a"/></pageTarget><pageTarget type="normal" value="8"><navLabel><text>8</text></navLabel><content src="c1.xhtml#b"/></pageTarget></pageList>'));
  assert.deepEqual(bookFileCorpus({ format: 'epub', bytes: withPages }, meta('/p.epub')).passages.map((p) => p.page), ['7', '8']);
});

/** A copy of a ZIP with one text entry rewritten (the mimetype stays first and stored). */
function rezip(zip: Uint8Array, name: string, edit: (text: string) => string): Uint8Array {
  const files = unzipSync(zip);
  const out: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { mimetype: [files.mimetype, { level: 0 }] };
  for (const [k, v] of Object.entries(files)) if (k !== 'mimetype') out[k] = k === name ? strToU8(edit(strFromU8(v))) : v;
  return zipSync(out as never);
}
