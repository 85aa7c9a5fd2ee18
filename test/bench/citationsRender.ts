// Rendering citations with citeproc (bundled and run by test/bench/citations.mjs): per shipped
// style, an in-text citation with a fresh engine per render (how every citation was rendered
// before engines were kept), the first render with a Citeproc (the style compiled), later
// renders of other items and locators on the compiled engine, and a render already made; and a
// three-entry Works Cited list, fresh and on the compiled engine. With `completion`: the
// completion provider itself, in process, on the benchmark's essay with both novels, per style
// (Pandoc cites keys, no citeproc: the cost of completion without a CSL citation). Prints JSON.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { citationAt, type CitationStyle } from '../../server/src/engine/citations';
import { loadCorpus } from '../../server/src/engine/loaders';
import { completion } from '../../server/src/providers/completion';
import { Checker } from '../../server/src/service/checker';
import { contextOf } from '../../server/src/service/context';
// @ts-expect-error: the benchmark's essay generator is plain JavaScript.
import { bookSentences, generateEssay, prng, reviewQuotations } from './essay.mjs';
import { builtinStyle, Citeproc, cslItemOfCorpus, renderBibliography, renderCitation } from '../../server/src/engine/csl';

const STYLES = ['mla', 'apa', 'chicago'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

if (process.argv[2] === 'completion') {
  const root = process.cwd();
  const fixtures = join(root, 'test/fixtures/corpora');
  const sources = {
    review: reviewQuotations(join(root, 'server/corpus/never-let-me-go-review.txt')),
    pride: bookSentences(join(fixtures, 'pride-and-prejudice.txt')),
    frankenstein: bookSentences(join(fixtures, 'frankenstein.txt')),
  };
  const essay: string = generateEssay({ words: 10_000, quotations: 200, seed: 1, sources }).text;
  const corpora = [
    builtinCorpus(),
    loadCorpus(readFileSync(join(fixtures, 'pride-and-prejudice.txt'), 'utf8'), { id: 'pp', origin: join(fixtures, 'pride-and-prejudice.txt'), title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 }),
    loadCorpus(readFileSync(join(fixtures, 'frankenstein.txt'), 'utf8'), { id: 'f', origin: join(fixtures, 'frankenstein.txt'), title: 'Frankenstein', author: 'Mary Shelley', year: 1818 }),
  ];
  const lines = essay.split('\n');
  const prose = lines.map((l, i) => [l, i] as const).filter(([l]) => l.length > 40 && !/[“”>]/.test(l)).map(([, i]) => i);
  const books: string[] = [...sources.pride, ...sources.frankenstein];
  const out: Record<string, unknown> = {};
  // Pandoc last as well as first: the code is warm for it as for the others.
  for (const [name, style] of [['pandoc-first', 'pandoc'], ['mla', 'mla'], ['apa', 'apa'], ['chicago', 'chicago'], ['pandoc', 'pandoc']] as [string, CitationStyle][]) {
    const context = contextOf(corpora, { minWords: 4, rules: {}, citationStyle: style });
    const checker = new Checker();
    const rand = prng(7);
    const times: number[] = [];
    for (let i = 0; i < 201; i++) {
      const line = prose[Math.floor(rand() * prose.length)];
      const typed = ` “${books[Math.floor(rand() * books.length)].split(' ').slice(0, 2 + (i % 3)).join(' ')}`;
      const changed = [...lines];
      changed[line] += typed;
      const doc = TextDocument.create('file:///essay.md', 'markdown', i, changed.join('\n'));
      const cite = checker.citeOptions({ uri: doc.uri, text: doc.getText() }, context);
      // As the server does it: the style compiled when idle, before the first completion.
      if (i === 0) checker.prepareCitations({ cite, context });
      times.push(time(() => completion(doc, { line, character: changed[line].length }, context, style, { snippets: true, markdown: true }, cite)));
    }
    const later = times.slice(1);
    out[name] = { first: times[0], p50: median(later), p95: [...later].sort((a, b) => a - b)[Math.floor(later.length * 0.95)] };
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

const works = Array.from({ length: 200 }, (_, i) => ({ id: `w${i}`, title: `A Novel Numbered ${i}`, author: `Writer${i} Surname${i % 17}`, year: 1800 + i, publisher: 'Press' }));
const items = works.map(cslItemOfCorpus);

// Warm citeproc's own code once (the first engine of a process pays for it), outside every figure.
renderCitation(items[0], builtinStyle('chicago'), '1');

const out: Record<string, unknown> = {};
for (const style of STYLES) {
  const xml = builtinStyle(style);
  const fresh = Array.from({ length: 5 }, (_, i) => time(() => renderCitation(items[i], xml, String(i + 1))));
  const citeproc = new Citeproc();
  const first = time(() => citationAt(works[0], style, { page: '73' }, { citeproc }));
  const later = works.slice(1).map((w, i) => time(() => citationAt(w, style, { page: String(i + 2) }, { citeproc })));
  const again = works.slice(1).map((w, i) => time(() => citationAt(w, style, { page: String(i + 2) }, { citeproc })));
  const listFresh = Array.from({ length: 3 }, () => time(() => renderBibliography(items.slice(0, 3), xml)));
  const listCached = Array.from({ length: 20 }, (_, i) => time(() => renderBibliography(items.slice(i, i + 3), xml, undefined, citeproc)));
  out[style] = { fresh: median(fresh), first, later: median(later), laterMax: Math.max(...later), again: median(again), listFresh: median(listFresh), listCached: median(listCached), compiled: citeproc.compiled };
}
process.stdout.write(JSON.stringify(out));
