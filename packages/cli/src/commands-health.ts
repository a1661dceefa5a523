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

async function workerHealth(rt: Runtime, service: Exclude<ServiceName, 'api'>): Promise<ServiceHealth> {
  const counts = await Promise.all(SERVICE_QUEUES[service].map(async (q) => [q, await rt.bus.queue(q).getWorkersCount()] as const));
  const missing = counts.filter(([, n]) => n === 0).map(([q]) => q);
  return { service, ok: missing.length === 0, detail: counts.map(([q, n]) => `${q}: ${n} worker(s)`).join(', ') };
}

/**
 * `tierdesk health --service <names>`: the API by its /healthz, a worker service by live workers
 * on each of its queues in Redis (which also proves Redis is reachable from here). For container
 * health checks; exit 0 healthy, 1 not.
 */
export async function checkHealth(services: ServiceName[]): Promise<ServiceHealth[]> {
  const out: ServiceHealth[] = [];
  const workers = services.filter((s): s is Exclude<ServiceName, 'api'> => s !== 'api');
  if (workers.length) out.push(...(await withRuntime(async (rt) => Promise.all(workers.map((s) => workerHealth(rt, s))))));
  if (services.includes('api')) out.push(await apiHealth());
  return out;
}

export function registerHealthCommand(program: Command): void {
  program
    .command('health')
    .description('check that services are up: the API by /healthz, worker services by live workers on their queues')
    .option('--service <names>', `comma-separated, default all: ${SERVICE_NAMES.join(',')}`)
    .option('--json', 'print JSON')
    .action(async (o: { service?: string; json?: boolean }) => {
      const names = (o.service ?? SERVICE_NAMES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
      if (unknown.length) throw new InvalidInputError(`Unknown service ${unknown.join(', ')}. Services: ${SERVICE_NAMES.join(', ')}.`);
      const results = await checkHealth(names as ServiceName[]);
      process.stdout.write(o.json ? `${JSON.stringify(results, null, 2)}\n` : `${results.map((r) => `${r.service.padEnd(19)} ${r.ok ? 'ok  ' : 'DOWN'}  ${r.detail}`).join('\n')}\n`);
      process.exitCode = results.every((r) => r.ok) ? 0 : 1;
    });
}
