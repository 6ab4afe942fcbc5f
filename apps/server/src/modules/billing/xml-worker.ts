/**
 * Worker thread entry: writes and validates XRechnung documents for the main thread (xml-pool.ts).
 * Each message is a batch of models; the answer has the XML of each, or the validation failure of
 * the first one that is not valid.
 */
import { parentPort } from 'node:worker_threads';
import type { Invoice } from '@verbund/einvoice';
import { InvoiceValidationError, writeValidated, type XmlSyntax } from './invoice-xml.js';

export interface XmlTask {
  id: number;
  syntax: XmlSyntax;
  models: Invoice[];
}

export type XmlAnswer =
  | { id: number; xml: string[] }
  | { id: number; invalid: { number: string; errors: string[]; messages: string[] } }
  | { id: number; failed: string };

// Loaded (imports included): the pool may count on this worker now.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (task: XmlTask) => {
  let answer: XmlAnswer;
  try {
    answer = { id: task.id, xml: task.models.map((m) => writeValidated(m, task.syntax)) };
  } catch (e) {
    answer =
      e instanceof InvoiceValidationError
        ? { id: task.id, invalid: { number: e.number, errors: e.errors, messages: e.messages } }
        : { id: task.id, failed: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(answer);
});
