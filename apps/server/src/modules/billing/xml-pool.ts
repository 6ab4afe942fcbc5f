/**
 * Writes and validates many XRechnung documents (and renders the PDF copies) on worker threads
 * (node:worker_threads), so a run of 1,000 invoices uses every core while the main thread keeps
 * talking to the database and answering requests. Small
 * jobs, and a machine with one core, stay on the calling thread. A worker that cannot start or
 * dies hands its batch back to the calling thread, and the pool is not used again by this process:
 * issuing never depends on workers, only gets faster with them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Invoice } from '@verbund/einvoice';
import { InvoiceValidationError, writeValidated, type XmlSyntax } from './invoice-xml.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import type { PdfItem, WorkerAnswer, WorkerTask } from './xml-worker.js';

/** Models per message: big enough that messaging is cheap, small enough to share work evenly. */
const BATCH = 8;
/** Idle workers end after this long (they hold ~40 MB each); long enough to span preview → issue. */
const IDLE_MS = 120_000;

/**
 * Built, the worker is `xml-worker.js` beside this file. From sources (tsx, vitest) it is the
 * TypeScript entry: a small bootstrap registers tsx's loader in the worker first (passing
 * `--import tsx` does not reach a worker's entry module on Node 20).
 */
function newWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./xml-worker.js', import.meta.url));
  }
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(path.join(path.dirname(pkgPath), pkg.exports['./esm/api']!.import.default)).href;
  const entry = new URL('./xml-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, execArgv: ['--conditions=source'] });
}

class WorkerGone extends Error {}

interface Slot {
  worker: Worker;
  busy: boolean;
  ending?: boolean;
  /** Resolves when the worker has loaded its modules (rejects if it cannot start). */
  ready: Promise<void>;
  pending?: { resolve: (a: WorkerAnswer) => void; reject: (e: unknown) => void };
}

export class XmlPool {
  private slots: Slot[] = [];
  private broken = false;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(readonly size: number) {}

  get usable(): boolean {
    return this.size > 0 && !this.broken;
  }

