import { pino, stdTimeFunctions } from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { REDACTED, redactSecrets } from './redact-secrets.js';
import { redactString } from './redact-string.js';
import { serializeError } from './serialize-error.js';

export interface CreateLoggerOptions {
  /** pino level name; `info` when omitted. */
  level?: string;
  /** Added to every line as `name` (usually the service). */
  name?: string;
  /** Where lines go; stdout when omitted. */
  destination?: DestinationStream | NodeJS.WritableStream;
}

const SECRET_FIELDS = ['token', 'apiToken', 'password', 'pass', 'secret', 'consentSecret', 'authorization', 'cookie'];

/** Fast-path pino redaction for the usual places; the deep walk below catches everything else. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * The one pino factory of Tierdesk: JSON lines, ISO timestamps, `err` with its code, and no
 * secrets at any level — known keys are censored, every value is deep-redacted, and each
 * finished line is scanned once more for credentials in free text (messages, stacks).
 */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: { err: (err: unknown) => redactSecrets(serializeError(err)) },
    formatters: {
      log: (obj) => asRecord(redactSecrets(obj)),
      bindings: (bindings) => asRecord(redactSecrets(bindings)),
    },
    hooks: { streamWrite: redactString },
  };
  if (opts.name !== undefined) options.name = opts.name;
  return opts.destination ? pino(options, opts.destination as DestinationStream) : pino(options);
}
