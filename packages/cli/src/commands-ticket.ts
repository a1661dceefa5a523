import type { Command } from 'commander';
import { changePriorityAction, escalateTicket, parseTicketListQuery, replyToTicket, resolveTicketAction } from '@tierdesk/api';
import { TicketNotFoundError, type Ticket } from '@tierdesk/domain';
import { withRuntime } from './context.js';

function line(t: Ticket): string {
  return [t.id.padEnd(7), `L${t.level}`, t.status.padEnd(18), t.priority.padEnd(6), t.customer.email.padEnd(30), t.subject].join('  ');
}

function print(out: unknown, json: boolean, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(out, null, 2)}\n` : `${text()}\n`);
}

export function registerTicketCommands(program: Command): void {
  const ticket = program.command('ticket').description('list, show and act on tickets');
  ticket
    .command('list')
    .option('--status <status>')
    .option('--level <n>')
    .option('--customer <email>')
    .option('--limit <n>', 'page size', '50')
    .option('--cursor <cursor>')
    .option('--json', 'print JSON')
    .action(async (o: { status?: string; level?: string; customer?: string; limit: string; cursor?: string; json?: boolean }) => {
      const query = parseTicketListQuery({ status: o.status, level: o.level, customer: o.customer, limit: o.limit, cursor: o.cursor });
      const page = await withRuntime((rt) => rt.store.list(query));
      print(page, Boolean(o.json), () => (page.tickets.length ? page.tickets.map(line).join('\n') : 'no tickets') + (page.next ? `\n(more: --cursor ${page.next})` : ''));
    });
  ticket
    .command('show <id>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const t = await withRuntime((rt) => rt.store.getWithEvents(id.toUpperCase()));
      if (!t) throw new TicketNotFoundError(id);
      print(t, Boolean(o.json), () =>
        [
          line(t),
          `category ${t.category ?? '-'}, language ${t.language}, SLA ${t.sla.policy ?? 'none'} (first response ${t.sla.firstResponseDue ?? '-'}, resolution ${t.sla.resolutionDue ?? '-'})`,
          ...t.events.map((e) => `  ${e.at}  ${e.type}`),
        ].join('\n'),
      );
    });
  ticket
    .command('escalate <id>')
    .requiredOption('--level <n>')
    .requiredOption('--reason <text>')
    .option('--agent <email>')
    .option('--json')
    .action(async (id: string, o: { level: string; reason: string; agent?: string; json?: boolean }) => {
      const t = await withRuntime((rt) => escalateTicket(rt, id.toUpperCase(), { level: Number(o.level), reason: o.reason, ...(o.agent ? { agent: o.agent } : {}) }));
      print(t, Boolean(o.json), () => line(t));
    });
  ticket
    .command('reply <id>')
    .requiredOption('--body <text>')
    .requiredOption('--agent <email>')
    .option('--json')
    .action(async (id: string, o: { body: string; agent: string; json?: boolean }) => {
      const t = await withRuntime((rt) => replyToTicket(rt, id.toUpperCase(), { body: o.body, agent: o.agent }));
      print(t, Boolean(o.json), () => line(t));
    });
  ticket
    .command('resolve <id>')
    .requiredOption('--resolution <text>')
    .option('--agent <email>')
    .option('--json')
    .action(async (id: string, o: { resolution: string; agent?: string; json?: boolean }) => {
      const t = await withRuntime((rt) => resolveTicketAction(rt, id.toUpperCase(), { resolution: o.resolution, ...(o.agent ? { agent: o.agent } : {}) }));
      print(t, Boolean(o.json), () => line(t));
    });
  ticket
    .command('priority <id>')
    .description('set low, normal, high or urgent; the SLA policy is picked anew, its deadlines counted from the clock\'s start')
    .requiredOption('--priority <priority>', 'low | normal | high | urgent')
    .option('--reason <text>')
    .option('--agent <email>')
    .option('--json')
    .action(async (id: string, o: { priority: string; reason?: string; agent?: string; json?: boolean }) => {
      const t = await withRuntime((rt) => changePriorityAction(rt, id.toUpperCase(), { priority: o.priority, reason: o.reason, ...(o.agent ? { agent: o.agent } : {}) }));
      // The SLA timer re-arms from the event a moment later: `ticket show` then has the new deadlines.
      print(t, Boolean(o.json), () => line(t));
    });
}
