/** How long to wait before reconnecting: exponential, capped, with jitter so processes spread out. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_IMAP_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 5 * 60_000 };

/** `failures` counts the failed attempts in a row (1 after the first); `random` is in [0, 1). */
export function backoffDelay(failures: number, opts: BackoffOptions, random: number): number {
  const exp = opts.initialMs * 2 ** Math.max(0, Math.min(failures - 1, 30));
  const capped = Math.min(opts.maxMs, exp);
  // ±20 % so a fleet that lost the server together does not come back in lockstep.
  return Math.round(capped * (0.8 + 0.4 * random));
}
