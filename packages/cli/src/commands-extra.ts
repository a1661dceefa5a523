import type { Command } from 'commander';
import { registerCallbackCommands } from './commands-callback.js';
import { registerDemoCommands } from './commands-demo.js';
import { registerJobsCommands } from './commands-jobs.js';
import { registerHealthCommand } from './commands-health.js';
import { registerSlaCommands } from './commands-sla.js';
import { registerVendorCommands } from './commands-vendor.js';

/** Commands of the services beyond the foundation (sla, jobs, callbacks, vendors) register here. */
export function registerExtraCommands(program: Command): void {
  registerVendorCommands(program);
  registerSlaCommands(program);
  registerCallbackCommands(program);
  registerDemoCommands(program);
  registerJobsCommands(program);
  registerHealthCommand(program);
}
