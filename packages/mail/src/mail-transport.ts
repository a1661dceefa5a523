import type { OutboundEmail } from './outbound-email.js';
import { createOutboxTransport } from './outbox-transport.js';
import { createSmtpTransport } from './smtp-transport.js';

/** Sends outbound email; every failure rejects with a MailDeliveryError. */
export interface MailTransport {
  /** `location`: the .eml path (outbox) or the SMTP server it went to (without credentials). */
  send(email: OutboundEmail): Promise<{ messageId: string; location: string }>;
  verify(): Promise<void>;
  close(): Promise<void>;
}

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface MailTransportOptions {
  /** SMTP_URL: smtp:// or smtps://, credentials in the URL; null → the outbox folder. */
  smtpUrl: string | null;
  /** TIERDESK_OUTBOX */
  outboxDir: string;
  /** MAIL_FROM */
  from: string;
  pool?: boolean;
  rateLimitPerSecond?: number;
  dkim?: DkimOptions;
}

/** The SMTP transport when SMTP_URL is set, else the outbox folder (CONTRACT §2). */
export function createMailTransport(opts: MailTransportOptions): MailTransport {
  return opts.smtpUrl ? createSmtpTransport({ ...opts, smtpUrl: opts.smtpUrl }) : createOutboxTransport(opts);
}
