export * from './queues.js';
export * from './bus.js';
export * from './event-relay.js';
export * from './job-stats.js';
export * from './dead-letters.js';