  private spawn(): Slot {
    let loaded!: () => void;
    let failed!: (e: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      loaded = resolve;
      failed = reject;
    });
    // Nobody may wait for it (a warm-up); a failure is handled by `fail` below.
    ready.catch(() => undefined);
    const slot: Slot = { worker: newWorker(), busy: false, ready };
    const fail = (e: unknown) => {
      failed(e);
      if (!slot.ending) {
        // A worker that cannot start (or crashes) will not do better next time: stay on this thread.
        this.broken = true;
      }
      this.slots = this.slots.filter((s) => s !== slot);
      const p = slot.pending;
      slot.pending = undefined;
      p?.reject(new WorkerGone(e instanceof Error ? e.message : String(e)));
    };
    slot.worker.on('message', (a: WorkerAnswer | { ready: true }) => {
      if ('ready' in a) {
        loaded();
        if (!slot.busy) {
          slot.worker.unref();
        }
        return;
      }
      const p = slot.pending;
      slot.pending = undefined;
      p?.resolve(a);
    });
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`worker exited with ${code}`)));
    // Referenced until it has loaded (someone may be waiting for it), then only while busy: an
    // idle worker never keeps the process alive.
    this.slots.push(slot);
    return slot;
  }

  private send(slot: Slot, task: WorkerTask): Promise<WorkerAnswer> {
    slot.busy = true;
    slot.worker.ref();
    return new Promise<WorkerAnswer>((resolve, reject) => {
      slot.pending = { resolve, reject };
      slot.worker.postMessage(task);
    }).finally(() => {
      slot.busy = false;
      slot.worker.unref();
    });
  }

  /**
   * Starts the workers ahead of a job of `count` documents (a computed run about to be issued),
   * so their start-up does not add to the issue.
   */
  warm(count: number) {
    if (!this.usable || count < 2 * BATCH) {
      return;
    }
    this.touch();
    while (this.slots.length < this.size) {
      this.spawn();
    }
  }

  /**
   * Starts the workers and resolves when all have loaded; false when none could (the work then
   * stays on the calling thread). A server warms the pool at a run's preview; the bench before
   * it starts the clock, and times this apart.
   */
  async start(): Promise<boolean> {
    this.warm(Number.MAX_SAFE_INTEGER);
    await Promise.all(this.slots.map((s) => s.ready.catch(() => undefined)));
    return this.usable && this.slots.length > 0;
  }

  /** Ends the workers now (tests; the idle timer does it otherwise). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const all = this.slots;
    this.slots = [];
    all.forEach((s) => (s.ending = true));
    await Promise.all(all.map((s) => s.worker.terminate()));
  }

  private touch() {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => (this.slots.some((s) => s.busy) ? this.touch() : void this.close()), IDLE_MS);
    this.idleTimer.unref();
  }

  /**
   * Runs `items` in batches on the workers (or here), results in order. `remote` makes a batch's
   * task, `answer` takes the worker's answer apart (or throws the failure it reports), `local`
   * does a batch on this thread.
   */
  private async batches<I, O>(
    items: readonly I[],
    remote: (id: number, batch: I[]) => WorkerTask,
    answer: (a: WorkerAnswer) => O[],
    local: (batch: I[]) => Promise<O[]>,
    onDone?: (n: number) => void,
  ): Promise<O[]> {
    const out = new Array<O>(items.length);
    const queue: { start: number; items: I[] }[] = [];
    for (let i = 0; i < items.length; i += BATCH) {
      queue.push({ start: i, items: items.slice(i, i + BATCH) });
    }
    const here = async (b: { start: number; items: I[] }) => {
      (await local(b.items)).forEach((o, j) => (out[b.start + j] = o));
      onDone?.(b.items.length);
    };
    if (!this.usable || items.length < 2 * BATCH) {
      for (const b of queue) {
        await here(b);
      }
      return out;
    }
    this.warm(items.length);
    let failure: { error: unknown } | undefined;
    const lane = async (slot: Slot) => {
      for (let b = queue.shift(); b && !failure; b = queue.shift()) {
        let a: WorkerAnswer;
        try {
          a = await this.send(slot, remote(this.nextId++, b.items));
        } catch (e) {
          if (!(e instanceof WorkerGone)) {
            throw e;
          }
          // The worker could not start or died: this batch and the rest run here.
          this.broken = true;
          await here(b);
          return;
        }
        try {
          answer(a).forEach((o, j) => (out[b.start + j] = o));
          onDone?.(b.items.length);
        } catch (e) {
          failure = { error: e };
        }
      }
    };
    await Promise.all(this.slots.map(lane));
    if (failure) {
      throw failure.error;
    }
    // Batches left by a broken pool run here.
    for (let b = queue.shift(); b; b = queue.shift()) {
      await here(b);
    }
    this.touch();
    return out;
  }

  /**
   * The XML of every model, in order; `onDone` hears how many documents each finished batch
   * added. Throws InvoiceValidationError for the first document found not valid.
   */
  async writeAll(models: readonly Invoice[], syntax: XmlSyntax, onDone?: (n: number) => void): Promise<string[]> {
    return this.batches(
      models,
      (id, batch) => ({ id, syntax, models: batch }),
      (a) => {
        if ('invalid' in a) {
          throw new InvoiceValidationError(a.invalid.number, a.invalid.errors, a.invalid.messages);
        }
        if ('failed' in a) {
          throw new Error(`XRechnung worker: ${a.failed}`);
        }
        if (!('xml' in a)) {
          throw new Error('XRechnung worker: unexpected answer');
        }
        return a.xml;
      },
      async (batch) => batch.map((m) => writeValidated(m, syntax)),
      onDone,
    );
  }

  /** The PDF copy of every invoice, in order (rendered from the stored model, as on download). */
  async renderPdfs(items: readonly PdfItem[], onDone?: (n: number) => void): Promise<Buffer[]> {
    return this.batches(
      items,
      (id, batch) => ({ id, pdf: batch }),
      (a) => {
        if ('failed' in a) {
          throw new Error(`PDF worker: ${a.failed}`);
        }
        if (!('pdf' in a)) {
          throw new Error('PDF worker: unexpected answer');
        }
        return a.pdf.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength));
      },
      async (batch) => {
        const out: Buffer[] = [];
        for (const i of batch) {
          out.push(await renderInvoicePdf(i.model, i.explanation));
        }
        return out;
      },
      onDone,
    );
  }
}

/** Workers for the process: one per core, at most 4 (the main thread does little meanwhile). */
export const xmlPool = new XmlPool(Math.min(4, os.availableParallelism()) > 1 ? Math.min(4, os.availableParallelism()) : 0);
