import { LEVEL_DEFINITIONS, MAIL_KINDS, type MailKind } from '@tierdesk/domain';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../src/index.js';
import { fullContext } from './template-fixtures.js';

const LANGS = ['en', 'fr', 'de'] as const;
const AGENT_KINDS: MailKind[] = ['agent-notification', 'sla-warning', 'sla-breach', 'callback-reminder'];
const CUSTOMER_KINDS: MailKind[] = ['ack', 'kb-answer', 'callback-scheduled', 'consent-request', 'agent-reply', 'resolved'];

describe('renderEmail', () => {
  describe.each(LANGS)('in %s', (lang) => {
    it.each(MAIL_KINDS)('renders %s with a subject and text and no placeholder leaks', (kind) => {
      const r = renderEmail(kind, lang, fullContext());
      expect(r.subject.trim().length).toBeGreaterThan(5);
      expect(r.text.trim().length).toBeGreaterThan(50);
      for (const s of [r.subject, r.text, r.html]) {
        expect(s).not.toMatch(/undefined|\bnull\b|\[object Object\]|NaN|Invalid DateTime/);
      }
      expect(r.subject).not.toMatch(/[\r\n]/);
      expect(r.subject).not.toContain('[TD-7]'); // the builder adds the tag
      expect(r.html).toContain(`<html lang="${lang}">`);
      expect(r.text).toContain('TD-7');
    });

    it.each(AGENT_KINDS)('puts the ticket link and API path in %s', (kind) => {
      const r = renderEmail(kind, lang, fullContext());
      expect(r.text).toContain('http://127.0.0.1:8080/tickets/TD-7');
      expect(r.text).toContain('/api/tickets/TD-7');
      expect(r.html).toContain('<a href="http://127.0.0.1:8080/tickets/TD-7">');
    });

    it.each(CUSTOMER_KINDS)('keeps internal reasons out of the customer email %s', (kind) => {
      const r = renderEmail(kind, lang, fullContext({ reason: 'INTERNAL-NOTE-42' }));
      expect(r.text).not.toContain('INTERNAL-NOTE-42');
      expect(r.text).toContain('[TD-7]');
    });

    it('acknowledges with the ticket number, the level name and how to add information', () => {
      const r = renderEmail('ack', lang, fullContext({ ticket: { ...fullContext().ticket, level: 3 } }));
      expect(r.text).toContain('TD-7');
      expect(r.text).toContain(LEVEL_DEFINITIONS[3].name[lang]);
      expect(r.text).toMatch({ en: /reply to this email/, fr: /répondez simplement à cet e-mail/, de: /antworten Sie einfach auf diese E-Mail/ }[lang]);
    });

    it('lists at most three knowledge-base articles and how to say whether they helped', () => {
      const articles = [1, 2, 3, 4].map((i) => ({ title: `Article ${i}`, url: `https://kb.example.com/${i}` }));
      const r = renderEmail('kb-answer', lang, fullContext({ articles }));
      expect(r.text).toContain('https://kb.example.com/3');
      expect(r.text).not.toContain('https://kb.example.com/4');
      expect(r.text).toMatch({ en: /"solved"/, fr: /« résolu »/, de: /„gelöst“/ }[lang]);
      expect(r.html).toContain('<a href="https://kb.example.com/1">Article 1</a>');
    });

    it('says a customer wrote again, quoting their reply with who wrote it when, in the agent\'s language', () => {
      const customerReply = { from: 'claire@customer.test', at: '2026-11-26T08:05:00Z', text: 'The printer is still offline <b>today</b>.' };
      const r = renderEmail('agent-notification', lang, fullContext({ customerReply, reason: 'WHY-42' }));
      expect(r.subject).toBe({ en: 'Customer replied: Imprimante hors ligne', fr: 'Réponse du client : Imprimante hors ligne', de: 'Antwort des Kunden: Imprimante hors ligne' }[lang]);
      expect(r.text).toContain({ en: 'wrote again on ticket TD-7', fr: 'a écrit de nouveau sur le ticket TD-7', de: 'hat erneut zu Ticket TD-7 auf' }[lang]);
      expect(r.text).toContain('The printer is still offline <b>today</b>.');
      expect(r.html).toContain('The printer is still offline &lt;b&gt;today&lt;/b&gt;.');
      expect(r.text).toContain({ en: '26 November 2026', fr: '26 novembre 2026', de: '26. November 2026' }[lang]);
      expect(r.text).toContain('WHY-42');
      // Without it, the arrival wording stays.
      expect(renderEmail('agent-notification', lang, fullContext()).subject).not.toBe(r.subject);
    });

    it('states what is shared with whom, both links, the expiry and that a reply counts', () => {
      const r = renderEmail('consent-request', lang, fullContext());
      expect(r.text).toContain('NASCorp');
      expect(r.text).toContain('- your name and email address');
      expect(r.text).toContain('http://127.0.0.1:8080/consent/abc.grant');
      expect(r.text).toContain('http://127.0.0.1:8080/consent/abc.deny');
      expect(r.text).toContain({ en: '3 December 2026', fr: '3 décembre 2026', de: '3. Dezember 2026' }[lang]);
      expect(r.text).toMatch({ en: /"yes" or "no"/, fr: /« oui » ou « non »/, de: /„ja“ oder „nein“/ }[lang]);
    });

    it('hands over to the vendor with summary, consent time, messages and the reply rule', () => {
      const r = renderEmail('vendor-handoff', lang, fullContext());
      expect(r.text).toContain('Please restart the print server');
      expect(r.text).toContain('The NAS does not answer since this morning.');
      expect(r.text).toContain({ en: '26 November 2026, 11:15', fr: '26 novembre 2026 à 11:15', de: '26. November 2026, 11:15 Uhr' }[lang]);
      expect(r.text).toContain('[TD-7]');
      expect(r.subject).toContain('INC12345');
    });
  });

  it('shows dates in the recipient zone and language', () => {
    const when = { en: 'Thursday, 26 November 2026, 14:00 (Europe/Berlin)', fr: 'jeudi 26 novembre 2026 à 14:00 (Europe/Berlin)', de: 'Donnerstag, 26. November 2026, 14:00 Uhr (Europe/Berlin)' };
    for (const lang of LANGS) expect(renderEmail('sla-warning', lang, fullContext()).text).toContain(when[lang]);
    const slot = { en: 'Thursday, 26 November 2026, 14:00–14:30 (Europe/Berlin)', fr: 'jeudi 26 novembre 2026 de 14:00 à 14:30 (Europe/Berlin)', de: 'Donnerstag, 26. November 2026, 14:00–14:30 Uhr (Europe/Berlin)' };
    for (const lang of LANGS) {
      const r = renderEmail('callback-scheduled', lang, fullContext());
      expect(r.text).toContain(slot[lang]);
      expect(r.subject).toContain(slot[lang]);
    }
    const tokyo = fullContext({ callback: { ...fullContext().callback!, timezone: 'Asia/Tokyo' } });
    expect(renderEmail('callback-scheduled', 'en', tokyo).text).toContain('Thursday, 26 November 2026, 22:00–22:30 (Asia/Tokyo)');
  });

  it('falls back to UTC for a zone it does not know, and says so', () => {
    const ctx = fullContext({ sla: { target: 'resolution', due: '2026-11-26T13:00:00Z', policy: null, timezone: 'Mars/Olympus' } });
    expect(renderEmail('sla-breach', 'en', ctx).text).toContain('Thursday, 26 November 2026, 13:00 (UTC)');
  });

  it('uses English for languages it has no templates for, and the primary subtag otherwise', () => {
    const en = renderEmail('ack', 'en', fullContext());
    for (const lang of ['es', 'pt-BR', '', 'klingon']) expect(renderEmail('ack', lang, fullContext())).toEqual(en);
    expect(renderEmail('ack', 'fr-CH', fullContext())).toEqual(renderEmail('ack', 'fr', fullContext()));
    expect(renderEmail('ack', 'DE', fullContext())).toEqual(renderEmail('ack', 'de', fullContext()));
  });

  it('cleans reply prefixes and tags from the ticket subject', () => {
    expect(renderEmail('resolved', 'en', fullContext()).subject).toBe('Resolved: Imprimante hors ligne');
  });

  it('escapes what people wrote in the HTML and never links a script URL', () => {
    const ctx = fullContext({
      ticket: { ...fullContext().ticket, subject: '<script>alert(1)</script> & "x"' },
      body: '<img src=x onerror=alert(1)>',
      articles: [{ title: '<b>bold</b>', url: 'javascript:alert(1)' }],
    });
    for (const kind of MAIL_KINDS) {
      const { html } = renderEmail(kind, 'en', ctx);
      expect(html).not.toMatch(/<script|<img|<b>|href="javascript/i);
    }
    expect(renderEmail('agent-reply', 'en', ctx).html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses kinds whose essential context is missing', () => {
    const bare = { ticket: fullContext().ticket, publicUrl: 'http://h' };
    for (const kind of ['callback-scheduled', 'consent-request', 'vendor-handoff', 'vendor-followup'] as const) {
      expect(() => renderEmail(kind, 'en', bare)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    for (const kind of MAIL_KINDS.filter((k) => !['callback-scheduled', 'consent-request', 'vendor-handoff', 'vendor-followup'].includes(k))) {
      const r = renderEmail(kind, 'de', bare);
      expect(r.text).not.toMatch(/undefined|\bnull\b/);
    }
  });
});
