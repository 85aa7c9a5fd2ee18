// Configs and corpora that are not regular files: a FIFO (opening one used to
// block the server for ever), /dev/zero (read without end: 16 GB and a kill, a
// segfault in the CLI), a file over the limit, and a symlink switched to a file
// outside the workspace between the check and the read. Each is refused with a
// message naming it, the rest keeps working, and nothing hangs (every server and
// CLI run has a deadline). A symlink to a regular file is a user's own setup and works.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { setCacheDir } from '../../server/src/node/corpusCache';
import { loadCorpora } from '../../server/src/node/corpusFiles';
import { openAndCheck } from '../helpers/lspClient';
import { cli, shown, within, withServer } from './support';

const BOOK = 'Chapter 1\n\nReader, I married him. It was a quiet wedding.\n';
const SECRET = 'Chapter 1\n\nThe secret of the vault is hidden beneath the third stone.\n';
const ESSAY = 'She writes: “Reader, I married him. It was a loud wedding.”\n';
const MISQUOTE = 'Misquoted: "loud" where the source has "quiet"';
const UNVERIFIED = 'Unverified: not among the 53 passages of Never Let Me Go that Verbatim knows (quoted in the review); add your edition to check it';

const cleanup: (() => void)[] = [];
after(() => cleanup.reverse().forEach((f) => f()));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-sec-special-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('a .verbatim.json that is a FIFO, a symlink to /dev/zero or over 1 MB is refused by name; the essay is checked with the built-in corpus; no hang', { timeout: 90_000 }, async () => {
  const cases: { name: string; make: (path: string) => void; problem: string }[] = [
    { name: 'a FIFO', make: mkfifo, problem: 'the file is a FIFO (named pipe), not a regular file; it was not read' },
    { name: 'a symlink to /dev/zero', make: (p) => symlinkSync('/dev/zero', p), problem: 'the file is a character device, not a regular file; it was not read' },
    {
      name: 'over 1 MB',
      make: (p) => {
        writeFileSync(p, '');
        truncateSync(p, 1024 * 1024 + 1); // sparse
      },
      problem: 'the file is too large (1.0 MB; the limit is 1 MB); it was not read',
    },
  ];
  for (const { name, make, problem } of cases) {
    const root = folder();
    writeFileSync(join(root, 'book.txt'), BOOK);
    const config = join(root, '.verbatim.json');
    make(config);
    const uri = pathToFileURL(join(root, 'e.md')).href;
    await withServer({ rootPath: root, env: { VERBATIM_CACHE_DIR: 'off' } }, `server, config ${name}`, async (s) => {
      assert.deepEqual((await openAndCheck(s, uri, ESSAY)).map((d) => d.message), [UNVERIFIED], name);
      // Every check looks at the config again: still refused, still answered.
      const next = s.diagnostics(uri, 2);
      s.change(uri, 2, ESSAY + '\nMore.\n');
      assert.deepEqual((await next).map((d) => d.message), [UNVERIFIED], name);
      assert.deepEqual(shown(s), [`Verbatim: ${config}: ${problem}`], name);
      assert.equal(s.process.exitCode, null);
    });
    writeFileSync(join(root, 'e.md'), ESSAY);
    const r = cli(['check', 'e.md'], root, { VERBATIM_CACHE_DIR: 'off' });
    assert.deepEqual([r.status, r.stderr], [2, `verbatim: .verbatim.json: ${problem}\n`], name);
    assert.match(r.stdout, /^e\.md:1:13 warning unverified-quote /);
  }
});

