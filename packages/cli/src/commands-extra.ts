import type { Command } from 'commander';

/** Commands of the services beyond the foundation (sla, jobs, callbacks, vendors) register here. */
export function registerExtraCommands(_program: Command): void {}
