import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { codeCacheFile, codeCacheKey, readCodeCache } from '../../server/src/node/codeCache';
import { openAndCheck, SERVER, startServer } from '../helpers/lspClient';

// server.js is a loader: it runs server-main.js through the V8 code cache in VERBATIM_CACHE_DIR.
const dir = mkdtempSync(join(tmpdir(), 'verbatim-loader-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const BUNDLE = join(dirname(SERVER), 'server-main.js');
const FILE = codeCacheFile(dir, BUNDLE);
// The server runs with no Node flags.
const KEY = codeCacheKey(readFileSync(BUNDLE), []);

const ESSAY = 'Kathy says: "it means a lot to me, being able to do my job well".\n';
const EXPECTED = [
  {
    range: { start: { line: 0, character: 12 }, end: { line: 0, character: 64 } },
    code: 'misquote',
    message: 'Misquoted: "job" where the source has "work"',
  },
];

async function check(): Promise<unknown[]> {
  const session = await startServer({ env: { VERBATIM_CACHE_DIR: dir } });
  try {
    const diagnostics = await openAndCheck(session, 'file:///virtual/loader.md', ESSAY);
    return diagnostics.map((d) => ({ range: d.range, code: d.code, message: d.message }));
  } finally {
    await session.close();
  }
}

test('a corrupt code cache is ignored: the server starts, checks, and replaces it after the first check', async () => {
  writeFileSync(FILE, 'garbage, not a code cache');
  assert.deepEqual(await check(), EXPECTED);
  const saved = readCodeCache(FILE, KEY);
  assert.ok(saved && saved.length > 100_000, 'a code cache of the whole server was written');
});

test('a server started from the saved code cache checks the same', async () => {
  const before = readFileSync(FILE);
  assert.deepEqual(await check(), EXPECTED);
  // Accepted, so not written again.
  assert.deepEqual(readFileSync(FILE), before);
});
