// The pieces behind `verbatim check`/`report` and remark-verbatim: globs,
// per-essay counts (including misattribution findings from any rule), the
// HTML page's escaping and details, and the plugin's vfile messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { builtinCorpus } from '../../server/src/engine/builtin';
import { checkText } from '../../server/src/engine/check';
import { buildLibrary } from '../../server/src/engine/library';
import remarkVerbatim from '../../server/src/remark-verbatim';
import { formatHtml } from '../../server/src/report/formats/html';
import { globBase, globToRegExp } from '../../server/src/report/glob';
import { essayReport, totals } from '../../server/src/report/summary';

const library = buildLibrary([builtinCorpus()]);

test('globs: *, ?, **, classes and braces; * never crosses / or matches a leading dot', () => {
  const cases: [string, string, boolean][] = [
    ['essays/*.md', 'essays/a.md', true],
    ['essays/*.md', 'essays/sub/a.md', false],
    ['essays/*.md', 'essays/.hidden.md', false],
    ['essays/**/*.md', 'essays/a.md', true],
    ['essays/**/*.md', 'essays/x/y/a.md', true],
    ['essays/**/*.md', 'essays/.git/a.md', false],
    ['./essays/**', 'essays/x/a.txt', true],
    ['essay-?.md', 'essay-1.md', true],
    ['essay-?.md', 'essay-10.md', false],
    ['essay-[0-4].md', 'essay-3.md', true],
    ['essay-[!0-4].md', 'essay-7.md', true],
    ['essay-[!0-4].md', 'essay-3.md', false],
    ['{alice,ben}/*.{md,markdown}', 'ben/final.markdown', true],
    ['{alice,ben}/*.{md,markdown}', 'chloe/final.md', false],
    ['a+b (1).md', 'a+b (1).md', true],
  ];
  for (const [glob, path, expected] of cases) assert.equal(globToRegExp(glob).test(path), expected, `${glob} ~ ${path}`);
  assert.equal(globBase('essays/2024/**/*.md'), 'essays/2024');
  assert.equal(globBase('*.md'), '.');
  assert.equal(globBase('/srv/class/*/essay.md'), '/srv/class');
});

const ESSAY = 'Ruth says they were “told and not told”. Kathy wants "it means a lot to me, being able to do my job well". Also "The past is a country we can never drive back to."\n';

test('counts: checked, correct, misquoted, unverified, misattributed (any rule with that code) and accuracy', () => {
  const result = checkText(ESSAY, library);
  const plain = essayReport('e.md', ESSAY, result);
  assert.deepEqual(plain.counts, { checked: 3, correct: 1, misquoted: 1, unverified: 1, misattributed: 0, accuracy: 33.3 });
  // A misattribution finding on the first quotation, as the misattribution rule reports it.
  const q = result.quotations[0].quotation;
  const misattributed = { code: 'misattribution', severity: 'warning' as const, start: q.start, end: q.end, message: 'Miss Lucy says this, not Ruth', data: { speaker: 'Miss Lucy', attributed: 'Ruth' } };
  const report = essayReport('e.md', ESSAY, { ...result, findings: [misattributed, ...result.findings] });
  assert.deepEqual(report.counts, { checked: 3, correct: 0, misquoted: 1, unverified: 1, misattributed: 1, accuracy: 0 });
  assert.deepEqual(report.quotations.map((x) => x.status), ['misattribution', 'misquote', 'unverified']);
  assert.deepEqual(totals([plain, report]), { checked: 6, correct: 1, misquoted: 2, unverified: 2, misattributed: 1, accuracy: 16.7 });
  assert.deepEqual(totals([]), { checked: 0, correct: 0, misquoted: 0, unverified: 0, misattributed: 0, accuracy: null });

  const html = formatHtml([report]);
  assert.match(html, /<p class="speaker">Said by <b>Miss Lucy<\/b>; the essay gives it to <b>Ruth<\/b>\.<\/p>/);
  assert.match(html, /<mark class="q q-misattribution" data-status="misattribution" title="Misattributed"><span class="icon" aria-label="Misattributed">⚑<\/span>“told and not told”<\/mark><sup><a href="#essay-1-q1" aria-label="details 1">1<\/a><\/sup>/);
});

