import type { Job } from 'bullmq';
import type { IntakeJob } from '@tierdesk/bus';
import type { Logger } from '@tierdesk/logger';
import type { Runtime } from '@tierdesk/runtime';
import { parseInbound, type ParsedInbound } from './parse-message.js';
import { findThread, type ThreadLookup } from './threading.js';

/** Vendor ticket numbers in subjects, e.g. "INC12345", "CS-004711", "Case #88231". */
const EXTERNAL_REF = /\b([A-Z]{2,5}-?\d{4,})\b/g;

export function externalRefsIn(subject: string): string[] {
  return [...subject.matchAll(EXTERNAL_REF)].map((m) => m[1] as string).filter((r) => !/^TD-?\d+$/.test(r));
}

function lookupFor(rt: Runtime): ThreadLookup {
  const agents = new Set(rt.config.agents.map((a) => a.email.toLowerCase()));
  return {
    ticketByMessageId: (id) => rt.store.findByMessageId(id),
    async ticketParties(id) {
      const t = await rt.store.get(id);
      return t ? { customer: t.customer.email, vendor: t.vendor?.email ?? null, status: t.status } : null;
    },
    isAgent: (email) => agents.has(email.toLowerCase()),
    async ticketByExternalRef(subject) {
      for (const ref of externalRefsIn(subject)) {
        const t = await rt.store.findByExternalRef(ref);
        if (t) return t;
      }
      return null;
    },
  };
}

/**
 * Turns an accepted raw message into a parsed one attached to its thread and hands it to triage.
 * Idempotent: a message already held by a ticket (same Message-ID by any channel, or a retried
 * job) stops here.
 */
export function createIntakeProcessor(rt: Runtime) {
  const lookup = lookupFor(rt);
  return async (job: Job<IntakeJob>, log: Logger): Promise<{ messageId: string; ticketId: string | null; duplicate: boolean }> => {
    const stored = await rt.inbound.getRaw(job.data.rawId);
    if (!stored) {
      log.error({ rawId: job.data.rawId }, 'raw message missing; nothing to process');
      return { messageId: '', ticketId: null, duplicate: false };
    }
    let parsed: ParsedInbound = await parseInbound(stored.raw);
    // RFC 3834 §2: mail from the null sender <> is automatic even when its headers say nothing.
    if (stored.meta.mailFrom === '' && !parsed.autoSubmitted.auto) parsed = { ...parsed, autoSubmitted: { auto: true, reason: 'envelope sender: <>' } };
    const messageId = parsed.messageId;
    const plog = log.child({ messageId });
    const holder = await rt.store.findByMessageId(messageId);
    if (holder) {
      plog.info({ ticketId: holder }, 'message already on a ticket; duplicate delivery ignored');
      return { messageId, ticketId: holder, duplicate: true };
    }
    const thread = await findThread(parsed, lookup);
    await rt.inbound.saveParsed(messageId, { ...parsed, html: null, rawId: job.data.rawId, channel: job.data.channel, receivedAt: stored.meta.receivedAt });
    if (parsed.problems.length) plog.warn({ problems: parsed.problems.slice(0, 10) }, 'message parsed with problems; raw message kept');
    await rt.bus.publish('triage', { messageId, ticketId: thread.ticketId }, { jobId: `msg-${messageId}` });
    plog.info({ ticketId: thread.ticketId, thread: thread.how, auto: parsed.autoSubmitted.auto, bounce: Boolean(parsed.bounce) }, 'message received');
    return { messageId, ticketId: thread.ticketId, duplicate: false };
  };
}
