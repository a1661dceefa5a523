import type { Command } from 'commander';
import { TriageCorrections } from '@tierdesk/console';
import { withRuntime } from './context.js';

/**
 * `tierdesk triage corrections [--jsonl]`: the labelled examples agents left in the console
 * (confirmed or corrected classifications). JSON lines carry `subject`/`body`/`from` plus the
 * label, so they can go straight back into `tierdesk classify --jsonl`.
 */
export function registerTriageCommands(program: Command): void {
  const triage = program.commands.find((c) => c.name() === 'triage') ?? program.command('triage').description('triage tools');
  triage
    .command('corrections')
    .description('export the triage confirmations and corrections made in the console')
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
        if (!o.jsonl && n === 0) process.stdout.write('no triage corrections yet (agents confirm or correct triage on the console ticket page)\n');
      });
    });
}
