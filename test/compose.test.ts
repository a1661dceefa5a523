import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEnv, type ConfigError } from '@tierdesk/config';
import { buildProgram, parseOnly } from '@tierdesk/cli';
import { SERVICE_NAMES } from '@tierdesk/runtime';
import { ROOT } from './support/system.js';

/**
 * There is no Docker engine here, so docker-compose.yml and the Dockerfile are checked as data:
 * services, environment, commands and health checks against the CLI and CONTRACT §2.
 */

interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
interface Compose {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const CLI_BIN = 'packages/cli/bin/tierdesk.mjs';

/** CONTRACT §2's variables, as the contract lists them (kept here for CI machines without shared/). */
const CONTRACT_ENV = [
  'REDIS_URL', 'TIERDESK_PREFIX', 'TIERDESK_CONFIG', 'HTTP_HOST', 'HTTP_PORT', 'PUBLIC_URL', 'API_TOKEN', 'INTAKE_SMTP_HOST',
  'INTAKE_SMTP_PORT', 'INTAKE_MAX_BYTES', 'IMAP_URL', 'SMTP_URL', 'TIERDESK_OUTBOX', 'MAIL_FROM', 'CONSENT_SECRET', 'LOG_LEVEL',
];
/** Settings the code adds beyond the contract (README "Configuration"). */
const EXTRA_ENV = ['SMTP_RATE_LIMIT', 'DKIM_DOMAIN', 'DKIM_SELECTOR', 'DKIM_PRIVATE_KEY'];

function contractEnvFromFile(): string[] | null {
  for (const p of [join(ROOT, '../shared/CONTRACT.md'), '/work/shared/CONTRACT.md']) {
    if (!existsSync(p)) continue;
    const text = readFileSync(p, 'utf8');
    const section = text.slice(text.indexOf('## 2. Environment'), text.indexOf('## 3.'));
    return [...section.matchAll(/^\| ([A-Z_ /]+) \|/gm)].flatMap((m) => m[1]!.split('/').map((s) => s.trim())).filter((n) => n && n !== 'variable');
  }
  return null;
}

/** `${VAR:-default}` → default, as compose does with nothing set in the shell. */
function withDefaults(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+(?::?-([^}]*))?\}/g, (_m, d: string | undefined) => d ?? '')]));
}

const tierdesk = Object.entries(compose.services).filter(([, s]) => s.command?.includes(CLI_BIN));

describe('docker-compose.yml', () => {
  it('has one container per Tierdesk service, each started with `start --only <its name>`', () => {
    expect(tierdesk.map(([name]) => name).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const [name, s] of tierdesk) {
      expect(s.command, name).toEqual(['node', CLI_BIN, 'start', '--only', name]);
      expect(parseOnly(s.command![4])).toEqual([name]);
    }
    expect(existsSync(join(ROOT, CLI_BIN))).toBe(true);
    expect(buildProgram().commands.map((c) => c.name())).toEqual(expect.arrayContaining(['start', 'health']));
  });

  it('builds every service from the one Dockerfile and starts it after a healthy Redis', () => {
    for (const [name, s] of tierdesk) {
      expect(s.build, name).toBe('.');
      expect(s.depends_on?.redis?.condition, name).toBe('service_healthy');
    }
  });

  it('wires every CONTRACT §2 variable into every service, and nothing the code does not read', () => {
    const fromContract = contractEnvFromFile();
    if (fromContract) expect([...fromContract].sort()).toEqual([...CONTRACT_ENV].sort());
    for (const [name, s] of tierdesk) {
      const keys = Object.keys(s.environment ?? {});
      for (const v of CONTRACT_ENV) expect(keys, `${name} lacks ${v}`).toContain(v);
      for (const k of keys) expect([...CONTRACT_ENV, ...EXTRA_ENV], `${name}: unknown variable ${k}`).toContain(k);
    }
    // The extras are real settings: a wrong value is an error that names them.
    try {
      loadEnv({ SMTP_RATE_LIMIT: 'many', DKIM_DOMAIN: 'example.com' }, ROOT);
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).issues.map((i) => i.path).sort()).toEqual(['DKIM_PRIVATE_KEY', 'DKIM_SELECTOR', 'SMTP_RATE_LIMIT']);
    }
  });

  it('ships values that pass the env validation as they are, with outbound mail to mailpit', () => {
    for (const [name, s] of tierdesk) {
      const env = loadEnv(withDefaults(s.environment ?? {}), '/app');
      expect(env.httpHost, name).toBe('0.0.0.0');
      expect(env.intakeSmtpHost, name).toBe('0.0.0.0');
      expect(new URL(env.redisUrl).hostname, name).toBe('redis');
      expect(new URL(env.smtpUrl ?? 'smtp://none').host, name).toBe('mailpit:1025');
      expect(existsSync(join(ROOT, env.configPath.replace(/^\/app\//, ''))), name).toBe(true);
    }
    expect(compose.services.mailpit?.image).toMatch(/^axllent\/mailpit/);
    expect(compose.services.mailpit?.ports).toContain('8025:8025');
    expect(compose.services.api?.ports).toContain('8080:8080');
    expect(compose.services.intake?.ports).toContain('2525:2525');
  });

  it('runs Redis 7 with AOF (appendonly yes) on a named volume', () => {
    const redis = compose.services.redis!;
    expect(redis.image).toMatch(/^redis:7/);
    const cmd = redis.command ?? [];
    expect(cmd[cmd.indexOf('--appendonly') + 1]).toBe('yes');
    const mount = (redis.volumes ?? []).find((v) => v.endsWith(':/data'));
    expect(mount).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount!.split(':')[0]);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('gives every service a health check: the API by GET /healthz, workers by `tierdesk health --service <name> --local`', () => {
    const health = buildProgram().commands.find((c) => c.name() === 'health')!;
    expect(health.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--service', '--local']));
    for (const [name, s] of tierdesk) {
      const test = s.healthcheck?.test ?? [];
      if (name === 'api') expect(test.join(' ')).toContain('/healthz');
      // --local: a scaled-out container must not pass on the strength of its peers' workers.
      else expect(test, name).toEqual(['CMD', 'node', CLI_BIN, 'health', '--service', name, '--local']);
    }
  });
});

describe('Dockerfile', () => {
  it('builds on node:20-slim with the locked pnpm install and the TypeScript build', () => {
    expect(dockerfile).toMatch(/^FROM node:20-slim/m);
    expect(dockerfile).toContain('pnpm@10.34.8 install --frozen-lockfile');
    expect(dockerfile).toContain('pnpm@10.34.8 run build');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain(`CMD ["node", "${CLI_BIN}", "start"]`);
  });

  it('keeps local builds and dependencies out of the build context', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
