export * from './console-plugin.js';
export * from './html.js';
export * from './i18n.js';
export * from './session.js';
export * from './sla-view.js';
export * from './queue-data.js';
export * from './triage-review.js';
export * from './triage-corrections.js';
