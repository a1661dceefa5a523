import type { Worker } from 'bullmq';
import type { Runtime, Service } from '@tierdesk/runtime';
import { SLA_TIMER_QUEUE, SLA_TIMER_WORKER_OPTIONS } from './arm-timer.js';
import { createSlaProcessor } from './sla-processor.js';
import { rearmOverdueSlaTimers, sweepSlaTimers } from './sweep.js';
import { createSlaTimerProcessor } from './timer-processor.js';

export interface SlaTimerServiceOptions {
  /** Workers for ticket events (default 8) and for firing timers (default 32). */
  eventConcurrency?: number;
  timerConcurrency?: number;
  /** Start-up sweep for lost timers (default on, at most `sweepLimit` tickets). */
  sweep?: boolean;
  sweepLimit?: number;
  /** How often overdue records are checked for a lost job (default 30 s; 0 = never). */
  watchdogMs?: number;
}

/** The `sla-timer` service: SLA clocks from ticket events, and their timers firing on time. */
export function createSlaTimerService(rt: Runtime, opts: SlaTimerServiceOptions = {}): Service {
  const log = rt.logger.child({ service: 'sla-timer' });
  const workers: Worker[] = [];
  let abort: AbortController | null = null;
  let sweeping: Promise<void> | null = null;
  let watchdog: NodeJS.Timeout | null = null;
  let running = false;
  return {
    name: 'sla-timer',
    async start() {
      workers.push(rt.bus.consume('sla', createSlaProcessor(rt), { concurrency: opts.eventConcurrency ?? 8 }) as unknown as Worker);
      workers.push(rt.bus.consume(SLA_TIMER_QUEUE, createSlaTimerProcessor(rt), { ...SLA_TIMER_WORKER_OPTIONS, concurrency: opts.timerConcurrency ?? 32 }) as unknown as Worker);
      running = true;
      abort = new AbortController();
      if (opts.sweep !== false) {
        const signal = abort.signal;
        sweeping = sweepSlaTimers(rt, { limit: opts.sweepLimit ?? 100_000, signal }).then(
          (r) => log[r.truncated ? 'warn' : 'info'](r, r.truncated ? 'sla timer sweep stopped at its limit' : 'sla timer sweep done'),
          (err: unknown) => log.error({ err }, 'sla timer sweep failed; timers are re-armed on the next ticket change'),
        );
      }
      const every = opts.watchdogMs ?? 30_000;
      if (every > 0) {
        watchdog = setInterval(() => {
          rearmOverdueSlaTimers(rt, every).then(
            (n) => n > 0 && log.warn({ rearmed: n }, 're-armed overdue sla timers whose job was lost'),
            (err: unknown) => log.debug({ err }, 'sla timer watchdog: redis error'),
          );
        }, every);
        watchdog.unref();
      }
    },
    async stop() {
      running = false;
      if (watchdog) clearInterval(watchdog);
      abort?.abort();
      await sweeping;
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
    healthy() {
      return running && workers.every((w) => w.isRunning());
    },
  };
}
