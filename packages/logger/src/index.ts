export { createLogger, REDACT_PATHS } from './create-logger.js';
export type { CreateLoggerOptions } from './create-logger.js';
export type { Logger } from 'pino';
export { redactUrl, redactString } from './redact-string.js';
export { redactSecrets, isSecretKey, SECRET_KEYS, REDACTED } from './redact-secrets.js';
export { serializeError } from './serialize-error.js';
export type { SerializedError } from './serialize-error.js';
