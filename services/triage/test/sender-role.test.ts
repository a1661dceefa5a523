import { describe, expect, it } from 'vitest';
import type { Ticket, TicketMessage, VendorConfig } from '@tierdesk/domain';
import { senderRole } from '../src/inbound-message.js';

const NAS: VendorConfig = { id: 'nas', name: 'NAS Partner', email: 'support@nas.test', topics: ['nas'], language: 'en' };
const config = { agents: [{ email: 'agent@support.test', name: 'A', levels: [4], timezone: 'UTC', language: 'en' as const }], vendors: [NAS] };

const out = (messageId: string, kind: TicketMessage['kind']): TicketMessage => ({ messageId, direction: 'out', kind, from: 'support@support.test', at: '2026-01-01T00:00:00.000Z' });

/** A level-4 ticket handed to the NAS vendor, with our handoff, a follow-up and an ack to the customer. */
function handedOff(handedOffAt: string | null = '2026-01-01T00:00:00.000Z'): Pick<Ticket, 'customer' | 'vendor' | 'messages'> {
  return {
    customer: { email: 'clara@customer.test', name: 'Clara' },
    vendor: { id: 'nas', name: NAS.name, email: NAS.email, handedOffAt, externalRef: null, followups: 1, lastReplyAt: null, lastReplyMessageId: null },
    messages: [out('<td-1.ack@support.test>', 'ack'), out('<td-1.handoff@support.test>', 'vendor-handoff'), out('<td-1.followup@support.test>', 'vendor-followup')],
  };
}

describe('who wrote a message on a ticket', () => {
  it('knows the customer, the vendor, the agents, and a stranger', () => {
    const t = handedOff();
    expect(senderRole('Clara@Customer.test', t, config)).toBe('customer');
    expect(senderRole('support@nas.test', t, config)).toBe('vendor');
    expect(senderRole('agent@support.test', t, config)).toBe('agent');
    expect(senderRole('someone@else.test', t, config)).toBe('unknown');
    expect(senderRole(null, t, config)).toBe('unknown');
  });

  describe('when someone else at the vendor answers our handoff', () => {
    it('counts a reply to the handoff or to a follow-up as the vendor', () => {
      const t = handedOff();
      expect(senderRole('engineer@nas.test', t, config, ['<td-1.handoff@support.test>'])).toBe('vendor');
      expect(senderRole('noreply@tickets.nas.test', t, config, ['<x@y>', '<td-1.followup@support.test>'])).toBe('vendor');
    });

    it('does not for a reply to customer mail, nor before any handoff', () => {
      expect(senderRole('engineer@nas.test', handedOff(), config, ['<td-1.ack@support.test>'])).toBe('unknown');
      expect(senderRole('engineer@nas.test', handedOff(null), config, ['<td-1.handoff@support.test>'])).toBe('unknown');
    });

    it('still takes the customer as the customer', () => {
      expect(senderRole('clara@customer.test', handedOff(), config, ['<td-1.handoff@support.test>'])).toBe('customer');
    });
  });
});
