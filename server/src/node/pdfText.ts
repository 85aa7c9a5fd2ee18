// Runs node/pdfWorker.ts (bundled as server/out/pdf-worker.mjs) on a PDF's
// bytes: in the background for the language server, which goes on answering
// while a book is read, or waiting for it (CLI, remark plugin), which has
// nothing else to do. Either way pdf.js runs in its own thread and is stopped
// after a time limit, so a hostile PDF cannot hang anything.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type TransferListItem } from 'node:worker_threads';
import type { PdfExtract } from '../engine/formats/pdf';

export const PDF_TIMEOUT_MS = 60_000;

let workerFile: string | undefined;

/**
 * The worker bundle: next to this bundle (server/out), or, for a test bundle three folders down
 * (.cache/test-out/<tier>), the built server/out. Never searched for elsewhere: what runs must be ours.
 */
function pdfWorkerFile(): string {
  if (workerFile) return workerFile;
  // The ES module build of the remark plugin has no __dirname, hence no PDF reader.
  if (typeof __dirname !== 'string') throw new Error('PDF corpora need the CommonJS build (verbatim/remark-verbatim through require, or the CLI)');
  for (const candidate of [join(__dirname, 'pdf-worker.mjs'), resolve(__dirname, '..', '..', '..', 'server', 'out', 'pdf-worker.mjs')]) {
    if (existsSync(candidate)) return (workerFile = candidate);
  }
  throw new Error('the PDF reader (server/out/pdf-worker.mjs) is missing: run `npm run build`');
}

function start(bytes: Uint8Array, extra: Record<string, unknown> = {}, transfer: TransferListItem[] = []): Worker {
  // stdout/stderr kept: pdf.js's warnings about canvas polyfills are not the user's business.
  return new Worker(pdfWorkerFile(), { workerData: { bytes, ...extra }, transferList: transfer, stdout: true, stderr: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
}

/** Reads a PDF in a worker thread and waits for it (blocking this thread). */
export function extractPdfSync(bytes: Uint8Array, timeoutMs = PDF_TIMEOUT_MS): PdfExtract {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = start(bytes, { port: port2, signal }, [port2]);
  try {
    const woke = Atomics.wait(signal, 0, 0, timeoutMs);
    const message = receiveMessageOnPort(port1);
    if (woke === 'timed-out' || !message) throw new Error(`reading it took longer than ${timeoutMs / 1000} s`);
    return message.message as PdfExtract;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

/** Reads a PDF in a worker thread; the promise settles when it is done, failed or out of time. */
export function extractPdf(bytes: Uint8Array, timeoutMs = PDF_TIMEOUT_MS): Promise<PdfExtract> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = start(bytes);
    } catch (e) {
      reject(e);
      return;
    }
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`reading it took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    worker.once('message', (m: PdfExtract) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the PDF reader stopped (exit code ${code})`));
    });
  });
}
