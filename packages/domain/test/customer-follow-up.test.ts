import { describe, expect, it } from 'vitest';
import {
  FOLLOW_UP_EXCERPT_CHARS,
  NOTIFIED_EVENT_TYPES,
  appendMessage,
  chain,
  changeLevel,
  changeStatus,
  createTicket,
  detectSelfHelpReply,
  handOffToVendor,
  newEvent,
  planNotifications,
  recordAgentReply,
  recordConsentDecision,
  reopenTicket,
  replyExcerpt,
  requestConsent,
  resolveTicket,
  scheduleCallback,
  type AgentConfig,
  type Level,
  type Ticket,
  type TicketChange,
  type TicketEvent,
  type TicketEventOf,
  type TicketMessage,
  type TierdeskConfig,
  type VendorConfig,
} from '../src/index.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const agent = (email: string, levels: Level[], language: AgentConfig['language']): AgentConfig => ({ email, name: email.split('@')[0]!, levels, timezone: 'Europe/Berlin', language });
const AGENTS = [
  agent('anna@agents.test', [0, 1], 'de'),
  agent('camille@agents.test', [0, 1], 'fr'),
  agent('jonas@agents.test', [2], 'de'),
  agent('oliver@agents.test', [2], 'en'),
  agent('felix@agents.test', [3], 'de'),
  agent('elena@agents.test', [3], 'en'),
  agent('martin@agents.test', [4], 'de'),
];
const CONFIG = { agents: AGENTS, escalationContacts: [] } as unknown as TierdeskConfig;
const NAS: VendorConfig = { id: 'nas', name: 'NAS Partner', email: 'support@nas.test', topics: ['nas'], language: 'de' };
const CUSTOMER = 'clara@customer.test';

/** Applies a change and gives its events ids the way the store does (`TD-n:version.index`). */
function stored(t: Ticket, change: TicketChange): Ticket {
  const v = t.version + 1;
  const events = change.events.map((e, i) => ({ id: `${t.id}:${v}.${i}`, v: 1, ticketId: t.id, at: NOW.toISOString(), ...e }) as TicketEvent);
  return { ...change.ticket, version: v, events: [...t.events, ...events] };
}

let seq = 0;
function inbound(text: string, extra: Partial<TicketMessage> = {}): TicketMessage {
  return { messageId: `<r${++seq}@customer.test>`, direction: 'in', kind: null, from: CUSTOMER, at: NOW.toISOString(), role: 'customer', text, ...extra };
}

/** A ticket as triage leaves it: created, its first message, classified at `level`, then `status`. */
function triaged(level: Level, status: 'open' | 'waiting_customer' = 'open'): Ticket {
  const first = inbound('My problem, in detail.');
  const created = createTicket({ id: 'TD-5', subject: 'A problem', customer: { email: CUSTOMER, name: 'Clara' }, level, priority: 'normal', category: null, language: 'de', message: first }, NOW);
  const change = chain(created, (t) =>
    chain(
      {
        ticket: t,
        events: [
          newEvent('message.received', { messageId: first.messageId, from: CUSTOMER, role: 'customer', autoSubmitted: false, bounce: false, newTicket: true }),
          newEvent('ticket.classified', { level, category: null, language: 'de', confidence: 0.9, needsTriage: false, explanation: [], kb: level === 0 ? ['reset-password'] : [], vendor: null, priority: 'normal' }),
        ],
      },
      (x) => changeStatus(x, status, 'triaged', NOW),
    ),
  );
  return stored({ ...change.ticket, version: 0, events: [] }, change);
}

/**
 * A message on the ticket as services/triage applyReply records it: the message and its
 * message.received, then what the customer's words do (reopen, answer, self-help verdict).
 */
