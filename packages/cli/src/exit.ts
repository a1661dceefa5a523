import { TierdeskError } from '@tierdesk/domain';

/** Exit codes: 0 ok, 1 the command failed, 2 configuration or environment is wrong (CONTRACT §1). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

const CONFIG_CODES = new Set(['CONFIG_INVALID', 'REDIS_UNREACHABLE']);

/** A one-paragraph message for people; the stack only when LOG_LEVEL=debug asks for it. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const debug = (process.env.LOG_LEVEL ?? '').toLowerCase() === 'debug' || (process.env.LOG_LEVEL ?? '').toLowerCase() === 'trace';
  if (err instanceof TierdeskError) {
    stderr.write(`tierdesk: ${err.message} [${err.code}]\n`);
    if (debug && err.stack) stderr.write(`${err.stack}\n`);
    return CONFIG_CODES.has(err.code) ? EXIT_CONFIG : EXIT_FAILED;
  }
  const e = err as Error;
  stderr.write(`tierdesk: ${e?.message ?? String(err)}\n`);
  if (debug && e?.stack) stderr.write(`${e.stack}\n`);
  return EXIT_FAILED;
}
