import { TierdeskError, agentsForLevel } from '@tierdesk/domain';
import type { Runtime, Service } from '@tierdesk/runtime';
import { callbackDeps } from './callback-deps.js';
import { createCallbackEventProcessor } from './event-processor.js';
import { createCallbackTimerProcessor } from './timer-processor.js';

/**
 * The callback scheduler cannot run without a level-2 agent to book (issue 5, "Bad input"). The
 * config check already refuses a team with agents but none at level 2; a config with no agents at
 * all stays valid (a minimal file, other services), so starting this service says it instead.
 * Code CONFIG_INVALID: the CLI prints the paragraph and exits 2 (CONTRACT §1).
 */
export class NoLevel2AgentsError extends TierdeskError {
  constructor(source: string) {
    const message =
      'no agent has level 2 in its "levels", so level-2 tickets could not be called back';
    super(
      'CONFIG_INVALID',
      `Invalid configuration in ${source}: agents: ${message}. Add a level-2 agent, e.g. {"email": "jonas@example.com", "name": "Jonas", "levels": [2], "timezone": "Europe/Berlin"}, or leave callback-scheduler out of \`tierdesk start --only\`.`,
      { source, issues: [{ path: 'agents', message }] },
    );
  }
}

/** The level-2 callback scheduler: books, moves and cancels callbacks, and sends their reminders. */
export function createCallbackSchedulerService(rt: Runtime): Service {
  const workers: Array<{ close(): Promise<void> }> = [];
  const log = rt.logger.child({ service: 'callback-scheduler' });
  return {
    name: 'callback-scheduler',
    async start() {
      if (agentsForLevel(rt.config, 2).length === 0) throw new NoLevel2AgentsError(rt.env.configPath);
      const deps = callbackDeps(rt);
      workers.push(rt.bus.consume('callbacks', createCallbackEventProcessor(deps), { concurrency: 4 }));
      workers.push(rt.bus.consume('callback-timers', createCallbackTimerProcessor(deps), { concurrency: 4 }));
      log.info('callback scheduler started');
    },
    async stop() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
  };
}
