import type { Runtime, Service } from '@tierdesk/runtime';
import { createNotifyProcessor } from './notify-processor.js';
import { createOutboundProcessor } from './outbound-processor.js';
import { outboundFailedListener } from './dead-letter.js';

export function createMailerService(rt: Runtime): Service {
  const workers: Array<{ close(): Promise<void> }> = [];
  return {
    name: 'mailer',
    async start() {
      workers.push(rt.bus.consume('notify', createNotifyProcessor(rt), { concurrency: 8 }));
      const outbound = rt.bus.consume('outbound', createOutboundProcessor(rt), { concurrency: 4 });
      // An email that failed for good: dead-letter record + an agent told (see dead-letter.ts).
      outbound.on('failed', outboundFailedListener(rt));
      workers.push(outbound);
    },
    async stop() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
  };
}