test('corpora that are a FIFO or a device are refused by name; a symlink to a regular book works; the server never blocks', { timeout: 60_000 }, async () => {
  const root = folder();
  const elsewhere = folder();
  writeFileSync(join(elsewhere, 'book.txt'), BOOK);
  symlinkSync(join(elsewhere, 'book.txt'), join(root, 'linked.txt'));
  mkfifo(join(root, 'pipe.txt'));
  symlinkSync('/dev/zero', join(root, 'zero.txt'));
  // In .verbatim.json (confined to the workspace): the FIFO; in user settings: the device and the link.
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: ['pipe.txt'] }));
  const settings = { corpora: [{ path: join(root, 'zero.txt') }, { path: '/dev/zero' }, { path: join(root, 'linked.txt') }] };
  await withServer({ rootPath: root, settings, env: { VERBATIM_CACHE_DIR: 'off' } }, 'server with special corpora', async (s) => {
    const ds = await openAndCheck(s, pathToFileURL(join(root, 'e.md')).href, ESSAY);
    assert.deepEqual(ds.map((d) => d.message), [MISQUOTE]);
    assert.deepEqual(shown(s).sort(), [
      'Verbatim: Corpus /dev/zero is a character device, not a regular file',
      `Verbatim: Corpus ${join(root, 'pipe.txt')} is a FIFO (named pipe), not a regular file`,
      `Verbatim: Corpus ${join(root, 'zero.txt')} is a character device, not a regular file`,
    ]);
  });
});

test('the CLI refuses a /dev/zero or FIFO corpus by name (no crash, no hang) and checks with the others', { timeout: 60_000 }, () => {
  const root = folder();
  writeFileSync(join(root, 'book.txt'), BOOK);
  writeFileSync(join(root, 'e.md'), ESSAY);
  mkfifo(join(root, 'pipe.txt'));
  const r = cli(['check', 'e.md', '--corpus', '/dev/zero', '--corpus', 'pipe.txt', '--corpus', 'book.txt'], root, { VERBATIM_CACHE_DIR: 'off' });
  // A corpus that cannot be read is a configuration error (exit 2); the essay is still checked.
  assert.equal(r.status, 2);
  assert.match(r.stdout, /^e\.md:1:13 warning misquote Misquoted: "loud" where the source has "quiet"$/m);
  assert.equal(r.stderr, ['verbatim: Corpus /dev/zero is a character device, not a regular file', `verbatim: Corpus ${join(root, 'pipe.txt')} is a FIFO (named pipe), not a regular file`, ''].join('\n'));
});

test('a corpus symlink switched between a book inside the workspace and a file outside it never serves the outside text', { timeout: 60_000 }, async () => {
  const base = folder();
  const root = join(base, 'ws');
  mkdirSync(root);
  writeFileSync(join(root, 'inside.txt'), BOOK);
  writeFileSync(join(base, 'secret.txt'), SECRET);
  const link = join(root, 'link.txt');
  symlinkSync(join(root, 'inside.txt'), link);
  setCacheDir(undefined);
  const why = 'corpora from .verbatim.json and workspace settings must lie inside the workspace folder';
  const expected = loadCorpora([{ path: 'inside.txt' }], root, { root, why }).corpora[1].passages.map((p) => p.text);
  assert.ok(expected.join(' ').includes('quiet wedding'));
  // Another process swaps the link as fast as it can, each time atomically (a new link renamed over it).
  const flipper = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs'); const [link, a, b] = process.argv.slice(1); let i = 0;
       process.stdout.write('ready\\n');
       for (;;) { const t = link + '.' + (i % 2); try { fs.unlinkSync(t); } catch {} fs.symlinkSync(i % 2 ? a : b, t); fs.renameSync(t, link); i++; }`,
      link,
      join(root, 'inside.txt'),
      join(base, 'secret.txt'),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanup.push(() => flipper.kill('SIGKILL'));
  await within(10_000, 'the flipper to start', new Promise((resolve) => flipper.stdout.once('data', resolve)));
  const outcomes = { inside: 0, refused: 0 };
  for (let i = 0; i < 2000; i++) {
    const { corpora, errors } = loadCorpora([{ path: 'link.txt' }], root, { root, why });
    const texts = corpora.slice(1).flatMap((c) => c.passages.map((p) => p.text));
    assert.ok(!texts.some((t) => t.includes('secret')), `load ${i} served the outside file`);
    if (texts.length) {
      assert.deepEqual(texts, expected);
      outcomes.inside++;
    } else {
      assert.deepEqual(errors, [`Corpus ${link} is outside ${root} and was not read (${why})`]);
      outcomes.refused++;
    }
  }
  flipper.kill('SIGKILL');
  // Both states were met: the race was run, not missed.
  assert.ok(outcomes.inside > 0 && outcomes.refused > 0, JSON.stringify(outcomes));
  assert.equal(readFileSync(join(base, 'secret.txt'), 'utf8'), SECRET);
});
