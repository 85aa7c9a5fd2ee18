// The CLI's option forms (issue #15): `--name value` and `--name=value`, values
// starting with "-", unknown options, and a --help that lists every option.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, folder } from '../helpers/cliRun';

const THREE = 'She calls it “purple elephant dances” twice.\n';
const THREE_FLAGGED = `e.md:1:14 warning unverified-quote Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it

essay  checked  correct  misquoted  unverified  misattributed  accuracy
e.md         1        0          0           1              0        0%

1 quotation checked in 1 essay: 0 correct, 1 flagged
`;

test('--format=json and --format json give the same document', () => {
  const root = folder({ 'e.md': 'Tommy says\n“They prove we have hearts.”\n' });
  const joined = cli(['check', 'e.md', '--format=json'], root);
  const apart = cli(['check', 'e.md', '--format', 'json'], root);
  assert.equal(joined.status, 1);
  assert.equal(joined.stderr, '');
  assert.equal(joined.stdout, apart.stdout);
  const doc = JSON.parse(joined.stdout);
  assert.deepEqual(
    doc.files[0].findings.map((f: { line: number; column: number; code: string; message: string }) => [f.line, f.column, f.code, f.message]),
    [[2, 1, 'misquote', 'Misquoted: "hearts" where the source has "souls"']],
  );
  assert.equal(cli(['check', 'e.md', '--format=sarif'], root).stdout, cli(['check', 'e.md', '--format', 'sarif'], root).stdout);
});

test('--min-words=3 and --min-words 3 both check a three-word quotation', () => {
  const root = folder({ 'e.md': THREE });
  for (const args of [['--min-words=3'], ['--min-words', '3']]) {
    const r = cli(['check', 'e.md', ...args], root);
    assert.equal(r.stdout, THREE_FLAGGED, args.join(' '));
    assert.equal(r.status, 1);
  }
  const byDefault = cli(['check', 'e.md'], root);
  assert.equal(byDefault.status, 0);
  assert.match(byDefault.stdout, /^0 quotations checked in 1 essay: 0 correct, 0 flagged$/m);
});

test('a value starting with "-": --title "-- draft", --title=-x, --corpus before the paths', () => {
  const root = folder({ 'e.md': '“The horror is that no one sees the horror.”\n', '-book.txt': 'Never ever seen before in any book or any essay at all.\n' });
  const r = cli(['report', 'e.md', '--title', '-- draft', '--out', 'r.html'], root);
  assert.equal(r.status, 0);
  assert.equal(r.stderr, 'verbatim: wrote r.html: 1 essay, 1 quotation, 100% correct\n');
  assert.match(readFileSync(join(root, 'r.html'), 'utf8'), /<title>-- draft<\/title>/);
  assert.equal(cli(['report', 'e.md', '--title=-x', '--out=r2.html'], root).status, 0);
  assert.match(readFileSync(join(root, 'r2.html'), 'utf8'), /<title>-x<\/title>/);
  const corpus = cli(['check', '--corpus', '-book.txt', '--min-words', '3', 'e.md'], root);
  assert.equal(corpus.status, 0);
  assert.equal(corpus.stderr, '');
});

test('unknown options, missing values and values given to switches: a clear message, exit 2, nothing on stdout', () => {
  const root = folder({ 'e.md': THREE });
  const cases: [string[], string][] = [
    [['check', 'e.md', '--bogus'], 'verbatim: Unknown option --bogus'],
    [['check', 'e.md', '--bogus=1'], 'verbatim: Unknown option --bogus'],
    [['check', 'e.md', '-x'], 'verbatim: Unknown option -x'],
    [['check', 'e.md', '--exit-zero=yes'], 'verbatim: --exit-zero takes no value'],
    [['check', 'e.md', '--min-words=3.5'], 'verbatim: --min-words needs a whole number of at least 1'],
    [['check', 'e.md', '--min-words', '-3'], 'verbatim: --min-words needs a whole number of at least 1'],
    [['check', 'e.md', '--max-file-size=0'], 'verbatim: --max-file-size needs a whole number of at least 1'],
    [['check', 'e.md', '--format'], 'verbatim: --format needs a value'],
    [['check', '--format', '--exit-zero', 'e.md'], 'verbatim: --format needs a value'],
    [['check', '--corpus', '--', 'e.md'], 'verbatim: --corpus needs a value'],
    [['check', 'e.md', '--format=xml'], 'verbatim: Unknown format "xml"; expected text, json or sarif'],
    [['check', 'e.md', '--force'], 'verbatim: --force is an option of "verbatim report", not "verbatim check"'],
    [['report', 'e.md', '--exit-zero'], 'verbatim: --exit-zero is an option of "verbatim check", not "verbatim report"'],
  ];
  for (const [args, message] of cases) {
    const r = cli(args, root);
    assert.equal(r.stderr.split('\n')[0], message, args.join(' '));
    assert.match(r.stderr, /\nUsage: verbatim check/);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('--help and -h list every option, exit 0', () => {
  const root = folder({});
  const help = cli(['check', '--help'], root);
  assert.equal(help.status, 0);
  assert.equal(help.stderr, '');
  assert.equal(cli(['-h'], root).stdout, help.stdout);
  assert.equal(cli(['report', 'x.md', '-h'], root).stdout, help.stdout);
  const listed = help.stdout
    .split('\n')
    .map((l) => /^ {2}(?:-h, )?(--[a-z-]+)/.exec(l)?.[1])
    .filter(Boolean);
  assert.deepEqual(listed, ['--corpus', '--format', '--out', '--force', '--title', '--ext', '--jobs', '--min-words', '--max-file-size', '--confine', '--exit-zero', '--help']);
  assert.match(help.stdout, /^ {2}--max-file-size N {4}essays longer than N characters are not checked \(default 1000000\)$/m);
  assert.match(help.stdout, /^Options \(--name VALUE or --name=VALUE\):$/m);
});
