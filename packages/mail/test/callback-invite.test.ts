import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCallbackInvite, createMailTransport, renderEmail, type CallbackInviteOptions } from '../src/index.js';
import { FROM, sampleEmail } from './fixtures.js';
import { startSmtpSink } from './smtp-sink.js';
import { fullContext } from './template-fixtures.js';

function invite(overrides: Partial<CallbackInviteOptions> = {}): CallbackInviteOptions {
  return {
    ticketId: 'TD-7',
    uid: 'td-7.callback.1@tierdesk.test',
    start: new Date('2026-11-26T13:00:00Z'),
    end: new Date('2026-11-26T13:30:00Z'),
    timezone: 'Europe/Berlin',
    summary: 'Callback about TD-7: "Imprimante", hors ligne; urgent',
    description: 'Jonas Weber calls you back.\nReply to reschedule.',
    organizer: { name: 'Tierdesk Support', email: 'support@tierdesk.test' },
    attendee: { name: 'Claire "CD" Dubois', email: 'claire@customer.test' },
    sequence: 0,
    ...overrides,
  };
}

/** Parses an iCalendar text the way a calendar client would and reads back the one event. */
function readEvent(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const vtz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  const vevent = cal.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return { cal, vevent, event };
}

describe('buildCallbackInvite', () => {
  afterEach(() => ICAL.TimezoneService.reset());

  it('writes a REQUEST whose start and end parse back to the same instants in the given zone', () => {
    const att = buildCallbackInvite(invite());
    expect(att).toMatchObject({ filename: 'invite.ics', method: 'REQUEST' });
    expect(att.contentType).toMatch(/^text\/calendar;.*method=REQUEST/);
    const { cal, event } = readEvent(att.content as string);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe('td-7.callback.1@tierdesk.test');
    expect(event.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([14, 0]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-26T13:30:00.000Z');
    expect(event.summary).toBe('Callback about TD-7: "Imprimante", hors ligne; urgent');
    expect(event.description).toBe('Jonas Weber calls you back.\nReply to reschedule.');
    expect(event.organizer).toBe('mailto:support@tierdesk.test');
    const attendee = event.attendees[0];
    expect(attendee?.getFirstValue()).toMatch(/^mailto:claire@customer\.test$/i);
    expect(attendee?.getParameter('cn')).toBe("Claire 'CD' Dubois");
  });

  it('places times right across a DST change and in half-hour zones', () => {
    // New York switches to summer time on 8 March 2026; Kolkata is +05:30 all year.
    const ny = readEvent(buildCallbackInvite(invite({ timezone: 'America/New_York', start: new Date('2026-03-09T14:00:00Z'), end: new Date('2026-03-09T14:30:00Z') })).content as string);
    expect([ny.event.startDate.hour, ny.event.startDate.minute]).toEqual([10, 0]);
    expect(ny.event.startDate.toJSDate().toISOString()).toBe('2026-03-09T14:00:00.000Z');
    const before = readEvent(buildCallbackInvite(invite({ timezone: 'America/New_York', start: new Date('2026-03-06T15:00:00Z'), end: new Date('2026-03-06T15:30:00Z') })).content as string);
    expect([before.event.startDate.hour, before.event.startDate.minute]).toEqual([10, 0]);
    expect(before.event.startDate.toJSDate().toISOString()).toBe('2026-03-06T15:00:00.000Z');
    const kol = readEvent(buildCallbackInvite(invite({ timezone: 'Asia/Kolkata' })).content as string);
    expect([kol.event.startDate.hour, kol.event.startDate.minute]).toEqual([18, 30]);
    expect(kol.event.endDate.toJSDate().toISOString()).toBe('2026-11-26T13:30:00.000Z');
  });

  it('falls back to UTC times for an unknown zone', () => {
    const { event } = readEvent(buildCallbackInvite(invite({ timezone: 'Nowhere/Special' })).content as string);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });

  it('cancels the same uid with a higher sequence', () => {
    const att = buildCallbackInvite(invite({ method: 'CANCEL', sequence: 1 }));
    expect(att).toMatchObject({ filename: 'cancel.ics', method: 'CANCEL' });
    const { cal, event, vevent } = readEvent(att.content as string);
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.uid).toBe('td-7.callback.1@tierdesk.test');
    expect(event.sequence).toBe(1);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('refuses an end before the start and attendee addresses that are not one mailbox', () => {
    expect(() => buildCallbackInvite(invite({ end: new Date('2026-11-26T12:00:00Z') }))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => buildCallbackInvite(invite({ attendee: { email: 'a@b\r\nATTENDEE:mailto:evil@x' } }))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('arrives over SMTP as a calendar invite that parses back with the slot', async () => {
    const sink = await startSmtpSink();
    const transport = createMailTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, outboxDir: '/unused', from: FROM, pool: false });
    try {
      const rendered = renderEmail('callback-scheduled', 'de', fullContext());
      await transport.send(
        sampleEmail({ kind: 'callback-scheduled', messageId: '<td-7.callback-scheduled.x@tierdesk.test>', subject: rendered.subject, text: rendered.text, html: rendered.html, language: 'de', attachments: [buildCallbackInvite(invite())] }),
      );
      const parsed = await simpleParser(sink.received[0]!.raw);
      expect(parsed.subject).toBe('[TD-7] Wir rufen Sie zurück am Donnerstag, 26. November 2026, 14:00–14:30 Uhr (Europe/Berlin)');
      expect(parsed.headers.get('x-tierdesk-kind')).toBe('callback-scheduled');
      const calendarPart = parsed.attachments.find((a) => a.contentType === 'text/calendar');
      expect(calendarPart, 'a text/calendar part').toBeDefined();
      expect(calendarPart?.content.toString('utf8')).toContain('METHOD:REQUEST');
      const ics = parsed.attachments.find((a) => a.filename === 'invite.ics');
      expect(ics).toBeDefined();
      const { event } = readEvent(ics!.content.toString('utf8'));
      expect(event.startDate.zone?.tzid).toBe('Europe/Berlin');
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T13:00:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-26T13:30:00.000Z');
    } finally {
      await transport.close();
      await sink.close();
    }
  });
});
