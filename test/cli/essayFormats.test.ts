// Word (.docx) and plain-text (.txt) essays, and a class checked in parallel.
// The .docx fixture (test/fixtures/docx, written by make-essay-docx.mjs) holds a
// misquote, an unmarked quotation and a table, like its Markdown twin essay.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, folder, ROOT } from '../helpers/cliRun';

const CONFIG = JSON.stringify({ corpora: [{ path: 'pride.txt', title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 }] });
const PRIDE = readFileSync(join(ROOT, 'test/fixtures/corpora/pride-and-prejudice.txt'));
const MD = readFileSync(join(ROOT, 'test/fixtures/docx/essay.md'), 'utf8');
const DOCX = readFileSync(join(ROOT, 'test/fixtures/docx/essay.docx'));

interface Finding {
  line: number;
  column: number;
  code: string;
  message: string;
  sourceText?: string;
}
const findings = (stdout: string): Finding[][] => (JSON.parse(stdout) as { files: { findings: Finding[] }[] }).files.map((f) => f.findings);
const what = (f: Finding) => [f.code, f.message, f.sourceText];

test('a .docx essay checks with the same findings as its Markdown twin; positions are paragraph and offset', () => {
  const root = folder({ '.verbatim.json': CONFIG, 'pride.txt': PRIDE, 'essay.md': MD, 'essay.docx': DOCX });
  const r = cli(['check', 'essay.md', 'essay.docx', '--format', 'json'], root);
  assert.equal(r.status, 1, r.stderr);
  const [md, docx] = findings(r.stdout);
  assert.deepEqual(md.map((f) => f.code), ['misquote', 'unmarked-quotation', 'misquote']);
  assert.deepEqual(docx.map(what), md.map(what));
  // Paragraphs of the Word file: 1 title, 2 Mrs. Bennet, 3 the opening, 4–7 the table's cells, 8 the close.
  assert.deepEqual(docx.map((f) => [f.line, f.column]), [[2, 42], [3, 35], [7, 1]]);
  // Found in a folder too (.docx is searched by default).
  assert.deepEqual(findings(cli(['check', '.', '--format', 'json'], root).stdout).length, 2);
});

test('a .txt essay is plain text: paragraphs between blank lines, no Markdown (a "#" or ">" is a character)', () => {
  const text = ['> Mrs. Bennet asks, “my dear Mr. Bennet, have you heard that Netherfield Park is let at last?”', '', 'It opens: it is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.'].join('\n');
  const root = folder({ '.verbatim.json': CONFIG, 'pride.txt': PRIDE, 'essay.txt': text });
  const [found] = findings(cli(['check', 'essay.txt', '--format', 'json'], root).stdout);
  assert.deepEqual(found.map((f) => [f.line, f.column, f.code]), [[1, 21, 'misquote'], [3, 11, 'unmarked-quotation']]);
});

test('a file that is not a Word document is named, exit 2; the other essays are still checked', () => {
  const root = folder({ '.verbatim.json': CONFIG, 'pride.txt': PRIDE, 'bad.docx': 'not a zip', 'essay.md': MD });
  const r = cli(['check', 'bad.docx', 'essay.md'], root);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^verbatim: bad\.docx was not checked: it is not a Word document that can be read \(Can't find end of central directory\)$/m);
  assert.match(r.stdout, /^essay\.md:3:42 warning misquote/m);
});

test('a class checked by worker threads gives the serial run\'s output, in the same order', () => {
  const files: Record<string, string | Uint8Array> = { '.verbatim.json': CONFIG, 'pride.txt': PRIDE };
  for (let i = 0; i < 10; i++) files[`class/essay-${String(i).padStart(2, '0')}.${i % 3 === 0 ? 'docx' : 'md'}`] = i % 3 === 0 ? DOCX : MD.replace('My own words', `Essay ${i}: my own words`);
  const root = folder(files);
  const serial = cli(['check', 'class', '--format', 'json', '--jobs', '1'], root);
  const parallel = cli(['check', 'class', '--format', 'json', '--jobs', '2'], root);
  assert.equal(serial.status, 1, serial.stderr);
  assert.equal(parallel.status, 1, parallel.stderr);
  assert.equal(JSON.parse(serial.stdout).files.length, 10);
  assert.equal(parallel.stdout, serial.stdout);
  assert.equal(cli(['report', 'class', '--jobs', '2', '--out', 'p.html'], root).status, 0);
  assert.equal(cli(['report', 'class', '--jobs', '1', '--out', 's.html'], root).status, 0);
  assert.equal(readFileSync(join(root, 'p.html'), 'utf8'), readFileSync(join(root, 's.html'), 'utf8'));
  assert.match(cli(['check', 'class', '--jobs', '0'], root).stderr, /--jobs needs a whole number of at least 1/);
});
