import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { editDistance, entryForCorpus, frontMatterOf, keyUses, nearestKey, parseBibliography } from '../../server/src/engine/bibliography';
import { checkText, linkQuotations } from '../../server/src/engine/check';
import { parseConfig } from '../../server/src/service/config';
import { buildLibrary } from '../../server/src/engine/library';
import { loadCorpus } from '../../server/src/engine/loaders';
import { updateReferences } from '../../server/src/engine/worksCited';
import { renderCitation } from '../../server/src/engine/csl';
import { essayStyle } from '../../server/src/service/bibliography';
import type { DocContext } from '../../server/src/service/context';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { loadBibliography } from '../../server/src/node/bibliographyFiles';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bibliography');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const PP = loadCorpus(read('pride-and-prejudice-ch1.txt'), { id: 'pp', origin: join(DIR, 'pride-and-prejudice-ch1.txt'), title: 'Pride and Prejudice', author: 'Jane Austen' });

test('BibTeX, CSL-JSON and CSL-YAML give the same entries, each with its line', () => {
  const bib = parseBibliography(read('refs.bib'), 'refs.bib', 'bibtex');
  const json = parseBibliography(read('refs.json'), 'refs.json', 'csl-json');
  const yaml = parseBibliography(read('refs.yaml'), 'refs.yaml', 'csl-yaml');
  assert.deepEqual(bib.problems, []);
  assert.deepEqual(json.problems, []);
  assert.deepEqual(yaml.problems, []);
  const summary = (b: typeof bib) => b.entries.map((e) => [e.key, e.line, e.item.title, e.item.author, e.item.publisher, e.item['publisher-place'], e.item.issued]);
  const austen = ['austen1813', 2, 'Pride and Prejudice', [{ given: 'Jane', family: 'Austen' }], 'T. Egerton', 'London', { 'date-parts': [[1813]] }];
  assert.deepEqual(summary(bib)[0], austen);
  assert.deepEqual(summary(json)[0], austen);
  assert.deepEqual(summary(yaml), [austen]);
  assert.deepEqual(bib.entries[1].item.author, [{ given: 'Mary Wollstonecraft', family: 'Shelley' }]);
  assert.equal(bib.entries[1].item.publisher, 'Lackington, Hughes, Harding, Mavor & Jones');
  assert.deepEqual([bib.entries[1].line, json.entries[1].line], [10, 11]);
});

test('a broken .bib: each problem with its line, the readable entries kept', () => {
  const b = parseBibliography(read('broken.bib'), 'broken.bib', 'bibtex');
  assert.deepEqual(
    b.entries.map((e) => [e.key, e.line, e.item.title]),
    [
      ['austen1813', 1, 'Pride and Prejudice'],
      ['bronte1847', 19, 'Jane Eyre'],
    ],
  );
  assert.deepEqual(b.problems, [
    { file: 'broken.bib', line: 7, message: 'duplicate key "austen1813" (first defined on line 1); the first entry is used' },
    { file: 'broken.bib', line: 13, message: 'entry not closed: a "{" in it has no matching "}"' },
  ]);
  assert.deepEqual(parseBibliography('[{"id": "a", }]', 'x.json', 'csl-json').problems, [{ file: 'x.json', line: 1, message: 'not valid JSON: property name expected' }]);
  assert.deepEqual(parseBibliography('references:\n  - id: a\n   title: [', 'x.yaml', 'csl-yaml').problems.map((p) => p.line), [3]);
});

test('front matter: one bibliography or a list, and a csl style', () => {
  assert.deepEqual(frontMatterOf('---\nbibliography: refs.bib\n---\nText'), { bibliography: ['refs.bib'], csl: undefined, end: 31 });
  assert.deepEqual(frontMatterOf('---\nbibliography:\n  - a.bib\n  - b.json\ncsl: mla.csl\n...\n').bibliography, ['a.bib', 'b.json']);
  assert.equal(frontMatterOf('---\ncsl: my.csl\n---\n').csl, 'my.csl');
  assert.deepEqual(frontMatterOf('Text\n---\nbibliography: refs.bib\n---\n'), { bibliography: [], end: 0 });
  assert.deepEqual(parseConfig('{"bibliography": "refs.bib"}').config.bibliography, ['refs.bib']);
  assert.deepEqual(parseConfig('{"bibliography": 3}').problems.map((p) => p.message), ['"bibliography" must be a path (or a list of paths) of .bib, CSL-JSON or CSL-YAML files']);
});

