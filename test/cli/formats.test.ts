// `verbatim check` over a fixture class folder in every format, globs, exit
// codes and bad arguments; `verbatim report`; remark-cli with the plugin.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'server/out/cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const CLASS = 'test/fixtures/class';
const reportSchema = JSON.parse(readFileSync(join(ROOT, 'schemas/verbatim-report.schema.json'), 'utf8'));
const sarifSchema = JSON.parse(readFileSync(join(ROOT, 'test/helpers/sarif-2.1.0-required.schema.json'), 'utf8'));

const TEXT = `test/fixtures/class/ben.md:3:26 warning misquote Misquoted: "job" where the source has "work"
test/fixtures/class/ben.md:4:62 warning unverified-quote Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it
test/fixtures/class/chloe/essay.markdown:3:3 warning misquote Misquoted: "plowed" where the source has "ploughed" (British and American spellings; editions differ)

essay                                     checked  correct  misquoted  unverified  misattributed  accuracy
test/fixtures/class/alice.md                    2        2          0           0              0      100%
test/fixtures/class/ben.md                      3        1          1           1              0     33.3%
test/fixtures/class/chloe/essay.markdown        2        1          1           0              0       50%
total                                           7        4          2           1              0     57.1%

7 quotations checked in 3 essays: 4 correct, 3 flagged
`;

test('text: one line per finding, a table per essay with a total, the summary; exit 1', () => {
  const r = run(['check', CLASS]);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, TEXT);
  assert.equal(r.status, 1);
});

test('globs: quoted patterns are expanded by verbatim, each essay once, in order', () => {
  const r = run(['check', 'test/fixtures/*/{alice,ben}.md', 'test/fixtures/class/**/*.markdown', 'test/fixtures/class/alice.md', '--exit-zero']);
  assert.equal(r.status, 0);
  assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('test/')).map((l) => l.split(/\s+/)[0]), [
    'test/fixtures/class/ben.md:3:26',
    'test/fixtures/class/ben.md:4:62',
    'test/fixtures/class/chloe/essay.markdown:3:3',
    'test/fixtures/class/alice.md',
    'test/fixtures/class/ben.md',
    'test/fixtures/class/chloe/essay.markdown',
  ]);
  const none = run(['check', 'test/fixtures/class/*.rst']);
  assert.equal(none.status, 2);
  assert.equal(none.stderr, 'verbatim: No essays match test/fixtures/class/*.rst\n');
});

test('--ext chooses what folders are searched for', () => {
  const r = run(['check', CLASS, '--ext', 'txt', '--min-words', '3']);
  assert.equal(r.stdout.split('\n')[0], 'test/fixtures/class/notes.txt:1:1 warning unverified-quote Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it');
  assert.equal(r.status, 1);
});

