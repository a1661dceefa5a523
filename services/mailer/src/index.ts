export * from './queue-email.js';
export * from './notify-processor.js';
export * from './outbound-processor.js';
export * from './service.js';
export * from './dead-letter.js';
