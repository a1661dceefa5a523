import { agentsForLevel, type Level, type Ticket } from '@tierdesk/domain';
import type { TemplateContext } from '@tierdesk/mail';
import { queueTicketEmail } from '@tierdesk/mailer';
import type { Runtime } from '@tierdesk/runtime';

/**
 * Tells every agent of `level` about the ticket with an `agent-notification`; `key` names the
 * cause, so a retried job sends nothing twice and distinct causes never collide.
 */
export async function notifyAgents(rt: Runtime, ticket: Ticket, level: Level, key: string, reason: string, context: Partial<TemplateContext> = {}): Promise<number> {
  const agents = agentsForLevel(rt.config, level);
  for (const a of agents) {
    await queueTicketEmail(rt, ticket, {
      kind: 'agent-notification',
      to: { address: a.email, name: a.name },
      language: a.language,
      key: `${key}:agent:${a.email}`,
      inReplyTo: null,
      context: { reason, ...context },
    });
  }
  return agents.length;
}
