import { describe, expect, it } from 'vitest';
import { contentHashMessageId, normalizeMessageId, parseMessageIdList } from '../src/message-id.js';
import { parseInbound } from '../src/parse-message.js';
import { fixture, mail } from './fixtures/load.js';

describe('parseInbound on well-formed mail', () => {
  it('reads a plain text message: addresses, subject, date offset, priority, headers', async () => {
    const p = await parseInbound(fixture('plain.eml'));
    expect(p.messageId).toBe('<CAF=plain.0001@mail.example.ch>');
    expect(p.hasOwnMessageId).toBe(true);
    expect(p.from).toEqual({ email: 'anna.keller@example.ch', name: 'Anna Keller' });
    expect(p.to).toEqual(['support@tierdesk.test', 'desk2@tierdesk.test']);
    expect(p.cc).toEqual(['boss@example.ch']);
    expect(p.replyTo).toBe('anna.private@example.ch');
    expect(p.subject).toBe('Printer on floor 3 prints blank pages');
    expect(p.text).toContain('only prints blank pages.\nWe already restarted it twice.');
    expect(p.html).toBeNull();
    expect(p.date).toBe('2025-06-03T07:13:55.000Z');
    expect(p.dateOffsetMinutes).toBe(120);
    expect(p.priorityHint).toBe('high');
    expect(p.headers['x-priority']).toBe('2 (High)');
    expect(p.headers['received']).toMatch(/^from mx\.example\.ch .* by intake\.tierdesk\.test/);
    expect(p.malformed).toBe(false);
    expect(p.problems).toEqual([]);
    expect(p.autoSubmitted).toEqual({ auto: false, reason: null });
    expect(p.bounce).toBeNull();
    expect(p.sizeBytes).toBe(fixture('plain.eml').length);
  });

  it('derives text from HTML-only mail without scripts, styles, comments or the title', async () => {
    const p = await parseInbound(fixture('html-only.eml'));
    expect(p.html).toContain('<script>');
    expect(p.text).toContain('Hi team,');
    expect(p.text).toContain('the VPN drops every 10 minutes & I have to log in again.');
    expect(p.text).toContain('Café Wi-Fi <guest> works fine.');
    expect(p.text).toContain('OS: Windows 11');
    expect(p.text).toContain('Thanks — Bob');
    for (const hidden of ['alert', 'color: red', 'ignored title', 'comment', '<p>']) expect(p.text).not.toContain(hidden);
    expect(p.dateOffsetMinutes).toBe(-300);
    expect(p.date).toBe('2025-06-05T03:01:00.000Z');
  });

  it('prefers the plain part of multipart/alternative and lists the attachment', async () => {
    const p = await parseInbound(fixture('alternative.eml'));
    expect(p.subject).toBe('Datenbank läuft nicht');
    expect(p.text).toBe('Die Datenbank läuft seit dem Update nicht mehr. Fehlermeldung im Anhang (siehe Log).\n');
    expect(p.html).toContain('<b>nicht</b>');
    expect(p.attachments).toEqual([{ filename: 'fehler.pdf', contentType: 'application/pdf', size: 52 }]);
    expect(p.malformed).toBe(false);
  });

  it('decodes base64 bodies and base64 encoded words in subject and name', async () => {
    const p = await parseInbound(fixture('base64.eml'));
    expect(p.subject).toBe('Problème de connexion');
    expect(p.from).toEqual({ email: 'anais@example.fr', name: 'Anaïs Dupont' });
    expect(p.text).toBe("Bonjour,\n\nje n'arrive pas à me connecter au portail.\n\nMerci d'avance,\nAnaïs\n");
  });

  it('decodes quoted-printable with soft line breaks', async () => {
    const raw = mail('From: a@example.com\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nL=C3=A4nge=\nre Zeile =3D gleich\n');
    expect((await parseInbound(raw)).text).toBe('Längere Zeile = gleich\n');
  });

  it('decodes RFC 2047 words across charsets, joins a character split over two words, finds [TD-n] tags', async () => {
    const p = await parseInbound(fixture('rfc2047.eml'));
    expect(p.from).toEqual({ email: 'f.mueller@example.com', name: 'François Müller' });
    expect(p.subject).toBe('Re: [TD-12] Virtual machine down — cáll me [td-3]');
    expect(p.ticketTags).toEqual(['TD-12', 'TD-3']);
    expect(p.headers['to']).toBe('Support € <support@tierdesk.test>');
  });
});

