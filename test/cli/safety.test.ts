// What the CLI must never do (issue #25, items 3 and 4): write a report over an
// essay or other input, or over a non-HTML file without --force; and in CI or
// with --confine, read a corpus from outside the working folder that only a
// (possibly hostile) .verbatim.json names, and so leak it into any output.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, folder } from '../helpers/cliRun';

const ESSAY = 'Tommy says\n“They prove we have hearts.”\n';

test('report --out onto an essay, a symlink to it or a corpus is refused (even with --force); the input is byte-identical', () => {
  const root = folder({
    'essay.md': ESSAY,
    'book.txt': 'They prove we have souls, said nobody in particular today.\n',
    'class/.verbatim.json': '{"corpora": ["../book.txt"]}',
    'class/b.md': '“They prove we have hearts”\n',
  });
  symlinkSync('essay.md', join(root, 'link.html'));
  const before = readFileSync(join(root, 'essay.md'));
  const cases: [string[], string][] = [
    [['report', 'essay.md', '--out', 'essay.md'], 'verbatim: --out essay.md is one of the inputs; the report was not written over it\n'],
    [['report', 'essay.md', '--out', 'essay.md', '--force'], 'verbatim: --out essay.md is one of the inputs; the report was not written over it\n'],
    [['report', 'essay.md', '--out=link.html'], 'verbatim: --out link.html is one of the inputs; the report was not written over it\n'],
    [['report', 'essay.md', '--corpus', 'book.txt', '--out', 'book.txt', '--force'], 'verbatim: --out book.txt is one of the inputs; the report was not written over it\n'],
    // Named only in .verbatim.json: found once the check has read it.
    [['report', 'class', '--out', 'book.txt', '--force'], 'verbatim: --out book.txt is one of the inputs; the report was not written over it\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = cli(args, root);
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
  }
  assert.deepEqual(readFileSync(join(root, 'essay.md')), before);
  assert.equal(readFileSync(join(root, 'book.txt'), 'utf8'), 'They prove we have souls, said nobody in particular today.\n');
});

test('report --out onto an existing non-HTML file needs --force; an HTML file or a new file is written; a folder never', () => {
  const root = folder({ 'essay.md': ESSAY, 'notes.txt': 'my notes\n', 'old.html': '<p>last week</p>\n' });
  mkdirSync(join(root, 'out'));
  const refused = cli(['report', 'essay.md', '--out', 'notes.txt'], root);
  assert.equal(refused.stderr, 'verbatim: --out notes.txt exists and is not an HTML file; the report was not written (--force overwrites it)\n');
  assert.equal(refused.status, 2);
  assert.equal(readFileSync(join(root, 'notes.txt'), 'utf8'), 'my notes\n');
  const forced = cli(['report', 'essay.md', '--out', 'notes.txt', '--force'], root);
  assert.equal(forced.stderr, 'verbatim: wrote notes.txt: 1 essay, 1 quotation, 0% correct\n');
  assert.equal(forced.status, 0);
  assert.match(readFileSync(join(root, 'notes.txt'), 'utf8'), /^<!doctype html>\n/);
  assert.equal(cli(['report', 'essay.md', '--out', 'old.html'], root).status, 0);
  assert.match(readFileSync(join(root, 'old.html'), 'utf8'), /^<!doctype html>\n/);
  assert.equal(cli(['report', 'essay.md', '--out', 'new.txt'], root).status, 0);
  const dir = cli(['report', 'essay.md', '--out', 'out', '--force'], root);
  assert.equal(dir.stderr, 'verbatim: --out out is a folder; the report was not written\n');
  assert.equal(dir.status, 2);
});

/** A checkout in `root/checkout` whose .verbatim.json names `corpora`; the book lies outside it. */
function checkout(corpora: string[]): { root: string; cwd: string } {
  const root = folder({
    'outside.txt': 'I wish I could tell you more about that summer, but the lake was cold and the house was quiet.\n',
    'checkout/.verbatim.json': JSON.stringify({ corpora }),
    'checkout/essay.md': 'She writes: “I wish I could tell you more about that winter, but the lake was cold and the house was quiet.”\n',
  });
  return { root, cwd: join(root, 'checkout') };
}

const MISQUOTE = 'essay.md:1:13 warning misquote Misquoted: "winter" where the source has "summer"';
const UNVERIFIED = 'essay.md:1:13 warning unverified-quote Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it';

test('CI=true or --confine: a .verbatim.json corpus outside the working folder is refused (exit 2); named by --corpus it is read', () => {
  const { root, cwd } = checkout(['../outside.txt']);
  const outside = join(root, 'outside.txt');
  const refusal = (why: string) => `verbatim: Corpus ${outside} is outside the working folder ${cwd} and was not read (${why}; name it with --corpus to allow it)\n`;
  for (const [args, env, why] of [
    [[], { CI: 'true' }, 'CI is set'],
    [[], { CI: '1' }, 'CI is set'],
    [['--confine'], {}, '--confine'],
  ] as [string[], Record<string, string>, string][]) {
    const r = cli(['check', 'essay.md', ...args], cwd, { env });
    assert.equal(r.stderr, refusal(why), JSON.stringify(env));
    assert.equal(r.stdout.split('\n')[0], UNVERIFIED);
    assert.equal(r.status, 2);
    const allowed = cli(['check', 'essay.md', ...args, '--corpus', '../outside.txt'], cwd, { env });
    assert.equal(allowed.stderr, '');
    assert.equal(allowed.stdout.split('\n')[0], MISQUOTE);
    assert.equal(allowed.status, 1);
  }
  // Outside CI, and with CI=false, the CLI is the user's own: the config may point anywhere.
  for (const env of [{}, { CI: 'false' }] as Record<string, string>[]) {
    const r = cli(['check', 'essay.md'], cwd, { env });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.split('\n')[0], MISQUOTE);
  }
});

