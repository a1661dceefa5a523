import { UnrecoverableError, type Job } from 'bullmq';
import type { OutboundJob } from '@tierdesk/bus';
import { MailDeliveryError, type OutboundEmail } from '@tierdesk/mail';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';

const SENT = 'sent';

/**
 * Sends one email. The sent-record is written after the server accepted the message, so a crash
 * between the two can resend it once (the at-least-once window, see README); a retried job after
 * a recorded send does nothing. Permanent refusals (5xx) fail at once into the failed set.
 */
export function createOutboundProcessor(rt: Runtime) {
  return async (job: Job<OutboundJob>, log: Logger): Promise<{ sent: boolean; location?: string }> => {
    const email = job.data.email as unknown as OutboundEmail;
    if (await rt.inbound.wasClaimed(SENT, email.messageId)) {
      log.info({ messageId: email.messageId }, 'already sent; skipping');
      return { sent: false };
    }
    try {
      const res = await rt.mail.send(email);
      await rt.inbound.claimOnce(SENT, email.messageId);
      log.info({ messageId: email.messageId, kind: email.kind, to: email.to.map((t) => t.address), location: res.location }, 'email sent');
      return { sent: true, location: res.location };
    } catch (err) {
      if (err instanceof MailDeliveryError && !err.transient) {
        log.error({ err, messageId: email.messageId }, 'email refused permanently');
        throw new UnrecoverableError(err.message);
      }
      throw err;
    }
  };
}
