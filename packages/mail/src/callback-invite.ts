import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { InvalidInputError } from '@tierdesk/domain';
import { assertTicketId } from './message-id.js';
import { cleanAddress } from './mailbox.js';
import type { OutboundAttachment } from './outbound-email.js';
import { sanitizeHeaderText } from './sanitize-header-text.js';
import { buildVtimezone } from './vtimezone.js';

export interface CallbackInviteOptions {
  ticketId: string;
  /** Stable per callback, so a new invite or a CANCEL updates the same calendar entry. */
  uid: string;
  start: Date;
  end: Date;
  /** IANA zone the times are written in; an unknown zone falls back to UTC. */
  timezone: string;
  summary: string;
  description: string;
  organizer: { name: string; email: string };
  attendee: { name?: string; email: string };
  /** Raise it for each update of the same uid; calendars ignore an update with a lower one. */
  sequence?: number;
  method?: 'REQUEST' | 'CANCEL';
  /** DTSTAMP; defaults to now. */
  stamp?: Date;
}

/** Quotes are not allowed inside a quoted CN parameter (RFC 5545 §3.1), nor are controls. */
function paramText(s: string): string {
  return sanitizeHeaderText(s, 120).replace(/"/g, "'");
}

/**
 * An iCalendar invite for a level-2 callback (ical-generator), with the slot in the given
 * zone and a matching VTIMEZONE: attach it to `callback-scheduled` and the agent's email.
 */
export function buildCallbackInvite(opts: CallbackInviteOptions): OutboundAttachment {
  assertTicketId(opts.ticketId);
  if (!(opts.start instanceof Date) || !(opts.end instanceof Date) || Number.isNaN(opts.start.getTime()) || Number.isNaN(opts.end.getTime()) || opts.end <= opts.start) {
    throw new InvalidInputError('A callback invite needs a valid start before its end.', { ticketId: opts.ticketId });
  }
  const uid = sanitizeHeaderText(opts.uid, 200).replace(/\s+/g, '');
  if (!uid) throw new InvalidInputError('A callback invite needs a uid.', { ticketId: opts.ticketId });
  const method = opts.method ?? 'REQUEST';
  const zone = IANAZone.isValidZone(opts.timezone) ? opts.timezone : null;

  const calendar = ical({
    prodId: { company: 'Tierdesk', product: 'Callback', language: 'EN' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide name: DTSTAMP then stays in UTC as RFC 5545 requires; the generator
    // still writes a VTIMEZONE for the event's zone.
    timezone: { name: null, generator: (tz) => buildVtimezone(tz, opts.start, opts.end) },
  });
  const at = (d: Date) => (zone ? DateTime.fromJSDate(d).setZone(zone) : DateTime.fromJSDate(d, { zone: 'utc' }));
  calendar.createEvent({
    id: uid,
    sequence: opts.sequence ?? 0,
    stamp: opts.stamp ?? new Date(),
    start: at(opts.start),
    end: at(opts.end),
    timezone: zone,
    summary: sanitizeHeaderText(opts.summary, 200),
    description: opts.description.replace(/\r\n?/g, '\n'),
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: paramText(opts.organizer.name) || cleanAddress(opts.organizer.email), email: cleanAddress(opts.organizer.email) },
    attendees: [
      {
        email: cleanAddress(opts.attendee.email),
        name: paramText(opts.attendee.name ?? '') || null,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: method === 'REQUEST',
      },
    ],
  });
  return {
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    content: calendar.toString(),
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    method,
  };
}