test('confinement follows symlinks: a link inside the checkout to a file outside is outside; a link to a file inside is inside', () => {
  const { root, cwd } = checkout(['books/link.txt', 'books/inner.txt']);
  mkdirSync(join(cwd, 'books'));
  symlinkSync(join(root, 'outside.txt'), join(cwd, 'books/link.txt'));
  symlinkSync('../essay.md', join(cwd, 'books/inner.txt'));
  const r = cli(['check', 'essay.md'], cwd, { env: { CI: 'true' } });
  assert.equal(r.stderr, `verbatim: Corpus ${join(cwd, 'books/link.txt')} is outside the working folder ${cwd} and was not read (CI is set; name it with --corpus to allow it)\n`);
  // The inner link is read: the essay is its own source, so its quotation is correct.
  assert.match(r.stdout, /^1 quotation checked in 1 essay: 1 correct, 0 flagged$/m);
  assert.equal(r.status, 2);
  const named = cli(['check', 'essay.md', '--corpus', 'books/link.txt'], cwd, { env: { CI: 'true' } });
  assert.equal(named.stderr, '');
  assert.equal(named.status, 0);
});

test('the leak: in CI nothing of a file outside the checkout reaches any output format', () => {
  const secret = '//registry.npmjs.org/:_authToken=npm_8fQz31LeakedTokenValue';
  const root = folder({
    '.npmrc': `${secret}\nalways-auth is set for the private registry of the whole company\n`,
    'checkout/.verbatim.json': JSON.stringify({ corpora: ['../.npmrc'] }),
    'checkout/essay.md': 'As the file says, “always-auth is set for the private registry of the whole team”.\n',
  });
  const cwd = join(root, 'checkout');
  // Without confinement the near miss does carry the file's words into the fix: the case is real.
  const open = cli(['check', 'essay.md', '--format', 'sarif'], cwd);
  assert.match(open.stdout, /always-auth is set for the private registry of the whole company/);
  const outputs = [
    cli(['check', 'essay.md'], cwd, { env: { CI: 'true' } }),
    cli(['check', 'essay.md', '--format', 'json'], cwd, { env: { CI: 'true' } }),
    cli(['check', 'essay.md', '--format', 'sarif'], cwd, { env: { CI: 'true' } }),
    cli(['report', 'essay.md', '--out', 'r.html'], cwd, { env: { CI: 'true' } }),
  ];
  const html = readFileSync(join(cwd, 'r.html'), 'utf8');
  for (const text of [...outputs.flatMap((r) => [r.stdout, r.stderr]), html]) {
    assert.doesNotMatch(text, /company|npm_8fQz|authToken/);
  }
  for (const r of outputs) assert.equal(r.status, 2);
  assert.match(JSON.parse(outputs[2].stdout).runs[0].results[0].message.text, /^Unverified: not among the 53 passages/);
});