function receive(t: Ticket, message: TicketMessage): Ticket {
  let change: TicketChange = {
    ticket: appendMessage(t, message, NOW),
    events: [newEvent('message.received', { messageId: message.messageId, from: message.from, role: message.role ?? 'unknown', autoSubmitted: Boolean(message.autoSubmitted), bounce: Boolean(message.bounce), newTicket: false })],
  };
  if (!message.autoSubmitted && !message.bounce && message.role === 'customer') {
    if (t.status === 'resolved') change = chain(change, (x) => reopenTicket(x, 'the customer replied after resolution', NOW));
    else if (t.status === 'waiting_customer' && t.level === 0) {
      const verdict = detectSelfHelpReply(message.text ?? '');
      change = chain(change, (x) => (verdict === 'solved' ? resolveTicket(x, 'solved', 'system', NOW) : changeLevel(x, 1, 'The self-help articles did not help the customer.', 'system', NOW)));
    } else if (t.status === 'waiting_customer') change = chain(change, (x) => changeStatus(x, 'open', 'the customer replied', NOW));
  }
  return stored(t, change);
}

function answered(t: Ticket, by: string): Ticket {
  return stored(t, recordAgentReply(t, by, { messageId: `<a${++seq}@support.test>`, direction: 'out', kind: 'agent-reply', from: by, at: NOW.toISOString(), role: 'agent', text: 'Our answer.' }, NOW));
}

function lastReceived(t: Ticket): TicketEventOf<'message.received'> {
  const e = [...t.events].reverse().find((x) => x.type === 'message.received');
  if (!e || e.type !== 'message.received') throw new Error('no message.received');
  return e;
}

/** Who planNotifications tells about the ticket's latest message, sorted. */
function told(t: Ticket): string[] {
  return planNotifications(lastReceived(t), t, CONFIG)
    .map((p) => p.to.address)
    .sort();
}

