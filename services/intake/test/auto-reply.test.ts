import { describe, expect, it } from 'vitest';
import { detectAutoReply } from '../src/auto-reply.js';
import { parseInbound } from '../src/parse-message.js';
import { mail } from './fixtures/load.js';

const human = { from: 'Anna <anna@example.ch>', subject: 'Printer broken' };

function message(extra: string, from = human.from): Buffer {
  return mail(`From: ${from}\nTo: support@tierdesk.test\nSubject: ${human.subject}\nMessage-ID: <m@example.ch>\n${extra}\n\nHello\n`);
}

describe('when a message carries an auto-reply marker (CONTRACT §3)', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted: auto-replied'],
    ['Auto-Submitted: auto-generated', 'auto-submitted: auto-generated'],
    ['Auto-Submitted: auto-notified; owner-email="x@example.com"', 'auto-submitted: auto-notified'],
    ['X-Autoreply: yes', 'x-autoreply'],
    ['X-Autorespond: Out of office', 'x-autorespond'],
    ['X-Auto-Response-Suppress: All', 'x-auto-response-suppress'],
    ['X-Auto-Response-Suppress: OOF', 'x-auto-response-suppress'],
    ['Precedence: bulk', 'precedence: bulk'],
    ['Precedence: junk', 'precedence: junk'],
    ['Precedence: list', 'precedence: list'],
    ['Precedence: auto_reply', 'precedence: auto_reply'],
    ['List-Id: Ops announcements <ops.lists.example.ch>', 'list-id'],
    ['List-Unsubscribe: <mailto:leave@lists.example.ch>', 'list-unsubscribe'],
    ['Return-Path: <>', 'return-path: <>'],
    ['X-Tierdesk-Kind: ack', 'x-tierdesk-kind: our own mail came back'],
  ])('%s → flagged (%s)', async (header, reason) => {
    const p = await parseInbound(message(header));
    expect(p.autoSubmitted).toEqual({ auto: true, reason });
  });

  it.each(['MAILER-DAEMON@mx.example.ch', 'postmaster@example.ch', 'owner-ops@lists.example.ch', 'ops-request@lists.example.ch'])(
    'a message from %s is flagged as automatic',
    async (sender) => {
      const p = await parseInbound(message('', sender));
      expect(p.autoSubmitted.auto).toBe(true);
      expect(p.autoSubmitted.reason).toMatch(/^sender: /);
    },
  );
});

describe('when a person writes', () => {
  it('a plain message is not flagged', async () => {
    expect((await parseInbound(message(''))).autoSubmitted).toEqual({ auto: false, reason: null });
  });

  it('Auto-Submitted: no is a person, as RFC 3834 says', async () => {
    expect((await parseInbound(message('Auto-Submitted: no'))).autoSubmitted.auto).toBe(false);
  });

  it('Precedence: first-class and a normal Return-Path are not automatic', async () => {
    expect((await parseInbound(message('Precedence: first-class\nReturn-Path: <anna@example.ch>'))).autoSubmitted.auto).toBe(false);
  });

  it('a noreply-looking but personal address is not automatic by name alone', () => {
    expect(detectAutoReply({}, 'daemon.fan@example.ch')).toEqual({ auto: false, reason: null });
  });
});

describe('detectAutoReply with the SMTP envelope', () => {
  it('flags the null reverse-path from MAIL FROM:<>', () => {
    expect(detectAutoReply({}, 'anna@example.ch', '')).toEqual({ auto: true, reason: 'envelope sender: <>' });
  });

  it('does not flag an ordinary envelope sender', () => {
    expect(detectAutoReply({}, 'anna@example.ch', 'anna@example.ch').auto).toBe(false);
    expect(detectAutoReply({}, 'anna@example.ch', null).auto).toBe(false);
  });
});

describe('a mail loop between two auto-responders', () => {
  it('flags each side of the loop, so neither is answered', async () => {
    // Responder A answers our ack; responder B answers A: both carry RFC 3834 / vendor markers.
    const a = await parseInbound(message('Auto-Submitted: auto-replied\nIn-Reply-To: <td-1.ack@tierdesk.test>', 'ooo@example.ch'));
    const b = await parseInbound(message('X-Autoreply: yes\nIn-Reply-To: <ooo-reply@example.ch>', 'vacation@example.org'));
    expect([a.autoSubmitted.auto, b.autoSubmitted.auto]).toEqual([true, true]);
  });
});
