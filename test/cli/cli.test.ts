import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const CLI = resolve(__dirname, '../../../server/out/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

test('a folder of essays: compiler-style lines, a summary, exit 1 when anything is flagged', () => {
  const root = folder({
    'a.md': 'Kathy: “My name is Kathy H.”\n\nMiss Lucy: “You’ve been told and not told.”\n',
    'sub/b.markdown': 'Tommy says\n“They prove we have hearts.”\n',
    'notes.txt': '“not an essay at all, never checked”',
  });
  const r = run(['check', '.'], root);
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    `sub/b.markdown:2:1 warning misquote Misquoted: "hearts" where the source has "souls"

essay           checked  correct  misquoted  unverified  misattributed  accuracy
a.md                  2        2          0           0              0      100%
sub/b.markdown        1        0          1           0              0        0%
total                 3        2          1           0              0     66.7%

3 quotations checked in 2 essays: 2 correct, 1 flagged
`,
  );
  assert.equal(r.stderr, '');
});

test('clean essays exit 0', () => {
  const root = folder({ 'a.md': '“The horror is that no one sees the horror.”\n' });
  const r = run(['check', 'a.md'], root);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '\nessay  checked  correct  misquoted  unverified  misattributed  accuracy\na.md         1        1          0           0              0      100%\n\n1 quotation checked in 1 essay: 1 correct, 0 flagged\n');
});

test('--format json: a stable shape with positions, codes, source wording and fix', () => {
  const root = folder({ 'a.md': 'As Ruth says, "I kept you and Tommy apart… That was the worst thing I ever did."\n' });
  const r = run(['check', 'a.md', '--format', 'json'], root);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), {
    version: 1,
    files: [
      {
        path: 'a.md',
        quotations: 1,
        correct: 0,
        misquoted: 1,
        unverified: 0,
        misattributed: 0,
        accuracy: 0,
        findings: [
          {
            line: 1,
            column: 15,
            endLine: 1,
            endColumn: 81,
            severity: 'warning',
            code: 'misquote',
            source: 'verbatim',
            message: 'Misquoted: "ever" added',
            sourceText: 'I kept you and Tommy apart… That was the worst thing I did',
            replacement: 'I kept you and Tommy apart… That was the worst thing I did.',
            passage: 'i-kept-you-and-tommy-apart',
            locator: 'The Slow Erosion of Hope: Ruth’s Final Days, line 29',
            corpus: 'builtin:never-let-me-go',
            diff: [
              { op: 'omission', quote: '…', source: '…' },
              { op: 'insert', quote: 'ever', source: '' },
            ],
            fixes: [
              { title: 'Replace with the source wording', preferred: true, edits: [{ line: 1, column: 16, endLine: 1, endColumn: 80, newText: 'I kept you and Tommy apart… That was the worst thing I did.' }] },
              { title: 'Mark as an intentional alteration: [ever]', preferred: false, edits: [{ line: 1, column: 71, endLine: 1, endColumn: 75, newText: '[ever]' }] },
            ],
          },
        ],
        groups: { quotedCited: 0, quotedUncited: 1, citedUnquoted: 0, neither: 0, words: 17, fromSources: 14, share: 82.4 },
      },
    ],
    summary: { files: 1, quotations: 1, correct: 0, misquoted: 1, unverified: 0, misattributed: 0, accuracy: 0, flagged: 1, groups: { quotedCited: 0, quotedUncited: 1, citedUnquoted: 0, neither: 0, words: 17, fromSources: 14, share: 82.4 } },
  });
});

test('--corpus adds a book; .verbatim.json found upward adds its corpora', () => {
  const root = folder({
    'books/moby.txt': 'CHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago--never mind how long precisely--having little money.\n',
    'class/.verbatim.json': '{"corpora": [{"path": "../books/moby.txt", "title": "Moby-Dick"}]}',
    'class/essay.md': 'It opens: “Call me Ishmael. Some years ago — never mind how long exactly”.\n',
  });
  const viaConfig = run(['check', 'class'], root);
  assert.equal(viaConfig.stdout.split('\n')[0], 'class/essay.md:1:11 warning misquote Misquoted: "exactly" where the source has "precisely"');
  assert.equal(viaConfig.stdout.split('\n').at(-2), '1 quotation checked in 1 essay: 0 correct, 1 flagged');
  writeFileSync(join(root, 'other.md'), '“Some years ago--never mind how long precisely”\n');
  const viaFlag = run(['check', 'other.md', '--corpus', 'books/moby.txt'], root);
  assert.equal(viaFlag.status, 0);
});

test('usage errors and configuration errors exit 2 with a clear message', () => {
  const root = folder({ 'a.md': 'x\n', 'bad/.verbatim.json': '{"corpora": [', 'bad/e.md': 'y\n' });
  const noArgs = run(['check'], root);
  assert.equal(noArgs.status, 2);
  assert.match(noArgs.stderr, /^verbatim: No files or folders given\n\nUsage: verbatim check/);
  assert.equal(run(['lint', 'a.md'], root).status, 2);
  assert.equal(run(['check', 'a.md', '--format', 'xml'], root).stderr.split('\n')[0], 'verbatim: Unknown format "xml"; expected text, json or sarif');
  assert.equal(run(['check', 'missing.md'], root).stderr, 'verbatim: missing.md does not exist\n');
  const bad = run(['check', 'bad'], root);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'verbatim: bad/.verbatim.json: .verbatim.json is not valid JSON: close bracket expected\n');
  const missingCorpus = run(['check', 'a.md', '--corpus', 'nope.txt'], root);
  assert.equal(missingCorpus.stderr, `verbatim: Corpus ${join(root, 'nope.txt')} does not exist\n`);
});

test('npm start: the sample essay shows real findings and exits 0', () => {
  const r = run(['check', 'examples', '--exit-zero'], resolve(__dirname, '../../..'));
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^examples\/essay\.md:12:44 warning misquote Misquoted: "job" where the source has "work"$/m);
  assert.match(r.stdout, /^examples\/essay\.md:16:58 warning misattribution Tommy says this, not Ruth$/m);
  assert.match(r.stdout, /^11 quotations checked in 1 essay: 5 correct, 6 flagged$/m);
});

test('"flagged" counts quotations: one quotation with two findings is one flagged', () => {
  const root = folder({
    '.verbatim.json': '{"rules": {"missing-citation": "warning"}}',
    'essay.md': 'Ruth says, “They prove we have hearts.”\n',
  });
  const r = run(['check', 'essay.md'], root);
  assert.deepEqual(r.stdout.split('\n').filter((l) => l.startsWith('essay.md:')).map((l) => l.split(' ')[2]), ['misquote', 'misattribution', 'missing-citation']);
  assert.equal(r.stdout.split('\n').at(-2), '1 quotation checked in 1 essay: 0 correct, 1 flagged');
  const json = JSON.parse(run(['check', 'essay.md', '--format', 'json'], root).stdout) as { summary: { flagged: number } };
  assert.equal(json.summary.flagged, 1);
});
