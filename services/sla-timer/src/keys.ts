/**
 * The sla-timer's own Redis keys. They live under `slatimer:`, not `sla:`, because BullMQ owns
 * `${prefix}:sla:*` for the `sla` queue (and obliterating that queue would delete them).
 * Wire contract: other processes (/metrics) read these; rename with care.
 */
export interface SlaTimerKeys {
  /**
   * Sorted set: ticket id → epoch ms of its one armed timer. The record of what is armed (the
   * job id follows from it), and the time index the sweep and the watchdog read. (`sla list`
   * reads the tickets instead: a ticket with every deadline breached has no timer armed.)
   */
  armed: string;
  /** Hash: lateness histogram buckets (`le:<ms>`, `le:+Inf`), `count`, `sum`, `count:<kind>`. */
  lateness: string;
  /** List: the most recent latenesses in ms, newest first, capped. */
  latenessRecent: string;
}

export function slaTimerKeys(prefix: string): SlaTimerKeys {
  const k = (...parts: string[]) => [prefix, 'slatimer', ...parts].join(':');
  return { armed: k('armed'), lateness: k('lateness'), latenessRecent: k('lateness', 'recent') };
}
