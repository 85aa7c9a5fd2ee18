// Soak: 10,000 edits to one essay through the real server. Resident memory
// after warm-up and at the end (from /proc) may differ by under 10%, not
// counting V8's young generation, which doubles once, in one step, somewhere
// in a long run of allocations (the server reports its size under
// VERBATIM_TIMING); open file descriptors must not grow; no listener-leak
// warning may appear.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startServer, type Session } from '../helpers/lspClient';
import { expectedDiagnostics, rssKiB } from './support';

const ESSAY = [
  '# On memory',
  '',
  'Tommy says “They prove we have hearts.” and Ruth: "it means a lot to me, being able to do my job well".',
  '',
  '> You’ve been told and not told.',
  '',
  'Kathy: “My name is Kathy H. I’m thirty-one years old.” ',
].join('\n');
const EDITS = 10_000;
const BURST = 50;

let session: Session;
before(async () => {
  session = await startServer({ env: { VERBATIM_TIMING: '1' } });
});
after(() => session.close());

test(`soak: ${EDITS} edits, memory growth under 10%, no handle or listener leaks`, { timeout: 120_000 }, async (t) => {
  const uri = 'file:///soak/essay.md';
  const pid = session.process.pid!;
  const fds = () => readdirSync(`/proc/${pid}/fd`).length;
  let version = 1;
  let text = ESSAY;
  await (async () => {
    const first = session.diagnostics(uri, 1);
    session.open(uri, text, 1);
    await first;
  })();
  let youngKiB = 0;
  session.connection.onNotification('verbatim/timing', (p: { kind: string; youngMb?: number }) => {
    if (p.kind === 'check' && p.youngMb !== undefined) youngKiB = p.youngMb * 1024;
  });
  const resident = () => rssKiB(pid) - youngKiB;
  let warm = { rss: 0, fds: 0 };
  const early: number[] = [];
  const late: number[] = [];
  const started = Date.now();
  for (let i = 0; i < EDITS; i++) {
    // Type into the middle of a quotation and take it back out, a word at a time.
    const line = 2;
    const at = 30 + (Math.floor(i / 2) % 7);
    const typing = i % 2 === 0;
    const change = typing
      ? { range: { start: { line, character: at }, end: { line, character: at } }, text: 'x' }
      : { range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: '' };
    const lines = text.split('\n');
    lines[line] = typing ? lines[line].slice(0, at) + 'x' + lines[line].slice(at) : lines[line].slice(0, at) + lines[line].slice(at + 1);
    text = lines.join('\n');
    version++;
    void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (i % BURST === BURST - 1) {
      const ds = await session.diagnostics(uri, version);
      if (i % 1000 === 999) assert.deepEqual(ds, expectedDiagnostics(text, uri));
    }
    // RSS moves with the garbage collector: compare the highest sample after
    // warm-up (edits 4,000–5,000) with the median of the last 1,000 edits.
    if (i % BURST === BURST - 1 && i >= 4000 && i < 5000) early.push(resident());
    if (i % BURST === BURST - 1 && i >= EDITS - 1000) late.push(resident());
    if (i === 4999) warm = { rss: Math.max(...early), fds: fds() };
  }
  const end = { rss: median(late), fds: fds() };
  t.diagnostic(`${EDITS} edits in ${Date.now() - started} ms; RSS less the young generation ${warm.rss} → ${end.rss} KiB (young generation ${youngKiB} KiB); fds ${warm.fds} → ${end.fds}`);
  assert.equal(text, ESSAY);
  assert.ok(end.rss < warm.rss * 1.1, `RSS less the young generation grew from ${warm.rss} to ${end.rss} KiB`);
  assert.ok(end.fds <= warm.fds, `file descriptors grew from ${warm.fds} to ${end.fds}`);
  assert.doesNotMatch(session.stderr(), /MaxListenersExceeded|leak/i);
  assert.equal(session.process.exitCode, null);
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
