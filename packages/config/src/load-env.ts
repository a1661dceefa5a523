import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import type { ConfigIssue } from './config-error.js';
import { DEFAULT_CONFIG_PATH } from './default-config-path.js';
import { readMailEnv, type MailEnv } from './mail-env.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment of CONTRACT §2 (plus outbound mail options), validated and with defaults applied. */
export interface TierdeskEnv extends MailEnv {
  redisUrl: string;
  prefix: string;
  configPath: string;
  httpHost: string;
  httpPort: number;
  publicUrl: string;
  /** null: generate one, store it and print it at start. */
  apiToken: string | null;
  intakeSmtpHost: string;
  /** 0 turns the SMTP listener off. */
  intakeSmtpPort: number;
  intakeMaxBytes: number;
  imapUrl: string | null;
  /** null: outbound mail goes to `outboxDir` as .eml files. */
  smtpUrl: string | null;
  outboxDir: string;
  mailFrom: string;
  /** null: generate one and store it. */
  consentSecret: string | null;
  logLevel: LogLevel;
  /** INTAKE_SENDER_RATE: messages a minute one sender may hand in (SMTP 451, HTTP 429 beyond); unset = 120, 0 = no limit. */
  intakeSenderRate?: number;
}

class EnvReader {
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The trimmed value, or undefined when unset or empty (as docker-compose's `FOO=` leaves it). */
  raw(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v ? v : undefined;
  }

  fail(name: string, message: string): void {
    this.issues.push({ path: name, message });
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  port(name: string, fallback: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n > 65535) {
      this.fail(name, `must be a port number from 0 to 65535 (got ${JSON.stringify(v)}); set it to e.g. ${fallback}`);
      return fallback;
    }
    return n;
  }

  positiveInt(name: string, fallback: number): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n <= 0 || !Number.isSafeInteger(n)) {
      this.fail(name, `must be a whole number of bytes above 0 (got ${JSON.stringify(v)}); the default is ${fallback}`);
      return fallback;
    }
    return n;
  }

  /** A URL with one of `schemes`; the value is never echoed, since it may hold a password. */
  url(name: string, schemes: readonly string[], example: string): string | null {
    const v = this.raw(name);
    if (v === undefined) return null;
    const expected = schemes.map((s) => `${s}//`).join(' or ');
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      this.fail(name, `is not a valid URL; use ${expected}, e.g. ${example}`);
      return null;
    }
    if (!schemes.includes(parsed.protocol)) {
      this.fail(name, `must start with ${expected} (got ${parsed.protocol}//...), e.g. ${example}`);
      return null;
    }
    if (!parsed.hostname) {
      this.fail(name, `has no host; use e.g. ${example}`);
      return null;
    }
    return v;
  }
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function checkPrefix(r: EnvReader, prefix: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(prefix)) {
    // A ':' would let "a:b" read the keys of prefix "a" (CONTRACT §2: prefixes never see each other).
    r.fail('TIERDESK_PREFIX', `must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit, without spaces or ":" (got ${JSON.stringify(prefix)}); e.g. tierdesk-staging`);
  }
}

function checkMailFrom(r: EnvReader, from: string): void {
  const address = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? (/^[^\s<>@]+@[^\s<>@]+$/.test(from) ? from : null);
  if (/[\r\n]/.test(from) || address === null) {
    r.fail('MAIL_FROM', `must be an address like "Support <support@example.com>" or support@example.com (got ${JSON.stringify(from)})`);
  }
}

/**
 * Reads CONTRACT §2's variables with their defaults. Only this function reads the environment;
 * every problem is collected and thrown together as one ConfigError naming the variables.
 */
export function loadEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): TierdeskEnv {
  const r = new EnvReader(env);
  const redisUrl = r.url('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379') ?? 'redis://127.0.0.1:6379';
  const prefix = r.string('TIERDESK_PREFIX', 'tierdesk');
  checkPrefix(r, prefix);
  const configPath = resolve(cwd, r.string('TIERDESK_CONFIG', DEFAULT_CONFIG_PATH));
  const httpHost = r.string('HTTP_HOST', '127.0.0.1');
  const httpPort = r.port('HTTP_PORT', 8080);
  let publicUrl = r.url('PUBLIC_URL', ['http:', 'https:'], 'https://support.example.com') ?? `http://${hostForUrl(httpHost)}:${httpPort}`;
  publicUrl = publicUrl.replace(/\/+$/, '');
  const intakeSmtpHost = r.string('INTAKE_SMTP_HOST', '127.0.0.1');
  const intakeSmtpPort = r.port('INTAKE_SMTP_PORT', 2525);
  const intakeMaxBytes = r.positiveInt('INTAKE_MAX_BYTES', 26214400);
  const imapUrl = r.url('IMAP_URL', ['imap:', 'imaps:'], 'imaps://user:pass@mail.example.com/INBOX');
  const smtpUrl = r.url('SMTP_URL', ['smtp:', 'smtps:'], 'smtps://user:pass@smtp.example.com:465');
  const outbox = r.string('TIERDESK_OUTBOX', './.tierdesk/outbox');
  const outboxDir = isAbsolute(outbox) ? outbox : resolve(cwd, outbox);
  const mailFrom = r.string('MAIL_FROM', 'Support <support@localhost>');
  checkMailFrom(r, mailFrom);
  const level = r.string('LOG_LEVEL', 'info').toLowerCase();
  const logLevel = (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info';
  if (logLevel !== level) r.fail('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(level)})`);
  const mail = readMailEnv((n) => r.raw(n), (n, m) => r.fail(n, m), cwd);
  const senderRate = r.raw('INTAKE_SENDER_RATE');
  if (senderRate !== undefined && !/^\d{1,7}$/.test(senderRate)) r.fail('INTAKE_SENDER_RATE', `must be a whole number of messages per minute per sender, 0 for no limit (got ${JSON.stringify(senderRate)}); the default is 120`);
  if (r.issues.length > 0) throw ConfigError.forEnv(r.issues);
  return Object.freeze({
    redisUrl,
    prefix,
    configPath,
    httpHost,
    httpPort,
    publicUrl,
    apiToken: r.raw('API_TOKEN') ?? null,
    intakeSmtpHost,
    intakeSmtpPort,
    intakeMaxBytes,
    imapUrl,
    smtpUrl,
    outboxDir,
    mailFrom,
    consentSecret: r.raw('CONSENT_SECRET') ?? null,
    logLevel,
    smtpRateLimit: mail.smtpRateLimit,
    dkim: mail.dkim,
    intakeSenderRate: senderRate === undefined ? undefined : Number(senderRate),
  });
}
