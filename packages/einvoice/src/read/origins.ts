/**
 * Where each model object came from in the document, so model-level rules can report an XPath
 * location without the model itself carrying syntax details.
 */
import type { XElement } from '../xml/parse.js';

export class Origins {
  private readonly map = new WeakMap<object, XElement>();

  set(obj: object, el: XElement): void {
    this.map.set(obj, el);
  }

  get(obj: object): XElement | undefined {
    return this.map.get(obj);
  }
}
