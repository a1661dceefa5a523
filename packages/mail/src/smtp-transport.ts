import nodemailer from 'nodemailer';
import { InvalidInputError } from '@tierdesk/domain';
import { toDeliveryError } from './classify-delivery-error.js';
import type { MailTransport, MailTransportOptions } from './mail-transport.js';
import { toNodemailerMessage } from './nodemailer-message.js';
import { SendRateLimiter } from './send-rate-limiter.js';

/** Where mail goes, for logs and results: the URL without credentials or query. */
export function describeSmtpUrl(smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new InvalidInputError('SMTP_URL is not a URL; expected smtp://user:pass@host:port or smtps://…', { setting: 'SMTP_URL' });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new InvalidInputError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`, { setting: 'SMTP_URL' });
  }
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `${url.protocol}//${url.hostname}:${port}`;
}

/**
 * Outbound mail over SMTP, pooled by default, with every error classified transient or permanent.
 * `rateLimitPerSecond` (SMTP_RATE_LIMIT) caps the sends started per second by this transport.
 */
export function createSmtpTransport(opts: MailTransportOptions & { smtpUrl: string }): MailTransport {
  const via = describeSmtpUrl(opts.smtpUrl);
  const pool = opts.pool ?? true;
  const limiter = opts.rateLimitPerSecond && opts.rateLimitPerSecond > 0 ? new SendRateLimiter(opts.rateLimitPerSecond) : null;
  const transporter = nodemailer.createTransport({
    url: opts.smtpUrl,
    ...(pool ? { pool: true as const, maxConnections: 5, maxMessages: 100 } : {}),
    // A queue worker should learn quickly that the relay is gone and retry later, not hang for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    ...(opts.dkim ? { dkim: opts.dkim } : {}),
  });

  return {
    async send(email) {
      try {
        const message = toNodemailerMessage(email, opts.from);
        await limiter?.take();
        await transporter.sendMail(message);
        return { messageId: email.messageId, location: via };
      } catch (err) {
        throw toDeliveryError(err, { messageId: email.messageId, via });
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (err) {
        throw toDeliveryError(err, { messageId: '(verify)', via });
      }
    },
    async close() {
      transporter.close();
    },
  };
}
