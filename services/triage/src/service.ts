import type { Runtime, Service } from '@tierdesk/runtime';
import { createTriageProcessor } from './triage-processor.js';

export function createTriageService(rt: Runtime): Service {
  let worker: { close(): Promise<void> } | null = null;
  return {
    name: 'triage',
    async start() {
      worker = rt.bus.consume('triage', createTriageProcessor(rt), { concurrency: 8 });
    },
    async stop() {
      await worker?.close();
      worker = null;
    },
  };
}
