// What the CLI reads (issue #25, items 7 and 9): essays from stdin (`-`),
// UTF-16 and byte-order marks, binary files, the size limit, missing and empty
// corpora; and the remark plugin's share of the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, folder, ROOT } from '../helpers/cliRun';

const ESSAY = 'Tommy says\n“They prove we have hearts.”\n';
const width = (name: string) => Math.max(5, name.length);
const FLAGGED = (name: string) => `${name}:2:1 warning misquote Misquoted: "hearts" where the source has "souls"

${'essay'.padEnd(width(name))}  checked  correct  misquoted  unverified  misattributed  accuracy
${name.padEnd(width(name))}        1        0          1           0              0        0%

1 quotation checked in 1 essay: 0 correct, 1 flagged
`;

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

test('`check -` reads the essay from stdin, reported as <stdin>, in every format', () => {
  const root = folder({});
  const r = cli(['check', '-'], root, { input: ESSAY });
  assert.equal(r.stdout, FLAGGED('<stdin>'));
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const json = JSON.parse(cli(['check', '-', '--format=json'], root, { input: ESSAY }).stdout);
  assert.equal(json.files[0].path, '<stdin>');
  assert.equal(json.files[0].findings[0].message, 'Misquoted: "hearts" where the source has "souls"');
  // Named twice, read once.
  assert.equal(cli(['check', '-', '-'], root, { input: ESSAY }).stdout, FLAGGED('<stdin>'));
});

test('stdin uses the working folder\'s .verbatim.json, and sits beside files', () => {
  const root = folder({
    'books/moby.txt': 'CHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago--never mind how long precisely--having little money.\n',
    '.verbatim.json': '{"corpora": ["books/moby.txt"]}',
    'a.md': '“The horror is that no one sees the horror.”\n',
  });
  const r = cli(['check', 'a.md', '-'], root, { input: 'It opens: “Some years ago — never mind how long exactly”.\n' });
  assert.equal(r.stdout.split('\n')[0], '<stdin>:1:11 warning misquote Misquoted: "exactly" where the source has "precisely"');
  assert.deepEqual(r.stdout.split('\n').slice(2), [
    'essay    checked  correct  misquoted  unverified  misattributed  accuracy',
    'a.md           1        1          0           0              0      100%',
    '<stdin>        1        0          1           0              0        0%',
    'total          2        1          1           0              0       50%',
    '',
    '2 quotations checked in 2 essays: 1 correct, 1 flagged',
    '',
  ]);
  assert.equal(r.status, 1);
});

test('UTF-16 LE and BE with a byte-order mark, and UTF-8 with one, read like UTF-8', () => {
  const root = folder({ 'le.md': utf16(ESSAY, 'le'), 'be.md': utf16(ESSAY, 'be'), 'bom.md': '\uFEFF' + ESSAY, 'plain.md': ESSAY });
  for (const name of ['le.md', 'be.md', 'bom.md', 'plain.md']) {
    const r = cli(['check', name], root);
    assert.equal(r.stdout, FLAGGED(name), name);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  }
  assert.equal(cli(['check', '-'], root, { input: utf16(ESSAY, 'be') }).stdout, FLAGGED('<stdin>'));
});

test('binary and undecodable essays: a clear message naming the file, exit 2; the other essays are still checked', () => {
  const root = folder({
    'nobom.md': Buffer.from(ESSAY, 'utf16le'),
    'latin1.md': Buffer.from('Café “Tommy says they prove we have hearts”\n', 'latin1'),
    'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    'nul.md': 'text\u0000with a NUL “My name is Kathy H.”\n',
    'good.md': ESSAY,
  });
  const r = cli(['check', 'nobom.md', 'latin1.md', 'image.md', 'nul.md', 'good.md'], root);
  assert.equal(
    r.stderr,
    [
      'verbatim: nobom.md was not checked: it is not a text file (it contains NUL bytes; UTF-16 needs a byte-order mark)',
      'verbatim: latin1.md was not checked: it is not UTF-8 text (nor UTF-16 with a byte-order mark)',
      'verbatim: image.md was not checked: it is not UTF-8 text (nor UTF-16 with a byte-order mark)',
      'verbatim: nul.md was not checked: it is not a text file (it contains NUL bytes; UTF-16 needs a byte-order mark)',
      '',
    ].join('\n'),
  );
  assert.equal(r.stdout, FLAGGED('good.md'));
  assert.equal(r.status, 2);
});

test('--max-file-size: larger essays (in characters, not bytes) are skipped with a message, exit 2', () => {
  // 60 characters; "é" is two bytes in UTF-8 but one character.
  const sixty = 'é'.repeat(40) + ' “My name is Kathy H.” ok';
  assert.equal(sixty.length, 65);
  const root = folder({ 'big.md': sixty, 'small.md': ESSAY });
  const r = cli(['check', 'big.md', 'small.md', '--max-file-size', '64'], root);
  assert.equal(r.stderr, 'verbatim: big.md was not checked: it is larger than the maximum file size (64 characters; see --max-file-size)\n');
  assert.equal(r.stdout, FLAGGED('small.md'));
  assert.equal(r.status, 2);
  // 65 characters but 105 bytes: within a limit of 65.
  const within = cli(['check', 'big.md', '--max-file-size=65'], root);
  assert.equal(within.stderr, '');
  assert.match(within.stdout, /^1 quotation checked in 1 essay: 1 correct, 0 flagged$/m);
  assert.equal(within.status, 0);
  const stdin = cli(['check', '-', '--max-file-size', '10'], root, { input: ESSAY.repeat(1000) });
  assert.equal(stdin.stderr, 'verbatim: <stdin> was not checked: it is larger than the maximum file size (10 characters; see --max-file-size)\n');
  assert.equal(stdin.status, 2);
});

