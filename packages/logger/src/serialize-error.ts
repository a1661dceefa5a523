import { stdSerializers } from 'pino';

/** The JSON form of an error in logs: type, message, stack, `code` and its own fields. */
export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  [key: string]: unknown;
}

/**
 * Serializes errors with their `code` (TierdeskError, Node system errors) and causes. The result
 * is not yet redacted: callers pass it through `redactSecrets`.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const std = stdSerializers.err(err) as unknown as Record<string, unknown>;
  const out: SerializedError = { type: String(std.type ?? err.name), message: String(std.message ?? err.message) };
  for (const key of Object.keys(std)) {
    if (key !== 'raw' && std[key] !== undefined) out[key] = std[key];
  }
  const code = (err as { code?: unknown }).code;
  if (out.code === undefined && (typeof code === 'string' || typeof code === 'number')) out.code = code;
  return out;
}
