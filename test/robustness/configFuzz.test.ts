// Property tests for what a workspace holds besides essays: random `.verbatim.json` texts (any
// JSON, broken JSON, configs of the right shape with wrong values) and random corpora (text,
// Markdown, JSON passage lists with colliding ids, arbitrary JSON and characters), changed on
// disk in random sequences while an essay is open. The server must never crash or hang, and after
// each sequence it must say exactly what a fresh server says about the same files.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { MemoryFileSystem } from '../../server/src/service/memoryFileSystem';
import { openAndCheck, startInProcess, startServer, type BaseSession } from '../helpers/lspClient';

const WS = '/ws';
const ESSAY_URI = 'file:///ws/essay.md';
const ESSAY = [
  'Kathy says, “it means a lot to me, being able to do my job well”.',
  '',
  'The diary says “The kettle sang on the stove while the snow kept time against the glass.”',
  '',
  'Ruth insists, “They prove we have souls.”',
].join('\n');
const CORPORA = ['a.txt', 'b.json', 'c.md', 'missing.txt', '../outside.txt', 'sub/../a.txt', '', '.verbatim.json'];

const words = fc.constantFrom('The', 'kettle', 'sang', 'on', 'the', 'stove', 'while', 'rain', 'snow', 'kept', 'time', 'against', 'glass.', '“', '”', '"', '\n', '\n\n', '# ', '> ', '…', '😀', '\u200b', '\uFEFF', '\\', '{', '}', '[', ']');
const prose = fc.array(words, { maxLength: 40 }).map((w) => w.join(' '));
const anyText = fc.oneof(prose, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 80 }));
const passage = fc.record(
  { id: fc.constantFrom('p', 'p', 'q', 'kettle', '', '1'), text: anyText, speaker: fc.oneof(fc.constantFrom('Ruth', 'Tommy', ''), fc.string({ maxLength: 8 })), locator: fc.string({ maxLength: 10 }) },
  { requiredKeys: [] },
);
const jsonCorpus = fc.oneof(fc.array(passage, { maxLength: 12 }).map((ps) => JSON.stringify(ps)), fc.json({ maxDepth: 3 }), fc.record({ passages: fc.array(passage, { maxLength: 6 }) }).map((o) => JSON.stringify(o)));
const level = fc.oneof(fc.constantFrom('error', 'warning', 'information', 'hint', 'off', 'OFF', ''), fc.jsonValue({ maxDepth: 1 }));
const entry = fc.oneof(
  fc.record({ path: fc.constantFrom(...CORPORA), title: fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), author: fc.string({ maxLength: 12 }), year: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })) }, { requiredKeys: ['path'] }),
  fc.jsonValue({ maxDepth: 2 }),
);
const shaped = fc
  .record(
    {
      corpora: fc.oneof(fc.array(entry, { maxLength: 5 }), fc.jsonValue({ maxDepth: 1 })),
      minWords: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.jsonValue({ maxDepth: 1 })),
      rules: fc.oneof(fc.dictionary(fc.constantFrom('misquote', 'unverified-quote', 'misattribution', 'missing-citation', 'misquotes', 'x'), level), fc.jsonValue({ maxDepth: 1 })),
      citationStyle: fc.oneof(fc.constantFrom('mla', 'apa', 'chicago', 'pandoc', 'MLA'), fc.jsonValue({ maxDepth: 1 })),
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o, null, 2));
// Broken on purpose: a cut-off config, comments and trailing commas (which JSONC allows), any text.
const config = fc.oneof(shaped, shaped.chain((t) => fc.nat({ max: t.length }).map((n) => t.slice(0, n))), shaped.map((t) => `// notes\n${t.replace(/\n}$/, ',\n}')}`), fc.json({ maxDepth: 3 }), fc.string({ maxLength: 60 }));

type Change = { file: '.verbatim.json' | 'a.txt' | 'b.json' | 'c.md'; text: string | null };
const change: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: config.map((text) => ({ file: '.verbatim.json' as const, text })), weight: 1 },
  { arbitrary: prose.map((text) => ({ file: 'a.txt' as const, text })), weight: 3 },
  { arbitrary: jsonCorpus.map((text) => ({ file: 'b.json' as const, text })), weight: 2 },
  { arbitrary: anyText.map((text) => ({ file: 'c.md' as const, text })), weight: 2 },
  { arbitrary: fc.constantFrom('.verbatim.json', 'a.txt', 'b.json', 'c.md').map((file) => ({ file: file as Change['file'], text: null })), weight: 1 },
);

