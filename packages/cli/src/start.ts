import { createApiService } from '@tierdesk/api';
import { createIntakeService } from '@tierdesk/intake';
import { createMailerService } from '@tierdesk/mailer';
import { SERVICE_NAMES, createRuntime, type Runtime, type Service, type ServiceName } from '@tierdesk/runtime';
import { createTriageService } from '@tierdesk/triage';
import { InvalidInputError } from '@tierdesk/domain';
import { loadSettings } from './context.js';
import { extraServices, apiPlugins, publicApiPlugins } from './plugins.js';

export function parseOnly(only: string | undefined): ServiceName[] {
  if (!only) return [...SERVICE_NAMES];
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(SERVICE_NAMES as readonly string[]).includes(n));
  if (unknown.length) {
    throw new InvalidInputError(`Unknown service ${unknown.map((u) => `"${u}"`).join(', ')} in --only. Services: ${SERVICE_NAMES.join(', ')}.`);
  }
  return names as ServiceName[];
}

export interface RunningSystem {
  rt: Runtime;
  services: Service[];
  stop(): Promise<void>;
}

/** Builds and starts the chosen services on one runtime; the API starts last so /readyz means ready. */
export async function startSystem(names: ServiceName[], rt: Runtime): Promise<RunningSystem> {
  let ready = false;
  const services: Service[] = [];
  const factories: Partial<Record<ServiceName, () => Service>> = {
    intake: () => createIntakeService(rt),
    triage: () => createTriageService(rt),
    mailer: () => createMailerService(rt),
    api: () => createApiService(rt, { services: () => services, ready: () => ready, plugins: apiPlugins(), publicPlugins: publicApiPlugins() }),
    ...extraServices(rt),
  };
  const order = [...names].sort((a, b) => (a === 'api' ? 1 : 0) - (b === 'api' ? 1 : 0));
  for (const name of order) {
    const factory = factories[name];
    if (!factory) throw new InvalidInputError(`Service "${name}" is not part of this build yet.`);
    const s = factory();
    await s.start();
    services.push(s);
  }
  ready = true;
  return {
    rt,
    services,
    async stop() {
      ready = false;
      for (const s of [...services].reverse()) await s.stop();
      await rt.close();
    },
  };
}

/** `tierdesk start`: runs until SIGTERM/SIGINT, then stops within 10 s and exits 0. */
export async function runStart(only: string | undefined): Promise<number> {
  const names = parseOnly(only);
  const settings = loadSettings();
  const rt = await createRuntime(settings);
  const system = await startSystem(names, rt);
  const log = settings.logger;
  if (!settings.env.apiToken && names.includes('api')) {
    process.stderr.write(`Tierdesk API token (also in Redis; set API_TOKEN to choose your own): ${rt.secrets.apiToken}\n`);
  }
  log.info({ services: names, prefix: settings.env.prefix, http: names.includes('api') ? `${settings.env.httpHost}:${settings.env.httpPort}` : null, smtp: names.includes('intake') ? `${settings.env.intakeSmtpHost}:${settings.env.intakeSmtpPort}` : null, outbox: settings.env.smtpUrl ? null : settings.env.outboxDir }, 'tierdesk started');
  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping: no new work, finishing in-flight jobs');
      const force = setTimeout(() => {
        log.error('could not stop within 9 s; exiting anyway (in-flight jobs return to their queues)');
        resolve(0);
      }, 9000);
      force.unref();
      system.stop().then(
        () => {
          clearTimeout(force);
          log.info('stopped');
          resolve(0);
        },
        (err: unknown) => {
          clearTimeout(force);
          log.error({ err }, 'error while stopping');
          resolve(0);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}
