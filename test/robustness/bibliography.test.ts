// A bibliography may hold thousands of entries (a Zotero library exported whole): reading it
// must grow with the file, not with its square. Each shape is timed at two sizes (CPU time,
// best of five runs, the sizes taking turns): linear work gives about 8× for 8× the input.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyUses, parseBibliography, type BibFormat } from '../../server/src/engine/bibliography';

const entry = (i: number) => `@book{key${i},\n  author = {Surname${i}, Given},\n  title = {A Title Number ${i}},\n  publisher = {Press},\n  year = {${1800 + (i % 200)}}\n}\n\n`;
const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

const SHAPES: [string, BibFormat | 'keys', (n: number) => string][] = [
  ['a clean .bib', 'bibtex', (n) => many(n, entry)],
  // An unclosed brace near the top: the file is read entry by entry.
  ['a .bib with an unclosed brace', 'bibtex', (n) => many(n, entry).replace('title = {A Title Number 1}', 'title = {A Title Number 1')],
  ['a .bib where every key is defined twice', 'bibtex', (n) => many(n, (i) => entry(i >> 1))],
  ['CSL-JSON', 'csl-json', (n) => `[${many(n, (i) => `${i ? ',' : ''}{"id": "key${i}", "type": "book", "title": "T${i}", "issued": {"date-parts": [[1900]]}}\n`)}]`],
  ['CSL-YAML', 'csl-yaml', (n) => `references:\n${many(n, (i) => `- id: key${i}\n  type: book\n  title: T${i}\n`)}`],
  ['an essay citing many keys', 'keys', (n) => many(n, (i) => `See [@key${i}, p. ${i}] and \`@code${i}\`.\n\n`)],
];

function cpu(run: () => void): number {
  const t0 = process.cpuUsage();
  run();
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / 1000;
}

for (const [name, format, make] of SHAPES) {
  test(`bibliography, ${name}: 8× the input costs under 24× the time`, (t) => {
    const small = 200;
    const read = (text: string) => (format === 'keys' ? keyUses(text) : parseBibliography(text, 'refs', format));
    const a0 = make(small);
    const b0 = make(small * 8);
    read(a0); // warm the code up
    let a = Infinity;
    let b = Infinity;
    for (let i = 0; i < 5; i++) {
      a = Math.min(a, cpu(() => read(a0)));
      b = Math.min(b, cpu(() => read(b0)));
    }
    t.diagnostic(`${a.toFixed(1)} ms → ${b.toFixed(1)} ms (${(b / a).toFixed(2)}×)`);
    assert.ok(b / a < 24, `${name}: ${a.toFixed(1)} ms for ${small}, ${b.toFixed(1)} ms for ${small * 8} (${(b / a).toFixed(2)}×)`);
  });
}
