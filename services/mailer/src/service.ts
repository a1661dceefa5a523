import type { Runtime, Service } from '@tierdesk/runtime';
import { createNotifyProcessor } from './notify-processor.js';
import { createOutboundProcessor } from './outbound-processor.js';

export function createMailerService(rt: Runtime): Service {
  const workers: Array<{ close(): Promise<void> }> = [];
  return {
    name: 'mailer',
    async start() {
      workers.push(rt.bus.consume('notify', createNotifyProcessor(rt), { concurrency: 8 }));
      workers.push(rt.bus.consume('outbound', createOutboundProcessor(rt), { concurrency: 4 }));
    },
    async stop() {
      await Promise.all(workers.splice(0).map((w) => w.close()));
    },
  };
}
