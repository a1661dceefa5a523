import { describe, expect, it } from 'vitest';
import type { KbArticleConfig } from '../src/config-types.js';
import { detectLanguage, detectPriority, matchKbArticles, normalizeText, stripQuotedText } from '../src/triage/index.js';
import { stripSignature } from '../src/triage/signature.js';

describe('normalizeText', () => {
  it('lower-cases, writes umlauts out and strips accents', () => {
    expect(normalizeText('Lösung für Straße')).toBe('loesung fuer strasse');
    expect(normalizeText('Mise À JOUR réglée, ça')).toBe('mise a jour reglee, ca');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['fr', "Bonjour, je n'arrive plus à ouvrir mes documents depuis hier. Cordialement"],
    ['de', 'Hallo, ich kann seit gestern meine Dokumente nicht mehr öffnen. Viele Grüße'],
    ['en', "Hi, I can't open my documents since yesterday. Kind regards"],
    ['fr', 'Mot de passe oublié'],
    ['de', 'Passwort vergessen'],
    ['en', 'Forgot my password'],
    ['es', 'Hola, necesito ayuda con la factura, gracias'],
    ['it', 'Buongiorno, ho bisogno di aiuto con la fattura, grazie'],
    ['pt', 'Olá, como faço para redefinir a senha?'],
  ])('%s: %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("says 'und' when there is nothing to go on", () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('12345')).toBe('und');
  });
});

describe('stripQuotedText', () => {
  it('drops > lines and everything after an attribution line', () => {
    expect(stripQuotedText('Thanks, solved!\n\nOn Mon, 3 Jun 2024, Support <s@x> wrote:\nIt did not help\n> old')).toBe('Thanks, solved!');
    expect(stripQuotedText('Merci\n\nLe 3 juin 2024 à 10:00, Support a écrit :\n> ancien')).toBe('Merci');
    expect(stripQuotedText('Danke\n\nAm 03.06.2024 um 10:00 schrieb Support <s@x>:\n> alt')).toBe('Danke');
    expect(stripQuotedText('ok\n> quoted\nstill mine')).toBe('ok\nstill mine');
  });

  it('drops Outlook-style quoted headers but keeps an ordinary "From:" in prose', () => {
    expect(stripQuotedText('Yes\n-----Original Message-----\nFrom: Support\nNo')).toBe('Yes');
    expect(stripQuotedText('Yes\n\nFrom: Support <s@x>\nSent: Monday\nSubject: consent')).toBe('Yes');
    expect(stripQuotedText('From: my side all is fine.\nThanks')).toBe('From: my side all is fine.\nThanks');
  });
});

describe('stripSignature', () => {
  it('cuts at an RFC 3676 delimiter or a closing line, with the name, title and company after it', () => {
    expect(stripSignature('Hallo, kann man Schlagworte vergeben?\n-- \nMax Müller\nMüller Druck GmbH, Drucker und Toner')).toBe('Hallo, kann man Schlagworte vergeben?');
    expect(stripSignature('Hi, VAT was added twice on invoice 5531.\n\nBest regards\nJohn Miller\nDatabase Administrator')).toBe('Hi, VAT was added twice on invoice 5531.');
    expect(stripSignature('Bonjour, le NAS est plein.\nMerci d\'avance !\nSophie\nService impression')).toBe('Bonjour, le NAS est plein.');
    expect(stripSignature('Hello, the export fails every time.\nThanks, Jo\nPrint room')).toBe('Hello, the export fails every time.');
    expect(stripSignature('Hallo, der Scanner ist weg.\nGruß aus Bremen\nFirma Drucktechnik')).toBe('Hallo, der Scanner ist weg.');
  });

  it('keeps requests that merely start like a closing, and text with nothing before the closing', () => {
    const callMe = 'Bonjour, notre antivirus bloque le logiciel.\nMerci de me rappeler au 06 12 34 56 78.\nLéa';
    expect(stripSignature(callMe)).toBe('Bonjour, notre antivirus bloque le logiciel.\nMerci de me rappeler au 06 12 34 56 78.\nLéa');
    const thanks = 'Hello, the update went fine.\nThanks for the fix, but now the export crashes.\nTom';
    expect(stripSignature(thanks)).toBe(thanks);
    expect(stripSignature('Thanks\nprinter broken')).toBe('Thanks\nprinter broken');
  });
});

