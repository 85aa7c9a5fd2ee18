import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/engine/rules';
import { CONFIG_KEYS, parseConfig, SCHEMA_RULE_CODES } from '../../server/src/service/config';

const ROOT = join(__dirname, '../../..');

/** The text a problem points at. */
function at(text: string, p: { offset: number; length: number }): string {
  return text.slice(p.offset, p.offset + p.length);
}

test('a valid config', () => {
  assert.deepEqual(parseConfig('{"corpora":[{"path":"books/pp.txt","title":"Pride and Prejudice","author":"Jane Austen","year":1813}],"minWords":5,"citationStyle":"apa","rules":{"unverified-quote":"off"}}'), {
    config: {
      corpora: [{ path: 'books/pp.txt', title: 'Pride and Prejudice', author: 'Jane Austen', year: 1813 }],
      minWords: 5,
      citationStyle: 'apa',
      rules: { 'unverified-quote': 'off' },
    },
    problems: [],
  });
});

test('broken JSON: one problem where it stands, an empty config', () => {
  const r = parseConfig('{"corpora": [}');
  assert.deepEqual(r.config, { corpora: [], rules: {} });
  assert.deepEqual(r.problems, [{ message: '.verbatim.json is not valid JSON: value expected', offset: 13, length: 1, severity: 'error' }]);
});

test('wrong types: each problem named at its value, in the order of the file, the valid parts kept', () => {
  const text = '{"corpora":[{"path":"a.txt","year":"old"},{"title":"x"}],"minWords":0,"citationStyle":"harvard","rules":{"misquote":"loud"},"colour":1}';
  const r = parseConfig(text);
  assert.deepEqual(r.config, { corpora: [{ path: 'a.txt' }], rules: {} });
  assert.deepEqual(
    r.problems.map((p) => [p.message, p.severity, at(text, p)]),
    [
      ['corpora[0].year must be a whole number', 'error', '"old"'],
      ['corpora[1] needs a "path" string', 'error', '{"title":"x"}'],
      ['"minWords" must be a whole number of at least 1', 'error', '0'],
      ['"citationStyle" must be one of mla, apa, chicago, pandoc', 'error', '"harvard"'],
      ['rules.misquote must be one of error, warning, information, hint, off', 'error', '"loud"'],
      ['Unknown setting "colour"; expected one of corpora, minWords, citationStyle, bibliography, rules', 'warning', '"colour"'],
    ],
  );
});

test('a misspelt rule code is an error at its key, and changes nothing', () => {
  const text = '{\n  "rules": { "misquotes": "off", "misquote": "error" }\n}';
  const r = parseConfig(text);
  assert.deepEqual(r.config.rules, { misquote: 'error' });
  assert.deepEqual(
    r.problems.map((p) => [p.message, p.severity, p.offset, at(text, p)]),
    [['Unknown rule "misquotes"; expected one of misquote, unverified-quote, misattribution, missing-citation, wrong-locator, partly-verified, unmarked-quotation, wrong-source, unknown-citation-key, bibliography-problem', 'error', 15, '"misquotes"']],
  );
});

test('the second corpus\'s title is reported on the second corpus, not the first', () => {
  const text = '{"corpora": [{"path": "a.txt", "title": "A"}, {"path": "b.txt", "title": 2, "titel": "B"}]}';
  const r = parseConfig(text);
  assert.deepEqual(r.config.corpora, [{ path: 'a.txt', title: 'A' }, { path: 'b.txt' }]);
  assert.deepEqual(
    r.problems.map((p) => [p.message, p.offset, at(text, p)]),
    [
      ['corpora[1].title must be a string', text.indexOf('2'), '2'],
      ['Unknown setting corpora[1].titel; expected one of path, title, author, year, key, publisher, place', text.indexOf('"titel"'), '"titel"'],
    ],
  );
});

test('comments and trailing commas are accepted; a corpus may be a bare path; an empty file is no config', () => {
  assert.deepEqual(parseConfig('// books\n{"corpora": ["books/emma.txt",], }'), { config: { corpora: [{ path: 'books/emma.txt' }], rules: {} }, problems: [] });
  assert.deepEqual(parseConfig('  \n'), { config: { corpora: [], rules: {} }, problems: [] });
  const notObject = parseConfig('[1]');
  assert.deepEqual(notObject.problems.map((p) => [p.message, p.offset, p.length]), [['.verbatim.json must be a JSON object such as {"corpora": []}', 0, 3]]);
  // Each type's own message (the schema keeps them in allOf, for VS Code's sake), and an unknown key's.
  assert.deepEqual(
    parseConfig('{ "rules": "x", "corpora": [3, { "path": "a.txt", "pages": 3 }], "minWord": 2 }').problems.map((p) => [p.message, p.severity]),
    [
      ['"rules" must be an object such as {"misquote": "error"}', 'error'],
      ['corpora[0] must be a path or an object with a "path" string', 'error'],
      ['Unknown setting corpora[1].pages; expected one of path, title, author, year, key, publisher, place', 'warning'],
      ['Unknown setting "minWord"; expected one of corpora, minWords, citationStyle, bibliography, rules', 'warning'],
    ],
  );
});

test('the schema knows exactly the engine\'s rule codes, and VS Code validates .verbatim.json with the same file', () => {
  assert.deepEqual([...SCHEMA_RULE_CODES].sort(), RULES.map((r) => r.code).sort());
  assert.deepEqual(CONFIG_KEYS, ['corpora', 'minWords', 'citationStyle', 'bibliography', 'rules']);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.verbatim.json', url: './schemas/verbatim-config.schema.json' }]);
  // The verbatim.rules setting knows the same codes.
  assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['verbatim.rules'].properties).sort(), RULES.map((r) => r.code).sort());
});

test('the shipped schemas claim no address: no $id, and no URL under a reserved name (.invalid, .example)', () => {
  for (const name of ['verbatim-config.schema.json', 'verbatim-report.schema.json']) {
    const text = readFileSync(join(ROOT, 'schemas', name), 'utf8');
    assert.equal((JSON.parse(text) as { $id?: string }).$id, undefined, name);
    assert.deepEqual(text.match(/https?:\/\/[^"\s]*\.(invalid|example)\b[^"\s]*/g), null, name);
  }
});
