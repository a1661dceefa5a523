/**
 * Integration: the vendor queue's processors against the real Redis, on a private prefix, driven
 * job by job (no relay, no mailer): emails show up as outbound messages recorded on the ticket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketEventJob, TimerJob } from '@tierdesk/bus';
import { DEFAULT_CONFIG_PATH, loadConfigFile, loadEnv } from '@tierdesk/config';
import { agentsForLevel, chain, changeLevel, changeStatus, createTicket, isSlaPaused, level4Arrival, newEvent, phoneConsentToldOnArrival, resolveTicket, type Ticket, type TicketEvent, type TierdeskConfig } from '@tierdesk/domain';
import { createLogger } from '@tierdesk/logger';
import { createRuntime, type Runtime } from '@tierdesk/runtime';
import { createVendorEventProcessor } from '../src/vendor-event-processor.js';
import { createVendorTimerProcessor } from '../src/vendor-timers.js';
import { recordPhoneConsent } from '../src/consent-decision.js';
import { startConsentRequest } from '../src/consent-request.js';
import { chooseVendor } from '../src/vendor-actions.js';

const log = createLogger({ level: 'silent', name: 'test' });
let rt: Runtime;
let outbox: string;
let onEvent: (job: Job<TicketEventJob>, l: typeof log) => Promise<unknown>;
let onTimer: (job: Job<TimerJob>, l: typeof log) => Promise<{ outcome: string }>;
let seq = 0;

const run = (event: TicketEvent) => onEvent({ data: { event } } as Job<TicketEventJob>, log);
const fire = (data: TimerJob) => onTimer({ data } as Job<TimerJob>, log);
const sent = (t: Ticket) => t.messages.filter((m) => m.direction === 'out').map((m) => `${m.kind}→${(m.to ?? []).join(',')}`);
const full = async (id: string) => (await rt.store.getWithEvents(id))!;
const last = (t: Ticket, type: string) => [...t.events].reverse().find((e) => e.type === type)!;

/** A NAS ticket as triage leaves it: level 4, vendor matched (or not), open. */
async function level4(vendor: string | null, subject = 'NAS down', autoSubmitted = false): Promise<Ticket> {
  const now = rt.now();
  const messageId = `<vp-${++seq}-${randomBytes(3).toString('hex')}@customer.test>`;
  const message = { messageId, direction: 'in' as const, kind: null, from: 'clara@customer.test', at: now.toISOString(), role: 'customer' as const, subject, text: 'The NAS is down.', autoSubmitted };
  const { ticket } = await rt.store.create(
    messageId,
    (id) =>
      chain(createTicket({ id, subject, customer: { email: 'clara@customer.test', name: 'Clara' }, level: 4, priority: 'normal', category: 'nas', language: 'en', message }, now), (t) =>
        chain(
          {
            ticket: { ...t, triage: { confidence: 0.8, needsTriage: false, explanation: [], kb: [], vendor } },
            events: [newEvent('ticket.classified', { level: 4, category: 'nas', language: 'en', confidence: 0.8, needsTriage: false, explanation: [], kb: [], vendor, priority: 'normal' })],
          },
          (x) => changeStatus(x, 'open', 'triaged', now),
        ),
      ),
    now,
  );
  await run(last(await full(ticket.id), 'ticket.classified'));
  return full(ticket.id);
}

