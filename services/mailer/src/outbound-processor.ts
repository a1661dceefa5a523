import { UnrecoverableError, type Job } from 'bullmq';
import type { OutboundJob } from '@tierdesk/bus';
import { MailDeliveryError, type OutboundEmail } from '@tierdesk/mail';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';

const SENT = 'sent';

/**
 * How long an email the relay has accepted waits for Redis to take its sent-record. Without this
 * patience a Redis restart right after a send fails the job, and its retry sends the email again.
 */
export const SENT_RECORD_PATIENCE_MS = 30_000;

async function recordSent(rt: Runtime, messageId: string, log: Logger): Promise<void> {
  const until = Date.now() + SENT_RECORD_PATIENCE_MS;
  let warned = false;
  for (;;) {
    try {
      await rt.inbound.claimOnce(SENT, messageId);
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      if (!warned) log.warn({ err, messageId }, 'email sent but Redis is away; holding on to write its sent-record');
      warned = true;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Sends one email. The sent-record is written after the server accepted the message, so a crash
 * of this process between the two resends it once, with the same Message-ID (the at-least-once
 * window, see README); a retried job after a recorded send does nothing. Permanent refusals (5xx)
 * fail at once into the failed set.
 */
export function createOutboundProcessor(rt: Runtime) {
  return async (job: Job<OutboundJob>, log: Logger): Promise<{ sent: boolean; location?: string }> => {
    const email = job.data.email as unknown as OutboundEmail;
    if (await rt.inbound.wasClaimed(SENT, email.messageId)) {
      log.info({ messageId: email.messageId }, 'already sent; skipping');
      return { sent: false };
    }
    let location: string;
    try {
      location = (await rt.mail.send(email)).location;
    } catch (err) {
      if (err instanceof MailDeliveryError && !err.transient) {
        log.error({ err, messageId: email.messageId }, 'email refused permanently');
        throw new UnrecoverableError(err.message);
      }
      throw err;
    }
    await recordSent(rt, email.messageId, log);
    log.info({ messageId: email.messageId, kind: email.kind, to: email.to.map((t) => t.address), location }, 'email sent');
    return { sent: true, location };
  };
}
