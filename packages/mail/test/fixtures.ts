import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboundEmail } from '../src/index.js';

export const FROM = 'Tierdesk Support <support@tierdesk.test>';

/** A plausible automatic ack, threaded to a customer message. */
export function sampleEmail(overrides: Partial<OutboundEmail> = {}): OutboundEmail {
  return {
    ticketId: 'TD-7',
    kind: 'ack',
    to: [{ address: 'claire@customer.test', name: 'Claire Dubois' }],
    subject: 'Printer offline',
    text: 'We received your request.',
    html: '<p>We received your request.</p>',
    messageId: '<td-7.ack.0123456789abcdef@tierdesk.test>',
    inReplyTo: '<original-1@customer.test>',
    references: ['<original-0@customer.test>', '<original-1@customer.test>'],
    autoSubmitted: true,
    language: 'fr',
    ...overrides,
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tdmail-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
