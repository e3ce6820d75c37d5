// PDF certificates rendered on worker threads: a render is some 40 ms of CPU (the fonts cut by
// harfbuzz, the layout, the QR code, compression), which on the gateway's event loop would stall
// every other request meanwhile. This module is both sides: CertificateRenderers starts up to
// `threads` workers as renders wait for one (each keeps its fonts loaded), and the worker, which
// loads this module again, renders what it is sent.
import { parentPort, type Worker } from 'node:worker_threads';

import { startWorker, workerJob } from '../../platform/worker.js';
import type { CertificatePdfInput } from './content.js';

interface Request {
  readonly id: number;
  readonly input: CertificatePdfInput;
}

type Reply = { readonly id: number; readonly pdf: Uint8Array } | { readonly id: number; readonly error: string };

interface Pending {
  resolve(pdf: Uint8Array): void;
  reject(err: Error): void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/** A pool of rendering threads, started when first needed; close() ends them. */
export class CertificateRenderers {
  private readonly threads: Thread[] = [];
  private next = 0;
  private closed = false;

  constructor(private readonly size = 2) {}

  /** The certificate's PDF, rendered on a worker thread (renderCertificatePdf there). */
  render(input: CertificatePdfInput): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('the certificate renderers are closed'));
    const thread = this.pick();
    const id = this.next++;
    return new Promise<Uint8Array>((resolve, reject) => {
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ id, input } satisfies Request);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.splice(0).map((t) => t.worker.terminate()));
  }

  /** An idle thread, else a new one while there are fewer than `size`, else the least busy. */
  private pick(): Thread {
    const idle = this.threads.find((t) => t.pending.size === 0);
    if (idle !== undefined) return idle;
    if (this.threads.length < this.size) return this.start();
    return this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private start(): Thread {
    const worker = startWorker<true>(import.meta.url, true);
    const thread: Thread = { worker, pending: new Map() };
    // An idle thread does not keep the process alive.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = thread.pending.get(reply.id);
      if (waiting === undefined) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ('pdf' in reply) waiting.resolve(reply.pdf);
      else waiting.reject(new Error(`rendering the certificate PDF failed: ${reply.error}`));
    });
    // A thread that dies fails what it had, and the next render starts another.
    const lost = (err: Error) => {
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      for (const waiting of thread.pending.values()) waiting.reject(err);
      thread.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`a certificate rendering thread stopped (exit code ${code})`)));
    this.threads.push(thread);
    return thread;
  }
}

/** The worker's side: renders each certificate it is sent, in turn, and sends the bytes back. */
async function serve(): Promise<void> {
  const { renderCertificatePdf } = await import('./pdf.js');
  const port = parentPort!;
  port.on('message', ({ id, input }: Request) => {
    renderCertificatePdf(input).then(
      (pdf) => port.postMessage({ id, pdf } satisfies Reply, [pdf.buffer as ArrayBuffer]),
      (err: unknown) => port.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies Reply),
    );
  });
}

if (workerJob<true>(import.meta.url) !== undefined) await serve();
