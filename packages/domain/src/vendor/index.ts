export * from './vendor-errors.js';
export * from './vendor-lookup.js';
export * from './iso-duration.js';
export * from './vendor-handoff.js';
export * from './handoff-text.js';
export * from './level4-arrival.js';
