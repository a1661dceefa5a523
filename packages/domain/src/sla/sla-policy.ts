import type { SlaPolicyConfig, TierdeskConfig } from '../config-types.js';
import type { Level } from '../levels.js';
import type { Priority } from '../priority.js';

/** The two SLA targets of a ticket (CONTRACT §5 `breaches[].target`). */
export type SlaTarget = 'firstResponse' | 'resolution';
export const SLA_TARGETS: readonly SlaTarget[] = ['firstResponse', 'resolution'];

/** The policy for a level and priority: policies are ordered and the first match wins (CONTRACT §6). */
export function matchPolicy(policies: readonly SlaPolicyConfig[], level: Level, priority: Priority): SlaPolicyConfig | null {
  return policies.find((p) => p.levels.includes(level) && p.priorities.includes(priority)) ?? null;
}

/** A policy by name, as a ticket's `sla.policy` records it; null once the config no longer has it. */
export function findPolicy(config: Pick<TierdeskConfig, 'sla'>, name: string | null | undefined): SlaPolicyConfig | null {
  if (!name) return null;
  return config.sla.policies.find((p) => p.name === name) ?? null;
}