// The workspace before each sequence: a config that reads three corpora, one of which exists.
const INITIAL: Record<string, string> = {
  '.verbatim.json': JSON.stringify({ corpora: [{ path: 'a.txt', title: 'Diary' }, { path: 'b.json' }, { path: 'c.md' }] }),
  'a.txt': 'The kettle sang on the stove while the rain kept time against the glass.',
};
const memoryFs = (files: Map<string, string>) => new MemoryFileSystem(Object.fromEntries([...files].map(([f, text]) => [`${WS}/${f}`, text])));

const KEEP = ['range', 'severity', 'code', 'source', 'message'] as const;
const comparable = (ds: Diagnostic[]) => ds.map((d) => Object.fromEntries(KEEP.map((k) => [k, d[k]])));

/** The essay's and the config's diagnostics, and a hover, from a session that holds the files. */
async function state(session: BaseSession, version: number, configText: string | undefined) {
  const essay = session.diagnostics(ESSAY_URI, version);
  if (version === 1) session.open(ESSAY_URI, ESSAY, 1);
  else session.change(ESSAY_URI, version, ESSAY);
  const out: { essay: unknown; config?: unknown; hover: unknown } = { essay: comparable(await essay), hover: null };
  out.hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: ESSAY_URI }, position: { line: 0, character: 20 } });
  if (configText !== undefined) {
    const uri = 'file:///ws/.verbatim.json';
    out.config = comparable(await openAndCheck(session, uri, configText));
    void session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  return out;
}

test('random configs and corpora changed on disk: no crash, no hang, and the same findings as a fresh server', { timeout: 120_000 }, async (t) => {
  let sequences = 0;
  let changes = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 6 }), async (sequence) => {
      sequences++;
      const files = new Map(Object.entries(INITIAL));
      const fs = memoryFs(files);
      const session = await startInProcess(fs, { rootPath: WS });
      try {
        let version = 1;
        await state(session, version, undefined);
        for (const c of sequence) {
          changes++;
          const path = `${WS}/${c.file}`;
          if (c.text === null) {
            fs.delete(path);
            files.delete(c.file);
          } else {
            fs.write(path, c.text);
            files.set(c.file, c.text);
          }
          void session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${path}`, type: c.text === null ? 3 : 2 }] });
        }
        const after = await state(session, ++version, files.get('.verbatim.json'));
        // A fresh server on the same files.
        const fresh = await startInProcess(memoryFs(files), { rootPath: WS });
        try {
          assert.deepEqual(after, await state(fresh, 1, files.get('.verbatim.json')));
        } finally {
          await fresh.close();
        }
      } finally {
        await session.close();
      }
    }),
    { numRuns: 400, interruptAfterTimeLimit: 30_000, markInterruptAsFailure: false },
  );
  t.diagnostic(`${sequences} sequences, ${changes} changes`);
  assert.ok(sequences >= 40, `only ${sequences} sequences tried`);
});

test('random bytes as a corpus and as .verbatim.json on disk: the real server names the file, keeps working, and agrees with a fresh start', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-bytes-'));
  const essay = pathToFileURL(join(root, 'essay.md')).href;
  let runs = 0;
  const session = await startServer({ rootPath: root, env: { VERBATIM_CACHE_DIR: 'off' }, workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: false } } });
  try {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ maxLength: 200 }), fc.boolean(), async (corpusBytes, configBytes, brokenConfig) => {
        runs++;
        writeFileSync(join(root, 'book.txt'), corpusBytes);
        const config = brokenConfig ? Buffer.from(configBytes) : JSON.stringify({ corpora: [{ path: 'book.txt', title: 'Bytes' }] });
        writeFileSync(join(root, '.verbatim.json'), config);
        void session.connection.sendNotification('workspace/didChangeWatchedFiles', {
          changes: [
            { uri: pathToFileURL(join(root, 'book.txt')).href, type: 2 },
            { uri: pathToFileURL(join(root, '.verbatim.json')).href, type: 2 },
          ],
        });
        const version = runs;
        const got = session.diagnostics(essay, version);
        if (version === 1) session.open(essay, ESSAY, 1);
        else session.change(essay, version, ESSAY);
        const diagnostics = comparable(await got);
        const fresh = await startServer({ rootPath: root, env: { VERBATIM_CACHE_DIR: 'off' } });
        try {
          assert.deepEqual(diagnostics, comparable(await openAndCheck(fresh, essay, ESSAY)));
        } finally {
          await fresh.close();
        }
      }),
      { numRuns: 60, interruptAfterTimeLimit: 25_000, markInterruptAsFailure: false },
    );
    t.diagnostic(`${runs} byte files`);
    assert.ok(runs >= 8, `only ${runs} runs`);
    assert.equal(session.process.exitCode, null);
  } finally {
    await session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
