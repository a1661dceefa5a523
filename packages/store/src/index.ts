export * from './keys.js';
export * from './ticket-store.js';
export * from './inbound-store.js';
