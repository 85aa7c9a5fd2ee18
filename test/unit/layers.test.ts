// The layers' invariants, kept by reading the source (ARCHITECTURE.md, Invariants):
// the engine does no I/O and holds no state that could change a result; the
// service knows nothing of LSP, VS Code or the disk (it reads through the
// FileSystem it is given).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '../../..');

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const path = join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
      return { file: relative(ROOT, path), text: readFileSync(path, 'utf8') };
    })
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}

function imports(text: string): string[] {
  return [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
}

test('the engine imports nothing of the disk, LSP, VS Code, the service or the server', () => {
  const bad = sources('server/src/engine').flatMap(({ file, text }) =>
    imports(text)
      .filter((m) => /^(node:(fs|child_process|worker_threads|net|http)|fs|vscode|vscode-languageserver.*)$/.test(m) || /\/(node|service|providers)\//.test(m) || /^\.\.\/\.\.\/(node|service|providers)/.test(m))
      .map((m) => `${file}: ${m}`),
  );
  assert.deepEqual(bad, []);
});

test('the engine holds no state that could change a result: its only mutable module values are named memos and scratch space', () => {
  const found = sources('server/src/engine').flatMap(({ file, text }) => [
    ...[...text.matchAll(/^let\s+(\w+)/gm)].map((m) => `${file}: let ${m[1]}`),
    ...[...text.matchAll(/^const\s+(\w+)\s*=\s*new\s+(Map|WeakMap)\b/gm)].map((m) => `${file}: ${m[2]} ${m[1]}`),
  ]);
  assert.deepEqual(found, [
    // The aligner's tables, reused between calls (filled afresh by each).
    'server/src/engine/align.ts: let tables',
    // The built-in corpus, derived once from text embedded in the bundle.
    'server/src/engine/builtin.ts: let cached',
    // Each corpus object's index: a reloaded corpus is a new object, so it cannot go stale.
    'server/src/engine/library.ts: WeakMap indexes',
  ]);
});

test('the service imports no LSP, no VS Code and no disk: it reads through the FileSystem it is given', () => {
  const bad = sources('server/src/service').flatMap(({ file, text }) =>
    imports(text)
      .filter((m) => /^(node:(fs|child_process|worker_threads)|fs|vscode|vscode-languageserver.*)$/.test(m) || /^\.\.\/(node|providers)\//.test(m) || /^\.\.\/(createServer|server|protocol)$/.test(m))
      .map((m) => `${file}: ${m}`),
  );
  assert.deepEqual(bad, []);
});

test('what the browser build runs (engine, service, providers, createServer, web/) imports no Node module and nothing of server/src/node/', () => {
  const shared = [...sources('server/src/engine'), ...sources('server/src/service'), ...sources('server/src/providers'), ...sources('server/src/web')];
  for (const file of ['createServer.ts', 'positions.ts', 'protocol.ts']) shared.push({ file: `server/src/${file}`, text: readFileSync(join(ROOT, 'server/src', file), 'utf8') });
  const bad = shared.flatMap(({ file, text }) =>
    imports(text)
      .filter((m) => /^node:/.test(m) || /(^|\/)node\//.test(m) || /^vscode-languageserver\/node$/.test(m))
      .map((m) => `${file}: ${m}`),
  );
  assert.deepEqual(bad, []);
});