test('html: the source passage beside a misquote, differences marked word by word; everything escaped', () => {
  const text = '# <img src=x onerror=alert(1)>\n\nKathy: "it means a lot to me, being able to do my job well" & more\n';
  const html = formatHtml([essayReport('a "b" <c>.md', text, checkText(text, library))], 'Class <1>');
  assert.match(html, /<title>Class &#60;1&#62;<\/title>/);
  assert.doesNotMatch(html, /<img|<script/);
  assert.match(html, /<section class="essay" id="essay-1" data-path="a &#34;b&#34; &#60;c&#62;\.md"/);
  assert.match(html, /<div class="essay-text"># &#60;img src=x onerror=alert\(1\)&#62;\n\nKathy: <mark class="q q-misquote"/);
  assert.match(
    html,
    /<h4>Essay<\/h4><blockquote class="words">it means a lot to me, being able to do my <span class="w changed" title="changed"><span class="sr">\[changed: <\/span>job<span class="sr">\]<\/span><\/span> well<\/blockquote>/,
  );
  assert.match(html, /<span class="w original" title="source has"><span class="sr">\[source has: <\/span>work<span class="sr">\]<\/span><\/span> well<\/blockquote>/);
  assert.match(html, /<h4>Source <small>Never Let Me Go · said by Kathy/);
  assert.match(html, /<td data-count="misquoted">1<\/td>/);
});

test('remark-verbatim: one vfile message per finding with ruleId, source, place and the fix', async () => {
  const file = new VFile({ path: 'essay.md', value: ESSAY });
  await unified().use(remarkParse).use(remarkVerbatim, { minWords: 4, rules: { 'unverified-quote': 'error' } }).run(unified().use(remarkParse).parse(file), file);
  assert.deepEqual(
    file.messages.map((m) => ({ ruleId: m.ruleId, source: m.source, reason: m.reason, fatal: m.fatal, place: m.place, expected: m.expected, actual: m.actual })),
    [
      {
        ruleId: 'misquote',
        source: 'verbatim',
        reason: 'Misquoted: "job" where the source has "work"',
        fatal: false,
        place: { start: { line: 1, column: 54, offset: 53 }, end: { line: 1, column: 106, offset: 105 } },
        // One per fix of the quoted words: the source wording, then the change marked as the writer's own.
        expected: ['it means a lot to me, being able to do my work well', 'it means a lot to me, being able to do my [job] well'],
        actual: 'it means a lot to me, being able to do my job well',
      },
      {
        ruleId: 'unverified-quote',
        source: 'verbatim',
        reason: 'Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it',
        fatal: true,
        place: { start: { line: 1, column: 113, offset: 112 }, end: { line: 1, column: 164, offset: 163 } },
        expected: undefined,
        actual: 'The past is a country we can never drive back to.',
      },
    ],
  );
  assert.throws(() => unified().use(remarkVerbatim, { minWords: 0 }).freeze(), { message: 'remark-verbatim: minWords must be a whole number of at least 1' });
  assert.throws(() => unified().use(remarkVerbatim, { rules: { misquote: 'loud' } } as never).freeze(), { message: 'remark-verbatim: rules.misquote must be one of error, warning, information, hint, off' });
  const missing = new VFile({ path: 'e.md', value: 'x\n', cwd: '/nonexistent' });
  await unified().use(remarkParse).use(remarkVerbatim, { corpora: ['books/none.txt'] }).run(unified().use(remarkParse).parse(missing), missing);
  assert.deepEqual(missing.messages.map((m) => [m.ruleId, m.reason, m.fatal]), [['invalid-config', 'Corpus /nonexistent/books/none.txt does not exist', true]]);
});
