// Generates a realistic essay for the benchmark: ordinary prose with
// quotations taken from real passages of the corpora (correct, misquoted,
// invented, in a real essay's proportions), all from a seeded PRNG so every
// run checks the same text.

import { readFileSync } from 'node:fs';

/** mulberry32: small, fast, good enough for picking passages. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences of 6–30 words from a Gutenberg book, cleaned as a reader would copy them. */
export function bookSentences(path) {
  const text = readFileSync(path, 'utf8');
  const out = [];
  for (const para of text.split(/\r?\n\s*\r?\n/)) {
    if (/^\s*\[Illustration/i.test(para) || /\*\*\*/.test(para)) continue;
    const clean = para
      .replace(/\s+/g, ' ')
      .replace(/_([^_]+)_/g, '$1')
      .replace(/\s*--\s*/g, '—')
      .trim();
    for (const s of clean.match(/[^.!?]+[.!?]/g) ?? []) {
      const sentence = s.trim();
      const words = sentence.split(' ').length;
      // Abbreviations ("Mr.") end no sentence.
      if (words >= 6 && words <= 30 && !/["“”]/.test(sentence) && /^[A-Z]/.test(sentence) && !/\b(?:Mr|Mrs|Dr|St)\.$/.test(sentence)) out.push(sentence);
    }
  }
  return out;
}

/** The quotations of the built-in review (curly marks), at least four words long. */
export function reviewQuotations(path) {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/“([^”]{12,300})”/g)].map((m) => m[1]).filter((q) => q.split(/\s+/).length >= 4 && !/[“"]/.test(q));
}

const PROSE = (
  'the novel memory story reader narrator voice character moment chapter scene letter time world life love ' +
  'fear hope truth silence society marriage fortune family pride science creation monster nature ambition ' +
  'grief loss friendship duty sense feeling reason suggests shows reveals returns insists frames echoes ' +
  'quietly slowly often never always perhaps here there early later finally still again indeed rather ' +
  'a an the of in on at by for with from as and but or yet so because while although when which that this ' +
  'these those its their her his our we it is was are were has had have be being becomes remains seems'
).split(' ');

function proseSentence(rand) {
  const n = 8 + Math.floor(rand() * 14);
  const words = [];
  for (let i = 0; i < n; i++) words.push(PROSE[Math.floor(rand() * PROSE.length)]);
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

const SWAPS = [
  ['the', 'a'],
  ['was', 'is'],
  ['and', 'but'],
  ['very', 'so'],
  ['which', 'that'],
  ['had', 'has'],
];

/** A misquotation as students make them: one word changed, dropped or added. */
function misquote(sentence, rand) {
  const words = sentence.split(' ');
  const at = 1 + Math.floor(rand() * (words.length - 2));
  const kind = rand();
  if (kind < 0.4) {
    for (const [a, b] of SWAPS) {
      const i = words.findIndex((w) => w.toLowerCase() === a);
      if (i >= 0) {
        words[i] = b;
        return words.join(' ');
      }
    }
    words[at] = 'certainly';
  } else if (kind < 0.7) words.splice(at, 1);
  else words.splice(at, 0, 'really');
  return words.join(' ');
}

const LEADS = ['As the narrator puts it,', 'We read that', 'The text insists:', 'In the words of the novel,', 'Consider the line', 'One critic notes'];

/**
 * `words` of essay with `quotations` quotations: 70% correct, 18% misquoted,
 * 12% invented; a fifth from the review, the rest from the two books.
 */
export function generateEssay({ words, quotations, seed, sources }) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const paragraphs = [];
  const perParagraph = 2;
  const paragraphCount = Math.ceil(quotations / perParagraph);
  const wordsPerParagraph = Math.round(words / paragraphCount);
  let made = 0;
  const kinds = { correct: 0, misquoted: 0, invented: 0 };
  const out = ['---', 'title: Reading memory and creation', 'author: Benchmark', '---', '', '# Memory, pride and creation', ''];
  for (let p = 0; p < paragraphCount; p++) {
    if (p % 12 === 0) out.push(`## Part ${p / 12 + 1}`, '');
    const pieces = [];
    let count = 0;
    let quoted = 0;
    while (count < wordsPerParagraph) {
      if (quoted < perParagraph && made < quotations && (count > wordsPerParagraph * (quoted / perParagraph) || rand() < 0.2)) {
        const r = rand();
        const source = r < 0.2 ? sources.review : r < 0.6 ? sources.pride : sources.frankenstein;
        let q = pick(source);
        const k = rand();
        if (k < 0.7) kinds.correct++;
        else if (k < 0.88) {
          q = misquote(q, rand);
          kinds.misquoted++;
        } else {
          q = proseSentence(rand).replace(/\.$/, '');
          kinds.invented++;
        }
        const lead = pick(LEADS);
        const sentence = rand() < 0.8 ? `${lead} “${q}”` : `${lead} "${q}"`;
        pieces.push(sentence + (rand() < 0.5 ? ' (p. ' + (1 + Math.floor(rand() * 300)) + ').' : ''));
        count += sentence.split(' ').length;
        quoted++;
        made++;
      } else {
        const s = proseSentence(rand);
        pieces.push(s);
        count += s.split(' ').length;
      }
    }
    // Wrap at about 80 columns, as people write Markdown.
    const lines = [];
    let line = '';
    for (const word of pieces.join(' ').split(' ')) {
      if (line && line.length + word.length + 1 > 80) {
        lines.push(line);
        line = word;
      } else line = line ? line + ' ' + word : word;
    }
    if (line) lines.push(line);
    paragraphs.push(lines.join('\n'));
    out.push(lines.join('\n'), '');
    if (p % 25 === 10) out.push('- a list item with *emphasis* and `code`', '- another item, [a link](https://example.org)', '');
    if (p % 40 === 20) out.push('```js', 'const notAQuote = "this is code, never read";', '```', '');
  }
  return { text: out.join('\n'), kinds, quotations: made };
}
