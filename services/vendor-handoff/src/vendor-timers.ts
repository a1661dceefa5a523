import type { Job } from 'bullmq';
import type { TimerJob } from '@tierdesk/bus';
import {
  addFlag,
  expireConsent,
  isConsentPending,
  nextVendorFollowup,
  recordConsentReminder,
  recordVendorFollowup,
  vendorSilentReason,
  type Ticket,
} from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import { queueTicketEmail } from '@tierdesk/mailer';
import type { Runtime } from '@tierdesk/runtime';
import { notifyAgents } from './agent-notify.js';
import { VENDOR_TIMER_KINDS, sendConsentRequest } from './consent-request.js';
import { armVendorFollowup } from './handoff.js';

async function remindConsent(rt: Runtime, ticket: Ticket, job: TimerJob, log: Logger): Promise<string> {
  const n = typeof job.data?.n === 'number' ? job.data.n : 1;
  if (!isConsentPending(ticket, job.token) || (ticket.consent?.reminders ?? 0) >= n) return 'stale';
  await sendConsentRequest(rt, ticket, `consent-remind:${job.token}:${n}`, null, log);
  const now = rt.now();
  await rt.store.update(ticket.id, (t) => recordConsentReminder(t, job.token, n, now), now);
  return 'reminded';
}

async function giveUpConsent(rt: Runtime, ticket: Ticket, job: TimerJob): Promise<string> {
  const now = rt.now();
  // The ticket.deescalated event this records makes the mailer tell the level-3 agents.
  const { events } = await rt.store.update(ticket.id, (t) => expireConsent(t, job.token, rt.config.consent.giveUpAfter, now), now);
  return events.length ? 'kept-in-house' : 'stale';
}

async function followUpVendor(rt: Runtime, ticket: Ticket, job: TimerJob): Promise<string> {
  const { maxFollowups, after } = rt.config.vendorFollowup;
  const step = nextVendorFollowup(ticket, job.token, maxFollowups);
  const vendor = ticket.vendor;
  if (step === 'none' || !vendor) {
    // A retry of a timer whose follow-up went out but whose successor was never armed.
    if (!ticket.flags.includes('vendor-silent')) await armVendorFollowup(rt, ticket);
    return 'stale';
  }
  if (step === 'tell-agents') {
    const reason = vendorSilentReason(vendor.name, vendor.followups, after);
    await notifyAgents(rt, ticket, 4, `vendor-silent:${job.token}`, reason, { vendor: { name: vendor.name, externalRef: vendor.externalRef } });
    const now = rt.now();
    await rt.store.update(ticket.id, (t) => addFlag(t, 'vendor-silent', reason, now), now);
    return 'agents-told';
  }
  const n = vendor.followups + 1;
  const handoff = [...ticket.messages].reverse().find((m) => m.kind === 'vendor-handoff');
  const config = rt.config.vendors.find((v) => v.id === vendor.id);
  await queueTicketEmail(rt, ticket, {
    kind: 'vendor-followup',
    to: { address: vendor.email, name: vendor.name },
    language: config?.language ?? 'en',
    key: `followup:${vendor.handedOffAt}:${n}`,
    inReplyTo: vendor.lastReplyMessageId ?? handoff?.messageId ?? null,
    context: { vendor: { name: vendor.name, externalRef: vendor.externalRef, followupCount: n } },
  });
  const now = rt.now();
  const { ticket: updated } = await rt.store.update(ticket.id, (t) => recordVendorFollowup(t, n, now), now);
  await armVendorFollowup(rt, updated);
  return 'followed-up';
}

/**
 * Fires the consent and vendor timers. Each re-reads the ticket and acts only if the state it
 * was armed for still holds (the job's token), so a late or repeated timer does nothing.
 */
export function createVendorTimerProcessor(rt: Runtime) {
  return async (job: Job<TimerJob>, log: Logger): Promise<{ outcome: string }> => {
    const ticket = await rt.store.get(job.data.ticketId);
    if (!ticket) return { outcome: 'no-ticket' };
    let outcome: string;
    switch (job.data.kind) {
      case VENDOR_TIMER_KINDS.consentRemind:
        outcome = await remindConsent(rt, ticket, job.data, log);
        break;
      case VENDOR_TIMER_KINDS.consentGiveUp:
        outcome = await giveUpConsent(rt, ticket, job.data);
        break;
      case VENDOR_TIMER_KINDS.vendorFollowup:
        outcome = await followUpVendor(rt, ticket, job.data);
        break;
      default:
        outcome = 'unknown-kind';
    }
    log.info({ ticketId: ticket.id, kind: job.data.kind, outcome }, 'vendor timer fired');
    return { outcome };
  };
}