describe('parseInbound with 8-bit and wrongly declared charsets', () => {
  it('decodes ISO-8859-1 bodies (as Windows-1252, like every mail client)', async () => {
    const p = await parseInbound(mail('From: a@example.com\nContent-Type: text/plain; charset=ISO-8859-1\n\nPrix: 5 \x80, caf\xe9\n', 'latin1'));
    expect(p.text).toBe('Prix: 5 €, café\n');
    expect(p.malformed).toBe(false);
  });

  it('decodes Windows-1252 smart quotes', async () => {
    const p = await parseInbound(mail('From: a@example.com\nContent-Type: text/plain; charset=windows-1252\n\n\x93quoted\x94 \x96 na\xefve\n', 'latin1'));
    expect(p.text).toBe('“quoted” – naïve\n');
  });

  it('repairs UTF-8 declared but Latin-1 sent, and says so', async () => {
    const p = await parseInbound(mail('From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\nd\xe9j\xe0 vu\n', 'latin1'));
    expect(p.text).toBe('déjà vu\n');
    expect(p.text).not.toContain('\ufffd');
    expect(p.problems).toContain('declared utf-8 and not valid UTF-8; decoded as windows-1252');
    expect(p.malformed).toBe(true);
  });

  it('repairs Latin-1 declared but UTF-8 sent (no mojibake)', async () => {
    const p = await parseInbound(Buffer.concat([mail('From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n\n'), Buffer.from('Grüße, 5 €\r\n')]));
    expect(p.text).toBe('Grüße, 5 €\n');
    expect(p.problems).toContain('declared iso-8859-1 but content is UTF-8');
  });

  it('reads an unknown charset as UTF-8 or Windows-1252', async () => {
    const p = await parseInbound(mail('From: a@example.com\nContent-Type: text/plain; charset=x-unknown-42\n\ncaf\xe9\n', 'latin1'));
    expect(p.text).toBe('café\n');
    expect(p.problems[0]).toMatch(/unknown or refused charset "x-unknown-42"/);
  });

  it('decodes raw 8-bit headers (UTF-8 and Latin-1)', async () => {
    const latin = await parseInbound(mail('From: Ren\xe9 <rene@example.com>\nSubject: caf\xe9\n\nx', 'latin1'));
    expect(latin.subject).toBe('café');
    expect(latin.from?.name).toBe('René');
    const utf8 = await parseInbound(mail('From: Zoë <zoe@example.com>\nSubject: 日本語のテスト\n\nx'));
    expect(utf8.subject).toBe('日本語のテスト');
    expect(utf8.from?.name).toBe('Zoë');
  });
});

describe('parseInbound when headers are missing or hostile', () => {
  it('has from: null and a problem when From is missing', async () => {
    const p = await parseInbound(mail('Subject: anonymous\n\nhello\n'));
    expect(p.from).toBeNull();
    expect(p.problems).toContain('missing From header');
    expect(p.malformed).toBe(true);
  });

  it('has from: null when From has no usable address', async () => {
    const p = await parseInbound(mail('From: just a name\nSubject: x\n\nhello\n'));
    expect(p.from).toBeNull();
    expect(p.problems).toContain('From header has no usable address');
  });

  it('strips CR/LF injected through encoded words in subject and display name', async () => {
    const name = Buffer.from('Evil\r\nBcc: victim@example.com').toString('base64');
    const p = await parseInbound(mail(`From: =?utf-8?B?${name}?= <evil@example.com>\nSubject: =?utf-8?Q?hello=0D=0ABcc:_v@example.com=0A=0Dx?=\n\nb`));
    expect(p.subject).toBe('hello Bcc: v@example.com x');
    expect(p.from).toEqual({ email: 'evil@example.com', name: 'Evil Bcc: victim@example.com' });
    for (const value of [p.subject, p.from?.name ?? '', ...Object.values(p.headers)]) expect(value).not.toMatch(/[\r\n\0]/);
  });

  it('removes control characters and bidi overrides from the subject', async () => {
    const p = await parseInbound(mail('From: a@example.com\nSubject: =?utf-8?B?' + Buffer.from('pay\u202Egnp.exe\u0007\u0000 now').toString('base64') + '?=\n\nx'));
    expect(p.subject).toBe('pay gnp.exe now');
  });

  it('keeps a header named __proto__ as a plain key', async () => {
    const p = await parseInbound(mail('From: a@example.com\n__proto__: polluted\n\nx'));
    expect(Object.getPrototypeOf(p.headers)).toBe(Object.prototype);
    expect(p.headers['__proto__']).toBe('polluted');
  });
});

