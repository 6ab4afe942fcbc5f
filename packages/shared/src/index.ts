export * from './organisations.js';
export * from './permissions.js';
export * from './ids.js';
