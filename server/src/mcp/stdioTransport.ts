// MCP over stdio, newline-delimited JSON-RPC, read in linear time. The SDK's own stdio transport
// concatenates its whole buffer at every chunk and drops the connection on a message over 10 MB;
// this one keeps chunks until a line ends, and answers a message over the limit with an error of
// its own (when its id can be read) instead of closing: one bad request never ends the session.

import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

const EDGE = 512;

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** Set while skipping the rest of an oversized line: its first and last bytes, to find its id. */
  private skipping?: { head: Buffer; tail: Buffer; size: number };
  private readonly onData = (chunk: Buffer) => this.take(chunk);
  private readonly onEnd = () => void this.close();

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly maxBytes: number,
  ) {}

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('end', this.onEnd);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const line = JSON.stringify(message) + '\n';
    if (!this.output.write(line)) await new Promise<void>((resolve) => this.output.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    this.input.off('data', this.onData);
    this.input.off('end', this.onEnd);
    this.chunks = [];
    this.onclose?.();
  }

  private take(chunk: Buffer): void {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      this.append(chunk.subarray(from, nl));
      this.finishLine();
      from = nl + 1;
    }
    if (from < chunk.length) this.append(chunk.subarray(from));
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    if (!this.skipping && this.size + part.length > this.maxBytes) {
      const head = Buffer.concat([...this.chunks, part]).subarray(0, EDGE);
      this.skipping = { head: Buffer.from(head), tail: Buffer.alloc(0), size: this.size };
      this.chunks = [];
      this.size = 0;
    }
    if (this.skipping) {
      this.skipping.size += part.length;
      this.skipping.tail = Buffer.concat([this.skipping.tail, part]).subarray(-EDGE);
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private finishLine(): void {
    if (this.skipping) {
      const { head, tail, size } = this.skipping;
      this.skipping = undefined;
      this.refuse(head.toString('utf8'), tail.toString('utf8'), size);
      return;
    }
    const line = Buffer.concat(this.chunks, this.size).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch (e) {
      this.onerror?.(new Error(`Not a JSON-RPC message: ${(e as Error).message}`));
      void this.send({ jsonrpc: '2.0', id: null as unknown as number, error: { code: -32700, message: 'Parse error: not a JSON-RPC message' } });
      return;
    }
    this.onmessage?.(message);
  }

  /** Answers an oversized request by the id found at either end of it (where JSON.stringify puts it). */
  private refuse(head: string, tail: string, size: number): void {
    const id = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*[,}]/.exec(tail)?.[1] ?? /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*[,}]/.exec(head)?.[1];
    const mb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${n} bytes`);
    const message = `Message too large (${mb(size)}; the limit is ${mb(this.maxBytes)}): check a smaller text`;
    this.onerror?.(new Error(message));
    if (id !== undefined) void this.send({ jsonrpc: '2.0', id: JSON.parse(id) as string | number, error: { code: -32600, message } });
  }
}
