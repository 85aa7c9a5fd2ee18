// Cache entries in the user's own folder: each must be a regular file of theirs,
// not a link, and end with the SHA-256 of its whole content. A forged, damaged or
// special entry is refused (by name when it is not a plain file of theirs), never
// run and never taken for an index; the server and the CLI check as ever.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadCorpus } from '../../server/src/engine/loaders';
import { indexFor } from '../../server/src/engine/library';
import { matchQuotation } from '../../server/src/engine/matcher';
import { codeCacheFile, codeCacheKey, readCodeCache } from '../../server/src/node/codeCache';
import { cacheKey, readCached, setCacheDir, writeCached } from '../../server/src/node/corpusCache';
import { loadCorpusFile } from '../../server/src/node/corpusFiles';
import { openAndCheck } from '../helpers/lspClient';
import { BUNDLE, cli, forgedCodeCache, isRoot, withServer } from './support';

const ESSAY = 'Kathy says: "it means a lot to me, being able to do my job well".\n';
const MISQUOTE = 'Misquoted: "job" where the source has "work"';
const BOOK = 'Chapter 1\n\nReader, I married him. It was a quiet wedding.\n';
const QUOTE = 'Reader, I married him. It was a loud wedding.';
const CLI_OUT = [
  'e.md:1:13 warning misquote Misquoted: "loud" where the source has "quiet"',
  '',
  'essay  checked  correct  misquoted  unverified  misattributed  accuracy',
  'e.md         1        0          1           0              0        0%',
  '',
  '1 quotation checked in 1 essay: 0 correct, 1 flagged',
  '',
].join('\n');
// No user exists with this id: a file chowned to it is "someone else's".
const STRANGER = 54321;

const cleanup: (() => void)[] = [];
after(() => cleanup.reverse().forEach((f) => f()));

function privateDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** Starts the server on the cache folder, checks the essay, and returns what it said on stderr. */
async function serve(dir: string, what: string): Promise<string> {
  return withServer({ env: { VERBATIM_CACHE_DIR: dir } }, what, async (s) => {
    const ds = await openAndCheck(s, 'file:///virtual/e.md', ESSAY);
    assert.deepEqual(ds.map((d) => d.message), [MISQUOTE], what);
    await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///virtual/e.md' }, position: { line: 0, character: 20 } });
    return s.stderr();
  });
}

const KEY = () => codeCacheKey(readFileSync(BUNDLE), []);

test('a forged code cache whose digest does not match is never run; the server replaces it with its own', { timeout: 60_000 }, async () => {
  const dir = privateDir('verbatim-sec-code-');
  const marker = join(dir, 'MARKER');
  const file = codeCacheFile(dir, BUNDLE);
  const forged = forgedCodeCache(marker);
  // The code itself intact (it would run), only the digest wrong: damage, or a forger without it.
  const damaged = Buffer.from(forged);
  damaged[damaged.length - 1] ^= 0x40;
  writeFileSync(file, damaged, { mode: 0o600 });
  assert.equal(readCodeCache(file, KEY()), undefined);
  assert.equal(await serve(dir, 'server on a damaged code cache'), '');
  assert.equal(existsSync(marker), false, 'the forged code ran');
  const saved = readCodeCache(file, KEY());
  assert.ok(saved && saved.length > 100_000, 'the server saved its own code cache');
  assert.notDeepEqual(readFileSync(file), damaged);
});

test('a code cache entry that is a symlink, a FIFO, writable by others or someone else\'s is refused by name and never run; no hang', { timeout: 120_000 }, async () => {
  const base = privateDir('verbatim-sec-entries-');
  const marker = join(base, 'MARKER');
  const forged = forgedCodeCache(marker);
  const elsewhere = join(privateDir('verbatim-sec-elsewhere-'), 'forged.bin');
  writeFileSync(elsewhere, forged, { mode: 0o600 });
  const cases: { name: string; make: (file: string) => void; problem: string }[] = [
    { name: 'a symlink to a forged entry', make: (f) => symlinkSync(elsewhere, f), problem: 'is a symbolic link' },
    { name: 'a symlink to /dev/zero', make: (f) => symlinkSync('/dev/zero', f), problem: 'is a symbolic link' },
    { name: 'a FIFO', make: (f) => mkfifo(f), problem: 'is a FIFO (named pipe), not a regular file' },
    {
      name: 'writable by others',
      make: (f) => {
        writeFileSync(f, forged);
        chmodSync(f, 0o666);
      },
      problem: 'may be written by others (mode 666)',
    },
  ];
  if (isRoot) {
    cases.push({
      name: 'someone else\'s',
      make: (f) => {
        writeFileSync(f, forged, { mode: 0o644 });
        chownSync(f, STRANGER, STRANGER);
      },
      problem: `belongs to uid ${STRANGER}, not to you (uid 0)`,
    });
  }
  for (const [i, { name, make, problem }] of cases.entries()) {
    const dir = mkdtempSync(join(base, `case${i}-`));
    const file = codeCacheFile(dir, BUNDLE);
    make(file);
    const stderr = await serve(dir, `code cache entry: ${name}`);
    assert.equal(existsSync(marker), false, `${name}: the forged code ran`);
    assert.equal(stderr, `Verbatim: the cache entry ${file} ${problem}; it is not read\n`, name);
    // Its own entry took the bad one's place (a rename: a link's target is untouched).
    assert.ok(lstatSync(file).isFile() && readCodeCache(file, KEY()), `${name}: no code cache saved`);
  }
  assert.deepEqual(readFileSync(elsewhere), forged);
});

