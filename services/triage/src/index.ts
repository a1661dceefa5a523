export * from './inbound-message.js';
export * from './triage-processor.js';
export * from './service.js';
export * from './selfhelp.js';