describe('a customer writing again: who is told', () => {
  it('tells every agent of an open level-1 ticket nobody answered yet, each in their language, threaded to the reply', () => {
    const t = receive(triaged(1), inbound('One more thing: the invoice number is 4711.\n\nOn Mon, 23 Nov 2026, Support wrote:\n> Thanks for your mail'));
    const reply = t.messages.at(-1)!;
    const emails = planNotifications(lastReceived(t), t, CONFIG);
    expect(emails.map((e) => e.to.address).sort()).toEqual(['anna@agents.test', 'camille@agents.test']);
    for (const e of emails) {
      expect(e).toMatchObject({ kind: 'agent-notification', audience: 'agent', inReplyTo: reply.messageId, key: `agent:${e.to.address}` });
      expect(e.extra?.customerReply).toEqual({ messageId: reply.messageId, from: CUSTOMER, at: reply.at, text: 'One more thing: the invoice number is 4711.' });
    }
    expect(emails.find((e) => e.to.address === 'anna@agents.test')).toMatchObject({ language: 'de', reason: 'Das Ticket liegt auf Level 1, das Sie betreuen.' });
    expect(emails.find((e) => e.to.address === 'camille@agents.test')).toMatchObject({ language: 'fr', reason: 'Le ticket est au niveau 1, que vous prenez en charge.' });
  });

  it('tells the open tickets of every level 1-4 to that level', () => {
    expect(told(receive(triaged(2), inbound('More details.')))).toEqual(['jonas@agents.test', 'oliver@agents.test']);
    expect(told(receive(triaged(3), inbound('More details.')))).toEqual(['elena@agents.test', 'felix@agents.test']);
    expect(told(receive(triaged(4), inbound('More details.')))).toEqual(['martin@agents.test']);
  });

  it('tells only the agent who answered last at this level, when the customer answers them', () => {
    const t = receive(answered(triaged(1), 'Camille@Agents.test'), inbound('Here is the screenshot you asked for.'));
    expect(t.status).toBe('open');
    const emails = planNotifications(lastReceived(t), t, CONFIG);
    expect(emails.map((e) => e.to.address)).toEqual(['camille@agents.test']);
    expect(emails[0]!.reason).toBe('Vous avez répondu en dernier sur ce ticket. Il attendait cette réponse et est de nouveau ouvert.');
  });

  it('tells the new level, not the agent who answered before an escalation, nor one the config does not know', () => {
    const up = answered(triaged(1), 'anna@agents.test');
    const escalated = stored(up, changeLevel(up, 3, 'needs a developer', { agent: 'anna@agents.test' }, NOW));
    expect(told(receive(escalated, inbound('Any news?')))).toEqual(['elena@agents.test', 'felix@agents.test']);
    expect(told(receive(answered(triaged(1), 'api'), inbound('Thanks, but one more question.')))).toEqual(['anna@agents.test', 'camille@agents.test']);
  });

  it('tells the agent of a reopened ticket that it was resolved and the reply reopened it', () => {
    const done = answered(triaged(1), 'anna@agents.test');
    const resolved = stored(done, resolveTicket(done, 'Copy sent', { agent: 'anna@agents.test' }, NOW));
    const t = receive(resolved, inbound('The copy never arrived.'));
    expect(t.status).toBe('open');
    const emails = planNotifications(lastReceived(t), t, CONFIG);
    expect(emails.map((e) => [e.to.address, e.reason])).toEqual([['anna@agents.test', 'Sie haben dieses Ticket zuletzt beantwortet. Es war gelöst; die Antwort hat es wieder geöffnet.']]);
  });

  it('tells the level-4 agents when the customer adds information while the vendor works', () => {
    const asked = stored(triaged(4), requestConsent(triaged(4), { vendor: NAS, nonce: 'n0nce-0123456789abcdef', expiresAt: '2026-12-02T10:00:00.000Z', reason: 'level 4' }, NOW));
    const granted = stored(asked, recordConsentDecision(asked, { granted: true, channel: 'link' }, NOW));
    const withVendor = stored(granted, handOffToVendor(granted, NAS, '<h@support.test>', NOW));
    expect(withVendor.status).toBe('waiting_vendor');
    const t = receive(withVendor, inbound('The NAS now also beeps.'));
    const emails = planNotifications(lastReceived(t), t, CONFIG);
    expect(emails.map((e) => [e.to.address, e.reason])).toEqual([['martin@agents.test', 'Das Ticket liegt auf Level 4, das Sie betreuen. Der Anbieter arbeitet noch daran; ihm wurde nichts weitergeleitet.']]);
  });

  it('tells only the agent booked for a pending callback, unless the reply moves the call (the callback flow tells them)', () => {
    const l2 = triaged(2);
    const booking = { start: new Date('2026-11-26T13:00:00Z'), end: new Date('2026-11-26T13:30:00Z'), agent: 'oliver@agents.test', customerTimezone: 'Europe/Berlin', timezoneSource: 'date-header' as const };
    const booked = stored(l2, scheduleCallback(l2, booking, 1, 'level 2', NOW));
    const info = receive(booked, inbound('Before you call: the error code is 0x80070005.'));
    expect(planNotifications(lastReceived(info), info, CONFIG).map((e) => [e.to.address, e.reason])).toEqual([['oliver@agents.test', 'You are booked to call this customer back.']]);
    expect(told(receive(booked, inbound('Could you call me tomorrow at 4pm instead?')))).toEqual([]);
    expect(told(receive(booked, inbound("Please note I'm in New York.")))).toEqual([]);
    // Decided from the reply, not from what the callback flow did since: a rebooking changes nothing.
    const moved = receive(booked, inbound('Could you call me tomorrow at 4pm instead?'));
    const rebooked = stored(moved, scheduleCallback(moved, { ...booking, start: new Date('2026-11-26T15:00:00Z'), end: new Date('2026-11-26T15:30:00Z') }, 1, 'customer asked', NOW));
    expect(planNotifications(lastReceived(moved), rebooked, CONFIG)).toEqual([]);
  });

  it('plans the same emails however often the event is planned, and after the ticket moved on', () => {
    const t = receive(triaged(3), inbound('Still broken.'));
    const first = planNotifications(lastReceived(t), t, CONFIG);
    const later = stored(t, resolveTicket(t, 'fixed', { agent: 'felix@agents.test' }, NOW));
    expect(planNotifications(lastReceived(t), t, CONFIG)).toEqual(first);
    expect(planNotifications(lastReceived(t), later, CONFIG)).toEqual(first);
  });
});

