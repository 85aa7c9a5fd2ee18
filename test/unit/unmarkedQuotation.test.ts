import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText, proseFindings, DEFAULT_OPTIONS } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { IncrementalProse, proseRuns } from '../../server/src/engine/prose';

const path = join('test', 'fixtures', 'corpora', 'pride-and-prejudice.txt');
const pride = loadCorpus(readFileSync(path, 'utf8'), { id: 'pride', origin: path, title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 });
const library = buildLibrary([builtinCorpus(), pride]);
const OPENING = 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife';

const unmarked = (text: string) => checkText(text, library).findings.filter((f) => f.code === 'unmarked-quotation');

test('the opening of Pride and Prejudice copied without marks, cited or not, is an unmarked quotation', () => {
  const essay = `The novel opens with irony: ${OPENING.toLowerCase()} (Austen 1).`;
  const [f, ...rest] = unmarked(essay);
  assert.equal(rest.length, 0);
  assert.equal(f.message, 'Unmarked quotation: 23 words from Pride and Prejudice, chapter I, without quotation marks');
  assert.equal(f.severity, 'warning');
  assert.equal(essay.slice(f.start, f.end), OPENING.toLowerCase());
  assert.equal(f.data?.words, 23);
  assert.equal(f.data?.citation, '(Austen 1)');
  // The source's own wording (this edition has no comma after “fortune”).
  assert.equal(f.data?.source, OPENING.replace('fortune,', 'fortune'));
  assert.equal(f.data?.corpus, 'pride');
  assert.equal(unmarked(`${OPENING}.`)[0].data?.citation, undefined);
});

test('the same words in quotation marks, in a blockquote or in an indented block are quotations, not unmarked', () => {
  assert.deepEqual(unmarked(`Austen begins, “${OPENING}” (Austen 1).`), []);
  assert.deepEqual(unmarked(`Austen begins:\n\n> ${OPENING}.\n\nThen she turns to the Bennets.`), []);
  assert.deepEqual(unmarked(`Austen begins:\n\n    ${OPENING}.\n\nThen she turns to the Bennets.`), []);
  assert.deepEqual(unmarked(`---\ntitle: ${OPENING}\n---\n\nMy essay.`), []);
});

test('a lightly edited copy is one finding over the whole stretch; a paraphrase and a short shared phrase are none', () => {
  const edited = 'It is a truth universally acknowledged, that a single man in possession of a large fortune, must be in want of a wife.';
  const [f] = unmarked(edited);
  assert.equal(edited.slice(f.start, f.end), edited.slice(0, -1));
  assert.equal(f.data?.words, 23);
  assert.deepEqual(unmarked('Everyone agrees that a rich single man must want a wife, as the narrator says with irony.'), []);
  assert.deepEqual(unmarked('The famous truth universally acknowledged is, of course, a joke about marriage.'), []);
});

test('a run of common words that stands in the novel is chance, not copying', () => {
  // "i do not think that it would be" stands in Pride and Prejudice, eight words in a row.
  assert.deepEqual(unmarked('Now I do not think that it would be wise to trust the narrator completely.'), []);
});

test('quotations in the prose are blanked out, so no run crosses one', () => {
  const [run] = proseRuns(`He said “${OPENING}” and left.`);
  assert.equal(run.text, `He said ${'\u0000'.repeat(OPENING.length + 2)} and left.`);
  assert.equal(run.offsets.length, run.text.length + 1);
});

test('switched off, the rule reports nothing', () => {
  assert.deepEqual(checkText(`${OPENING}.`, library, { ...DEFAULT_OPTIONS, rules: { 'unmarked-quotation': 'off' } }).findings, []);
});

test('an edit re-scans only the paragraph it changed, with the same findings as a full check', () => {
  const paragraphs = [`${OPENING}.`, 'My own words about the novel come here.', 'And some more of my own words follow.'];
  const prose = new IncrementalProse();
  const scan = (chunk: string) => proseFindings(chunk, library, DEFAULT_OPTIONS);
  const first = prose.find(paragraphs.join('\n\n'), scan, [library, DEFAULT_OPTIONS]);
  assert.equal(prose.scanned, 3);
  const edited = [paragraphs[0], paragraphs[1], paragraphs[2].replace('more', 'few'), `Later: ${OPENING}.`].join('\n\n');
  const second = prose.find(edited, scan, [library, DEFAULT_OPTIONS]);
  assert.equal(prose.scanned, 2);
  assert.deepEqual(first.map((f) => [f.start, f.end]), [[0, OPENING.length]]);
  assert.deepEqual(second, unmarked(edited));
  assert.deepEqual(second.map((f) => edited.slice(f.start, f.end)), [OPENING, OPENING]);
});
