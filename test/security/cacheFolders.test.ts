// The cache folder must be the user's own. Another local user who pre-creates it
// (or a folder with a loose mode, a symlink, a file in its place) must get nothing:
// their planted code cache never runs, their planted corpus entries are never read,
// and nothing of the victim's is written where they can read it.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { codeCacheFile } from '../../server/src/node/codeCache';
import { openAndCheck, SERVER } from '../helpers/lspClient';
import { BUNDLE, createUser, forgedCodeCache, isRoot, removeUser, runAs, sharedTemp, shellAs, withServer, type User } from './support';

const ESSAY = 'Kathy says: "it means a lot to me, being able to do my job well".\n';
const MISQUOTE = 'Misquoted: "job" where the source has "work"';
const BOOK = 'Chapter 1\n\nReader, I married him. It was a quiet wedding.\n';
const BOOK_ESSAY = ESSAY + 'She writes: “Reader, I married him. It was a loud wedding.”\n';
const BOOK_MISQUOTE = 'Misquoted: "loud" where the source has "quiet"';
const CODE_ENTRY = basename(codeCacheFile('/', BUNDLE));

const cleanup: (() => void)[] = [];
after(() => cleanup.reverse().forEach((f) => f()));

const users: { attacker?: User; victim?: User; made?: boolean } = {};
/**
 * The attacker is always a throwaway user. So is the victim, when that user may run this node and
 * this checkout's server (not so for a checkout under /root); else the victim is root itself.
 */
function attackerAndVictim(): { attacker: User; victim?: User } {
  if (!users.made) {
    users.made = true;
    const tag = process.pid.toString(36);
    users.attacker = createUser(`vbt-att-${tag}`);
    cleanup.push(() => removeUser(users.attacker!));
    const victim = createUser(`vbt-vic-${tag}`);
    cleanup.push(() => removeUser(victim));
    const can = shellAs(victim, `test -x '${process.execPath}' && test -r '${SERVER}' && test -r '${BUNDLE}'`);
    if (can.status === 0) users.victim = victim;
  }
  return { attacker: users.attacker!, victim: users.victim };
}

function shared(): string {
  const dir = sharedTemp('verbatim-sec-');
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A workspace anyone may read, with a private book: what must never reach another user's folder. */
function workspace(base: string): string {
  const root = join(base, 'ws');
  mkdirSync(root, { mode: 0o755 });
  chmodSync(root, 0o755);
  writeFileSync(join(root, 'book.txt'), BOOK);
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: ['book.txt'] }));
  return root;
}

/**
 * The environment of a user whose home is unusable (a file, so that not even root can make
 * `~/.cache` there): the cache falls back to `$TMPDIR/verbatim-cache-<uid>`.
 */
function fallbackEnv(tmp: string): Record<string, string> {
  const home = join(tmp, 'home-is-a-file');
  writeFileSync(home, '', { mode: 0o644 });
  return { HOME: home, XDG_CACHE_HOME: '', VERBATIM_CACHE_DIR: '', TMPDIR: tmp };
}

async function checkBook(root: string, what: string, options: { env: Record<string, string>; runAs?: string[] }): Promise<string> {
  return withServer({ rootPath: root, ...options }, what, async (s) => {
    const ds = await openAndCheck(s, pathToFileURL(join(root, 'e.md')).href, BOOK_ESSAY);
    assert.deepEqual(ds.map((d) => d.message), [MISQUOTE, BOOK_MISQUOTE]);
    // The first check is when the loader would save a code cache: wait for the server's answer to
    // another request, so that a save (if it were going to happen) has had its turn.
    await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileURL(join(root, 'e.md')).href }, position: { line: 0, character: 20 } });
    return s.stderr();
  });
}