test('citation keys in prose, not in code, e-mail addresses or front matter', () => {
  const text = '---\nbibliography: refs.bib\n---\nSee [@austen1813, p. 3; -@shelley1818] and @bronte1847. Mail me@example.org; `@notakey`\n\n```\n@code\n```\n';
  assert.deepEqual(
    keyUses(text).map((u) => [u.key, text.slice(u.start, u.end)]),
    [
      ['austen1813', 'austen1813'],
      ['shelley1818', 'shelley1818'],
      ['bronte1847', 'bronte1847'],
    ],
  );
  assert.equal(editDistance('austen1831', 'austen1813'), 1);
  assert.equal(nearestKey('austen1831', ['shelley1818', 'austen1813']), 'austen1813');
  assert.equal(nearestKey('dickens1859', ['shelley1818', 'austen1813']), undefined);
});

test('the acceptance essay: [@austen1813, p. 3] is correct, [@austen1831] is unknown-citation-key with the fix to austen1813', () => {
  const essay = read('essay.md');
  const bibliography = loadBibliography(['refs.bib'], DIR, DIR);
  const result = checkText(essay, buildLibrary([PP]), { minWords: 4, rules: { 'missing-citation': 'warning' } }, bibliography);
  assert.deepEqual(result.quotations.map((q) => q.match.verdict), ['correct']);
  const at = essay.indexOf('@austen1831');
  assert.deepEqual(result.findings, [
    {
      code: 'unknown-citation-key',
      severity: 'warning',
      start: at,
      end: at + '@austen1831'.length,
      message: 'Unknown citation key @austen1831: the bibliography has no such entry; did you mean @austen1813?',
      data: { replacement: 'austen1813', citationStart: at + 1, citationEnd: at + '@austen1831'.length },
      // Fixes are engine data on main: the quick fix is the finding's own.
      fixes: [{ title: 'Change to @austen1813', edits: [{ start: at + 1, end: at + '@austen1831'.length, newText: 'austen1813' }], preferred: true }],
    },
  ]);
  // The corpus is linked to its entry by title and author: its key is the bibliography's.
  assert.equal(entryForCorpus(bibliography.entries, PP)?.key, 'austen1813');
  assert.equal(linkQuotations(result.quotations, bibliography)[0].match.corpus?.key, 'austen1813');
  // The CSL-JSON twin gives the same findings.
  const twin = loadBibliography(['refs.json'], DIR, DIR);
  assert.deepEqual(checkText(essay, buildLibrary([PP]), { minWords: 4, rules: {} }, twin).findings, result.findings);
});

test('a broken bibliography is a warning in the essay naming the file and line; checking goes on', () => {
  const essay = '---\nbibliography: broken.bib\n---\n\n"It is a truth universally acknowledged" [@austen1813].\n';
  const bibliography = loadBibliography(['broken.bib', 'missing.bib'], DIR, DIR);
  const result = checkText(essay, buildLibrary([PP]), { minWords: 4, rules: {} }, bibliography);
  assert.deepEqual(result.quotations.map((q) => q.match.verdict), ['correct']);
  assert.deepEqual(
    result.findings.map((f) => [f.code, essay.slice(f.start, f.end), f.message]),
    [
      ['bibliography-problem', '', 'Bibliography missing.bib, line 1: does not exist'],
      ['bibliography-problem', 'broken.bib', 'Bibliography broken.bib, line 7: duplicate key "austen1813" (first defined on line 1); the first entry is used'],
      ['bibliography-problem', 'broken.bib', 'Bibliography broken.bib, line 13: entry not closed: a "{" in it has no matching "}"'],
    ],
  );
  assert.deepEqual(loadBibliography(['../refs.bib'], join(DIR, 'sub'), DIR).problems.map((p) => p.message), []);
  assert.deepEqual(loadBibliography(['../../unit/x.bib'], DIR, DIR).problems.map((p) => p.message), ['lies outside the workspace folder and is not read']);
});

