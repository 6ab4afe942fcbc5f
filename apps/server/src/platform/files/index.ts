export * from './files.js';
export { LocalFileStore } from './local-store.js';
export { storeChecked } from './upload.js';
export { simplePdf } from './pdf.js';
