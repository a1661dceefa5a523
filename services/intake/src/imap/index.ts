export * from './imap-settings.js';
export * from './imap-backoff.js';
export * from './imap-lease.js';
export * from './imap-errors.js';
export * from './imap-mailbox.js';
export * from './imap-intake.js';
export * from './imap-for-runtime.js';
