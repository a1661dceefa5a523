import { describe, expect, it } from 'vitest';
import { createTicket, type Ticket } from '@tierdesk/domain';
import { confirmPage, decidedPage, escapeHtml, refusedPage, refusedStatus } from '../src/consent-page.js';

const now = new Date('2026-11-25T10:00:00Z');

function ticket(language: string, subject = 'NAS <b>down</b> & "out"'): Ticket {
  return createTicket(
    {
      id: 'TD-3',
      subject,
      customer: { email: 'c@x.test', name: 'C' },
      level: 4,
      priority: 'normal',
      category: 'nas',
      language,
      message: { messageId: '<m@x>', direction: 'in', kind: null, from: 'c@x.test', at: now.toISOString() },
    },
    now,
  ).ticket;
}

describe('consent pages', () => {
  it('escape everything that comes from mail or config', () => {
    const html = confirmPage(ticket('en', '<script>alert(1)</script>'), 'Evil <img src=x> Vendor', 'grant', ['Your name: <svg onload=x>']);
    expect(html).not.toMatch(/<(script|img|svg)\b/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Evil &lt;img src=x&gt; Vendor');
    expect(escapeHtml(`'"&<>`)).toBe('&#39;&quot;&amp;&lt;&gt;');
  });

  it('offer one button that posts back to the same address, and load nothing external', () => {
    const html = confirmPage(ticket('en'), 'NAS Partner', 'grant', ['a', 'b']);
    expect(html.match(/<form method="post">/g)).toHaveLength(1);
    expect(html).not.toMatch(/action=|https?:\/\//);
    expect(html).toContain('<li>a</li><li>b</li>');
    expect(confirmPage(ticket('en'), 'NAS Partner', 'deny', ['a'])).not.toContain('<li>');
  });

  it('speak the customer language', () => {
    expect(confirmPage(ticket('de'), 'NAS Partner', 'grant', [])).toContain('Ja, dies mit NAS Partner teilen');
    expect(decidedPage(ticket('fr'), 'NAS Partner', false)).toContain('Rien n’est transmis à NAS Partner');
    expect(refusedPage('ticket-finished', ticket('de'))).toContain('Ticket TD-3 wurde inzwischen gelöst');
    expect(refusedPage('forged', null)).toContain('This link is not valid');
    expect(refusedPage('forged', null)).toContain('<html lang="en">');
  });

  it('answer refused links with statuses that say why', () => {
    expect(refusedStatus('forged')).toBe(400);
    expect(refusedStatus('expired')).toBe(410);
    expect(refusedStatus('used')).toBe(409);
    expect(refusedStatus('ticket-finished')).toBe(409);
  });
});
