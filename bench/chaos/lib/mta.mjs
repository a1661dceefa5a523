// Sends mail to Tierdesk's SMTP intake the way a mail server does: a message counts as delivered
// only on 250; a 4xx or a dropped connection means "keep it and try again later"; 5xx is final.
import nodemailer from 'nodemailer';
import { sleep } from './cluster.mjs';

/** One ordinary customer email (level 1–4 wording, so it gets an `ack`), with a fixed Message-ID. */
export function customerMail(i, tag, domain = 'customer.test') {
  const from = `cust${i}-${tag}@${domain}`;
  const messageId = `<${tag}-${i}@${domain}>`;
  const raw = [
    `From: Customer ${i} <${from}>`,
    'To: support@tierdesk.test',
    `Subject: Invoice ${i} question`,
    `Message-ID: ${messageId}`,
    'Date: Wed, 25 Nov 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, where is my invoice number ${i} for October? It was not attached to the order confirmation.`,
    '',
  ].join('\r\n');
  return { from, messageId, raw: Buffer.from(raw) };
}

export class Mta {
  attempts = 0;
  retries = 0;
  delivered = 0;
  failed = [];
  /** @param {{ port: number, connections?: number, retryDelayMs?: number, giveUpAfterMs?: number }} opts */
  constructor(opts) {
    this.opts = opts;
    this.transport = this.makeTransport();
  }

  makeTransport() {
    return nodemailer.createTransport({
      host: '127.0.0.1',
      port: this.opts.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: this.opts.connections ?? 4,
      maxMessages: Infinity,
      connectionTimeout: 3000,
      greetingTimeout: 3000,
      socketTimeout: 15_000,
    });
  }

  /** Resolves with the time of the 250 once delivered; retries everything but a 5xx. */
  async send(mail, to = 'support@tierdesk.test') {
    const giveUp = Date.now() + (this.opts.giveUpAfterMs ?? 120_000);
    for (;;) {
      this.attempts++;
      try {
        await this.transport.sendMail({ envelope: { from: mail.from, to: [to] }, raw: mail.raw });
        this.delivered++;
        return Date.now();
      } catch (err) {
        const code = err.responseCode;
        if (typeof code === 'number' && code >= 500) {
          this.failed.push({ messageId: mail.messageId, code, response: err.response });
          throw err;
        }
        if (Date.now() > giveUp) {
          this.failed.push({ messageId: mail.messageId, code: code ?? err.code, response: err.message });
          throw err;
        }
        this.retries++;
        await sleep((this.opts.retryDelayMs ?? 250) * (0.5 + Math.random()));
      }
    }
  }

  close() {
    this.transport.close();
  }
}

/** Sends `mails` with at most `parallel` in flight, pacing starts to `ratePerSecond` if given. */
export async function sendAll(mta, mails, { parallel = 8, ratePerSecond = 0, onSent } = {}) {
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < mails.length) {
      const i = next++;
      if (ratePerSecond > 0) {
        const due = started + (i * 1000) / ratePerSecond;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      const t0 = Date.now();
      const at = await mta.send(mails[i]);
      onSent?.(mails[i], t0, at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, mails.length) }, worker));
}
