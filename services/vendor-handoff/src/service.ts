import type { Runtime, Service } from '@tierdesk/runtime';
import { createVendorEventProcessor } from './vendor-event-processor.js';
import { createVendorTimerProcessor } from './vendor-timers.js';

/** Level 4: consent requests, vendor handoff, vendor replies and follow-ups. */
export function createVendorHandoffService(rt: Runtime): Service {
  const workers: Array<{ close(): Promise<void> }> = [];
  return {
    name: 'vendor-handoff',
    async start() {
      workers.push(rt.bus.consume('vendor', createVendorEventProcessor(rt), { concurrency: 4 }));
      workers.push(rt.bus.consume('vendor-timers', createVendorTimerProcessor(rt), { concurrency: 4 }));
    },
    async stop() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
  };
}