test('Works Cited from the bibliography: the entries the essay quotes or cites, in each style, idempotent', () => {
  const essay = read('essay.md');
  const bibliography = loadBibliography(['refs.bib'], DIR, DIR);
  const options = { entries: bibliography.entries, citedKeys: keyUses(essay).map((u) => u.key) };
  const body = (style: 'mla' | 'apa' | 'chicago') => {
    const up = updateReferences(essay, [PP], style, [PP], options);
    assert.ok(up && 'edits' in up && up.edits.length === 1);
    const written = essay.slice(0, up.edits[0].start) + up.edits[0].newText + essay.slice(up.edits[0].end);
    assert.deepEqual(updateReferences(written, [PP], style, [PP], options), { edits: [] });
    return up.edits[0].newText;
  };
  assert.equal(body('mla'), '\n<!-- verbatim:works-cited -->\n\n## Works Cited\n\nAusten, Jane. *Pride and Prejudice*. T. Egerton, 1813.\n\n<!-- /verbatim:works-cited -->\n');
  assert.equal(body('apa'), '\n<!-- verbatim:works-cited -->\n\n## References\n\nAusten, J. (1813). *Pride and Prejudice*. T. Egerton.\n\n<!-- /verbatim:works-cited -->\n');
  assert.equal(body('chicago'), '\n<!-- verbatim:works-cited -->\n\n## References\n\nAusten, Jane. 1813. *Pride and Prejudice*. London: T. Egerton.\n\n<!-- /verbatim:works-cited -->\n');
  // A key cited but not quoted is listed too, in the style's order.
  const both = updateReferences('See [@shelley1818].\n', [PP], 'mla', [PP], { entries: bibliography.entries, citedKeys: ['shelley1818'] });
  assert.ok(both && 'edits' in both);
  assert.match(both.edits[0].newText, /Austen, Jane\. \*Pride and Prejudice\*\. T\. Egerton, 1813\.\n\nShelley, Mary Wollstonecraft\. \*Frankenstein; or, The Modern Prometheus\*\. Lackington, Hughes, Harding, Mavor & Jones, 1818\.\n/);
});

test('a .csl style the essay names: its own format and order; one outside the folder is refused', () => {
  const essay = '---\nbibliography: refs.bib\ncsl: plain-list.csl\n---\n\nSee [@austen1813] and [@shelley1818].\n';
  const uri = pathToFileURL(join(DIR, 'essay-with-style.md')).href;
  const context = { folder: DIR } as DocContext;
  const styleXml = essayStyle(nodeFileSystem, uri, essay, context);
  assert.equal(typeof styleXml, 'string');
  const bibliography = loadBibliography(['refs.bib'], DIR, DIR);
  const up = updateReferences(essay, [], 'mla', [], { entries: bibliography.entries, citedKeys: keyUses(essay).map((u) => u.key), styleXml: styleXml as string });
  assert.ok(up && 'edits' in up);
  assert.equal(
    up.edits[0].newText,
    '\n<!-- verbatim:works-cited -->\n\n## Works Cited\n\nSHELLEY, Mary Wollstonecraft: *Frankenstein; or, The Modern Prometheus* (1818)\n\nAUSTEN, Jane: *Pride and Prejudice* (1813)\n\n<!-- /verbatim:works-cited -->\n',
  );
  assert.equal(renderCitation(bibliography.entries[0].item, styleXml as string, '3'), '[Austen p. 3]');
  assert.deepEqual(essayStyle(nodeFileSystem, uri, essay.replace('plain-list.csl', '../../unit/x.csl'), context), { problem: 'the CSL style ../../unit/x.csl lies outside the workspace folder and is not read' });
  assert.deepEqual(essayStyle(nodeFileSystem, uri, essay.replace('plain-list.csl', 'refs.bib'), context), { problem: 'the CSL style refs.bib is not a CSL style (no <style> element)' });
});

test('an edited bibliography file is read again; an unchanged one gives the same entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bib-'));
  try {
    writeFileSync(join(dir, 'r.bib'), '@book{a2000, title = {A}, year = 2000}\n');
    const first = loadBibliography(['r.bib'], dir, dir);
    assert.deepEqual(first.entries.map((e) => e.key), ['a2000']);
    assert.equal(loadBibliography(['r.bib'], dir, dir).entries[0], first.entries[0]);
    writeFileSync(join(dir, 'r.bib'), '@book{a2000, title = {A}, year = 2000}\n@book{b2001, title = {B}, year = 2001}\n');
    assert.deepEqual(loadBibliography(['r.bib'], dir, dir).entries.map((e) => [e.key, e.line]), [['a2000', 1], ['b2001', 2]]);
    // A link inside the folder to a file outside it is not read.
    mkdirSync(join(dir, 'ws'));
    symlinkSync(join(dir, 'r.bib'), join(dir, 'ws', 'link.bib'));
    assert.deepEqual(loadBibliography(['link.bib'], join(dir, 'ws'), join(dir, 'ws')), { entries: [], problems: [{ file: 'link.bib', line: 1, message: 'lies outside the workspace folder and is not read' }] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
