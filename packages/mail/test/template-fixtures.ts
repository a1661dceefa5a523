import type { TemplateContext } from '../src/index.js';

/** A context with every optional field filled, so each template shows all it can. */
export function fullContext(overrides: Partial<TemplateContext> = {}): TemplateContext {
  return {
    ticket: {
      id: 'TD-7',
      subject: 'Re: [TD-7] Imprimante hors ligne',
      level: 2,
      priority: 'high',
      status: 'callback_scheduled',
      customer: { email: 'claire@customer.test', name: 'Claire Dubois', timezone: 'Europe/Paris' },
      category: 'printer',
    },
    publicUrl: 'http://127.0.0.1:8080/',
    recipientName: 'Claire Dubois',
    reason: 'New ticket at level 2 (printer).',
    articles: [
      { title: 'Reset the printer spooler', url: 'https://kb.example.com/spooler' },
      { title: 'Printer shows offline', url: 'https://kb.example.com/offline' },
    ],
    body: 'Please restart the print server and tell us if the queue clears.',
    resolution: 'The print spooler was restarted; the queue is empty again.',
    sla: { target: 'firstResponse', due: '2026-11-26T13:00:00Z', policy: 'L3 business', timezone: 'Europe/Berlin' },
    callback: { start: '2026-11-26T13:00:00Z', end: '2026-11-26T13:30:00Z', timezone: 'Europe/Berlin', agentName: 'Jonas Weber', attempt: 2, timezoneNote: 'Times are shown in Europe/Berlin.' },
    consent: {
      vendorName: 'NASCorp',
      grantUrl: 'http://127.0.0.1:8080/consent/abc.grant',
      denyUrl: 'http://127.0.0.1:8080/consent/abc.deny',
      shared: ['your name and email address', 'the subject and description of the problem'],
      expiresAt: '2026-12-03T13:00:00Z',
    },
    vendor: { name: 'NASCorp', externalRef: 'INC12345', consentAt: '2026-11-26T10:15:00Z', followupCount: 2 },
    messages: [{ from: 'claire@customer.test', at: '2026-11-25T09:00:00Z', text: 'The NAS does not answer since this morning.' }],
    ...overrides,
  };
}
