// A corpus is often someone else's file: its passages, title and speakers reach
// hover and completion documentation (Markdown) as literal text, never as
// command links, images, HTML or a line that looks like Verbatim's verdict.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { openAndCheck, startServer, type Session } from '../helpers/lspClient';

const PASSAGE =
  'We were told we were special, every single one of us. [run](command:workbench.action.terminal.new) ![img](https://x.test/a.png) <img src=x onerror=alert(1)> `code`\n**✓ Quoted correctly**';
const SHOWN =
  '> We were told we were special, every single one of us. \\[run\\](command:workbench.action.terminal.new) !\\[img\\](https://x.test/a.png) \\<img src=x onerror=alert(1)\\> \\`code\\` \\*\\*✓ Quoted correctly\\*\\*';
const FACTS = '**\\<b\\>Ruth\\</b\\>** · curated passage · *\\[Evil\\](command:x) \\_Book\\_*, \\<i\\>A. Writer\\</i\\> · \\# Part \\`one\\`';

const MISQUOTED = 'Nobody ever told us about the *fields* behind the `cottages`, not once, **✓ not ever**.';

let root: string;
let session: Session;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'verbatim-markup-'));
  writeFileSync(
    join(root, 'evil.json'),
    JSON.stringify([
      { id: 'evil`id', text: PASSAGE, speaker: '<b>Ruth</b>', locator: '# Part `one`' },
      { id: 'fields', text: MISQUOTED, speaker: 'Tommy' },
    ]),
  );
  writeFileSync(
    join(root, '.verbatim.json'),
    JSON.stringify({ corpora: [{ path: 'evil.json', title: '[Evil](command:x) _Book_', author: '<i>A. Writer</i>' }] }),
  );
  session = await startServer({ rootPath: root });
});
after(async () => {
  await session.close();
  rmSync(root, { recursive: true, force: true });
});

test('hover shows a hostile corpus passage, title, speaker, locator and id as literal Markdown', async () => {
  const uri = pathToFileURL(join(root, 'hover.md')).href;
  assert.deepEqual(await openAndCheck(session, uri, 'Ruth says “We were told we were special, every single one of us.”\n'), []);
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 15 } })) as Hover;
  assert.deepEqual((hover.contents as { value: string }).value.split('\n'), [
    '**Verbatim: quoted correctly** ✓',
    '',
    SHOWN,
    '',
    FACTS,
    '',
    'Match: 100% of the quoted words in order · passage ``evil`id``',
  ]);
});

test('completion documents the same passage as literal Markdown', async () => {
  const uri = pathToFileURL(join(root, 'complete.md')).href;
  const text = 'Ruth says, “We were told we were spe';
  await openAndCheck(session, uri, text);
  const items = ((await session.connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: text.length },
  })) as CompletionList).items;
  const item = items.find((i) => (i.data as { passageId?: string } | undefined)?.passageId === 'evil`id');
  assert.ok(item, `the hostile passage is offered (${items.length} items)`);
  assert.equal(item.detail, '<b>Ruth</b> — [Evil](command:x) _Book_');
  assert.deepEqual((item.documentation as { kind: string; value: string }), { kind: 'markdown', value: [SHOWN, '', FACTS].join('\n') });
});

test('hover on a misquote: the source wording and the differences are literal too', async () => {
  const uri = pathToFileURL(join(root, 'misquote.md')).href;
  const diagnostics = await openAndCheck(session, uri, 'Tommy says “Nobody ever told us about the meadows behind the cottages, not once, not ever.”\n');
  assert.deepEqual(diagnostics.map((d) => d.code), ['misquote']);
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 15 } })) as Hover;
  assert.deepEqual((hover.contents as { value: string }).value.split('\n').slice(0, 4), [
    '**Verbatim: misquoted** — "meadows" where the source has "fields"',
    '',
    'The source reads: “Nobody ever told us about the \\*fields\\* behind the \\`cottages\\`, not once, \\*\\*✓ not ever”',
    '',
  ]);
});
