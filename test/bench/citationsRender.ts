// Rendering citations with citeproc (bundled and run by test/bench/citations.mjs): per shipped
// style, an in-text citation with a fresh engine per render (how every citation was rendered
// before engines were kept), the first render with a Citeproc (the style compiled), later
// renders of other items and locators on the compiled engine, and a render already made; and a
// three-entry Works Cited list, fresh and on the compiled engine. Prints JSON.

import { citationAt } from '../../server/src/engine/citations';
import { builtinStyle, Citeproc, cslItemOfCorpus, renderBibliography, renderCitation } from '../../server/src/engine/csl';

const STYLES = ['mla', 'apa', 'chicago'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

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
