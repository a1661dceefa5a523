import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.js';

function capture(level = 'trace') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level, name: 'test', destination });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Shaped like TierdeskError (the logger does not depend on the domain). */
class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

const SECRETS = ['tok-SECRET-1', 'hunter2-SECRET', 'bearer-SECRET-3', 'redispw-SECRET', 'smtppw-SECRET', 'consent-SECRET'];

describe('createLogger', () => {
  it('writes JSON lines with level, time, name and message', () => {
    const { logger, records } = capture('info');
    logger.info({ ticketId: 'TD-1' }, 'ticket created');
    logger.debug('not at info');
    const [rec] = records();
    expect(records()).toHaveLength(1);
    expect(rec).toMatchObject({ level: 30, name: 'test', ticketId: 'TD-1', msg: 'ticket created' });
    expect(typeof rec?.time).toBe('string');
  });

  describe('when a line carries secrets at level trace', () => {
    it('contains none of them, wherever they are', () => {
      const { logger, lines } = capture('trace');
      const child = logger.child({ redisUrl: 'redis://:redispw-SECRET@127.0.0.1:6379' });
      child.trace(
        {
          apiToken: 'tok-SECRET-1',
          user: { password: 'hunter2-SECRET' },
          req: { headers: { authorization: 'Bearer bearer-SECRET-3', host: 'x' } },
          rawHeaders: ['Authorization', 'Bearer bearer-SECRET-3'],
          smtpUrl: 'smtps://u:smtppw-SECRET@h',
          env: { CONSENT_SECRET: 'consent-SECRET' },
        },
        'connecting to smtps://u:smtppw-SECRET@h with Authorization: Bearer bearer-SECRET-3',
      );
      child.debug('redis at redis://:redispw-SECRET@host failed');
      child.fatal(new Error('auth failed for smtps://u:smtppw-SECRET@h'));
      expect(lines).toHaveLength(3);
      for (const line of lines) {
        for (const secret of SECRETS) expect(line).not.toContain(secret);
      }
      expect(lines[0]).toContain('smtps://u:***@h');
      expect(lines[0]).toContain('"apiToken":"[redacted]"');
    });
  });

  it('serializes err with its stable code and details', () => {
    const { logger, records } = capture();
    const err = new CodedError('CONFIG_INVALID', 'bad config', { path: 'timezone' });
    logger.error({ err }, 'start failed');
    logger.error(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    const [first, second] = records();
    expect(first?.err).toMatchObject({ type: 'CodedError', code: 'CONFIG_INVALID', message: 'bad config', details: { path: 'timezone' } });
    expect(second).toMatchObject({ msg: 'refused', err: { code: 'ECONNREFUSED' } });
  });

  it('redacts secrets inside error causes', () => {
    const { logger, lines } = capture();
    const cause = new Error('login as imaps://bob:imap-SECRET@mail.example.com');
    logger.warn({ err: new Error('poll failed', { cause }) }, 'imap');
    expect(lines[0]).not.toContain('imap-SECRET');
    expect(lines[0]).toContain('imaps://bob:***@mail.example.com');
  });
});
