import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cacheDirCandidates, cacheDirProblem, defaultCacheDir } from '../../server/src/node/cacheDir';

const dir = mkdtempSync(join(tmpdir(), 'verbatim-cache-dir-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TMP = join(tmpdir(), `verbatim-cache-${process.getuid?.() ?? 'user'}`);

test('where the cache may live: the named folder alone, else the user\'s cache folder, then a private temp folder', () => {
  assert.deepEqual(cacheDirCandidates({ VERBATIM_CACHE_DIR: 'off', HOME: '/home/a' }), []);
  assert.deepEqual(cacheDirCandidates({ VERBATIM_CACHE_DIR: '/srv/cache', HOME: '/home/a' }), ['/srv/cache']);
  assert.deepEqual(cacheDirCandidates({ XDG_CACHE_HOME: '/home/a/.xdg', HOME: '/home/a' }), ['/home/a/.xdg/verbatim', TMP]);
  // A relative XDG_CACHE_HOME is invalid by the spec: ignored.
  assert.deepEqual(cacheDirCandidates({ XDG_CACHE_HOME: 'rel', HOME: '/home/a' }), ['/home/a/.cache/verbatim', TMP]);
  assert.deepEqual(cacheDirCandidates({ HOME: '/home/a' }), ['/home/a/.cache/verbatim', TMP]);
});

test('a folder is made private, and one of another mode is refused until it is 0700', () => {
  const made = join(dir, 'parent', 'cache');
  assert.equal(defaultCacheDir({ VERBATIM_CACHE_DIR: made }), made);
  assert.equal(lstatSync(made).mode & 0o777, 0o700);
  chmodSync(made, 0o750);
  assert.deepEqual(cacheDirProblem(made, true), { problem: 'has mode 0750, not 0700 (chmod 700 it to use it)', quiet: false });
  assert.equal(defaultCacheDir({ VERBATIM_CACHE_DIR: made }), undefined);
  chmodSync(made, 0o700);
  assert.equal(cacheDirProblem(made, false), undefined);
  assert.deepEqual(cacheDirProblem(join(dir, 'missing'), false)?.quiet, true);
});
