export * from './main.js';
export * from './start.js';
export * from './exit.js';
export * from './context.js';
