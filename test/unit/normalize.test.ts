import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { matchQuotation } from '../../server/src/engine/matcher';
import { canonicalKey, slug, tokenize, tokenizeByRegex, trimEnds } from '../../server/src/engine/normalize';

const kinds = (s: string) => tokenize(s).map((t) => `${t.kind}:${t.norm}`);

test('words are lower-cased, apostrophes unified, hyphens split words', () => {
  assert.deepEqual(kinds('I’m thirty-one, Kathy\'s'), ['word:i\'m', 'word:thirty', 'word:one', 'punct:,', "word:kathy's"]);
});

test('every ellipsis style is one omission token', () => {
  for (const s of ['a … b', 'a...b', 'a . . . b', 'a [...] b', 'a […] b', 'a [. . .] b']) {
    assert.deepEqual(kinds(s), ['word:a', 'omission:…', 'word:b'], s);
  }
});

test('every dash style is one dash token; an in-word hyphen is not', () => {
  for (const s of ['a — b', 'a—b', 'a -- b', 'a--b', 'a – b', 'a - b']) assert.deepEqual(kinds(s), ['word:a', 'punct:—', 'word:b'], s);
  assert.deepEqual(kinds('well-known'), ['word:well', 'word:known']);
});

test('bracketed alterations: whole words, letters inside a word, [sic]', () => {
  const t = tokenize('[She] said [T]he wom[a]n [sic]');
  assert.deepEqual(
    t.map((x) => [x.kind, x.norm, x.alt]),
    [
      ['alteration', 'she', undefined],
      ['word', 'said', undefined],
      ['word', 'the', 'he'],
      ['word', 'woman', 'womn'],
      ['alteration', 'sic', undefined],
    ],
  );
});

test('offsets point into the original text', () => {
  const text = '“Ask for a deferral.”';
  assert.deepEqual(
    tokenize(text).map((t) => text.slice(t.start, t.end)),
    ['Ask', 'for', 'a', 'deferral', '.'],
  );
});

test('quotation marks, markup and underscores are style, not tokens', () => {
  assert.deepEqual(kinds('“_You_ are *dancing*” ‘now’ "then"'), ['word:you', 'word:are', 'word:dancing', 'word:now', 'word:then']);
});

test('trimEnds drops punctuation and omissions at the very ends only', () => {
  assert.deepEqual(
    trimEnds(tokenize('… and so, we went …')).map((t) => t.norm),
    ['and', 'so', ',', 'we', 'went'],
  );
});

test('canonicalKey merges style variants of one passage', () => {
  const a = canonicalKey('“I kept you and Tommy apart… That was the worst thing I did”.');
  const b = canonicalKey("i kept you and tommy apart ... that was the worst thing i did");
  assert.equal(a, b);
  assert.equal(a, "i kept you and tommy apart … that was the worst thing i did");
});

test('slug: first six words, letters and digits only', () => {
  assert.equal(slug('My name is Kathy H. I’m thirty-one years old'), 'my-name-is-kathy-h-im');
  assert.equal(slug('“…”'), 'passage');
});

test('tokenize from a token start finds the same tokens a whole scan finds there', () => {
  const text = 'He said - quietly - “[T]he wom[a]n… left.” [sic] Then, at 3.30 . . . (she’d gone) -- home!';
  const all = tokenize(text);
  assert.equal(all.length, 25);
  for (let k = 0; k < all.length; k++) {
    assert.deepEqual(tokenize(text, all[k].start), all.slice(k), `from token ${k}`);
    assert.deepEqual(tokenize(text, all[k].start, 3), all.slice(k, k + 3), `three from token ${k}`);
  }
  assert.deepEqual(tokenize(text, 0, 0), []);
});

test('the fast paths of tokenize find exactly what the regex finds, on 20,000 seeded random strings', () => {
  // Pieces that sit on every edge of the fast paths: dots and ellipses, apostrophes,
  // brackets, marks of other scripts, spaces of every kind, dashes and hyphens.
  const pieces = ['a', 'Zq', '9', 'word', "'", '’', '[', ']', '[s]', '.', '. ', '..', ' . . .', '…', ',', ';', ':', '!', '?', '(', ')',
    '-', ' - ', '--', '—', ' ', '\n', '\t', '\u00a0', '\u2009', '\u200b', '\u00ad', '\u200d', '\ufeff', 'é', 'e\u0301', 'ß', 'Ω', '٣', '*', '_', '"', '“', '”', 'x'.repeat(30)];
  let seed = 5;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let n = 0; n < 20000; n++) {
    let text = '';
    const length = 1 + Math.floor(rand() * 12);
    for (let k = 0; k < length; k++) text += pieces[Math.floor(rand() * pieces.length)];
    assert.deepEqual(tokenize(text), tokenizeByRegex(text), JSON.stringify(text));
  }
});

test('zero-width characters and soft hyphens inside a word are dropped from it; the offsets still cover them', () => {
  for (const c of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']) {
    const text = `the de${c}ferral${c}s`;
    assert.deepEqual(kinds(text), ['word:the', 'word:deferrals'], JSON.stringify(c));
    assert.deepEqual(tokenize(text).map((t) => [t.start, t.end]), [[0, 3], [4, 15]]);
  }
  // Around a word (a BOM at the start, a ZWSP between words) they are not tokens at all.
  assert.deepEqual(kinds('\ufeffThere\u200b were\u200b\u200b no'), ['word:there', 'word:were', 'word:no']);
  // Inside apostrophes and bracketed letters too.
  assert.deepEqual(kinds('didn\u200b\u2019t [T]\u200bhe'), ["word:didn't", 'word:the']);
  assert.deepEqual(tokenize('[T]\u200bhe').map((t) => t.alt), ['he']);
});

test('ZWNJ and ZWJ stay inside Persian and Indic words, and are dropped elsewhere (Latin, emoji sequences)', () => {
  // Persian "می‌خواهم" (I want) spells its ZWNJ; Devanagari क्‍ष takes a ZWJ for the half form.
  assert.deepEqual(kinds('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645'), ['word:\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645']);
  assert.deepEqual(kinds('\u0915\u094d\u200d\u0937'), ['word:\u0915\u094d\u200d\u0937']);
  assert.deepEqual(kinds('fi\u200dne of\u200cf'), ['word:fine', 'word:off']);
  // A family emoji is three emoji joined by ZWJ: no word, and the words around it are untouched.
  assert.deepEqual(kinds('a \u{1f468}\u200d\u{1f469}\u200d\u{1f467} b\u200d\u{1f44d}'), ['word:a', 'word:b']);
});

test('a quotation with zero-width characters matches its passage, and so does a plain one in a corpus full of them', () => {
  const library = buildLibrary([builtinCorpus()]);
  const m = matchQuotation('There were no defer\u200brals. There ne\u00adver were. It was all just a ru\u2060mor', library, { minWords: 4 });
  assert.equal(m.verdict, 'correct');
  assert.equal(m.passage?.id, 'there-were-no-deferrals-there-never');
  const text = 'Chapter 1\n\nIt is a truth uni\u00adversally ac\u200bknowledged, that a single man in pos\u00adsession of a good fortune, must be in want of a wife.\n';
  const book = loadCorpus(text, { id: 'b', origin: '/books/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen' });
  const plain = matchQuotation('a truth universally acknowledged, that a single man in possession of a good fortune', buildLibrary([book]), { minWords: 4 });
  assert.equal(plain.verdict, 'correct');
  assert.equal(plain.sourceText, 'a truth uni\u00adversally ac\u200bknowledged, that a single man in pos\u00adsession of a good fortune');
});
