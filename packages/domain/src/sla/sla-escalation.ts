import type { TierdeskConfig } from '../config-types.js';
import type { Level } from '../levels.js';
import type { Ticket } from '../ticket.js';
import { findPolicy, matchPolicy, type SlaTarget } from './sla-policy.js';

/**
 * The level a breach escalates the ticket to: one up (at most 4) when the policy whose clock
 * breached says `escalateOnBreach`, else null.
 */
export function slaEscalationOnBreach(ticket: Ticket, config: TierdeskConfig): Level | null {
  const policy = findPolicy(config, ticket.sla.policy) ?? matchPolicy(config.sla.policies, ticket.level, ticket.priority);
  if (!policy?.escalateOnBreach || ticket.level >= 4) return null;
  return (ticket.level + 1) as Level;
}

/** The reason an automatic escalation on breach gives (shown to the agents it notifies). */
export function slaEscalationReason(policy: string | null, target: SlaTarget, due: string): string {
  const what = target === 'firstResponse' ? 'first response' : 'resolution';
  return `SLA ${policy ? `"${policy}" ` : ''}${what} deadline ${due} breached`;
}
