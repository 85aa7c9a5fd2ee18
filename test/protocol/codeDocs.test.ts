// codeDescription.href: each diagnostic links to its code's documentation, the rules.md shipped beside
// the server bundle (written from the README at build time), opened by VS Code at the code's heading.
// Only for clients that show it (codeDescriptionSupport), and never a link to a file that is not there.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../server/src/engine/rules';
import { ruleDocs } from '../../server/src/node/ruleDocs';
import { MemoryFileSystem } from '../../server/src/service/memoryFileSystem';
import { openAndCheck, startInProcess, startServer, type Session } from '../helpers/lspClient';

const RULES_MD = resolve(__dirname, '../../../server/out/rules.md');
const ESSAY = [
  'Miss Emily: “There were no deferrals. There never were. It was just a rumor.”',
  '',
  'Tommy says, “The sea remembers every name we ever gave it, and the tide forgets.”',
  '',
  'As Ruth says, “They prove we have souls.”',
].join('\n');
const capabilities = (codeDescriptionSupport: boolean) => ({
  workspace: { configuration: false },
  textDocument: { publishDiagnostics: { versionSupport: true, codeDescriptionSupport } },
});

let root: string;
let linked: Session;
let plain: Session;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-codedocs-'));
  writeFileSync(join(root, '.verbatim.json'), '{ "rules": { "misquotes": "off" } }\n');
  linked = await startServer({ rootPath: root, capabilities: capabilities(true) });
  plain = await startServer({ rootPath: root, capabilities: capabilities(false) });
});
after(async () => {
  await linked.close();
  await plain.close();
});

/** The 1-based line of each `## \`code\`` heading in rules.md, read here independently of the server. */
function headings(): Map<string, number> {
  const lines = readFileSync(RULES_MD, 'utf8').split('\n');
  return new Map(lines.flatMap((l, i) => (/^## `([a-z-]+)`$/.test(l) ? [[l.slice(4, -1), i + 1] as [string, number]] : [])));
}

test('rules.md ships with a heading for every code the server reports', () => {
  assert.ok(existsSync(RULES_MD), 'npm run build writes server/out/rules.md');
  const codes = [...RULES.map((r) => r.code), 'invalid-config', 'file-too-large'].sort();
  assert.deepEqual([...headings().keys()].sort(), codes);
  // .vscodeignore ships it in the .vsix.
  assert.ok(readFileSync(resolve(__dirname, '../../../.vscodeignore'), 'utf8').split('\n').includes('!server/out/rules.md'));
});

test('each diagnostic links to its code’s heading in the shipped rules.md', async () => {
  const uri = pathToFileURL(join(root, 'essay.md')).href;
  const diagnostics = await openAndCheck(linked, uri, ESSAY);
  const at = headings();
  const href = pathToFileURL(RULES_MD).href;
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.codeDescription?.href]),
    [
      ['misquote', `${href}#L${at.get('misquote')}`],
      ['unverified-quote', `${href}#L${at.get('unverified-quote')}`],
      ['misattribution', `${href}#L${at.get('misattribution')}`],
    ],
  );
  // The line each link names is that code's heading.
  const lines = readFileSync(RULES_MD, 'utf8').split('\n');
  for (const d of diagnostics) assert.equal(lines[Number(d.codeDescription!.href.split('#L')[1]) - 1], `## \`${d.code}\``);

  // The configuration's own problems link too.
  const config = pathToFileURL(join(root, '.verbatim.json')).href;
  const problems = await openAndCheck(linked, config, readFileSync(join(root, '.verbatim.json'), 'utf8'));
  assert.deepEqual(problems.map((d) => [d.code, d.codeDescription?.href]), [['invalid-config', `${href}#L${at.get('invalid-config')}`]]);
});

test('a client that does not show code descriptions gets none', async () => {
  const uri = pathToFileURL(join(root, 'essay.md')).href;
  const diagnostics = await openAndCheck(plain, uri, ESSAY);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.codeDescription]), [
    ['misquote', undefined],
    ['unverified-quote', undefined],
    ['misattribution', undefined],
  ]);
});

test('a server started without the documentation beside it (another front end, a bundle without rules.md) links nothing', async () => {
  const fs = new MemoryFileSystem({});
  const session = await startInProcess(fs, { rootPath: '/ws', capabilities: capabilities(true) });
  try {
    const diagnostics = await openAndCheck(session, 'file:///ws/essay.md', ESSAY);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.codeDescription]), [
      ['misquote', undefined],
      ['unverified-quote', undefined],
      ['misattribution', undefined],
    ]);
  } finally {
    await session.close();
  }
  // And ruleDocs itself: no file, no links; a file, its headings.
  assert.equal(ruleDocs(root), undefined);
  const docs = ruleDocs(resolve(RULES_MD, '..'))!;
  const lines = readFileSync(RULES_MD, 'utf8').split('\n');
  for (const code of [...RULES.map((r) => r.code), 'invalid-config', 'file-too-large']) {
    const href = docs(code)!;
    assert.equal(href, `${pathToFileURL(RULES_MD).href}#L${headings().get(code)}`, code);
    assert.equal(lines[Number(href.split('#L')[1]) - 1], `## \`${code}\``, code);
  }
  assert.equal(docs('no-such-code'), undefined);
});