/** A folder where the CLI has cached the built-in corpus and the book; returns the book's entry. */
function cliCache(): { root: string; dir: string; entry: string; good: Buffer } {
  const root = privateDir('verbatim-sec-cli-');
  const dir = join(root, 'cache');
  writeFileSync(join(root, 'book.txt'), BOOK);
  writeFileSync(join(root, 'e.md'), `She writes: “${QUOTE}”\n`);
  const env = { VERBATIM_CACHE_DIR: dir };
  cli(['check', 'e.md'], root, env);
  const builtin = readdirSync(dir);
  const r = cli(['check', 'e.md', '--corpus', 'book.txt'], root, env);
  assert.equal(r.stdout, CLI_OUT);
  const [entry] = readdirSync(dir).filter((e) => !builtin.includes(e));
  assert.ok(entry);
  return { root, dir, entry: join(dir, entry), good: readFileSync(join(dir, entry)) };
}

test('a damaged corpus cache entry is refused by its digest: the CLI reports the same misquote and rewrites the entry', { timeout: 60_000 }, () => {
  const { root, dir, entry, good } = cliCache();
  // Index bytes zeroed before the digest: the layout still parses, only the digest tells.
  const damaged = Buffer.from(good);
  damaged.fill(0, damaged.length - 32 - 256, damaged.length - 32);
  assert.notDeepEqual(damaged, good);
  writeFileSync(entry, damaged);
  const r = cli(['check', 'e.md', '--corpus', 'book.txt'], root, { VERBATIM_CACHE_DIR: dir });
  assert.deepEqual([r.status, r.stdout, r.stderr], [1, CLI_OUT, '']);
  assert.deepEqual(readFileSync(entry), good);
});

test('a corpus cache entry that is a FIFO, a symlink to /dev/zero, writable by others or someone else\'s is refused by name; no hang, same verdicts', { timeout: 120_000 }, () => {
  const { root, dir, entry, good } = cliCache();
  const cases: { name: string; make: () => void; problem: string }[] = [
    { name: 'a FIFO', make: () => mkfifo(entry), problem: 'is a FIFO (named pipe), not a regular file' },
    { name: 'a symlink to /dev/zero', make: () => symlinkSync('/dev/zero', entry), problem: 'is a symbolic link' },
    {
      name: 'writable by others',
      make: () => {
        writeFileSync(entry, good);
        chmodSync(entry, 0o646);
      },
      problem: 'may be written by others (mode 646)',
    },
  ];
  if (isRoot) {
    cases.push({
      name: 'someone else\'s',
      make: () => {
        writeFileSync(entry, good, { mode: 0o600 });
        chownSync(entry, STRANGER, STRANGER);
      },
      problem: `belongs to uid ${STRANGER}, not to you (uid 0)`,
    });
  }
  for (const { name, make, problem } of cases) {
    unlinkSync(entry);
    make();
    const r = cli(['check', 'e.md', '--corpus', 'book.txt'], root, { VERBATIM_CACHE_DIR: dir });
    assert.deepEqual([r.status, r.stdout, r.stderr], [1, CLI_OUT, `Verbatim: the cache entry ${entry} ${problem}; it is not read\n`], name);
    const st = lstatSync(entry);
    assert.deepEqual([st.isFile(), st.mode & 0o777], [true, 0o600], `${name}: replaced by a private entry`);
    assert.deepEqual(readFileSync(entry), good, name);
  }
});

test('a forged corpus entry (valid digest, other text) changes verdicts only from a folder that passes the checks', { timeout: 60_000 }, () => {
  const root = privateDir('verbatim-sec-forged-corpus-');
  const said: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => said.push(String(chunk)) > 0) as typeof process.stderr.write;
  cleanup.push(() => {
    process.stderr.write = write;
    setCacheDir(undefined);
  });
  const folder = join(root, 'cache');
  setCacheDir(folder);
  /** A book file, and an entry under its key that holds another text: the essay's wording. */
  const plant = (name: string): string => {
    const path = join(root, name);
    writeFileSync(path, BOOK);
    const forged = loadCorpus(BOOK.replace('quiet', 'loud'), { id: path, origin: path });
    writeCached(cacheKey(readFileSync(path), JSON.stringify([path, { path }])), indexFor(forged));
    return path;
  };
  const verdict = (path: string) => matchQuotation(QUOTE, [indexFor(loadCorpusFile(path, { path }))], { minWords: 4 }).verdict;
  const [control, loose, foreign] = [plant('control.txt'), plant('loose.txt'), plant('foreign.txt')];
  assert.equal(lstatSync(folder).mode & 0o777, 0o700);
  // From the user's own folder the forged entry is believed: that is why nobody else may write there.
  assert.equal(verdict(control), 'correct');
  chmodSync(folder, 0o770);
  assert.equal(verdict(loose), 'misquote');
  assert.deepEqual(said, [`Verbatim: the cache folder ${folder} has mode 0770, not 0700 (chmod 700 it to use it); nothing in it is read or written\n`]);
  if (isRoot) {
    chmodSync(folder, 0o700);
    chownSync(folder, STRANGER, STRANGER);
    assert.equal(verdict(foreign), 'misquote');
    assert.equal(said[1], `Verbatim: the cache folder ${folder} belongs to uid ${STRANGER}, not to you (uid 0); nothing in it is read or written\n`);
  } else {
    // One uid: a folder made a symlink to the planted one is refused just the same.
    chmodSync(folder, 0o700);
    renameSync(folder, `${folder}-real`);
    symlinkSync(`${folder}-real`, folder);
    assert.equal(verdict(foreign), 'misquote');
    assert.equal(said[1], `Verbatim: the cache folder ${folder} is a symbolic link; nothing in it is read or written\n`);
  }
  assert.equal(said.length, 2);
  assert.equal(readCached(cacheKey(readFileSync(foreign), JSON.stringify([foreign, { path: foreign }]))), undefined);
});
