import type { Job } from 'bullmq';
import { isFinalFailure, type OutboundJob } from '@tierdesk/bus';
import { agentsForLevel } from '@tierdesk/domain';
import type { OutboundEmail } from '@tierdesk/mail';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { queueTicketEmail } from './queue-email.js';

/** One undelivered email, as kept in `${prefix}:deadletters` (hash field `outbound|<jobId>`). */
export interface DeadLetterRecord {
  queue: 'outbound';
  jobId: string;
  ticketId: string;
  kind: string;
  messageId: string;
  to: string[];
  failedReason: string;
  attemptsMade: number;
  at: string;
  /** Who was told about it (empty for agent notifications: telling about those could loop). */
  notified: string[];
}

export function deadLetterKey(prefix: string): string {
  return `${prefix}:deadletters`;
}

/** Who hears about an undelivered email: the escalation contacts, else the level-1 agents. */
function whoToTell(rt: Runtime): Array<{ address: string; name?: string; language: string }> {
  const byEmail = new Map(rt.config.agents.map((a) => [a.email.toLowerCase(), a]));
  if (rt.config.escalationContacts.length) {
    return rt.config.escalationContacts.map((address) => {
      const a = byEmail.get(address.toLowerCase());
      return { address, ...(a ? { name: a.name } : {}), language: a?.language ?? 'en' };
    });
  }
  return agentsForLevel(rt.config, 1).map((a) => ({ address: a.email, name: a.name, language: a.language }));
}

/**
 * When an outbound email has failed for good: keep a dead-letter record and tell a person, so a
 * customer is not left without an answer nobody knows about. The job itself stays in the failed
 * set for `tierdesk jobs retry`. Failed agent notifications are recorded but not reported by
 * email (that report would be one more agent notification, and could fail the same way).
 */
export async function handleOutboundFailure(rt: Runtime, job: Job<OutboundJob>, err: Error | undefined, log: Logger): Promise<DeadLetterRecord | null> {
  if (!isFinalFailure(job, err)) return null;
  const email = job.data.email as unknown as OutboundEmail;
  const to = email.to.map((t) => t.address);
  const failedReason = err?.message ?? job.failedReason ?? 'unknown';
  const record: DeadLetterRecord = {
    queue: 'outbound',
    jobId: String(job.id),
    ticketId: email.ticketId,
    kind: email.kind,
    messageId: email.messageId,
    to,
    failedReason,
    attemptsMade: job.attemptsMade,
    at: rt.now().toISOString(),
    notified: [],
  };
  const ticket = email.kind === 'agent-notification' ? null : await rt.store.get(email.ticketId);
  if (ticket) {
    const failed = new Set(to.map((a) => a.toLowerCase()));
    for (const r of whoToTell(rt).filter((x) => !failed.has(x.address.toLowerCase()))) {
      await queueTicketEmail(rt, ticket, {
        kind: 'agent-notification',
        to: { address: r.address, ...(r.name ? { name: r.name } : {}) },
        language: r.language,
        key: `undelivered:${email.messageId}:${r.address.toLowerCase()}`,
        inReplyTo: null,
        context: {
          reason:
            `The "${email.kind}" email to ${to.join(', ')} (${email.messageId}) could not be delivered after ${job.attemptsMade} attempt(s): ${failedReason}. ` +
            `Reach the customer another way, or fix the cause and replay it: tierdesk jobs retry ${record.jobId} --queue outbound`,
        },
      });
      record.notified.push(r.address);
    }
  }
  await rt.redis.hset(deadLetterKey(rt.env.prefix), `outbound|${record.jobId}`, JSON.stringify(record));
  log.error({ queue: 'outbound', jobId: record.jobId, ticketId: record.ticketId, kind: record.kind, notified: record.notified, deadLetter: true }, 'email undeliverable; dead letter recorded');
  return record;
}

/** The outbound worker's 'failed' listener; errors here are logged, never thrown into BullMQ. */
export function outboundFailedListener(rt: Runtime) {
  const log = rt.logger.child({ service: 'mailer', queue: 'outbound' });
  return (job: Job<OutboundJob> | undefined, err: Error): void => {
    if (!job) return;
    handleOutboundFailure(rt, job, err, log.child({ jobId: job.id })).catch((e: unknown) => log.error({ err: e, jobId: job.id }, 'could not record the dead letter or notify about it'));
  };
}