describe('a customer writing again: who is not told', () => {
  it('is routed for message.received at all', () => {
    expect(NOTIFIED_EVENT_TYPES).toContain('message.received');
  });

  it('tells nobody of the message that opened the ticket (the arrival notification does)', () => {
    const t = triaged(1);
    const opening = lastReceived(t);
    expect(opening.data.newTicket).toBe(true);
    expect(planNotifications(opening, t, CONFIG)).toEqual([]);
  });

  it('tells nobody of an auto-reply, a bounce, the vendor or a stranger', () => {
    const open = triaged(1);
    expect(told(receive(open, inbound('I am out of office until Monday.', { autoSubmitted: true })))).toEqual([]);
    expect(told(receive(open, inbound('Delivery failed', { bounce: true, from: 'mailer-daemon@customer.test', role: 'unknown' })))).toEqual([]);
    expect(told(receive(triaged(4), inbound('Our engineer will look at it.', { from: NAS.email, role: 'vendor' })))).toEqual([]);
    expect(told(receive(open, inbound('I am her colleague.', { from: 'bob@customer.test', role: 'unknown' })))).toEqual([]);
  });

  it('leaves level-0 self-help verdicts to their flow: solved resolves, anything else escalates and the escalation tells level 1 once', () => {
    const waiting = triaged(0, 'waiting_customer');
    const solved = receive(waiting, inbound('Thanks, solved!'));
    expect(solved.status).toBe('resolved');
    expect(told(solved)).toEqual([]);
    const notHelped = receive(waiting, inbound("That didn't help, I still have the same problem."));
    expect(notHelped.level).toBe(1);
    expect(told(notHelped)).toEqual([]);
    const escalated = notHelped.events.find((e) => e.type === 'ticket.escalated')!;
    expect(planNotifications(escalated, notHelped, CONFIG).map((e) => e.to.address).sort()).toEqual(['anna@agents.test', 'camille@agents.test']);
  });

  it('leaves replies to a pending consent request to the consent flow, also once it has decided', () => {
    const asked = stored(triaged(4), requestConsent(triaged(4), { vendor: NAS, nonce: 'n0nce-0123456789abcdef', expiresAt: '2026-12-02T10:00:00.000Z', reason: 'level 4' }, NOW));
    const yes = receive(asked, inbound('Yes, go ahead.'));
    expect(told(yes)).toEqual([]);
    const decided = stored(yes, recordConsentDecision(yes, { granted: true, channel: 'reply' }, NOW));
    expect(planNotifications(lastReceived(yes), decided, CONFIG)).toEqual([]);
    expect(told(receive(asked, inbound('Which vendor is that?')))).toEqual([]);
  });
});

describe('the reply excerpt', () => {
  it('keeps the customer\'s own words: no quoted history, no signature, at most FOLLOW_UP_EXCERPT_CHARS', () => {
    expect(replyExcerpt('It works now.\n\n-- \nClara Weber\nACME\n\nLe lun. 23 nov. 2026, Support a écrit :\n> Bonjour')).toBe('It works now.');
    const long = replyExcerpt('word '.repeat(1000));
    expect(long.length).toBeLessThanOrEqual(FOLLOW_UP_EXCERPT_CHARS + ' […]'.length);
    expect(long.endsWith(' […]')).toBe(true);
    expect(replyExcerpt('> only a quote')).toBe('> only a quote');
  });
});