test('json: valid against the documented schema, with per-essay counts and the diff', () => {
  const r = run(['check', CLASS, '--format', 'json']);
  assert.equal(r.status, 1);
  const doc = JSON.parse(r.stdout);
  const validate = new Ajv({ allErrors: true }).compile(reportSchema);
  assert.equal(validate(doc), true, JSON.stringify(validate.errors));
  assert.deepEqual(
    doc.files.map((f: { path: string; quotations: number; correct: number; misquoted: number; unverified: number; misattributed: number; accuracy: number }) => [f.path, f.quotations, f.correct, f.misquoted, f.unverified, f.misattributed, f.accuracy]),
    [
      ['test/fixtures/class/alice.md', 2, 2, 0, 0, 0, 100],
      ['test/fixtures/class/ben.md', 3, 1, 1, 1, 0, 33.3],
      ['test/fixtures/class/chloe/essay.markdown', 2, 1, 1, 0, 0, 50],
    ],
  );
  assert.deepEqual(doc.summary, { files: 3, quotations: 7, correct: 4, misquoted: 2, unverified: 1, misattributed: 0, accuracy: 57.1, flagged: 3,
    groups: { quotedCited: 0, quotedUncited: 6, citedUnquoted: 0, neither: 0, words: 160, fromSources: 92, share: 57.5 },
  });
  assert.deepEqual(doc.files[2].findings[0], {
    line: 3,
    column: 3,
    endLine: 4,
    endColumn: 67,
    severity: 'warning',
    code: 'misquote',
    source: 'verbatim',
    message: 'Misquoted: "plowed" where the source has "ploughed" (British and American spellings; editions differ)',
    sourceText: 'I found myself standing before acres of ploughed earth. I didn’t know what it was, but I stared and stared, and suddenly I felt tears run down my face',
    // The fix keeps the essay's line break and the blockquote marker of the second line.
    replacement: 'I found myself standing before acres of ploughed earth. I didn’t know what it was, but\n> I stared and stared, and suddenly I felt tears run down my face.',
    passage: 'i-found-myself-standing-before-acres',
    locator: 'The Final Scene: A Fence, a Field, a Memory, line 55',
    corpus: 'builtin:never-let-me-go',
    diff: [{ op: 'replace', quote: 'plowed', source: 'ploughed' }],
    // The editor's quick fixes, where their edits stand.
    fixes: [
      {
        title: 'Replace with the source wording',
        preferred: true,
        edits: [{ line: 3, column: 3, endLine: 4, endColumn: 67, newText: 'I found myself standing before acres of ploughed earth. I didn’t know what it was, but\n> I stared and stared, and suddenly I felt tears run down my face.' }],
      },
      { title: 'Mark as an intentional alteration: [plowed]', preferred: false, edits: [{ line: 3, column: 43, endLine: 3, endColumn: 49, newText: '[plowed]' }] },
    ],
  });
  // The schema is strict: a misspelt field would not pass.
  assert.equal(validate({ ...doc, summary: { ...doc.summary, flaged: 1 } }), false);
});

test('sarif: a 2.1.0 log with rules, results, regions and fixes', () => {
  const r = run(['check', CLASS, '--format', 'sarif']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  const validate = new Ajv({ allErrors: true }).compile(sarifSchema);
  assert.equal(validate(log), true, JSON.stringify(validate.errors));
  const [runInfo] = log.runs;
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(
    runInfo.tool.driver.rules.map((rule: { id: string; defaultConfiguration: { enabled: boolean } }) => [rule.id, rule.defaultConfiguration.enabled]),
    [
      ['misquote', true],
      ['unverified-quote', true],
      ['misattribution', true],
      ['missing-citation', false],
      ['wrong-locator', true],
      ['partly-verified', true],
      ['unmarked-quotation', true],
      ['wrong-source', true],
      ['unknown-citation-key', true],
      ['bibliography-problem', true],
    ],
  );
  assert.deepEqual(runInfo.originalUriBaseIds, { SRCROOT: { uri: `file://${ROOT}/` } });
  assert.deepEqual(
    runInfo.results.map((x: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }) => [x.ruleId, x.ruleIndex, x.level, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region]),
    [
      ['misquote', 0, 'warning', 'test/fixtures/class/ben.md', { startLine: 3, startColumn: 26, endLine: 3, endColumn: 78 }],
      ['unverified-quote', 1, 'warning', 'test/fixtures/class/ben.md', { startLine: 4, startColumn: 62, endLine: 5, endColumn: 16 }],
      ['misquote', 0, 'warning', 'test/fixtures/class/chloe/essay.markdown', { startLine: 3, startColumn: 3, endLine: 4, endColumn: 67 }],
    ],
  );
  // The fix replaces exactly the quoted words: applying it to the essay gives the source's wording.
  const text = readFileSync(join(ROOT, CLASS, 'ben.md'), 'utf8');
  const [{ deletedRegion, insertedContent }] = runInfo.results[0].fixes[0].artifactChanges[0].replacements;
  const fixed = text.slice(0, deletedRegion.charOffset) + insertedContent.text + text.slice(deletedRegion.charOffset + deletedRegion.charLength);
  assert.match(fixed, /admits that "it means a lot to me, being able to do my work well"\. One critic/);
  // Every fix the editor offers is there, in the editor's order.
  assert.deepEqual(
    runInfo.results.map((x: { fixes?: { description: { text: string } }[] }) => (x.fixes ?? []).map((f) => f.description.text)),
    [['Replace with the source wording', 'Mark as an intentional alteration: [job]'], [], ['Replace with the source wording', 'Mark as an intentional alteration: [plowed]']],
  );
  assert.equal(validate({ ...log, version: '2.0.0' }), false);
});

