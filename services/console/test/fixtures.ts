import { createTicket, type Ticket, type TierdeskConfig } from '@tierdesk/domain';
import { loadConfigFile, DEFAULT_CONFIG_PATH } from '@tierdesk/config';

export const config: TierdeskConfig = loadConfigFile(DEFAULT_CONFIG_PATH);

/** A classified ticket as triage leaves it, with overrides. */
export function ticket(extra: Partial<Ticket> = {}, at = new Date('2026-11-24T09:00:00Z')): Ticket {
  const { ticket: t } = createTicket(
    {
      id: 'TD-7',
      subject: 'Export fails',
      customer: { email: 'c@example.org', name: 'C' },
      level: 2,
      priority: 'normal',
      category: 'export',
      language: 'en',
      message: { messageId: '<m@x>', direction: 'in', kind: null, from: 'c@example.org', at: at.toISOString(), text: 'The DATEV export fails.' },
    },
    at,
  );
  return { ...t, status: 'open', triage: { confidence: 0.4, needsTriage: true, explanation: ['rule l2-export'], kb: [], vendor: null }, flags: ['needs-triage'], ...extra };
}
