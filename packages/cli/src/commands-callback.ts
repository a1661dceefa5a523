import type { Command } from 'commander';
import { InvalidInputError, type Ticket } from '@tierdesk/domain';
import { recordCallbackOutcome } from '@tierdesk/callback-scheduler';
import { withRuntime } from './context.js';

function print(t: Ticket, json: boolean): void {
  const cb = t.callback;
  const text = `${t.id}  L${t.level}  ${t.status}  callback ${cb ? `${cb.status} ${cb.slotStart} ${cb.agent} (attempt ${cb.attempts})` : '-'}`;
  process.stdout.write(json ? `${JSON.stringify(t, null, 2)}\n` : `${text}\n`);
}

/** `tierdesk ticket callback TD-n --outcome reached|no-answer`: the callback outcome of CONTRACT §4. */
export function registerCallbackCommands(program: Command): void {
  const ticket = program.commands.find((c) => c.name() === 'ticket') ?? program.command('ticket');
  ticket
    .command('callback <id>')
    .description('record how a level-2 callback went; no answer books the next attempt, or escalates after the last')
    .requiredOption('--outcome <outcome>', 'reached | no-answer')
    .option('--notes <text>', 'what was said or tried', '')
    .option('--resolve', 'reached and solved: resolve the ticket (with --resolution, else the notes)')
    .option('--resolution <text>')
    .option('--agent <email>')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { outcome: string; notes: string; resolve?: boolean; resolution?: string; agent?: string; json?: boolean }) => {
      if (o.resolution !== undefined && !o.resolve) throw new InvalidInputError('--resolution goes with --resolve.', { field: 'resolution' });
      const t = await withRuntime((rt) =>
        recordCallbackOutcome(rt, id.toUpperCase(), {
          outcome: o.outcome,
          notes: o.notes,
          ...(o.resolve ? { resolve: true, resolution: o.resolution ?? '' } : {}),
          ...(o.agent ? { agent: o.agent } : {}),
        }),
      );
      print(t, Boolean(o.json));
    });
}
