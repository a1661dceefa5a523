export * from './consent-errors.js';
export * from './consent-token.js';
export * from './consent-state.js';
export * from './consent-reply.js';
export * from './keep-in-house.js';
export * from './unusable-grant.js';
export * from './shared-items.js';