describe('Message-IDs', () => {
  it('normalises ids: brackets, folding, comments', () => {
    expect(normalizeMessageId('  <abc@host>  ')).toBe('<abc@host>');
    expect(normalizeMessageId('abc@host')).toBe('<abc@host>');
    expect(normalizeMessageId('(comment) <a b@host> trailing')).toBe('<ab@host>');
    expect(normalizeMessageId('<>')).toBeNull();
    expect(normalizeMessageId('')).toBeNull();
    expect(normalizeMessageId('<a\u0000b@host>')).toBeNull();
    expect(normalizeMessageId(`<${'x'.repeat(600)}@host>`)).toBeNull();
  });

  it('reads In-Reply-To and References into normalised lists', async () => {
    const p = await parseInbound(fixture('reply.eml'));
    expect(p.messageId).toBe('<reply.5@mail.example.net>');
    expect(p.inReplyTo).toBe('<td.7.ack.1@tierdesk.test>');
    expect(p.references).toEqual(['<root.1@example.net>', '<td.7.ack.1@tierdesk.test>']);
    expect(p.ticketTags).toEqual(['TD-7']);
    expect(p.dateOffsetMinutes).toBe(330);
    expect(parseMessageIdList('a@x b@y, Your message')).toEqual(['<a@x>', '<b@y>']);
    const many = Array.from({ length: 150 }, (_, i) => `<id${i}@x>`).join(' ');
    const kept = parseMessageIdList(many);
    expect(kept).toHaveLength(100);
    expect(kept[0]).toBe('<id0@x>');
    expect(kept[99]).toBe('<id149@x>');
  });

  it('gives mail without a Message-ID a stable content hash', async () => {
    const raw = mail('From: a@example.com\nSubject: no id\n\nbody\n');
    const first = await parseInbound(raw);
    const second = await parseInbound(Buffer.from(raw));
    expect(first.hasOwnMessageId).toBe(false);
    expect(first.messageId).toMatch(/^<[0-9a-f]{64}\.hash@tierdesk\.invalid>$/);
    expect(second.messageId).toBe(first.messageId);
  });

  it('hashes the same message delivered by two channels to the same id', () => {
    const body = 'From: a@example.com\nTo: support@tierdesk.test\nSubject: no id\n\nbody\n';
    const viaSmtp = mail(`Received: from a by b; Tue, 3 Jun 2025 09:00:00 +0000\n${body}`);
    const viaImap = mail(`Return-Path: <a@example.com>\nDelivered-To: support@tierdesk.test\nReceived: from x by y\n\tid 1; Tue, 3 Jun 2025 09:00:01 +0000\nReceived: from c by d\n${body}\n`);
    const viaHttpWithLf = Buffer.from(body);
    expect(contentHashMessageId(viaImap)).toBe(contentHashMessageId(viaSmtp));
    expect(contentHashMessageId(viaHttpWithLf)).toBe(contentHashMessageId(viaSmtp));
    expect(contentHashMessageId(mail(body.replace('body', 'other body')))).not.toBe(contentHashMessageId(viaSmtp));
    expect(contentHashMessageId(mail(body.replace('no id', 'no id!')))).not.toBe(contentHashMessageId(viaSmtp));
  });

  it('falls back to the hash when the Message-ID header is unusable', async () => {
    const p = await parseInbound(mail('From: a@example.com\nMessage-ID: <>\n\nx'));
    expect(p.hasOwnMessageId).toBe(false);
    expect(p.messageId).toMatch(/\.hash@tierdesk\.invalid>$/);
    expect(p.problems).toContain('unusable Message-ID header; a content hash is used instead');
  });
});

describe('dates and priority hints', () => {
  const withHeaders = (h: string) => parseInbound(mail(`From: a@example.com\n${h}\n\nx`));

  it.each([
    ['Date: Tue, 3 Jun 2025 09:13:55 +0200', '2025-06-03T07:13:55.000Z', 120],
    ['Date: 3 Jun 2025 09:13 -0330', '2025-06-03T12:43:00.000Z', -210],
    ['Date: Tue, 3 Jun 25 09:13:55 EDT', '2025-06-03T13:13:55.000Z', -240],
    ['Date: Tue, 3 Jun 2025 09:13:55 -0000', '2025-06-03T09:13:55.000Z', null],
    ['Date: Tue, 3 Jun 2025 09:13:55 GMT', '2025-06-03T09:13:55.000Z', 0],
  ])('%s', async (header, iso, offset) => {
    const p = await withHeaders(header);
    expect(p.date).toBe(iso);
    expect(p.dateOffsetMinutes).toBe(offset);
  });

  it('reports an unparseable Date instead of inventing one', async () => {
    const p = await withHeaders('Date: next Tuesday-ish');
    expect(p.date).toBeNull();
    expect(p.problems).toContain('unparseable Date header');
  });

  it.each([
    ['X-Priority: 1 (Highest)\nImportance: high', 'high'],
    ['Priority: urgent', 'urgent'],
    ['Priority: non-urgent', 'low'],
    ['X-Priority: 5', 'low'],
    ['X-Priority: 3', 'normal'],
    ['Importance: Low', 'low'],
    ['X-MSMail-Priority: High', 'high'],
    ['X-Mailer: test', null],
  ])('%s → %s', async (header, hint) => {
    expect((await withHeaders(header)).priorityHint).toBe(hint);
  });
});
