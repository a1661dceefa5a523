import { agentsForLevel } from '@tierdesk/domain';
import type { Runtime, Service } from '@tierdesk/runtime';
import { callbackDeps } from './callback-deps.js';
import { createCallbackEventProcessor } from './event-processor.js';
import { createCallbackTimerProcessor } from './timer-processor.js';

/** The level-2 callback scheduler: books, moves and cancels callbacks, and sends their reminders. */
export function createCallbackSchedulerService(rt: Runtime): Service {
  const workers: Array<{ close(): Promise<void> }> = [];
  const log = rt.logger.child({ service: 'callback-scheduler' });
  return {
    name: 'callback-scheduler',
    async start() {
      const deps = callbackDeps(rt);
      // The config check refuses level-2-less teams once any agent is configured; with none at
      // all, level-2 tickets are flagged instead of booked.
      if (agentsForLevel(rt.config, 2).length === 0) log.warn('no level-2 agents configured: level-2 tickets will be flagged "callback-unschedulable"');
      workers.push(rt.bus.consume('callbacks', createCallbackEventProcessor(deps), { concurrency: 4 }));
      workers.push(rt.bus.consume('callback-timers', createCallbackTimerProcessor(deps), { concurrency: 4 }));
      log.info('callback scheduler started');
    },
    async stop() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
  };
}