test('the default limit is the server\'s: 1,000,000 characters', () => {
  const root = folder({ 'huge.md': 'a'.repeat(1_000_001), 'edge.md': 'a'.repeat(1_000_000) });
  const r = cli(['check', 'huge.md', 'edge.md'], root);
  assert.equal(r.stderr, 'verbatim: huge.md was not checked: it is larger than the maximum file size (1000000 characters; see --max-file-size)\n');
  assert.match(r.stdout, /^edge\.md {8}0 {8}0 {10}0 {11}0 {14}0 {9}–$/m);
  assert.equal(r.status, 2);
});

test('a missing corpus exits 2 after the check; an empty corpus is a warning naming it', () => {
  const root = folder({ 'e.md': ESSAY, 'empty.txt': '', 'empty.json': '[]', '.verbatim.json': '{"corpora": ["empty.json"]}' });
  const missing = cli(['check', 'e.md', '--corpus', 'nope.txt'], root);
  assert.equal(missing.stderr, `verbatim: Corpus ${join(root, 'nope.txt')} does not exist\nverbatim: warning: Corpus ${join(root, 'empty.json')} is empty: it has no passages, so no quotation can be found in it\n`);
  assert.equal(missing.stdout, FLAGGED('e.md'));
  assert.equal(missing.status, 2);
  const empty = cli(['check', 'e.md', '--corpus', 'empty.txt'], root);
  assert.equal(
    empty.stderr,
    [
      `verbatim: warning: Corpus ${join(root, 'empty.txt')} is empty: it has no passages, so no quotation can be found in it`,
      `verbatim: warning: Corpus ${join(root, 'empty.json')} is empty: it has no passages, so no quotation can be found in it`,
      '',
    ].join('\n'),
  );
  assert.equal(empty.status, 1);
});

test('remark plugin: maxFileSize, UTF-16 and binary files are reported, not checked as garbage', () => {
  const root = folder({ 'e.md': ESSAY, 'le.md': utf16(ESSAY, 'le'), 'nobom.md': Buffer.from(ESSAY, 'utf16le'), 'empty.txt': '' });
  const remark = (file: string, use: string) =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/remark-cli/cli.js'), file, '--use', use, '--no-stdout', '--no-color', '--frail'], { cwd: root, encoding: 'utf8'});
  const plugin = join(ROOT, 'server/out/remark-verbatim.mjs');
  const big = remark('e.md', `${plugin}=maxFileSize:10`);
  assert.equal(big.stderr, 'e.md\n warning Not checked: it is larger than the maximum file size (10 characters; see the maxFileSize option) file-too-large verbatim\n\n⚠ 1 warning\n');
  assert.equal(big.status, 1);
  const le = remark('le.md', plugin);
  assert.equal(le.stderr, 'le.md\n error Not checked: it is UTF-16 text, which was read as UTF-8 (save it as UTF-8)  verbatim\n\n✖ 1 error\n');
  const nobom = remark('nobom.md', plugin);
  assert.equal(nobom.stderr, 'nobom.md\n error Not checked: it is not a text file (it contains NUL bytes)  verbatim\n\n✖ 1 error\n');
  const empty = remark('e.md', `${plugin}=corpora:["empty.txt"]`);
  assert.match(empty.stderr, new RegExp(`^ +warning Corpus ${join(root, 'empty.txt').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is empty: it has no passages, so no quotation can be found in it invalid-config verbatim$`, 'm'));
  assert.match(empty.stderr, /^2:1-2:29 warning Misquoted: "hearts" where the source has "souls" +misquote +verbatim$/m);
  assert.throws(() => {
    const bad = remark('e.md', `${plugin}=maxFileSize:"big"`);
    if (bad.status !== 0) throw new Error(bad.stderr);
  }, /remark-verbatim: maxFileSize must be a whole number of at least 1/);
});

test('a FIFO is never opened: named, it is a usage error; in a folder, it is not an essay', () => {
  const root = folder({ 'essays/a.md': ESSAY });
  assert.equal(spawnSync('mkfifo', [join(root, 'essays/pipe.md')]).status, 0);
  const named = cli(['check', 'essays/pipe.md'], root);
  assert.equal(named.stderr, 'verbatim: essays/pipe.md is not a regular file\n');
  assert.equal(named.status, 2);
  const walked = cli(['check', 'essays'], root);
  assert.equal(walked.stdout, FLAGGED('essays/a.md'));
  assert.equal(walked.stderr, '');
});
