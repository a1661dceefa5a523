export * from './runtime.js';
export * from './service.js';
