import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';
import { CONSENT_SECRET, VENDOR_NAS, consentLinksIn, decodeToken, getTicket, mailsTo, page, signToken, testConfig, ticketOf, type TicketJson } from './vendor-helpers.js';

const sink = new SmtpSink();
let td: TierdeskProcess;

const NAS_MAIL = {
  subject: 'Our Synology NAS is not reachable',
  text: 'Hello, since this morning our Synology NAS (DiskStation DS920+) is not reachable from the office network. The shared folders are gone and the disk LED is blinking orange. Can you help? Regards',
};

/** Sends a NAS problem mail from `from` and waits for its consent request. */
async function nasTicket(
  from: string,
  messageId: string,
  attachments: Array<{ filename: string; content: string; contentType: string }> = [],
): Promise<{ ticket: TicketJson; links: { grant: string; deny: string } }> {
  await sendMail(td.smtpPort, { from, to: 'support@tierdesk.test', messageId, ...NAS_MAIL, ...(attachments.length ? { attachments } : {}) });
  const t = await waitFor(`the ticket of ${messageId}`, () => ticketOf(td, messageId));
  const request = await waitFor(`the consent request of ${t.id}`, () => sink.byKind('consent-request', t.id)[0]);
  return { ticket: await getTicket(td, t.id), links: consentLinksIn(request) };
}

