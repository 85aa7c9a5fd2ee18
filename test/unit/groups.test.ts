// The four groups of borrowed words per essay (quoted and cited, quoted only,
// cited only, neither) and the share of the essay's words from the sources, in
// every report format.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { formatHtml } from '../../server/src/report/formats/html';
import { jsonReport } from '../../server/src/report/formats/json';
import { sarifLog } from '../../server/src/report/formats/sarif';
import { formatText } from '../../server/src/report/formats/text';
import { essayReport, groupTotals } from '../../server/src/report/summary';

const path = join('test', 'fixtures', 'corpora', 'pride-and-prejudice.txt');
const pride = loadCorpus(readFileSync(path, 'utf8'), { id: 'pride', origin: path, title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 });
const library = buildLibrary([builtinCorpus(), pride]);
const OPENING = 'it is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife';
const ESSAY = [
  `The novel opens: ${OPENING} (Austen 1).`,
  '',
  `Then again, ${OPENING}.`,
  '',
  'Later, “It is a truth universally acknowledged” is quoted (Austen 1). And “a single man in possession of a good fortune” again.',
].join('\n');
const report = () => essayReport('a.md', ESSAY, checkText(ESSAY, library));

test('groups: two found quotations (one cited), two copied passages (one cited), and the share of words from the sources', () => {
  const { groups } = report();
  assert.deepEqual(groups, { quotedCited: 1, quotedUncited: 1, citedUnquoted: 1, neither: 1, words: 75, fromSources: 61, share: 81.3 });
  assert.deepEqual(groupTotals([report(), report()]), { quotedCited: 2, quotedUncited: 2, citedUnquoted: 2, neither: 2, words: 150, fromSources: 122, share: 81.3 });
  assert.deepEqual(essayReport('b.md', '', { quotations: [], findings: [] }).groups, { quotedCited: 0, quotedUncited: 0, citedUnquoted: 0, neither: 0, words: 0, fromSources: 0, share: null });
});

test('groups in text, JSON, SARIF and HTML; copied passages beside their source text', () => {
  const e = report();
  const text = formatText([e]);
  assert.match(text, /^a\.md:1:18 warning unmarked-quotation Unmarked quotation: 23 words from Pride and Prejudice, chapter I, without quotation marks\n {2}source: It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife\n/);
  assert.match(text, /\nessay {2}quoted\+cited {2}quoted only {2}cited only {2}neither {2}from sources\na\.md {14}1 {12}1 {11}1 {8}1 {9}81\.3%\n/);
  const json = jsonReport([e]);
  assert.deepEqual(json.files[0].groups, e.groups);
  assert.deepEqual(json.summary.groups, e.groups);
  assert.deepEqual(json.files[0].findings.filter((f) => f.code === 'unmarked-quotation').map((f) => [f.words, f.citation]), [[23, '(Austen 1)'], [23, undefined]]);
  const sarif = sarifLog([e], '/work');
  assert.deepEqual(sarif.runs[0].artifacts?.[0].properties, { groups: e.groups });
  const html = formatHtml([e]);
  assert.match(html, /<td data-group="quotedCited">1<\/td><td data-group="quotedUncited">1<\/td><td data-group="citedUnquoted">1<\/td><td data-group="neither">1<\/td><td data-group="share">81\.3%<\/td>/);
  assert.equal(html.match(/<li class="detail d-unmarked"/g)?.length, 2);
  assert.match(html, /<h4>Source <small>Chapter I<\/small><\/h4><blockquote class="words">It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife<\/blockquote>/);
});