test('another user pre-creates the default cache folder and plants a forged code cache: it never runs, and nothing of yours is written there', { timeout: 90_000 }, async () => {
  const tmp = shared();
  const root = workspace(tmp);
  const marker = join(tmp, 'MARKER');
  const forged = join(tmp, 'forged.bin');
  writeFileSync(forged, forgedCodeCache(marker), { mode: 0o644 });
  if (isRoot) {
    // Two real uids: the attacker's folder and entry are theirs, the server runs as the victim.
    const { attacker, victim } = attackerAndVictim();
    const victimUid = victim?.uid ?? 0;
    const folder = join(tmp, `verbatim-cache-${victimUid}`);
    const planted = shellAs(attacker, `mkdir -m 0777 '${folder}' && cp '${forged}' '${folder}/${CODE_ENTRY}' && chmod 0666 '${folder}/${CODE_ENTRY}'`);
    assert.equal(planted.status, 0, planted.stderr);
    assert.equal(statSync(join(folder, CODE_ENTRY)).uid, attacker.uid);
    const stderr = await checkBook(root, 'the victim\'s server', { env: fallbackEnv(tmp), runAs: victim && runAs(victim) });
    assert.equal(existsSync(marker), false, 'the planted code cache ran');
    assert.ok(
      stderr.includes(`Verbatim: the cache folder ${folder} belongs to uid ${attacker.uid}, not to you (uid ${victimUid}); nothing in it is read or written\n`),
      stderr,
    );
    // No code cache, no corpus entry of the victim's private book: only the attacker's own file.
    assert.deepEqual(readdirSync(folder), [CODE_ENTRY]);
  } else {
    // One uid: a folder others may write into is refused just the same.
    const folder = join(tmp, `verbatim-cache-${process.getuid!()}`);
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    writeFileSync(join(folder, CODE_ENTRY), readFileSync(forged));
    const stderr = await checkBook(root, 'the server', { env: fallbackEnv(tmp) });
    assert.equal(existsSync(marker), false, 'the planted code cache ran');
    assert.ok(stderr.includes(`Verbatim: the cache folder ${folder} has mode 0777, not 0700 (chmod 700 it to use it); nothing in it is read or written\n`), stderr);
    assert.deepEqual(readdirSync(folder), [CODE_ENTRY]);
  }
});

test('the cache folder a server makes is private: mode 0700, entries 0600, and another user can neither list nor read them', { timeout: 90_000 }, async () => {
  const tmp = shared();
  const root = workspace(tmp);
  const owner = isRoot ? attackerAndVictim().victim : undefined;
  // Without a throwaway victim (see attackerAndVictim), the owner is this process's user.
  const uid = owner?.uid ?? process.getuid!();
  const folder = join(tmp, `verbatim-cache-${uid}`);
  const stderr = await checkBook(root, 'the server', { env: fallbackEnv(tmp), runAs: owner && runAs(owner) });
  assert.equal(stderr, '');
  const st = lstatSync(folder);
  assert.deepEqual([st.isDirectory(), st.uid, st.mode & 0o777], [true, uid, 0o700]);
  const entries = readdirSync(folder).sort();
  // The built-in corpus, the private book, and the server's compiled code.
  assert.equal(entries.length, 3, entries.join(', '));
  assert.ok(entries.includes(CODE_ENTRY));
  for (const e of entries) {
    const est = lstatSync(join(folder, e));
    assert.deepEqual([est.isFile(), est.uid, est.mode & 0o777], [true, uid, 0o600], e);
  }
  if (isRoot) {
    const { attacker } = attackerAndVictim();
    const list = shellAs(attacker, `ls '${folder}'`);
    assert.notEqual(list.status, 0);
    assert.match(list.stderr, /Permission denied/);
    const read = shellAs(attacker, `cat '${folder}'/*`);
    assert.notEqual(read.status, 0);
    assert.equal(read.stdout, '');
  }
});

