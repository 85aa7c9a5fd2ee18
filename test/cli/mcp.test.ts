// `verbatim mcp` driven the way an AI assistant's host drives it: the MCP SDK's own client,
// spawning the built CLI over stdio in a working folder.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const CLI = resolve(__dirname, '../../../server/out/cli.js');

const ESSAY = [
  'Kathy takes pride in the role, saying that “it means a lot to me, being able to do my job well”.',
  '',
  'Of the drawings, Ruth insists, “They prove we have souls.”',
  '',
  'As Kathy says, “The past is a country we can never drive back to.”',
  '',
].join('\n');

let root: string;
let client: Client;

interface Structured {
  [key: string]: unknown;
}

async function call(name: string, args: Record<string, unknown>): Promise<{ isError?: boolean; text: string; data: Structured }> {
  const r = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: Structured };
  return { isError: r.isError, text: r.content.map((c) => c.text).join('\n'), data: r.structuredContent ?? {} };
}

before(async () => {
  const parent = realpathSync(mkdtempSync(join(tmpdir(), 'verbatim-mcp-')));
  root = join(parent, 'work');
  mkdirSync(join(root, 'essays'), { recursive: true });
  writeFileSync(join(root, 'essays', 'essay.md'), ESSAY);
  writeFileSync(join(parent, 'secret.md'), 'token=“do not read me, ever, from outside”\n');
  writeFileSync(join(root, 'ode.txt'), 'The owl, for all his feathers, was a-cold; the hare limped trembling through the frozen grass.\n');
  writeFileSync(join(root, '.verbatim.json'), JSON.stringify({ corpora: [{ path: 'ode.txt', title: 'The Eve', author: 'John Keats', year: 1820 }, { path: '../secret.md' }] }));
  client = new Client({ name: 'verbatim-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: root, stderr: 'pipe', env: { ...process.env, VERBATIM_CACHE_DIR: 'off' } as Record<string, string> }));
});

after(async () => {
  await client?.close();
});

test('lists its four tools, each with an input and an output schema', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['check_quotations', 'cite', 'find_passages', 'list_sources']);
  for (const t of tools) {
    assert.equal(t.inputSchema.type, 'object', t.name);
    assert.equal(t.outputSchema?.type, 'object', t.name);
  }
});

test('check_quotations: a misquote, a misattribution and an invented quotation, each with what the source says', async () => {
  for (const args of [{ text: ESSAY }, { path: 'essays/essay.md' }]) {
    const r = await call('check_quotations', args);
    assert.equal(r.isError, undefined);
    const [misquote, misattributed, invented] = r.data.quotations as Structured[];
    assert.equal(misquote.status, 'misquote');
    assert.deepEqual(misquote.source, { corpus: 'Never Let Me Go', author: 'Kazuo Ishiguro', wording: 'It means a lot to me, being able to do my work well', locator: 'a. Characters, line 68', speaker: 'Kathy' });
    assert.equal(misquote.suggestedFix, 'it means a lot to me, being able to do my work well');
    assert.deepEqual((misquote.diff as Structured[]).filter((d) => d.op !== 'equal'), [{ op: 'replace', quote: 'job', source: 'work' }]);
    assert.deepEqual(misquote.findings, [{ code: 'misquote', severity: 'warning', message: 'Misquoted: "job" where the source has "work"' }]);
    assert.equal(misattributed.status, 'misattribution');
    assert.equal(misattributed.attributed, 'Ruth');
    assert.equal(misattributed.suggestedFix, 'Tommy');
    assert.equal((misattributed.source as Structured).speaker, 'Tommy');
    assert.equal((misattributed.source as Structured).wording, 'They prove we have souls');
    assert.equal(invented.status, 'unverified');
    assert.equal(invented.source, undefined);
    assert.deepEqual({ line: invented.line, column: invented.column }, { line: 5, column: 16 });
    assert.deepEqual(r.data.summary, { checked: 3, correct: 0, misquoted: 1, unverified: 1, misattributed: 1 });
    assert.equal(r.data.path, args.path);
    // The config's corpus outside the working folder is refused, and said so.
    assert.match((r.data.warnings as string[]).join('\n'), /secret\.md is outside .*work and was not read/);
    assert.match(r.text, /^1:44 misquote: “it means a lot to me, being able to do my job well” — Misquoted: "job" where the source has "work"$/m);
  }
});

