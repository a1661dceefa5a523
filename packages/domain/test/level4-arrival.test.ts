import { describe, expect, it } from 'vitest';
import {
  addFlag,
  chain,
  changeLevel,
  changeStatus,
  createTicket,
  expireConsent,
  handOffToVendor,
  level4Arrival,
  newEvent,
  phoneConsentToldOnArrival,
  planNotifications,
  recordConsentDecision,
  requestConsent,
  type AgentConfig,
  type Level,
  type Ticket,
  type TicketChange,
  type TicketEvent,
  type TierdeskConfig,
  type VendorConfig,
} from '../src/index.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const agent = (email: string, levels: Level[]): AgentConfig => ({ email, name: email.split('@')[0]!, levels, timezone: 'Europe/Berlin', language: 'en' });
const NAS: VendorConfig = { id: 'nas', name: 'NAS Partner', email: 'support@nas.test', topics: ['nas'], language: 'de' };
const DB: VendorConfig = { id: 'database', name: 'DB Partner', email: 'support@db.test', topics: ['db'], language: 'en' };
const CONFIG = {
  agents: [agent('felix@agents.test', [3]), agent('martin@agents.test', [4]), agent('lina@agents.test', [3, 4])],
  escalationContacts: [],
  vendors: [NAS, DB],
} as unknown as TierdeskConfig;
const L4 = ['lina@agents.test', 'martin@agents.test'];

let seq = 0;
/** Applies a change and gives its events ids the way the store does (`TD-n:version.index`). */
function stored(t: Ticket, change: TicketChange | null): Ticket {
  if (!change) return t;
  const v = t.version + 1;
  const at = new Date(NOW.getTime() + v * 60_000).toISOString();
  const events = change.events.map((e, i) => ({ id: `${t.id}:${v}.${i}`, v: 1, ticketId: t.id, at, ...e }) as TicketEvent);
  return { ...change.ticket, version: v, events: [...t.events, ...events] };
}

/** A ticket as triage leaves it: classified at `level` with triage's `vendor`, open. */
function triaged(level: Level, vendor: string | null, opts: { autoSubmitted?: boolean } = {}): Ticket {
  const messageId = `<l4-${++seq}@customer.test>`;
  const message = { messageId, direction: 'in' as const, kind: null, from: 'clara@customer.test', at: NOW.toISOString(), role: 'customer' as const, text: 'The NAS is down.', autoSubmitted: Boolean(opts.autoSubmitted) };
  const created = createTicket({ id: `TD-${seq}`, subject: 'NAS down', customer: { email: 'clara@customer.test', name: 'Clara' }, level, priority: 'normal', category: 'nas', language: 'en', message }, NOW);
  const change = chain(created, (t) =>
    chain(
      {
        ticket: { ...t, triage: { confidence: 0.8, needsTriage: false, explanation: [], kb: [], vendor } },
        events: [newEvent('ticket.classified', { level, category: 'nas', language: 'en', confidence: 0.8, needsTriage: false, explanation: [], kb: [], vendor, priority: 'normal' })],
      },
      (x) => changeStatus(x, 'open', 'triaged', NOW),
    ),
  );
  return stored({ ...change.ticket, version: 0, events: [] }, change);
}

const last = (t: Ticket, type: TicketEvent['type']) => [...t.events].reverse().find((e) => e.type === type)!;
const ask = (t: Ticket, vendor: VendorConfig) => stored(t, requestConsent(t, { vendor, nonce: `nonce-${++seq}-0123456789abcdef`, expiresAt: '2026-12-02T10:00:00.000Z', reason: 'level 4' }, NOW));
const escalate = (t: Ticket, by: 'system' | { agent: string }) => stored(t, changeLevel(t, 4, by === 'system' ? 'SLA breached' : 'needs the vendor', by, NOW));
/** The agent-notifications an event makes, as [address, reason]. */
const told = (event: TicketEvent, t: Ticket) =>
  planNotifications(event, t, CONFIG)
    .filter((p) => p.kind === 'agent-notification')
    .map((p) => [p.to.address, p.reason] as const)
    .sort(([a], [b]) => a.localeCompare(b));

describe('a level-4 arrival nobody can match to a vendor', () => {
  it('tells each level-4 agent once why it arrived and how to choose a vendor, with the configured ids', () => {
    const t = triaged(4, null);
    const classified = last(t, 'ticket.classified');
    expect(level4Arrival(classified, t, CONFIG)).toEqual({ step: 'choose-vendor', known: ['nas', 'database'] });
    const emails = told(classified, t);
    expect(emails.map(([to]) => to)).toEqual(L4);
    for (const [, reason] of emails) {
      expect(reason).toMatch(/^New ticket at level 4 \(nas\)\. No vendor matches TD-\d+/);
      expect(reason).toContain(`POST /api/tickets/${t.id}/vendor {"vendor": "<id>"}`);
      expect(reason).toContain(`tierdesk ticket vendor ${t.id} --vendor <id>`);
      expect(reason).toContain('configured: nas, database');
    }
  });

  it('says the same however far the vendor flow got meanwhile (flag set, vendor chosen)', () => {
    const t = triaged(4, null);
    const classified = last(t, 'ticket.classified');
    const flagged = stored(t, addFlag(t, 'needs-vendor', 'no vendor', NOW));
    const chosen = ask(flagged, DB);
    expect(chosen.consent?.status).toBe('requested');
    expect(told(classified, flagged)).toEqual(told(classified, t));
    expect(told(classified, chosen)).toEqual(told(classified, t));
  });

  it('an escalation to level 4 carries the same note, once per level-4 agent', () => {
    const t = escalate(triaged(3, null), { agent: 'felix@agents.test' });
    const escalated = last(t, 'ticket.escalated');
    const emails = told(escalated, t);
    expect(emails.map(([to]) => to)).toEqual(L4);
    expect(emails[0]![1]).toMatch(/^Escalated from level 3 to 4 by felix@agents\.test: needs the vendor\. No vendor matches/);
  });
});