beforeAll(async () => {
  outbox = mkdtempSync(join(tmpdir(), 'td-vendor-'));
  const env = loadEnv({ TIERDESK_PREFIX: `tdtest-${randomBytes(4).toString('hex')}`, TIERDESK_OUTBOX: outbox, MAIL_FROM: 'Support <support@tierdesk.test>', CONSENT_SECRET: 's3cret-for-tests-0123456789' }, process.cwd());
  rt = await createRuntime({ env, config: loadConfigFile(DEFAULT_CONFIG_PATH), logger: log, relay: false });
  onEvent = createVendorEventProcessor(rt);
  onTimer = createVendorTimerProcessor(rt);
});

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await rt.redis.scan(cursor, 'MATCH', `${rt.env.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await rt.redis.unlink(...keys);
  } while (cursor !== '0');
  await rt.close();
  rmSync(outbox, { recursive: true, force: true });
});

describe('a level-4 ticket with a matched vendor', () => {
  it('asks for consent once, emails the customer once, and arms the consent timers', async () => {
    const t = await level4('nas');
    expect(t).toMatchObject({ status: 'waiting_consent', consent: { status: 'requested', vendorId: 'nas' } });
    const requested = last(t, 'consent.requested');
    await run(requested);
    await run(requested);
    await run(last(t, 'ticket.classified'));
    const after = await full(t.id);
    expect(sent(after)).toEqual(['consent-request→clara@customer.test']);
    expect(after.events.filter((e) => e.type === 'consent.requested')).toHaveLength(1);
    const nonce = after.consent!.nonce!;
    const delayed = await rt.bus.queue('vendor-timers').getDelayed();
    expect(delayed.filter((j) => j.data.ticketId === t.id).map((j) => j.data.kind).sort()).toEqual(['consent-give-up', 'consent-remind']);
    expect(delayed.every((j) => j.data.ticketId !== t.id || j.data.token === nonce)).toBe(true);
  });

  it('ignores a consent.requested event of a request that has since been replaced', async () => {
    const t = await level4('nas');
    const stale = { ...last(t, 'consent.requested'), at: '2000-01-01T00:00:00.000Z' } as TicketEvent;
    await run(stale);
    expect(sent(await full(t.id))).toEqual([]);
  });

  it('withdraws the request when the ticket is resolved first, and drops its timers', async () => {
    const t = await level4('nas');
    await run(last(t, 'consent.requested'));
    const now = rt.now();
    const { events } = await rt.store.update(t.id, (x) => resolveTicket(x, 'fixed itself', { agent: 'a@x.test' }, now), now);
    await run(events.find((e) => e.type === 'ticket.resolved')!);
    const after = await full(t.id);
    expect(after.consent?.status).toBe('expired');
    const delayed = await rt.bus.queue('vendor-timers').getDelayed();
    expect(delayed.filter((j) => j.data.ticketId === t.id)).toHaveLength(0);
    expect((await fire({ ticketId: t.id, kind: 'consent-give-up', token: t.consent!.nonce! })).outcome).toBe('stale');
  });
});

describe('a level-4 ticket whose customer cannot be emailed', () => {
  it('waits for consent by phone and leaves telling the agent to the arrival notification', async () => {
    const t = await level4('nas', 'NAS down', true);
    const requested = last(t, 'consent.requested');
    await run(requested);
    await run(requested);
    const after = await full(t.id);
    expect(after.status).toBe('waiting_consent');
    // The level-4 arrival's own agent-notification asks for the phone call (level4ArrivalNote).
    expect(phoneConsentToldOnArrival(after, requested, rt.config)).toBe(true);
    expect(sent(after)).toEqual([]);
  });

  it('asks the level-4 agent by phone, once, about a vendor an agent chose later', async () => {
    const t = await level4(null, 'NAS down', true);
    await startConsentRequest(rt, t.id, rt.config.vendors.find((v) => v.id === 'database')!, 'chosen by an agent');
    const requested = last(await full(t.id), 'consent.requested');
    await run(requested);
    await run(requested);
    const after = await full(t.id);
    expect(after.status).toBe('waiting_consent');
    expect(sent(after)).toEqual(['agent-notification→martin.keller@example.com']);
  });
});

describe('a level-4 ticket nobody can match to a vendor', () => {
  it('is flagged needs-vendor; the vendor flow emails nobody (the arrival notification asks the agent)', async () => {
    const t = await level4(null);
    await run(last(t, 'ticket.classified'));
    const after = await full(t.id);
    expect(after.flags).toContain('needs-vendor');
    expect(after.consent).toBeNull();
    expect(sent(after)).toEqual([]);
    expect(level4Arrival(last(after, 'ticket.classified'), after, rt.config).step).toBe('choose-vendor');
  });
});

describe('after the customer refused', () => {
  it('an automatic escalation back to level 4 asks a person, never the customer', async () => {
    const t = await level4('nas');
    await run(last(t, 'consent.requested'));
    await recordPhoneConsent(rt, t.id, { granted: false });
    const now = rt.now();
    const { events } = await rt.store.update(t.id, (x) => changeLevel(x, 4, 'SLA breached', 'system', now), now);
    await run(events.find((e) => e.type === 'ticket.escalated')!);
    const after = await full(t.id);
    expect(after.consent?.status).toBe('denied');
    expect(after.status).toBe('open');
    // Only the first request's email: the escalation's notification tells the agent of the refusal.
    expect(sent(after)).toEqual(['consent-request→clara@customer.test']);
    expect(level4Arrival(events.find((e) => e.type === 'ticket.escalated')!, after, rt.config).step).toBe('denied-before');
  });

  it("an agent's escalation asks the customer again, with new links", async () => {
    const t = await level4('nas');
    const firstNonce = t.consent!.nonce;
    await recordPhoneConsent(rt, t.id, { granted: false });
    const now = rt.now();
    const { events } = await rt.store.update(t.id, (x) => changeLevel(x, 4, 'customer changed their mind on the phone', { agent: 'felix.hoffmann@example.com' }, now), now);
    await run(events.find((e) => e.type === 'ticket.escalated')!);
    const after = await full(t.id);
    expect(after.consent).toMatchObject({ status: 'requested', vendorId: 'nas' });
    expect(after.consent?.nonce).not.toBe(firstNonce);
  });
});

describe('vendor mail', () => {
  it('an automatic acknowledgement only leaves the vendor ticket number', async () => {
    const t = await level4('nas');
    await recordPhoneConsent(rt, t.id, { granted: true });
    await run(last(await full(t.id), 'consent.decided'));
    const handed = await full(t.id);
    expect(handed.status).toBe('waiting_vendor');
    expect(sent(handed)).toContain('vendor-handoff→support@nas-partner.example.net');
    const now = rt.now();
    const ack = { messageId: `<ack-${seq}@nas-partner.example.net>`, direction: 'in' as const, kind: null, from: 'support@nas-partner.example.net', at: now.toISOString(), role: 'vendor' as const, subject: 'Case CS-004711 opened', text: 'Auto: we received your case.', autoSubmitted: true };
    const { events } = await rt.store.update(t.id, (x) => ({ ticket: { ...x, messages: [...x.messages, ack] }, events: [newEvent('message.received', { messageId: ack.messageId, from: ack.from, role: 'vendor', autoSubmitted: true, bounce: false, newTicket: false })] }), now);
    await run(events[0]!);
    const after = await full(t.id);
    expect(after.vendor?.externalRef).toBe('CS-004711');
    expect(after.status).toBe('waiting_vendor');
    expect(after.events.some((e) => e.type === 'vendor.replied')).toBe(false);
    expect(await rt.store.findByExternalRef('CS-004711')).toBe(t.id);
  });

  it("remembers the vendor's own number, never a model number from the customer's subject", async () => {
    const t = await level4('nas', 'Synology RS1221 down');
    await recordPhoneConsent(rt, t.id, { granted: true });
    await run(last(await full(t.id), 'consent.decided'));
    const now = rt.now();
    const reply = { messageId: `<re-${seq}@nas-partner.example.net>`, direction: 'in' as const, kind: null, from: 'support@nas-partner.example.net', at: now.toISOString(), role: 'vendor' as const, subject: `Re: [${t.id}] Supportanfrage: Synology RS1221 down`, text: 'Which firmware?' };
    const { events } = await rt.store.update(t.id, (x) => ({ ticket: { ...x, messages: [...x.messages, reply] }, events: [newEvent('message.received', { messageId: reply.messageId, from: reply.from, role: 'vendor', autoSubmitted: false, bounce: false, newTicket: false })] }), now);
    await run(events[0]!);
    const after = await full(t.id);
    expect(after.events.some((e) => e.type === 'vendor.replied')).toBe(true);
    expect(after.vendor?.externalRef).toBeNull();
    expect(await rt.store.findByExternalRef('RS1221')).toBeNull();
    // Their number next to the model number is taken.
    const second = { ...reply, messageId: `<re2-${seq}@nas-partner.example.net>`, subject: `Re: [${t.id}] RS1221 down [INC77001]` };
    const more = await rt.store.update(t.id, (x) => ({ ticket: { ...x, messages: [...x.messages, second] }, events: [newEvent('message.received', { messageId: second.messageId, from: second.from, role: 'vendor', autoSubmitted: false, bounce: false, newTicket: false })] }), now);
    await run(more.events[0]!);
    expect((await full(t.id)).vendor?.externalRef).toBe('INC77001');
    expect(await rt.store.findByExternalRef('INC77001')).toBe(t.id);
  });
});

describe('a vendor that can no longer receive the ticket after the customer consented', () => {
  /** The emails queued for sending about a ticket (the outbound queue, not only the ticket's record). */
  async function queuedKinds(ticketId: string): Promise<string[]> {
    const jobs = await rt.bus.queue('outbound').getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
    return jobs.filter((j) => j.data.email.ticketId === ticketId).map((j) => `${j.data.email.kind}→${j.data.email.to.map((a) => a.address).join(',')}`).sort();
  }

  /** Runs `fn` with the runtime's config replaced, as after a restart with a new config file. */
  async function withConfig(config: TierdeskConfig, fn: () => Promise<void>): Promise<void> {
    const original = rt.config;
    rt.config = config;
    try {
      await fn();
    } finally {
      rt.config = original;
    }
  }

  it('removed from the config: the grant is given up, the ticket reopens flagged, the level-4 agents are told once, nothing reaches a vendor', async () => {
    const t = await level4('nas');
    await run(last(t, 'consent.requested'));
    await recordPhoneConsent(rt, t.id, { granted: true, agent: 'martin.keller@example.com' });
    const granted = await full(t.id);
    expect(granted).toMatchObject({ status: 'waiting_consent', consent: { status: 'granted', vendorId: 'nas' } });
    const withoutNas = { ...rt.config, vendors: rt.config.vendors.filter((v) => v.id !== 'nas') };
    await withConfig(withoutNas, async () => {
      const decided = last(granted, 'consent.decided');
      // A retried handoff job changes nothing twice.
      await run(decided);
      await run(decided);
      const after = await full(t.id);
      expect(after).toMatchObject({ level: 4, status: 'open', consent: { status: 'void', vendorId: 'nas' }, vendor: null });
      expect(after.flags).toContain('needs-vendor');
      expect(isSlaPaused(after.status)).toBe(false);
      const voided = after.events.filter((e) => e.type === 'consent.voided');
      expect(voided).toHaveLength(1);
      expect(voided[0]!.data).toMatchObject({ vendorId: 'nas', cause: 'not-configured' });
      // The event tells the level-4 agents, once however often it is delivered.
      await run(voided[0]!);
      await run(voided[0]!);
      const told = await full(t.id);
      const l4 = agentsForLevel(rt.config, 4).map((a) => `agent-notification→${a.email}`).sort();
      expect(l4.length).toBeGreaterThan(0);
      expect(sent(told).filter((s) => !s.startsWith('consent-request')).sort()).toEqual(l4);
      expect((await queuedKinds(t.id)).filter((k) => !k.startsWith('consent-request'))).toEqual(l4);
      expect(told.messages.some((m) => m.kind === 'vendor-handoff' || (m.to ?? []).includes('support@nas-partner.example.net'))).toBe(false);
      // An agent chooses another vendor: the customer is asked again, about that one.
      const asked = await chooseVendor(rt, t.id, { vendor: 'database', agent: 'martin.keller@example.com' });
      expect(asked).toMatchObject({ status: 'waiting_consent', consent: { status: 'requested', vendorId: 'database' } });
      expect(asked.flags).not.toContain('needs-vendor');
      // A late delivery of the voided event no longer tells anyone: an agent already chose.
      await run(voided[0]!);
      expect(sent(await full(t.id)).filter((s) => s.startsWith('agent-notification'))).toHaveLength(l4.length);
    });
  });

  it('still configured but without an email address: the same, and nothing is queued for the vendor', async () => {
    const t = await level4('nas');
    await recordPhoneConsent(rt, t.id, { granted: true });
    const noEmail = { ...rt.config, vendors: rt.config.vendors.map((v) => (v.id === 'nas' ? { ...v, email: '' } : v)) };
    await withConfig(noEmail, async () => {
      await run(last(await full(t.id), 'consent.decided'));
      const after = await full(t.id);
      expect(after).toMatchObject({ level: 4, status: 'open', consent: { status: 'void' } });
      expect(after.flags).toContain('needs-vendor');
      const voided = last(after, 'consent.voided');
      expect(voided.data).toMatchObject({ vendorId: 'nas', cause: 'no-email' });
      await run(voided);
      const kinds = await queuedKinds(t.id);
      expect(kinds.some((k) => k.startsWith('vendor-handoff'))).toBe(false);
      expect(kinds.filter((k) => k.startsWith('agent-notification'))).toHaveLength(agentsForLevel(rt.config, 4).length);
    });
  });

  it('a grant stranded before this fix is given up when an agent chooses another vendor', async () => {
    const t = await level4('nas');
    await recordPhoneConsent(rt, t.id, { granted: true });
    const withoutNas = { ...rt.config, vendors: rt.config.vendors.filter((v) => v.id !== 'nas') };
    await withConfig(withoutNas, async () => {
      // The handoff never ran (its job was lost): the agent's choice must not answer 409.
      const asked = await chooseVendor(rt, t.id, { vendor: 'database' });
      expect(asked.consent).toMatchObject({ status: 'requested', vendorId: 'database' });
      const types = asked.events.map((e) => e.type);
      expect(types.lastIndexOf('consent.voided')).toBeLessThan(types.lastIndexOf('consent.requested'));
      await run(last(asked, 'consent.voided'));
      expect(sent(await full(t.id)).some((s) => s.startsWith('agent-notification'))).toBe(false);
    });
  });
});