test('find_passages: the lines Insert Quotation offers: misspelt words, a speaker alone, a speaker and words; never the review\'s prose', async () => {
  const emily = {
    id: '0:there-were-no-deferrals-there-never',
    text: 'There were no deferrals. There never were. It was all just a rumor',
    speaker: 'Miss Emily',
    corpus: 'Never Let Me Go',
    author: 'Kazuo Ishiguro',
    locator: 'quoted in the review, section “The Visit to Madame and Miss Emily: Hope Extinguished”',
    citation: '(Ishiguro)',
  };
  const r = await call('find_passages', { query: 'there wre no defferals' });
  assert.deepEqual(r.data, { passages: [emily] });
  assert.equal(r.text, '“There were no deferrals. There never were. It was all just a rumor” (Ishiguro) — Miss Emily');
  // A speaker alone: the lines that person speaks, as Insert Quotation lists them for "Ruth".
  const ruth = await call('find_passages', { speaker: 'ruth' });
  assert.equal(ruth.data.speaker, 'Ruth');
  assert.deepEqual(
    (ruth.data.passages as Structured[]).map((p) => [p.text, p.speaker]),
    [
      ['ride Bramble', 'Ruth'],
      ['You’ve got to really lean back on Daffodil!… She doesn’t like it unless you’re right back!', 'Ruth'],
      ['I kept you and Tommy apart… That was the worst thing I did', 'Ruth'],
      ['You should go and see her. Ask for a deferral. Maybe you’ll have time. Just a little time…', 'Ruth'],
    ],
  );
  // A speaker and words: only lines that person speaks; Tommy's line is not Ruth's.
  const tommy = await call('find_passages', { query: 'prove we have souls', speaker: 'Tommy' });
  assert.deepEqual((tommy.data.passages as Structured[]).map((p) => [p.id, p.text, p.speaker]), [['0:they-prove-we-have-souls', 'They prove we have souls.', 'Tommy']]);
  const notRuth = await call('find_passages', { query: 'prove we have souls', speaker: 'Ruth' });
  assert.deepEqual(notRuth.data, { passages: [], speaker: 'Ruth' });
  assert.equal(notRuth.text, 'No line fits these words.');
  // Lines, not the paragraphs that mention a word: "Hailsham" finds the two lines that say it.
  const hailsham = await call('find_passages', { query: 'Hailsham' });
  assert.deepEqual(
    (hailsham.data.passages as Structured[]).map((p) => [p.text, p.speaker]),
    [
      ['Hailsham. I bet that was a beautiful place', 'a donor'],
      ['There have been times over the years when I’ve tried to leave Hailsham behind… But then I just stopped resisting', 'Kathy'],
    ],
  );
  // Neither the review's prose nor a critic it quotes is offered as a line of the novel.
  for (const query of ['a novel that wont leave the readers consciousness', 'a deceptively quiet world where the horror of systemic exploitation is softened by nostalgia']) {
    assert.deepEqual((await call('find_passages', { query })).data, { passages: [] }, query);
  }
  // A name no source knows, or nothing to search for, is said so.
  const nobody = await call('find_passages', { speaker: 'Nobody Atall' });
  assert.equal(nobody.isError, true);
  assert.equal(nobody.text, 'No one called "Nobody Atall" speaks in the sources');
  const empty = await call('find_passages', {});
  assert.equal(empty.isError, true);
  assert.equal(empty.text, 'Give `query` (words of the line), `speaker` (who speaks it), or both');
  // A user corpus from the working folder's config is searched too, cited in its own name.
  const keats = await call('find_passages', { query: 'the hare limped trembling' });
  assert.deepEqual(
    (keats.data.passages as Structured[]).map((p) => [p.text, p.corpus, p.citation]),
    [['The owl, for all his feathers, was a-cold; the hare limped trembling through the frozen grass.', 'The Eve', '(Keats)']],
  );
});

