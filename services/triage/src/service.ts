import type { Runtime, Service } from '@tierdesk/runtime';
import { createSelfHelpProcessor, createSelfHelpTimerProcessor } from './selfhelp.js';
import { createTriageProcessor } from './triage-processor.js';

export function createTriageService(rt: Runtime): Service {
  const workers: Array<{ close(): Promise<void> }> = [];
  return {
    name: 'triage',
    async start() {
      workers.push(rt.bus.consume('triage', createTriageProcessor(rt), { concurrency: 8 }));
      workers.push(rt.bus.consume('selfhelp', createSelfHelpProcessor(rt), { concurrency: 4 }));
      workers.push(rt.bus.consume('selfhelp-timers', createSelfHelpTimerProcessor(rt), { concurrency: 2 }));
    },
    async stop() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
  };
}