/** A named cache folder in a bad state, with the forged code cache inside it (or behind it). */
function badFolders(base: string, forged: Buffer): { name: string; folder: string; problem: string }[] {
  const loose = join(base, 'loose');
  mkdirSync(loose);
  chmodSync(loose, 0o755);
  const open = join(base, 'open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  const target = mkdtempSync(join(base, 'target-'));
  const link = join(base, 'link');
  symlinkSync(target, link);
  const file = join(base, 'file');
  writeFileSync(file, 'not a folder');
  for (const d of [loose, open, target]) writeFileSync(join(d, CODE_ENTRY), forged);
  return [
    { name: 'mode 0755', folder: loose, problem: 'has mode 0755, not 0700 (chmod 700 it to use it)' },
    { name: 'mode 0777', folder: open, problem: 'has mode 0777, not 0700 (chmod 700 it to use it)' },
    { name: 'a symlink to a private folder', folder: link, problem: 'is a symbolic link' },
    { name: 'a file', folder: file, problem: 'is not a folder' },
  ];
}

test('a cache folder of the wrong mode, a symlink or a file is refused by name; the planted code never runs; the server checks as ever', { timeout: 90_000 }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'verbatim-sec-bad-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const marker = join(base, 'MARKER');
  const forged = forgedCodeCache(marker);
  for (const { name, folder, problem } of badFolders(base, forged)) {
    const before = lstatSync(folder).isDirectory() ? readdirSync(folder) : [];
    const stderr = await withServer({ env: { VERBATIM_CACHE_DIR: folder } }, `cache folder: ${name}`, async (s) => {
      const ds = await openAndCheck(s, 'file:///virtual/e.md', ESSAY);
      assert.deepEqual(ds.map((d) => d.message), [MISQUOTE], name);
      await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///virtual/e.md' }, position: { line: 0, character: 20 } });
      return s.stderr();
    });
    assert.equal(existsSync(marker), false, `${name}: the planted code cache ran`);
    // Once from the loader (code cache), and the server's corpus cache does not repeat it.
    assert.equal(stderr, `Verbatim: the cache folder ${folder} ${problem}; nothing in it is read or written\n`, name);
    if (before.length) assert.deepEqual(readdirSync(folder), before, `${name}: something was written`);
  }
});

test('the same forged entry in a folder that passes the checks does run: the folder checks are what stop it', { timeout: 30_000 }, () => {
  const own = mkdtempSync(join(tmpdir(), 'verbatim-sec-own-'));
  cleanup.push(() => rmSync(own, { recursive: true, force: true }));
  const marker = join(own, 'MARKER');
  writeFileSync(join(own, CODE_ENTRY), forgedCodeCache(marker), { mode: 0o600 });
  const r = spawnSync(process.execPath, [SERVER, '--stdio'], { input: '', encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', env: { ...process.env, VERBATIM_CACHE_DIR: own } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(marker, 'utf8'), `forged code ran as uid ${process.getuid!()}`);
});

test('the folder the editor names (VS Code\'s global storage) is made private and used; a bad one named at initialize is refused', { timeout: 60_000 }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'verbatim-sec-storage-'));
  cleanup.push(() => rmSync(base, { recursive: true, force: true }));
  const root = workspace(base);
  const storage = join(base, 'globalStorage', 'verbatim.verbatim', 'corpus-cache');
  const stderr = await withServer(
    { rootPath: root, env: { VERBATIM_CACHE_DIR: storage }, initializationOptions: { cacheDir: storage } },
    'server with the editor\'s folder',
    async (s) => {
      const ds = await openAndCheck(s, pathToFileURL(join(root, 'e.md')).href, BOOK_ESSAY);
      assert.deepEqual(ds.map((d) => d.message), [MISQUOTE, BOOK_MISQUOTE]);
      return s.stderr();
    },
  );
  assert.equal(stderr, '');
  assert.equal(lstatSync(storage).mode & 0o777, 0o700);
  assert.equal(readdirSync(storage).filter((e) => e.endsWith('.bin') && e !== CODE_ENTRY).length, 2, 'the built-in corpus and the book');
  // A folder named only at initialize gets the same checks as the one in the environment.
  const loose = join(base, 'loose');
  mkdirSync(loose);
  chmodSync(loose, 0o775);
  const refused = await withServer(
    { rootPath: root, env: { VERBATIM_CACHE_DIR: 'off' }, initializationOptions: { cacheDir: loose } },
    'server with a loose folder named at initialize',
    async (s) => {
      const ds = await openAndCheck(s, pathToFileURL(join(root, 'e.md')).href, BOOK_ESSAY);
      assert.deepEqual(ds.map((d) => d.message), [MISQUOTE, BOOK_MISQUOTE]);
      return s.stderr();
    },
  );
  assert.equal(refused, `Verbatim: the cache folder ${loose} has mode 0775, not 0700 (chmod 700 it to use it); nothing in it is read or written\n`);
  assert.deepEqual(readdirSync(loose), []);
});
