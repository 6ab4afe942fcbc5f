/**
 * Worker thread entry for xml-pool.ts: writes and validates XRechnung documents, or renders PDF
 * copies. Each message is a batch; the answer has the XML or PDF of each, or the validation failure
 * of the first document that is not valid.
 */
import { parentPort } from 'node:worker_threads';
import type { Invoice } from '@verbund/einvoice';
import type { StoredExplanation } from './billing.schema.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { InvoiceValidationError, writeValidated, type XmlSyntax } from './invoice-xml.js';

export interface XmlTask {
  id: number;
  syntax: XmlSyntax;
  models: Invoice[];
}

/** An issued invoice's model and explanation, for its PDF copy. */
export interface PdfItem {
  model: Invoice;
  explanation: StoredExplanation[];
}

export interface PdfTask {
  id: number;
  pdf: PdfItem[];
}

export type WorkerTask = XmlTask | PdfTask;

export type WorkerAnswer =
  | { id: number; xml: string[] }
  | { id: number; pdf: Uint8Array[] }
  | { id: number; invalid: { number: string; errors: string[]; messages: string[] } }
  | { id: number; failed: string };

async function run(task: WorkerTask): Promise<WorkerAnswer> {
  if ('pdf' in task) {
    const pdf: Uint8Array[] = [];
    for (const i of task.pdf) {
      pdf.push(await renderInvoicePdf(i.model, i.explanation));
    }
    return { id: task.id, pdf };
  }
  return { id: task.id, xml: task.models.map((m) => writeValidated(m, task.syntax)) };
}

// Loaded (imports included): the pool may count on this worker now.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (task: WorkerTask) => {
  void answer(task);
});

async function answer(task: WorkerTask) {
  let reply: WorkerAnswer;
  try {
    reply = await run(task);
  } catch (e) {
    reply =
      e instanceof InvoiceValidationError
        ? { id: task.id, invalid: { number: e.number, errors: e.errors, messages: e.messages } }
        : { id: task.id, failed: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
}
