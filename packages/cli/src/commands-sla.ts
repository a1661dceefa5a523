import type { Command } from 'commander';
import { loadConfigFile, loadEnv } from '@tierdesk/config';
import { computeSlaDue, InvalidInputError, isLevel, isPriority, parseSlaDuration, PRIORITIES, type Level, type Priority } from '@tierdesk/domain';
import { listSlaDueTickets, type SlaDueEntry } from '@tierdesk/sla-timer';
import { withRuntime } from './context.js';

/** An instant with an explicit offset: a bare local time would depend on the machine's zone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function parseSlaDueArgs(o: { level?: string; priority?: string; opened?: string }): { level: Level; priority: Priority; opened: Date } {
  if (o.level === undefined || !/^\d+$/.test(o.level) || !isLevel(Number(o.level))) {
    throw new InvalidInputError(`--level must be a support level from 0 to 4 (got ${JSON.stringify(o.level ?? null)}).`, { field: 'level' });
  }
  if (!isPriority(o.priority)) {
    throw new InvalidInputError(`--priority must be one of ${PRIORITIES.join(', ')} (got ${JSON.stringify(o.priority ?? null)}).`, { field: 'priority' });
  }
  const opened = o.opened !== undefined && ISO_INSTANT.test(o.opened.trim()) ? new Date(o.opened.trim()) : null;
  if (!opened || Number.isNaN(opened.getTime())) {
    throw new InvalidInputError(
      `--opened must be an ISO-8601 instant with a time zone offset, e.g. 2026-03-02T09:30:00+01:00 or 2026-03-02T08:30:00Z (got ${JSON.stringify(o.opened ?? null)}).`,
      { field: 'opened' },
    );
  }
  return { level: Number(o.level) as Level, priority: o.priority, opened };
}

function parseWindow(value: string): number {
  try {
    return parseSlaDuration(value, '24x7');
  } catch {
    throw new InvalidInputError(`--due-within must be an ISO-8601 duration such as PT1H, PT30M or P1D (got ${JSON.stringify(value)}).`, { field: 'due-within' });
  }
}

function span(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** One line of `sla list` for people: overdue and due tickets by their deadline, paused ones by the time they have left. */
export function slaListLine(e: SlaDueEntry, now: number): string {
  const target = e.target === 'firstResponse' ? 'first response' : 'resolution';
  const head = [e.id.padEnd(7), `L${e.level}`, e.priority.padEnd(6), e.status.padEnd(18)];
  if (e.state === 'paused') {
    const left = e.remainingMs > 0 ? `${span(e.remainingMs)} left when resumed` : `${span(e.remainingMs)} overdue when paused`;
    return [...head, `${target} paused since ${e.pausedSince ?? '?'}`, left, e.policy ?? ''].join('  ');
  }
  const when = e.state === 'overdue' ? `OVERDUE by ${span(Date.parse(e.due) - now)}` : `in ${span(Date.parse(e.due) - now)}`;
  const warn = e.next?.kind === 'warning' ? `  (warning at ${e.next.at})` : '';
  return [...head, `${target} due ${e.due}`, when, `${e.policy ?? ''}${warn}`].join('  ');
}

/** `tierdesk sla due` (CONTRACT §7, no Redis needed) and `tierdesk sla list` (overdue, then due, then paused tickets). */
export function registerSlaCommands(program: Command): void {
  const sla = program.command('sla').description('SLA deadlines');
  sla
    .command('due')
    .description('deadlines of a ticket of this level and priority opened at that instant, from the config\'s SLA policies')
    .option('--level <n>', 'support level, 0-4')
    .option('--priority <p>', PRIORITIES.join(' | '))
    .option('--opened <iso>', 'when the ticket was opened, e.g. 2026-03-02T09:30:00+01:00')
    .action((o: { level?: string; priority?: string; opened?: string }) => {
      const args = parseSlaDueArgs(o);
      const config = loadConfigFile(loadEnv(process.env, process.cwd()).configPath);
      const due = computeSlaDue(config, args.level, args.priority, args.opened);
      process.stdout.write(`${JSON.stringify({ policy: due.policy, firstResponseDue: due.firstResponseDue, resolutionDue: due.resolutionDue })}\n`);
    });
  sla
    .command('list')
    .description('open tickets past an SLA deadline (always, longest overdue first), then those due within the window (soonest first), then paused ones with that little clock time left')
    .option('--due-within <duration>', 'ISO-8601 duration', 'PT1H')
    .option('--limit <n>', 'show at most this many tickets, the most pressing (the limit applies after sorting)', '1000')
    .option('--json', 'print JSON')
    .action(async (o: { dueWithin: string; limit: string; json?: boolean }) => {
      const within = parseWindow(o.dueWithin);
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new InvalidInputError(`--limit must be a whole number above 0 (got ${JSON.stringify(o.limit)}).`, { field: 'limit' });
      const { now, list } = await withRuntime(async (rt) => ({ now: rt.now().getTime(), list: await listSlaDueTickets(rt, within, limit) }));
      const { tickets, total } = list;
      if (o.json) {
        process.stdout.write(`${JSON.stringify({ dueWithin: o.dueWithin, tickets, total }, null, 2)}\n`);
        return;
      }
      process.stdout.write(tickets.length ? `${tickets.map((e) => slaListLine(e, now)).join('\n')}\n` : `no open ticket has an SLA deadline within ${o.dueWithin}\n`);
      if (total > tickets.length) process.stderr.write(`tierdesk: ${total - tickets.length} more not shown (--limit ${limit})\n`);
    });
}
