/**
 * Where each model object came from in the document, so model-level rules can report an XPath
 * location without the model itself carrying syntax details.
 */
import type { XElement } from '../xml/parse.js';

export class Origins {
  /**
   * A plain Map, not a WeakMap: an Origins lives exactly as long as the document it was read
   * from, and ephemeron tables cost extra work in every garbage collection.
   */
  private readonly map = new Map<object, XElement>();

  set(obj: object, el: XElement): void {
    this.map.set(obj, el);
  }

  get(obj: object): XElement | undefined {
    return this.map.get(obj);
  }
}
