/**
 * validateModel: check a model before sending it. The official rules are defined on documents,
 * so the model is written in the target syntax and that document is validated — exactly what the
 * recipient's validator will see.
 */
import type { Invoice } from '../model/types.js';
import { writeXRechnung, type WriteOptions } from '../write/index.js';
import { validate, type ValidationResult } from './engine.js';

export function validateModel(
  model: Invoice,
  options: WriteOptions = { syntax: 'ubl' },
): ValidationResult & { xml: string } {
  const xml = writeXRechnung(model, options);
  return { ...validate(xml), xml };
}
