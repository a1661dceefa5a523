import { createApiService } from '@tierdesk/api';
import { createIntakeService } from '@tierdesk/intake';
import { createMailerService } from '@tierdesk/mailer';
import { SERVICE_NAMES, createRuntime, type Runtime, type Service, type ServiceName } from '@tierdesk/runtime';
import { createTriageService } from '@tierdesk/triage';
import { InvalidInputError } from '@tierdesk/domain';
import { loadSettings } from './context.js';
import { extraServices, apiPlugins, publicApiPlugins } from './plugins.js';

export function parseOnly(only: string | undefined): ServiceName[] | 'all' {
  if (!only) return 'all';
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
export async function startSystem(names: ServiceName[] | 'all', rt: Runtime): Promise<RunningSystem> {
  let ready = false;
  const services: Service[] = [];
  const factories: Partial<Record<ServiceName, () => Service>> = {
    intake: () => createIntakeService(rt),
    triage: () => createTriageService(rt),
    mailer: () => createMailerService(rt),
    api: () => createApiService(rt, { services: () => services, ready: () => ready, plugins: apiPlugins(), publicPlugins: publicApiPlugins() }),
    ...extraServices(rt),
  };
  const chosen = names === 'all' ? SERVICE_NAMES.filter((n) => factories[n]) : names;
  const order = [...chosen].sort((a, b) => (a === 'api' ? 1 : 0) - (b === 'api' ? 1 : 0));
  const stopAll = async () => {
    ready = false;
    for (const s of [...services].reverse()) await s.stop();
    await rt.close();
  };
  try {
    for (const name of order) {
      const factory = factories[name];
      if (!factory) throw new InvalidInputError(`Service "${name}" is not part of this build.`);
      const s = factory();
      await s.start();
      services.push(s);
    }
  } catch (err) {
    // Whatever did start must not keep the process alive half-working.
    await stopAll().catch(() => undefined);
    throw err;
  }
  ready = true;
  return { rt, services, stop: stopAll };
}

/** `tierdesk start`: runs until SIGTERM/SIGINT, then stops within 10 s and exits 0. */
export async function runStart(only: string | undefined): Promise<number> {
  const names = parseOnly(only);
  const settings = loadSettings();
  const rt = await createRuntime(settings);
  const system = await startSystem(names, rt);
  const started = system.services.map((s) => s.name);
  const log = settings.logger;
  if (!settings.env.apiToken && started.includes('api')) {
    process.stderr.write(`Tierdesk API token (also in Redis; set API_TOKEN to choose your own): ${rt.secrets.apiToken}\n`);
  }
  log.info({ services: started, prefix: settings.env.prefix, http: started.includes('api') ? `${settings.env.httpHost}:${settings.env.httpPort}` : null, smtp: started.includes('intake') ? `${settings.env.intakeSmtpHost}:${settings.env.intakeSmtpPort}` : null, outbox: settings.env.smtpUrl ? null : settings.env.outboxDir }, 'tierdesk started');
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
