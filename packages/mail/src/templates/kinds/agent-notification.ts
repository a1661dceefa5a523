import { agentFooter, ticketFields, type KindTemplate } from '../common.js';
import { agentExtras, customerReplied } from './agent-context.js';

/**
 * `agent-notification`: a ticket arrived at or moved to the agent's level, and why; or, with
 * `customerReply`, the customer wrote again (their reply quoted first).
 */
export const agentNotification: KindTemplate = {
  audience: 'agent',
  render: {
    en: (ctx, f, reply = customerReplied(ctx, f)) => ({
      subject: reply?.subject ?? `Level ${ctx.ticket.level} ticket for you: ${f.subject}`,
      blocks: [
        ...(reply?.blocks ?? [`Ticket ${f.ticketId} is at ${f.level(ctx.ticket.level)}, which you handle.`]),
        ...agentExtras(ctx, f),
        { fields: ticketFields(ctx, f, 'agent') },
        `Answer the customer with POST ${f.apiPath}/reply, escalate with POST ${f.apiPath}/escalate, close it with POST ${f.apiPath}/resolve.`,
        agentFooter(f),
      ],
    }),
    fr: (ctx, f, reply = customerReplied(ctx, f)) => ({
      subject: reply?.subject ?? `Ticket de niveau ${ctx.ticket.level} pour vous : ${f.subject}`,
      blocks: [
        ...(reply?.blocks ?? [`Le ticket ${f.ticketId} est au ${f.level(ctx.ticket.level)}, que vous prenez en charge.`]),
        ...agentExtras(ctx, f),
        { fields: ticketFields(ctx, f, 'agent') },
        `Répondre au client : POST ${f.apiPath}/reply ; escalader : POST ${f.apiPath}/escalate ; clore : POST ${f.apiPath}/resolve.`,
        agentFooter(f),
      ],
    }),
    de: (ctx, f, reply = customerReplied(ctx, f)) => ({
      subject: reply?.subject ?? `Level-${ctx.ticket.level}-Ticket für Sie: ${f.subject}`,
      blocks: [
        ...(reply?.blocks ?? [`Ticket ${f.ticketId} liegt auf ${f.level(ctx.ticket.level)}, das Sie betreuen.`]),
        ...agentExtras(ctx, f),
        { fields: ticketFields(ctx, f, 'agent') },
        `Dem Kunden antworten: POST ${f.apiPath}/reply; eskalieren: POST ${f.apiPath}/escalate; abschließen: POST ${f.apiPath}/resolve.`,
        agentFooter(f),
      ],
    }),
  },
};