test('cite: MLA and APA, from an id or from the words themselves', async () => {
  const found = await call('find_passages', { query: 'there were no deferrals' });
  const id = (found.data.passages as Structured[])[0].id as string;
  const mla = await call('cite', { passage: id, style: 'mla' });
  assert.deepEqual(
    { inText: mla.data.inText, worksCited: mla.data.worksCited, heading: mla.data.heading, exact: mla.data.exact },
    { inText: '(Ishiguro)', worksCited: 'Ishiguro, Kazuo. *Never Let Me Go*. Faber and Faber, 2005.', heading: 'Works Cited', exact: true },
  );
  const apa = await call('cite', { passage: 'They prove we have hearts', style: 'apa' });
  assert.deepEqual(
    { inText: apa.data.inText, worksCited: apa.data.worksCited, heading: apa.data.heading, exact: apa.data.exact, wording: apa.data.wording },
    { inText: '(Ishiguro, 2005)', worksCited: 'Ishiguro, K. (2005). *Never Let Me Go*. Faber and Faber.', heading: 'References', exact: false, wording: 'They prove we have souls' },
  );
  assert.equal(apa.text, '(Ishiguro, 2005)\nReferences: Ishiguro, K. (2005). *Never Let Me Go*. Faber and Faber.\nNote: the source reads “They prove we have souls”.');
  const keats = await call('cite', { passage: 'the hare limped trembling through the frozen grass' });
  assert.equal(keats.data.inText, '(Keats)');
  const none = await call('cite', { passage: 'Nothing like this was ever written by anyone at all' });
  assert.equal(none.isError, true);
  assert.match(none.text, /^These words are not in any source \(searched: Never Let Me Go \(built-in passages\), The Eve\); nothing to cite$/);
});

test('bad input is a tool error with a clear message, and the server stays up', async () => {
  const outside = await call('check_quotations', { path: '../secret.md' });
  assert.equal(outside.isError, true);
  assert.equal(outside.text, `../secret.md is outside the working folder ${root}; the MCP server reads only files inside it`);
  const missing = await call('check_quotations', { path: 'essays/nope.md' });
  assert.equal(missing.isError, true);
  assert.equal(missing.text, `essays/nope.md does not exist (paths are relative to ${root})`);
  const huge = await call('check_quotations', { text: '“a b c d” '.repeat(2_000_000) });
  assert.equal(huge.isError, true);
  assert.equal(huge.text, 'The text is too large to check (20,000,000 characters; the limit is 1,000,000 characters, verbatim.maxFileSize)');
  const both = await call('check_quotations', { text: 'x', path: 'essays/essay.md' });
  assert.equal(both.isError, true);
  assert.equal(both.text, 'Give either `text` (Markdown) or `path` (a file in the working folder), not both and not neither');
  const sources = await call('list_sources', {});
  assert.equal(sources.isError, undefined);
  assert.deepEqual(
    (sources.data.sources as Structured[]).map((s) => [s.title, s.origin, s.uri]),
    [
      ['Never Let Me Go', 'built-in', 'verbatim://corpus/builtin'],
      ['The Eve', 'ode.txt', 'verbatim://corpus/ode.txt'],
    ],
  );
});

test('resources: each corpus in use, read-only text', async () => {
  const { resources } = await client.listResources();
  assert.deepEqual(
    resources.map((r) => r.uri),
    ['verbatim://corpus/builtin', 'verbatim://corpus/ode.txt'],
  );
  const builtin = await client.readResource({ uri: 'verbatim://corpus/builtin' });
  assert.match((builtin.contents[0] as { text: string }).text, /^Never Let Me Go is a dystopian science fiction novel written by Nobel laureate Kazuo Ishiguro/);
  const ode = await client.readResource({ uri: 'verbatim://corpus/ode.txt' });
  assert.equal((ode.contents[0] as { text: string }).text, 'The owl, for all his feathers, was a-cold; the hare limped trembling through the frozen grass.\n');
  await assert.rejects(client.readResource({ uri: 'verbatim://corpus/..%2Fsecret.md' }), /No corpus verbatim:\/\/corpus\/..%2Fsecret.md/);
});
