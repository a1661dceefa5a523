export * from './demo-mails.js';
export * from './send-demo-mail.js';
export * from './run-demo.js';
export * from './demo-table.js';
