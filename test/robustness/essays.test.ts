import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, type Session } from '../helpers/lspClient';
import { assertInside, contains, expectedDiagnostics } from './support';

// Hostile essays, each under verbatim.maxFileSize (1,000,000 characters) unless named "over".
// Speed is the bench's business: timings are reported (t.diagnostic), not asserted.
const QUOTE = '“They prove we have hearts.”';
const WORDS = 'and then the long afternoon went on without anyone saying a word about it ';
const BAD: Record<string, string> = {
  empty: '',
  binary: Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''),
  'one line of 50,000 characters': (WORDS + QUOTE + ' ').repeat(Math.floor(50_000 / (WORDS.length + QUOTE.length + 1))),
  '10,000 nested blockquotes': '>'.repeat(10_000) + ' ' + QUOTE + '\n',
  '10,000 list levels': '- '.repeat(10_000) + QUOTE + '\n',
  '500 lines of indented list levels': Array.from({ length: 500 }, (_, i) => ' '.repeat(Math.min(i, 60)) + '- "they prove we have hearts').join('\n'),
  'unbalanced quotation marks everywhere': '“ " ‘ ” she said “it was “ never ” “ “ "" " ’ ‘ \n'.repeat(1_500),
  'a quotation of 20,000 characters': '“' + WORDS.repeat(Math.ceil(20_000 / WORDS.length)).slice(0, 20_000) + '”\n',
  'lone surrogates and replacement characters (invalid UTF-8 on the wire)': 'Ruth: “it means a lot \uD800 to me\uFFFD, being able to do my job well” \uDC00\n',
  'CRLF, CR and LF mixed': 'Tommy:\r\n“They prove\rwe have\nhearts.”\r\rand “My name is Kathy H.\r\nI’m thirty-one years old”\n\r',
  'emoji and combining marks': '👩‍👩‍👧 Tommy said “They prove 🙂 we have hear\u0301ts.” e\u0301\u0301\u0301 “My name is 👍🏽 Kathy H.”\n',
};

let session: Session;
before(async () => {
  session = await startServer();
});
after(() => session.close());

/** Opens, awaits diagnostics, and exercises hover, completion and code actions everywhere interesting. */
async function hammer(name: string, text: string): Promise<{ diagnostics: Diagnostic[]; ms: number }> {
  const uri = `file:///hostile/${encodeURIComponent(name)}.md`;
  const started = Date.now();
  const pending = session.diagnostics(uri, 1);
  session.open(uri, text, 1);
  const diagnostics = await pending;
  const ms = Date.now() - started;
  for (const d of diagnostics) assertInside(text, d.range, `${name}: diagnostic`);
  const lines = text.split(/\r\n|\r|\n/);
  const spots = [
    { line: 0, character: 0 },
    { line: 0, character: Math.min(3, lines[0].length) },
    { line: lines.length - 1, character: lines[lines.length - 1].length },
    ...diagnostics.slice(0, 3).map((d) => d.range.start),
  ];
  let slowest = 0;
  for (const position of spots) {
    const t0 = Date.now();
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    slowest = Math.max(slowest, Date.now() - t0);
  }
  for (const d of diagnostics.slice(0, 3)) {
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      // The quick fixes (Update Works Cited, a source action, edits the list, not the quotation).
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    // The request's range may touch other findings too (a misattribution of the same quotation): d's own fixes here.
    const own = actions.filter((a) => a.diagnostics?.some((x) => x.code === d.code && JSON.stringify(x.range) === JSON.stringify(d.range)));
    for (const a of own) for (const e of a.edit!.changes![uri]) {
      assertInside(text, e.range, `${name}: edit`);
      if (d.code === 'misattribution') {
        // The one fix outside the quotation: it replaces the name the essay gave, and only that.
        const doc = TextDocument.create(uri, 'markdown', 1, text);
        assert.equal(text.slice(doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)), (d.data as { attributed: string }).attributed);
      } else assert.ok(contains(d.range, e.range), `${name}: the edit reaches outside its quotation`);
    }
  }
  const closed = session.diagnostics(uri);
  void session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual(await closed, []);
  return { diagnostics, ms: Math.max(ms, slowest) };
}

for (const [name, text] of Object.entries(BAD)) {
  test(`hostile essay: ${name} — no crash, ranges inside, nothing throws`, { timeout: 60_000 }, async (t) => {
    const { diagnostics, ms } = await hammer(name, text);
    t.diagnostic(`${text.length} characters checked in ${ms} ms`);
    // Incremental or not, the server's verdicts are the engine's verdicts from scratch.
    assert.deepEqual(diagnostics, expectedDiagnostics(text, `file:///hostile/${encodeURIComponent(name)}.md`));
  });
}

test('an essay over verbatim.maxFileSize (a 5 MB line, 10 MB) is skipped with one information message', { timeout: 60_000 }, async (t) => {
  for (const text of ['x'.repeat(5 * 1024 * 1024), (WORDS + QUOTE + '\n').repeat(Math.ceil(10_000_000 / (WORDS.length + QUOTE.length + 1)))]) {
    const { diagnostics, ms } = await hammer(`over-${text.length}`, text);
    t.diagnostic(`${text.length} characters skipped in ${ms} ms`);
    assert.deepEqual(diagnostics, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 3,
        source: 'verbatim',
        code: 'file-too-large',
        message: 'Not checked: the file is larger than verbatim.maxFileSize (1000000 characters)',
      },
    ]);
  }
});

test('the server is still alive and silent on stderr after all of it', async () => {
  const uri = 'file:///hostile/after.md';
  const pending = session.diagnostics(uri, 1);
  session.open(uri, QUOTE, 1);
  assert.deepEqual((await pending).map((d) => d.message), ['Misquoted: "hearts" where the source has "souls"']);
  assert.equal(session.process.exitCode, null);
  assert.deepEqual(session.received('window/logMessage').filter((m) => (m as { type: number }).type === 1), []);
  assert.equal(session.stderr(), '');
});
