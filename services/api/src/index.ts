export * from './auth.js';
export * from './errors.js';
export * from './ticket-actions.js';
export * from './routes-tickets.js';
export * from './server.js';
export * from './metrics.js';
export * from './admin.js';
export * from './rate-limit.js';
