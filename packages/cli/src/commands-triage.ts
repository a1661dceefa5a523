import type { Command } from 'commander';
import { reviewTriage, TriageCorrections } from '@tierdesk/console';
import { InvalidInputError } from '@tierdesk/domain';
import { withRuntime } from './context.js';

interface TriageOptions {
  confirm?: boolean;
  level?: string;
  category?: string;
  reason?: string;
  agent?: string;
  json?: boolean;
}

/** `tierdesk ticket triage TD-n (--confirm | --level n [--category c])`: POST /api/tickets/:id/triage at a terminal. */
function registerTicketTriageCommand(program: Command): void {
  const ticket = program.commands.find((c) => c.name() === 'ticket') ?? program.command('ticket');
  ticket
    .command('triage <id>')
    .description("confirm a ticket's triage, or correct its level (moves the ticket) and category; kept as a labelled example")
    .option('--confirm', 'the classification is right')
    .option('--level <n>', 'the right level, 0 to 4')
    .option('--category <category>', 'the right category (with --level; default: keep the ticket\'s)')
    .option('--reason <text>')
    .option('--agent <email>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: TriageOptions) => {
      if (Boolean(o.confirm) === (o.level !== undefined)) throw new InvalidInputError('Give exactly one of --confirm or --level.', { field: 'confirm' });
      const body = {
        ...(o.confirm ? { confirm: true } : { level: Number(o.level) }),
        ...(o.category !== undefined ? { category: o.category } : {}),
        ...(o.reason !== undefined ? { reason: o.reason } : {}),
        ...(o.agent !== undefined ? { agent: o.agent } : {}),
      };
      const t = await withRuntime((rt) => reviewTriage(rt, id.toUpperCase(), body));
      const verdict = t.flags.includes('triage-confirmed') ? 'triage confirmed' : 'triage corrected';
      process.stdout.write(o.json ? `${JSON.stringify(t, null, 2)}\n` : `${t.id}  L${t.level}  ${t.status}  ${t.category ?? '-'}  ${verdict}\n`);
    });
}

/**
 * `tierdesk triage corrections [--jsonl]`: the labelled examples agents left (one per ticket, its
 * latest confirmation or correction). JSON lines carry `subject`/`body`/`from` plus the
 * label, so they can go straight back into `tierdesk classify --jsonl`.
 */
export function registerTriageCommands(program: Command): void {
  registerTicketTriageCommand(program);
  const triage = program.commands.find((c) => c.name() === 'triage') ?? program.command('triage').description('triage tools');
  triage
    .command('corrections')
    .description('export the triage confirmations and corrections agents made, one per ticket')
    .option('--jsonl', 'one JSON object per line (for tooling)')
    .action(async (o: { jsonl?: boolean }) => {
      await withRuntime(async (rt) => {
        const store = new TriageCorrections(rt.redis, rt.env.prefix);
        let n = 0;
        for await (const c of store.all()) {
          n++;
          if (o.jsonl) process.stdout.write(`${JSON.stringify(c)}\n`);
          else {
            const was = `L${c.predicted.level}/${c.predicted.category ?? '-'}`;
            const now = `L${c.level}/${c.category ?? '-'}`;
            process.stdout.write(`${c.at}  ${c.ticketId.padEnd(7)}  ${c.verdict.padEnd(9)}  ${was.padEnd(18)} → ${now.padEnd(18)}  ${c.agent}  ${c.subject}\n`);
          }
        }
        if (!o.jsonl && n === 0) process.stdout.write('no triage corrections yet (agents confirm or correct triage on the console ticket page or with tierdesk ticket triage)\n');
      });
    });
}
