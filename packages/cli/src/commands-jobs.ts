import type { Command } from 'commander';
import { listFailedJobs, QUEUE_NAMES, retryJobs, type FailedJobInfo } from '@tierdesk/bus';
import { InvalidInputError } from '@tierdesk/domain';
import { withRuntime } from './context.js';

/** `tierdesk jobs failed` as text; listing and replay live in packages/bus (dead-letters.ts), shared with the console. */
function table(jobs: FailedJobInfo[]): string {
  if (!jobs.length) return 'no failed jobs';
  return jobs
    .map((j) => [j.failedAt ?? j.timestamp, j.queue.padEnd(15), (j.ticketId ?? '-').padEnd(7), `attempts ${j.attemptsMade}`, j.id, `— ${j.failedReason}`].join('  '))
    .join('\n');
}

export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('dead letters: jobs that exhausted their retries, and replaying them');
  jobs
    .command('failed')
    .description('list jobs in the failed sets of all queues (or one)')
    .option('--queue <queue>', `one of: ${QUEUE_NAMES.join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (o: { queue?: string; json?: boolean }) => {
      const list = await withRuntime((rt) => listFailedJobs(rt.bus, o.queue));
      process.stdout.write(o.json ? `${JSON.stringify(list, null, 2)}\n` : `${table(list)}\n`);
    });
  jobs
    .command('retry [id]')
    .description('replay a failed job (by id), or --all of them; replay is idempotent')
    .option('--queue <queue>', 'only this queue')
    .option('--all', 'every failed job (of --queue, or of all queues)')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, o: { queue?: string; all?: boolean; json?: boolean }) => {
      if (!id && !o.all) throw new InvalidInputError('Give a job id (see tierdesk jobs failed) or --all.');
      if (id && o.all) throw new InvalidInputError('Give either a job id or --all, not both.');
      const r = await withRuntime((rt) => retryJobs(rt.bus, { ...(id ? { id } : {}), all: Boolean(o.all), ...(o.queue ? { queue: o.queue } : {}) }));
      const text = [
        ...r.retried.map((j) => `replayed ${j.queue} ${j.id}`),
        ...r.skipped.map((j) => `skipped ${j.queue} ${j.id} (${j.state}, not failed)`),
      ].join('\n');
      process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${text || 'no failed jobs to replay'}\n`);
    });
}