describe('matchKbArticles', () => {
  const kb: KbArticleConfig[] = [
    { id: 'pw', title: 'Password', url: 'https://kb/pw', keywords: { en: ['password', 'reset password', 'forgot password'], fr: ['mot de passe'], de: ['Passwort'] } },
    { id: 'users', title: 'Users', url: 'https://kb/users', keywords: { en: ['new user'], fr: ['nouvel utilisateur'], de: ['Benutzer anlegen'] } },
    { id: 'db', title: 'Databases', url: 'https://kb/db', keywords: { en: ['database'], fr: ['base de données'], de: ['Datenbank'] } },
    { id: 'scan', title: 'Scanning', url: 'https://kb/scan', keywords: { en: ['scan'], fr: ['numériser'], de: ['scannen'] } },
  ];

  it('returns the best articles first, with scores, and leaves out articles that do not match', () => {
    const matches = matchKbArticles('I forgot the password. How do I reset the password of a new user?', 'en', kb);
    expect(matches.map((m) => m.id)).toEqual(['pw', 'users']);
    expect(matches[0]!.score).toBeGreaterThan(matches[1]!.score);
  });

  it('matches keywords in every language, through accents, inflection and compounds', () => {
    expect(matchKbArticles('Comment créer un nouvel utilisateur ?', 'fr', kb)[0]?.id).toBe('users');
    expect(matchKbArticles('Wo kann ich mein Passwort ändern?', 'de', kb)[0]?.id).toBe('pw');
    expect(matchKbArticles('Datenbankverbindung', 'de', kb)[0]?.id).toBe('db');
  });

  it('honours max and returns nothing for unrelated text', () => {
    expect(matchKbArticles('password database new user scan', 'en', kb, 2)).toHaveLength(2);
    expect(matchKbArticles('Hello there', 'en', kb)).toEqual([]);
  });
});

describe('detectPriority', () => {
  it('reads X-Priority, Importance and Priority headers', () => {
    expect(detectPriority('Question', { 'X-Priority': '2 (High)' })).toBe('high');
    expect(detectPriority('Question', { 'x-priority': '1' })).toBe('high');
    expect(detectPriority('URGENT: nothing works', { 'X-Priority': '1 (Highest)' })).toBe('urgent');
    expect(detectPriority('Question', { Importance: 'high' })).toBe('high');
    expect(detectPriority('Question', { Priority: 'urgent' })).toBe('urgent');
    expect(detectPriority('Question', { 'X-Priority': '5 (Lowest)' })).toBe('low');
    expect(detectPriority('Question', { Importance: ['low'] })).toBe('low');
    expect(detectPriority('Question', { 'X-Priority': '3 (Normal)' })).toBe('normal');
  });

  it('reads urgent wording in French, German and English', () => {
    expect(detectPriority('Problème bloquant, merci de faire vite')).toBe('high');
    expect(detectPriority('Bitte dringend zurückrufen')).toBe('high');
    expect(detectPriority('This is urgent')).toBe('high');
    expect(detectPriority('URGENT : plus personne ne peut travailler')).toBe('urgent');
    expect(detectPriority('Dringend, Stillstand in der Buchhaltung')).toBe('urgent');
  });

  it('honours "not urgent" and defaults to normal', () => {
    expect(detectPriority('Not urgent, whenever you have time')).toBe('low');
    expect(detectPriority("Ce n'est pas urgent")).toBe('low');
    expect(detectPriority('Nicht dringend')).toBe('low');
    expect(detectPriority('A question about tags')).toBe('normal');
  });
});
