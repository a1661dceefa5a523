import { serializeError } from './serialize-error.js';
import { redactString } from './redact-string.js';

/** What a secret value is replaced with in logs. */
export const REDACTED = '[redacted]';

/**
 * Key names whose values are secrets, compared lower-case with `-`/`_` removed. One list for
 * every logger, so a new secret field is redacted everywhere at once.
 */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'token',
  'apitoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'consenttoken',
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'consentsecret',
  'clientsecret',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'apikey',
  'xapikey',
  'privatekey',
  'passphrase',
  'credentials',
]);

const SECRET_SUFFIXES = ['token', 'secret', 'password'];
const MAX_DEPTH = 12;

/** Whether a property named `key` holds a secret. */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.has(k) || SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function redactDeep(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[Truncated]';
  if (value instanceof Error) return redactDeep(serializeError(value), depth, seen);
  if (value instanceof URL) return redactString(value.href);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
    // Dates, Buffers, Maps and friends keep their own JSON form; only data objects are walked.
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretKey(key) && v !== null && v !== undefined ? REDACTED : redactDeep(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * A copy of `value` with secrets removed: values under secret keys become `[redacted]`, and
 * strings lose URL credentials, bearer tokens and the like. Errors become plain objects.
 */
export function redactSecrets(value: unknown): unknown {
  return redactDeep(value, 0, new WeakSet());
}
