import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Runtime } from '@tierdesk/runtime';
import { acceptRawMessage } from '../accept.js';
import { ImapIntake, type ImapIntakeOptions } from './imap-intake.js';
import { ImapLease } from './imap-lease.js';
import { parseImapUrl } from './imap-settings.js';

/** The IMAP reader for IMAP_URL, feeding the same door as SMTP intake; null when IMAP_URL is unset. */
export function createImapIntake(rt: Runtime, extra: Partial<ImapIntakeOptions> = {}): ImapIntake | null {
  if (!rt.env.imapUrl) return null;
  const settings = parseImapUrl(rt.env.imapUrl);
  const mailboxHash = createHash('sha256').update(settings.display).digest('hex').slice(0, 16);
  const owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  return new ImapIntake({
    settings,
    maxBytes: rt.env.intakeMaxBytes,
    logger: rt.logger.child({ service: 'intake' }),
    lease: new ImapLease(rt.redis, `${rt.env.prefix}:imap:lease:${mailboxHash}`, owner),
    accept: async (raw) => {
      await acceptRawMessage(rt, raw, { channel: 'imap', mailFrom: null, rcptTo: [], remoteAddress: settings.host });
    },
    ...extra,
  });
}
