import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_PATH, loadEnv } from '../src/index.js';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadEnv(env, '/srv/tierdesk');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadEnv', () => {
  it('applies the defaults of CONTRACT §2', () => {
    expect(loadEnv({}, '/srv/tierdesk')).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'tierdesk',
      configPath: DEFAULT_CONFIG_PATH,
      httpHost: '127.0.0.1',
      httpPort: 8080,
      publicUrl: 'http://127.0.0.1:8080',
      apiToken: null,
      intakeSmtpHost: '127.0.0.1',
      intakeSmtpPort: 2525,
      intakeMaxBytes: 26214400,
      imapUrl: null,
      smtpUrl: null,
      outboxDir: '/srv/tierdesk/.tierdesk/outbox',
      mailFrom: 'Support <support@localhost>',
      consentSecret: null,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const env = loadEnv(
      {
        REDIS_URL: 'rediss://:pw@redis.internal:6380/2',
        TIERDESK_PREFIX: 'td-staging',
        TIERDESK_CONFIG: 'conf/td.json',
        HTTP_HOST: '0.0.0.0',
        HTTP_PORT: '9000',
        PUBLIC_URL: 'https://support.example.com/',
        API_TOKEN: 'tok',
        INTAKE_SMTP_HOST: '0.0.0.0',
        INTAKE_SMTP_PORT: '0',
        INTAKE_MAX_BYTES: '1048576',
        IMAP_URL: 'imaps://u:p@mail.example.com/INBOX',
        SMTP_URL: 'smtps://u:p@smtp.example.com:465',
        TIERDESK_OUTBOX: '/var/spool/td',
        MAIL_FROM: 'Help <help@example.com>',
        CONSENT_SECRET: 's3cret',
        LOG_LEVEL: 'DEBUG',
      },
      '/srv/tierdesk',
    );
    expect(env).toMatchObject({
      redisUrl: 'rediss://:pw@redis.internal:6380/2',
      prefix: 'td-staging',
      configPath: '/srv/tierdesk/conf/td.json',
      httpPort: 9000,
      publicUrl: 'https://support.example.com',
      apiToken: 'tok',
      intakeSmtpPort: 0,
      intakeMaxBytes: 1048576,
      imapUrl: 'imaps://u:p@mail.example.com/INBOX',
      smtpUrl: 'smtps://u:p@smtp.example.com:465',
      outboxDir: '/var/spool/td',
      mailFrom: 'Help <help@example.com>',
      consentSecret: 's3cret',
      logLevel: 'debug',
    });
  });

  it('builds PUBLIC_URL from HTTP_HOST and HTTP_PORT, bracketing IPv6', () => {
    expect(loadEnv({ HTTP_HOST: 'localhost', HTTP_PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
    expect(loadEnv({ HTTP_HOST: '::1' }).publicUrl).toBe('http://[::1]:8080');
  });

  it('treats empty variables as unset', () => {
    expect(loadEnv({ API_TOKEN: '', SMTP_URL: ' ', HTTP_PORT: '' })).toMatchObject({ apiToken: null, smtpUrl: null, httpPort: 8080 });
  });

  it.each([
    ['REDIS_URL', 'http://127.0.0.1:6379', /must start with redis:\/\/ or rediss:\/\//],
    ['REDIS_URL', '127.0.0.1:6379', /redis:\/\/ or rediss:\/\//],
    ['SMTP_URL', 'mail.example.com', /is not a valid URL; use smtp:\/\/ or smtps:\/\//],
    ['IMAP_URL', 'pop3://u:p@mail', /imap:\/\/ or imaps:\/\//],
    ['PUBLIC_URL', 'ftp://support.example.com', /http:\/\/ or https:\/\//],
    ['HTTP_PORT', 'eighty', /port number from 0 to 65535/],
    ['INTAKE_SMTP_PORT', '70000', /port number/],
    ['INTAKE_MAX_BYTES', '-5', /whole number of bytes/],
    ['TIERDESK_PREFIX', 'my prefix', /without spaces or ":"/],
    ['TIERDESK_PREFIX', 'tierdesk:prod', /without spaces or ":"/],
    ['MAIL_FROM', 'Support', /address like/],
    ['MAIL_FROM', 'a@b.c\r\nBcc: x@y.z', /address like/],
    ['LOG_LEVEL', 'verbose', /one of fatal, error, warn, info, debug, trace, silent/],
  ])('rejects %s=%j naming the variable', (name, value, expected) => {
    const err = errorOf({ [name]: value });
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.path).toBe(name);
    expect(err.issues[0]?.message).toMatch(expected);
    expect(err.message).toMatch(new RegExp(`^Invalid environment: ${name}: .+ Change or unset the variable and start again\\.$`));
  });

  it('reports all bad variables together', () => {
    const err = errorOf({ HTTP_PORT: 'x', LOG_LEVEL: 'y', REDIS_URL: 'z' });
    expect(err.issues.map((i) => i.path).sort()).toEqual(['HTTP_PORT', 'LOG_LEVEL', 'REDIS_URL']);
  });

  it('never echoes a URL that may hold a password', () => {
    const err = errorOf({ REDIS_URL: 'http://:hunter2@redis:6379', SMTP_URL: 'smtp//user:hunter2@host' });
    expect(err.message).not.toContain('hunter2');
  });
});