describe('a level-4 arrival with a known vendor', () => {
  it('adds nothing when the customer is emailed the consent request', () => {
    const t = triaged(4, 'nas');
    const classified = last(t, 'ticket.classified');
    expect(level4Arrival(classified, t, CONFIG)).toEqual({ step: 'ask-consent', vendorId: 'nas', byPhone: false });
    expect(told(classified, t).map(([, r]) => r)).toEqual(['New ticket at level 4 (nas).', 'New ticket at level 4 (nas).']);
    expect(phoneConsentToldOnArrival(ask(t, NAS), last(ask(t, NAS), 'consent.requested'), CONFIG)).toBe(false);
  });

  it('asks for consent by phone in the arrival note when the customer cannot be emailed, and the request then needs no note of its own', () => {
    const t = triaged(4, 'nas', { autoSubmitted: true });
    const classified = last(t, 'ticket.classified');
    expect(level4Arrival(classified, t, CONFIG)).toEqual({ step: 'ask-consent', vendorId: 'nas', byPhone: true });
    const [, reason] = told(classified, t)[0]!;
    expect(reason).toContain('cannot be emailed automatically');
    expect(reason).toContain(`POST /api/tickets/${t.id}/consent {"granted": true|false}`);
    const asked = ask(t, NAS);
    expect(phoneConsentToldOnArrival(asked, last(asked, 'consent.requested'), CONFIG)).toBe(true);
    // A request for another vendor an agent made instead was not announced by the arrival.
    const other = ask(t, DB);
    expect(phoneConsentToldOnArrival(other, last(other, 'consent.requested'), CONFIG)).toBe(false);
  });

  it('a vendor an agent chose after a choose-vendor arrival gets its own phone note', () => {
    const t = ask(triaged(4, null, { autoSubmitted: true }), DB);
    expect(phoneConsentToldOnArrival(t, last(t, 'consent.requested'), CONFIG)).toBe(false);
  });
});

describe('a re-escalation to level 4 after consent', () => {
  const denied = () => {
    const asked = ask(triaged(4, 'nas'), NAS);
    return stored(asked, recordConsentDecision(asked, { granted: false, channel: 'phone' }, NOW));
  };

  it('an automatic one after a refusal tells the agents the customer refused, in the escalation notification', () => {
    const before = denied();
    expect(before.level).toBe(3);
    const t = escalate(before, 'system');
    const escalated = last(t, 'ticket.escalated');
    const decidedAt = last(t, 'consent.decided').at;
    expect(level4Arrival(escalated, t, CONFIG)).toEqual({ step: 'denied-before', vendorId: 'nas', decidedAt });
    const emails = told(escalated, t);
    expect(emails.map(([to]) => to)).toEqual(L4);
    expect(emails[0]![1]).toContain(`refused consent for vendor nas on ${decidedAt}`);
    expect(emails[0]![1]).toContain(`POST /api/tickets/${t.id}/vendor {"vendor": "nas"}`);
  });

  it("an agent's one asks the customer again: nothing added", () => {
    const t = escalate(denied(), { agent: 'felix@agents.test' });
    const escalated = last(t, 'ticket.escalated');
    expect(level4Arrival(escalated, t, CONFIG)).toEqual({ step: 'ask-consent', vendorId: 'nas', byPhone: false });
    expect(told(escalated, t).map(([, r]) => r)).toEqual(Array(2).fill('Escalated from level 3 to 4 by felix@agents.test: needs the vendor'));
  });

  it('after an unanswered request lapsed, the same vendor is asked again (never "choose one")', () => {
    const asked = ask(triaged(4, null), DB);
    const lapsed = stored(asked, expireConsent(asked, asked.consent!.nonce!, 'P7D', NOW));
    expect(lapsed).toMatchObject({ level: 3, consent: { status: 'expired' } });
    const t = escalate(lapsed, 'system');
    expect(level4Arrival(last(t, 'ticket.escalated'), t, CONFIG)).toEqual({ step: 'ask-consent', vendorId: 'database', byPhone: false });
  });

  it('after a granted handoff an agent moved down, nothing is asked again', () => {
    const asked = ask(triaged(4, 'nas'), NAS);
    const granted = stored(asked, recordConsentDecision(asked, { granted: true, channel: 'phone' }, NOW));
    const handed = stored(granted, handOffToVendor(granted, NAS, '<h@support.test>', NOW));
    const down = stored(handed, changeLevel(handed, 3, 'we fix it ourselves', { agent: 'felix@agents.test' }, NOW));
    const t = escalate(down, { agent: 'felix@agents.test' });
    expect(level4Arrival(last(t, 'ticket.escalated'), t, CONFIG)).toEqual({ step: 'none' });
  });

  it('any other event is no level-4 arrival', () => {
    const t = triaged(3, null);
    expect(level4Arrival(last(t, 'ticket.classified'), t, CONFIG)).toEqual({ step: 'none' });
  });
});
