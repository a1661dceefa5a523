import { chain, createTicket, requestConsent, type Ticket, type TicketMessage, type VendorConfig } from '../src/index.js';

export const NOW = new Date('2026-11-25T10:00:00Z');
export const NONCE = 'n0nce-0123456789abcdef';
export const NAS: VendorConfig = { id: 'nas', name: 'NAS Partner Service', email: 'support@nas.test', topics: ['nas'], language: 'de' };
export const PRINTER: VendorConfig = { id: 'printer', name: 'Print Partner', email: 'service@print.test', topics: ['printer'], language: 'en' };

export function inbound(id: string, extra: Partial<TicketMessage> = {}): TicketMessage {
  return { messageId: id, direction: 'in', kind: null, from: 'clara@customer.test', at: NOW.toISOString(), role: 'customer', subject: 'NAS down', text: 'Our NAS is down.', ...extra };
}

/** A level-4 NAS ticket, open after triage. */
export function level4Ticket(extra: Partial<Ticket> = {}): Ticket {
  const { ticket } = createTicket(
    {
      id: 'TD-7',
      subject: 'NAS down',
      customer: { email: 'clara@customer.test', name: 'Clara Weber' },
      level: 4,
      priority: 'normal',
      category: 'nas',
      language: 'de',
      message: inbound('<m1@customer.test>'),
    },
    NOW,
  );
  return { ...ticket, status: 'open', triage: { confidence: 0.8, needsTriage: false, explanation: [], kb: [], vendor: 'nas' }, ...extra };
}

/** The same ticket waiting for consent about the NAS vendor. */
export function waitingConsent(extra: Partial<Ticket> = {}): Ticket {
  return chain({ ticket: level4Ticket(extra), events: [] }, (t) =>
    requestConsent(t, { vendor: NAS, nonce: NONCE, expiresAt: '2026-12-02T10:00:00.000Z', reason: 'level 4' }, NOW),
  ).ticket;
}