test('exit codes: 0 clean, 0 with --exit-zero, 2 for bad arguments with a clear message', () => {
  assert.equal(run(['check', `${CLASS}/alice.md`]).status, 0);
  assert.equal(run(['check', CLASS, '--exit-zero']).status, 0);
  const cases: [string[], string][] = [
    [['check', CLASS, '--format', 'xml'], 'verbatim: Unknown format "xml"; expected text, json or sarif'],
    [['check', CLASS, '--out', 'x.html'], 'verbatim: --out is an option of "verbatim report", not "verbatim check"'],
    [['report', CLASS, '--format', 'json'], 'verbatim: --format is an option of "verbatim check", not "verbatim report"'],
    [['check', CLASS, '--ext', ','], 'verbatim: --ext needs a comma-separated list such as md,markdown'],
    [['check', CLASS, '--corpus'], 'verbatim: --corpus needs a value'],
    [['check', '--format', '--exit-zero', CLASS], 'verbatim: --format needs a value'],
    [['grade', CLASS], 'verbatim: Unknown command "grade"; expected "check" or "report"'],
    [['report', '--out', 'r.html'], 'verbatim: No files or folders given'],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stderr.split('\n')[0], message);
    assert.equal(r.stdout, '');
  }
});

test('report: writes one HTML file, says so on stderr, exit 0; a file that cannot be written is exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-report-'));
  const out = join(dir, 'class.html');
  const r = run(['report', CLASS, '--out', out, '--title', 'Year 12 <essays>']);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `verbatim: wrote ${out}: 3 essays, 7 quotations, 57.1% correct\n`);
  const html = readFileSync(out, 'utf8');
  assert.match(html, /<title>Year 12 &#60;essays&#62;<\/title>/);
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /&#60;script&#62;alert\(&#34;not run&#34;\)&#60;\/script&#62; &#38; &#60;b&#62;tags&#60;\/b&#62;/);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
  const bad = run(['report', CLASS, '--out', join(dir, 'missing', 'r.html')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^verbatim: .*missing\/r\.html could not be written: ENOENT/);
});

test('remark-cli with the plugin: messages with positions, rule ids and source verbatim; --frail fails on warnings', () => {
  const remark = join(ROOT, 'node_modules/remark-cli/cli.js');
  // remark-cli resolves `--use` names from the working directory: here, the package itself.
  const r = spawnSync(process.execPath, [remark, `${CLASS}/ben.md`, `${CLASS}/alice.md`, '--use', 'verbatim/remark-verbatim', '--no-stdout', '--no-color', '--frail'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(
    r.stderr,
    `test/fixtures/class/alice.md: no issues found
test/fixtures/class/ben.md
3:26-3:78 warning Misquoted: "job" where the source has "work"                                                                                      misquote         verbatim
4:62-5:16 warning Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it unverified-quote verbatim

⚠ 2 warnings
`,
  );
  const options = spawnSync(process.execPath, [remark, `${CLASS}/ben.md`, '--use', 'verbatim/remark-verbatim=rules:{"misquote":"off"}', '--no-stdout', '--no-color'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(options.status, 0);
  assert.equal(options.stderr.split('\n')[1], '4:62-5:16 warning Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it unverified-quote verbatim');
});
