export * from './queues.js';
export * from './bus.js';
export * from './event-relay.js';
