// The MCP server's stdio transport: whole lines in, one message each, whatever the chunking; a
// message over the limit is answered with an error by its id, and the next one is read as usual.

import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { LineTransport } from '../../server/src/mcp/stdioTransport';

function harness(max: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  const transport = new LineTransport(input, output, max);
  const messages: unknown[] = [];
  const errors: string[] = [];
  transport.onmessage = (m) => messages.push(m);
  transport.onerror = (e) => errors.push(e.message);
  let written = '';
  output.on('data', (d: Buffer) => (written += d.toString('utf8')));
  return { input, transport, messages, errors, written: () => written };
}

test('messages split across chunks and several in one chunk are each read once', async () => {
  const h = harness(1024);
  await h.transport.start();
  const a = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
  const b = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
  h.input.write(a.slice(0, 10));
  h.input.write(a.slice(10) + '\n' + b + '\r\n\n');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.messages, [JSON.parse(a), JSON.parse(b)]);
  assert.deepEqual(h.errors, []);
});

test('a message over the limit gets an error by its id; the next message is read', async () => {
  const h = harness(200);
  await h.transport.start();
  const big = JSON.stringify({ method: 'tools/call', params: { name: 'check_quotations', arguments: { text: 'x'.repeat(500) } }, jsonrpc: '2.0', id: 7 });
  assert.equal(Buffer.byteLength(big), 607);
  h.input.write(big.slice(0, 150));
  h.input.write(big.slice(150) + '\n');
  h.input.write(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'ping' }) + '\n');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.messages, [{ jsonrpc: '2.0', id: 8, method: 'ping' }]);
  assert.deepEqual(h.errors, ['Message too large (607 bytes; the limit is 200 bytes): check a smaller text']);
  assert.deepEqual(JSON.parse(h.written().trim()), { jsonrpc: '2.0', id: 7, error: { code: -32600, message: 'Message too large (607 bytes; the limit is 200 bytes): check a smaller text' } });
});

test('a line that is not JSON-RPC is a parse error, and reading goes on', async () => {
  const h = harness(1024);
  await h.transport.start();
  h.input.write('{not json\n' + JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }) + '\n');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(h.messages, [{ jsonrpc: '2.0', id: 2, method: 'ping' }]);
  assert.equal(h.errors.length, 1);
  assert.deepEqual(JSON.parse(h.written().trim()), { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: not a JSON-RPC message' } });
});