describe('level-4 vendor handoff with customer consent, end to end over real SMTP', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({
      env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>', CONSENT_SECRET, TIERDESK_CONFIG: testConfig() },
    });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  let links: { grant: string; deny: string };
  let handoffMessageId = '';

  it('asks the NAS customer for consent, saying what goes to whom, and waits', async () => {
    const got = await nasTicket('Clara Weber <clara@customer.test>', '<nas-1@customer.test>');
    links = got.links;
    const t = got.ticket;
    expect(t).toMatchObject({ id: 'TD-1', level: 4, status: 'waiting_consent', consent: { status: 'requested', vendorId: 'nas' } });
    expect(t.events.map((e) => e.type)).toContain('consent.requested');
    const mail = sink.byKind('consent-request', 'TD-1')[0]!;
    expect(mail.envelopeTo).toEqual(['clara@customer.test']);
    expect(mail.parsed.subject).toMatch(/^\[TD-1\] .*NAS Partner Service/);
    expect(mail.header('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.text).toContain('Clara Weber <clara@customer.test>');
    expect(mail.parsed.text).toContain(`The text of your email "${NAS_MAIL.subject}"`);
    expect(links.grant.startsWith(`http://127.0.0.1:${td.httpPort}/consent/`)).toBe(true);
    expect(decodeToken(links.grant.split('/consent/')[1]!)).toMatchObject({ ticketId: 'TD-1', vendorId: 'nas', decision: 'grant' });
    // CONTRACT §7: the level-4 policy's clock stands still while the customer decides.
    const paused = await waitFor('the SLA clock paused', async () => {
      const x = await getTicket(td, 'TD-1');
      return x.sla.pausedSince ? x : null;
    });
    expect(paused.sla.policy).toBe('vendor-contract');
  });

  it('changes nothing on GET (a mail scanner prefetching the links)', async () => {
    for (const url of [links.grant, links.deny, links.grant]) {
      const res = await page('GET', url);
      expect(res.status).toBe(200);
      expect(res.html).toContain('<form method="post">');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.html).not.toMatch(/<(script|img|link)\b/);
    }
    expect((await page('GET', links.grant)).html).toContain('NAS Partner Service receives the following, and nothing else');
    expect((await getTicket(td, 'TD-1')).consent?.status).toBe('requested');
  });

  it('refuses forged, foreign, expired and tampered tokens, and none of them consents', async () => {
    const real = decodeToken(links.grant.split('/consent/')[1]!);
    const base = `http://127.0.0.1:${td.httpPort}/consent/`;
    const future = Math.floor(Date.now() / 1000) + 3600;
    const cases: Array<[string, string, number]> = [
      ['forged with another secret', signToken('not-the-secret-at-all-0123456789', real), 400],
      ['signature of the deny link on the grant body', `${links.grant.split('/consent/')[1]!.split('.')[0]}.${links.deny.split('.').pop()}`, 400],
      ['for another vendor', signToken(CONSENT_SECRET, { ...real, vendorId: 'printer' }), 400],
      ['for another ticket', signToken(CONSENT_SECRET, { ...real, ticketId: 'TD-999' }), 400],
      ['from an older request', signToken(CONSENT_SECRET, { ...real, nonce: 'an-older-nonce-0123456789', exp: future }), 410],
      ['expired', signToken(CONSENT_SECRET, { ...real, exp: Math.floor(Date.now() / 1000) - 60 }), 410],
      ['not a token', 'hello', 400],
    ];
    for (const [what, token, status] of cases) {
      const post = await page('POST', `${base}${token}`);
      expect(post.status, what).toBe(status);
      expect(post.html, what).toContain('This link');
      expect((await page('GET', `${base}${token}`)).status, what).toBe(status);
    }
    expect((await getTicket(td, 'TD-1')).consent?.status).toBe('requested');
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(sink.mails, VENDOR_NAS)).toHaveLength(0);
  });

  it('hands over to the vendor once the customer confirms the grant link', async () => {
    const res = await page('POST', links.grant);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Your consent is recorded');
    const handoff = await waitFor('the vendor handoff', () => sink.byKind('vendor-handoff', 'TD-1')[0]);
    handoffMessageId = handoff.parsed.messageId!;
    expect(handoff.envelopeTo).toEqual([VENDOR_NAS]);
    expect(handoff.parsed.subject).toMatch(/^\[TD-1\] /);
    expect(handoff.parsed.replyTo?.value[0]?.address).toBe('support@tierdesk.test');
    expect(handoff.parsed.text).toContain('DiskStation DS920+');
    expect(handoff.parsed.text).toContain('clara@customer.test');
    const t = await waitFor('TD-1 waiting for the vendor', async () => {
      const x = await getTicket(td, 'TD-1');
      return x.status === 'waiting_vendor' ? x : null;
    });
    expect(t.consent).toMatchObject({ status: 'granted', channel: 'link' });
    expect(t.vendor).toMatchObject({ id: 'nas', email: VENDOR_NAS });
    // The handoff names the consent and its time; the level-4 policy now measures the vendor.
    // (in the vendor's language, German for the NAS partner)
    expect(handoff.parsed.text).toMatch(/Unser Kunde hat dieser Übergabe am \S.* zugestimmt/);
    await waitFor('the SLA clock running again for the vendor', async () => {
      const x = await getTicket(td, 'TD-1');
      return x.sla.pausedSince === null && x.sla.policy === 'vendor-contract' && x.sla.resolutionDue !== null;
    });
    expect(t.events.map((e) => e.type)).toEqual(expect.arrayContaining(['consent.decided', 'vendor.handed_off']));
    const told = await waitFor('the customer told of the handoff', () => sink.byKind('agent-reply', 'TD-1')[0]);
    expect(told.envelopeTo).toEqual(['clara@customer.test']);
    expect(told.parsed.text).toContain('handed your request over to NAS Partner Service');
  });

  it('refuses to replay the link, and the deny link after the grant', async () => {
    for (const url of [links.grant, links.deny]) {
      const res = await page('POST', url);
      expect(res.status).toBe(409);
      expect(res.html).toContain('already been used');
    }
    expect(sink.byKind('vendor-handoff', 'TD-1')).toHaveLength(1);
    // The consent log lines name their HTTP request, like every other request line.
    const logged = td.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const consentLines = logged.filter((l) => l.msg === 'consent decided by link' || l.msg === 'consent link refused');
    expect(consentLines.map((l) => l.msg)).toEqual(expect.arrayContaining(['consent decided by link', 'consent link refused']));
    for (const l of consentLines) expect(l.reqId, String(l.msg)).toMatch(/^req-/);
  });

  it('threads the vendor reply into the ticket, remembers their number and tells the level-4 agent', async () => {
    await sendMail(td.smtpPort, {
      from: `NAS Partner <${VENDOR_NAS}>`,
      to: 'support@tierdesk.test',
      subject: `INC12345 Re: ${sink.byKind('vendor-handoff', 'TD-1')[0]!.parsed.subject}`,
      text: 'We opened case INC12345. Please replace disk 2; the RAID is degraded.',
      inReplyTo: handoffMessageId,
      references: [handoffMessageId],
      messageId: '<vendor-reply-1@nas-partner.example.net>',
    });
    const t = await waitFor('the vendor reply on TD-1', async () => {
      const x = await getTicket(td, 'TD-1');
      return x.events.some((e) => e.type === 'vendor.replied') ? x : null;
    });
    expect(t.status).toBe('open');
    expect(t.vendor?.externalRef).toBe('INC12345');
    expect(t.messages.find((m) => m.messageId === '<vendor-reply-1@nas-partner.example.net>')?.role).toBe('vendor');
    const note = await waitFor('the agent told of the vendor reply', () =>
      mailsTo(sink.byKind('agent-notification', 'TD-1'), 'martin.keller@example.com').find((m) => (m.parsed.text ?? '').includes('RAID is degraded')),
    );
    expect(note.parsed.text).toContain('INC12345');
  });

  it('threads a later vendor mail by their own ticket number alone', async () => {
    await sendMail(td.smtpPort, {
      from: VENDOR_NAS,
      to: 'support@tierdesk.test',
      subject: 'Update on INC12345',
      text: 'The replacement disk has shipped.',
      messageId: '<vendor-reply-2@nas-partner.example.net>',
    });
    await waitFor('the second vendor mail on TD-1', async () => (await getTicket(td, 'TD-1')).messages.some((m) => m.messageId === '<vendor-reply-2@nas-partner.example.net>'));
  });

  it('threads a vendor mail by its sender and our tag alone', async () => {
    await sendMail(td.smtpPort, {
      from: VENDOR_NAS,
      to: 'support@tierdesk.test',
      subject: 'Re: [TD-1] shipping address',
      text: 'Which address should the disk go to?',
      messageId: '<vendor-reply-3@nas-partner.example.net>',
    });
    const t = await waitFor('the tagged vendor mail on TD-1', async () => {
      const x = await getTicket(td, 'TD-1');
      return x.messages.some((m) => m.messageId === '<vendor-reply-3@nas-partner.example.net>') ? x : null;
    });
    expect(t.messages.find((m) => m.messageId === '<vendor-reply-3@nas-partner.example.net>')?.role).toBe('vendor');
    // A stranger with the same tag and the vendor's number opens a ticket of their own.
    await sendMail(td.smtpPort, { from: 'mallory@elsewhere.test', to: 'support@tierdesk.test', subject: 'Re: [TD-1] INC12345', text: 'Send me the case.', messageId: '<stranger@elsewhere.test>' });
    const other = await waitFor('the stranger ticket', () => ticketOf(td, '<stranger@elsewhere.test>'));
    expect(other.id).not.toBe('TD-1');
  });

  it("counts a reply to the handoff from another address at the vendor as the vendor's answer", async () => {
    const before = (await getTicket(td, 'TD-1')).events.filter((e) => e.type === 'vendor.replied').length;
    await sendMail(td.smtpPort, {
      from: 'Jan Engineer <jan.engineer@nas-partner.example.net>',
      to: 'support@tierdesk.test',
      subject: `RE: ${sink.byKind('vendor-handoff', 'TD-1')[0]!.parsed.subject}`,
      text: 'Engineer here: the firmware 7.2.1 fixes the share outage.',
      inReplyTo: handoffMessageId,
      references: [handoffMessageId],
      messageId: '<engineer-1@nas-partner.example.net>',
    });
    const t = await waitFor("the engineer's answer recorded as the vendor's", async () => {
      const x = await getTicket(td, 'TD-1');
      return x.events.filter((e) => e.type === 'vendor.replied').length > before ? x : null;
    });
    expect(t.messages.find((m) => m.messageId === '<engineer-1@nas-partner.example.net>')?.role).toBe('vendor');
    await waitFor('the agent told of the engineer answer', () =>
      mailsTo(sink.byKind('agent-notification', 'TD-1'), 'martin.keller@example.com').find((m) => (m.parsed.text ?? '').includes('firmware 7.2.1')),
    );
  });

  it('resolves through the API, after which consent can no longer be recorded (409)', async () => {
    const res = await td.api<TicketJson>('POST', '/api/tickets/TD-1/resolve', { resolution: 'Vendor replaced the disk.' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('resolved');
    const late = await td.api<{ error: { code: string } }>('POST', '/api/tickets/TD-1/consent', { granted: true });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  describe('when the customer denies consent', () => {
    it('keeps the ticket in house at level 3, tells those agents, and never emails the vendor', async () => {
      const { ticket, links: l } = await nasTicket('Paul Martin <paul@customer.test>', '<nas-deny@customer.test>');
      expect((await page('GET', l.deny)).html).toContain('must not hand your request over');
      const res = await page('POST', l.deny);
      expect(res.status).toBe(200);
      expect(res.html).toContain('Nothing is passed on to NAS Partner Service');
      const t = await waitFor('the denial on record', async () => {
        const x = await getTicket(td, ticket.id);
        return x.consent?.status === 'denied' ? x : null;
      });
      expect(t).toMatchObject({ level: 3, status: 'open', consent: { channel: 'link' } });
      await waitFor('the level-3 agents told', () => mailsTo(sink.byKind('agent-notification', ticket.id), 'felix.hoffmann@example.com').find((m) => (m.parsed.text ?? '').includes('did not consent')));
      expect((await page('POST', l.grant)).status).toBe(409);
      await new Promise((r) => setTimeout(r, 1000));
      expect(sink.mails.filter((m) => m.header('x-tierdesk-ticket') === ticket.id && m.envelopeTo.includes(VENDOR_NAS))).toHaveLength(0);
    });
  });

  describe('when the customer answers by email', () => {
    it('asks again on an unclear reply, and a plain yes then grants', async () => {
      const { ticket } = await nasTicket('Zoe <zoe@customer.test>', '<nas-reply@customer.test>');
      const request = sink.byKind('consent-request', ticket.id)[0]!;
      await sendMail(td.smtpPort, {
        from: 'zoe@customer.test',
        to: 'support@tierdesk.test',
        subject: `Re: ${request.parsed.subject}`,
        text: 'What exactly would you send them, and would they call me?',
        inReplyTo: request.parsed.messageId,
        references: [request.parsed.messageId!],
      });
      await waitFor('the consent request asked again', () => sink.byKind('consent-request', ticket.id).length === 2);
      expect((await getTicket(td, ticket.id)).consent?.status).toBe('requested');
      // Unclear a second time: a person takes over (the level-4 agent), the customer is not asked a third time.
      await sendMail(td.smtpPort, {
        from: 'zoe@customer.test',
        to: 'support@tierdesk.test',
        subject: `Re: ${request.parsed.subject}`,
        text: 'Hmm, I would rather talk to someone about it first.',
        inReplyTo: request.parsed.messageId,
        references: [request.parsed.messageId!],
      });
      const note = await waitFor('the level-4 agent told of the second unclear reply', () =>
        mailsTo(sink.byKind('agent-notification', ticket.id), 'martin.keller@example.com').find((m) => (m.parsed.text ?? '').includes('unclearly again')),
      );
      expect(note.parsed.text).toContain('talk to someone about it first');
      expect(sink.byKind('consent-request', ticket.id)).toHaveLength(2);
      expect((await getTicket(td, ticket.id)).consent?.status).toBe('requested');
      await sendMail(td.smtpPort, {
        from: 'zoe@customer.test',
        to: 'support@tierdesk.test',
        subject: `Re: ${request.parsed.subject}`,
        text: 'Yes, go ahead.',
        inReplyTo: request.parsed.messageId,
        references: [request.parsed.messageId!],
      });
      const handoff = await waitFor('the handoff after the yes', () => sink.byKind('vendor-handoff', ticket.id)[0]);
      expect(handoff.envelopeTo).toEqual([VENDOR_NAS]);
      // The consent reply itself was not promised to the vendor, so it is not in the handoff.
      expect(handoff.parsed.text).not.toContain('Yes, go ahead');
      expect((await getTicket(td, ticket.id)).consent).toMatchObject({ status: 'granted', channel: 'reply' });
    });
  });

  describe('when triage cannot tell the vendor', () => {
    it('flags the escalated ticket for an agent, refuses an unknown vendor, then asks about the chosen one', async () => {
      await sendMail(td.smtpPort, { from: 'lea@customer.test', to: 'support@tierdesk.test', subject: 'Invoice copy', text: 'Hello, could you send me a copy of my last invoice? Thanks', messageId: '<inv-1@customer.test>' });
      const t = await waitFor('the invoice ticket', () => ticketOf(td, '<inv-1@customer.test>'));
      expect((await td.api('POST', `/api/tickets/${t.id}/vendor`, { vendor: 'nas' })).status).toBe(409);
      expect((await td.api('POST', `/api/tickets/${t.id}/escalate`, { level: 4, reason: 'the invoice server is run by a contractor' })).status).toBe(200);
      await waitFor('the needs-vendor flag', async () => (await getTicket(td, t.id)).flags.includes('needs-vendor'));
      // One email to the level-4 agent (CONTRACT §3): why it came, and that a vendor must be chosen.
      const asked = await waitFor('the level-4 agent asked to choose', () => mailsTo(sink.byKind('agent-notification', t.id), 'martin.keller@example.com').find((m) => (m.parsed.text ?? '').includes('/vendor')));
      const text = (asked.parsed.text ?? '').replace(/\s+/g, ' ');
      expect(text).toContain('the invoice server is run by a contractor');
      expect(text).toContain(`No vendor matches ${t.id}`);
      expect(text).toContain('configured: nas, printer, database, terminal-server, hosting');
      const unknown = await td.api<{ error: { code: string } }>('POST', `/api/tickets/${t.id}/vendor`, { vendor: 'acme' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe('INVALID_INPUT');
      expect((await td.api('POST', `/api/tickets/${t.id}/vendor`, {})).status).toBe(400);
      const chosen = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/vendor`, { vendor: 'database', agent: 'martin.keller@example.com' });
      expect(chosen.status).toBe(200);
      expect(chosen.body).toMatchObject({ status: 'waiting_consent', consent: { status: 'requested', vendorId: 'database' } });
      expect(chosen.body.flags).not.toContain('needs-vendor');
      const request = await waitFor('the consent request about the chosen vendor', () => sink.byKind('consent-request', t.id)[0]);
      expect(request.parsed.subject).toContain('Database Hosting Partner');
      // Nothing more reached the level-4 agent meanwhile: no second note about the same arrival.
      expect(mailsTo(sink.byKind('agent-notification', t.id), 'martin.keller@example.com')).toHaveLength(1);
    });

    it('records consent taken by phone (API), and refuses to record it twice', async () => {
      const t = (await td.api<{ tickets: TicketJson[] }>('GET', '/api/tickets?messageId=%3Cinv-1%40customer.test%3E')).body.tickets[0]!;
      expect((await td.api('POST', `/api/tickets/${t.id}/consent`, { granted: 'yes' })).status).toBe(400);
      expect((await td.api('POST', `/api/tickets/${t.id}/consent`, { granted: false, agent: 42 })).status).toBe(400);
      const res = await td.api<TicketJson>('POST', `/api/tickets/${t.id}/consent`, { granted: false, agent: 'martin.keller@example.com' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ level: 3, status: 'open', consent: { status: 'denied', channel: 'phone' } });
      expect(res.body.events.find((e) => e.type === 'consent.decided')?.data).toMatchObject({ granted: false, channel: 'phone', by: 'martin.keller@example.com' });
      expect((await td.api('POST', `/api/tickets/${t.id}/consent`, { granted: true })).status).toBe(409);
      expect((await td.api('POST', '/api/tickets/TD-999/consent', { granted: true })).status).toBe(404);
    });

    it('the CLI records phone consent too; attachments stay home when the config does not allow them', async () => {
      const log = [{ filename: 'nas-secrets.txt', content: 'admin password: hunter2\n', contentType: 'text/plain' }];
      const { ticket } = await nasTicket('cli@customer.test', '<nas-cli@customer.test>', log);
      expect(sink.byKind('consent-request', ticket.id)[0]!.parsed.text).not.toContain('nas-secrets.txt');
      const bad = await td.cli(['ticket', 'vendor', ticket.id, '--vendor', 'acme']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('INVALID_INPUT');
      const out = await td.cli(['ticket', 'consent', ticket.id, '--granted', '--json']);
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout).consent).toMatchObject({ status: 'granted', channel: 'phone' });
      const handoff = await waitFor('the handoff after phone consent', () => sink.byKind('vendor-handoff', ticket.id)[0]);
      expect(handoff.parsed.attachments).toHaveLength(0);
      expect(handoff.parsed.text).not.toContain('hunter2');
    });
  });

  it('shows a clear page for a link whose ticket was resolved meanwhile', async () => {
    const { ticket, links: l } = await nasTicket('ines@customer.test', '<nas-resolved@customer.test>');
    expect((await td.api('POST', `/api/tickets/${ticket.id}/resolve`, { resolution: 'It came back after a restart.' })).status).toBe(200);
    const res = await page('POST', l.grant);
    expect(res.status).toBe(409);
    expect(res.html).toContain('has been resolved meanwhile');
    expect((await page('GET', l.grant)).status).toBe(409);
    await waitFor('the pending request withdrawn', async () => (await getTicket(td, ticket.id)).consent?.status === 'expired');
  });

  it('sent vendor email only for tickets whose customer consented, after the consent', async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const toVendors = sink.mails.filter((m) => m.envelopeTo.some((a) => /partner\.example\.net$/.test(a)));
    expect(toVendors.length).toBeGreaterThanOrEqual(3);
    for (const m of toVendors) {
      const t = await getTicket(td, m.header('x-tierdesk-ticket')!);
      expect(t.consent?.status, t.id).toBe('granted');
      expect(Date.parse(m.parsed.date!.toISOString()) + 1000).toBeGreaterThanOrEqual(Date.parse(t.consent!.decidedAt!));
    }
  });
});
