import type { Command } from 'commander';
import { registerVendorCommands } from './commands-vendor.js';

/** Commands of the services beyond the foundation (sla, jobs, callbacks, vendors) register here. */
export function registerExtraCommands(program: Command): void {
  registerVendorCommands(program);
}
