import type { Command } from 'commander';
import type { QueueName } from '@tierdesk/bus';
import { InvalidInputError } from '@tierdesk/domain';
import { SERVICE_NAMES, type Runtime, type ServiceName } from '@tierdesk/runtime';
import { loadSettings, withRuntime } from './context.js';

/** The queues each worker service consumes: it is alive when every one has a live worker. */
export const SERVICE_QUEUES: Readonly<Record<Exclude<ServiceName, 'api'>, readonly QueueName[]>> = {
  intake: ['intake'],
  triage: ['triage', 'selfhelp', 'selfhelp-timers'],
  mailer: ['notify', 'outbound'],
  'sla-timer': ['sla', 'sla-timers'],
  'callback-scheduler': ['callbacks', 'callback-timers'],
  'vendor-handoff': ['vendor', 'vendor-timers'],
};

export interface ServiceHealth {
  service: ServiceName;
  ok: boolean;
  detail: string;
}

async function apiHealth(): Promise<ServiceHealth> {
  const { env } = loadSettings();
  const host = env.httpHost === '0.0.0.0' || env.httpHost === '::' ? '127.0.0.1' : env.httpHost;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${env.httpPort}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { service: 'api', ok: res.status === 200, detail: `${url} → ${res.status}` };
  } catch (err) {
    return { service: 'api', ok: false, detail: `${url} → ${(err as Error).message}` };
  }
}

async function workerHealth(rt: Runtime, service: Exclude<ServiceName, 'api'>, host: string | undefined): Promise<ServiceHealth> {
  const counts = await Promise.all(SERVICE_QUEUES[service].map(async (q) => [q, await rt.bus.workerCount(q, host)] as const));
  const missing = counts.filter(([, n]) => n === 0).map(([q]) => q);
  const where = host === undefined ? '' : ` on ${host}`;
  return { service, ok: missing.length === 0, detail: counts.map(([q, n]) => `${q}: ${n} worker(s)${where}`).join(', ') };
}

/**
 * `tierdesk health --service <names>`: the API by its /healthz, a worker service by live workers
 * on each of its queues in Redis (which also proves Redis is reachable from here). With `local`,
 * only workers of processes on this host count: what a container's health check must ask, or a
 * scaled-out service's container whose own workers are gone passes on its peers'. Exit 0 healthy, 1 not.
 */
export async function checkHealth(services: ServiceName[], opts: { local?: boolean } = {}): Promise<ServiceHealth[]> {
  const out: ServiceHealth[] = [];
  const workers = services.filter((s): s is Exclude<ServiceName, 'api'> => s !== 'api');
  if (workers.length) out.push(...(await withRuntime(async (rt) => Promise.all(workers.map((s) => workerHealth(rt, s, opts.local ? rt.bus.workerHost : undefined))))));
  if (services.includes('api')) out.push(await apiHealth());
  return out;
}

export function registerHealthCommand(program: Command): void {
  program
    .command('health')
    .description('check that services are up: the API by /healthz, worker services by live workers on their queues')
    .option('--service <names>', `comma-separated, default all: ${SERVICE_NAMES.join(',')}`)
    .option('--local', 'count only workers on this host or container (for container health checks)')
    .option('--json', 'print JSON')
    .action(async (o: { service?: string; local?: boolean; json?: boolean }) => {
      const names = (o.service ?? SERVICE_NAMES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
      if (unknown.length) throw new InvalidInputError(`Unknown service ${unknown.join(', ')}. Services: ${SERVICE_NAMES.join(', ')}.`);
      const results = await checkHealth(names as ServiceName[], { local: Boolean(o.local) });
      process.stdout.write(o.json ? `${JSON.stringify(results, null, 2)}\n` : `${results.map((r) => `${r.service.padEnd(19)} ${r.ok ? 'ok  ' : 'DOWN'}  ${r.detail}`).join('\n')}\n`);
      process.exitCode = results.every((r) => r.ok) ? 0 : 1;
    });
}
