import { loadConfigFile, loadEnv, type TierdeskEnv } from '@tierdesk/config';
import type { TierdeskConfig } from '@tierdesk/domain';
import { createLogger, type Logger } from '@tierdesk/logger';
import { createRuntime, type Runtime } from '@tierdesk/runtime';

export interface LoadedSettings {
  env: TierdeskEnv;
  config: TierdeskConfig;
  logger: Logger;
}

/** Validates everything once, before anything connects: a wrong setting fails here, named. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): LoadedSettings {
  const e = loadEnv(env, process.cwd());
  const config = loadConfigFile(e.configPath);
  const logger = createLogger({ level: e.logLevel, name: 'tierdesk' });
  return { env: e, config, logger };
}

/** Runs `fn` with a runtime that does not relay events (read-mostly CLI commands). */
export async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts: { relay?: boolean; quiet?: boolean } = {}): Promise<T> {
  const s = loadSettings();
  const logger = opts.quiet === false ? s.logger : createLogger({ level: 'warn', name: 'tierdesk' });
  const rt = await createRuntime({ ...s, logger, relay: opts.relay ?? false });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}
