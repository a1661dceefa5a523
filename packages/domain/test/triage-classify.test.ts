import { describe, expect, it } from 'vitest';
import type { TriageRuleConfig, VendorConfig } from '../src/config-types.js';
import {
  DEFAULT_TRIAGE_RULES,
  classify,
  createClassifier,
  mergeRules,
  toContractClassification,
  unusableKeyword,
} from '../src/triage/index.js';
import { benchOptions } from './triage-helpers.js';

const options = benchOptions();
const classifier = createClassifier(options);

describe('classifying mail in each language', () => {
  it.each([
    ['fr', 'Mot de passe', 'Bonjour, comment puis-je récupérer mon mot de passe ? Merci', 0, 'account'],
    ['de', 'Passwort', 'Hallo, wie kann ich mein Passwort zurücksetzen? Danke', 0, 'account'],
    ['en', 'Password', 'Hi, how can I reset my password? Thanks', 0, 'account'],
    ['fr', 'Facture', 'Bonjour, je ne comprends pas le montant de ma dernière facture. Cordialement', 1, 'billing'],
    ['de', 'Rechnung', 'Hallo, der Betrag auf meiner Rechnung ist falsch. Viele Grüße', 1, 'billing'],
    ['en', 'Invoice', 'Hello, the amount on my last invoice is wrong. Regards', 1, 'billing'],
    ['fr', 'Antivirus', 'Bonjour, mon antivirus bloque le programme au démarrage. Merci de me rappeler', 2, 'antivirus'],
    ['de', 'Virenscanner', 'Hallo, unser Virenscanner blockiert das Programm. Bitte um Rückruf', 2, 'antivirus'],
    ['en', 'Antivirus', 'Hi, our antivirus blocks the program at startup. Please call me back', 2, 'antivirus'],
    ['fr', 'Regex', "Bonjour, j'ai besoin d'aide pour écrire une expression régulière. Merci", 3, 'regex'],
    ['de', 'Regex', 'Hallo, ich brauche Hilfe bei einem regulären Ausdruck. Danke', 3, 'regex'],
    ['en', 'Regex', 'Hi, I need help writing a regular expression for invoice numbers. Thanks', 3, 'regex'],
    ['fr', 'NAS', 'Bonjour, le logiciel ne trouve plus les documents sur notre NAS Synology. Cordialement', 4, 'nas'],
    ['de', 'NAS', 'Hallo, PaperOffice findet die Dokumente auf unserem NAS nicht mehr. Gruß', 4, 'nas'],
    ['en', 'NAS', 'Hi, PaperOffice no longer finds the documents on our NAS. Regards', 4, 'nas'],
  ])('%s: "%s" → level %i', (language, subject, body, level, category) => {
    const result = classifier({ subject, body });
    expect(result).toMatchObject({ language, level, category, needsTriage: false });
    expect(result.confidence).toBeGreaterThan(0.3);
  });

  it('tolerates umlauts written out, missing accents and typos', () => {
    expect(classifier({ subject: 'Loesung gesucht', body: 'Hallo, unser Virenscaner blokiert PaperOffice. Gruesse' }).level).toBe(2);
    expect(classifier({ subject: 'probleme base de donnee', body: 'la base de donnees est corrompue' }).level).toBe(3);
    expect(classifier({ subject: 'pasword', body: 'how do I reset my pasword?' }).category).toBe('account');
    expect(classifier({ subject: 'Datenbnak kaputt', body: 'Die Datenbnak startet nicht' }).level).toBe(3);
  });

  it('finds keywords inside German compounds', () => {
    const result = classifier({ subject: 'Frage', body: 'Bitte ändern Sie die Rechnungsadresse auf unsere neue Anschrift.' });
    expect(result).toMatchObject({ level: 1, category: 'billing' });
  });
});

describe('level 4', () => {
  it('names the vendor whose topics match the rule', () => {
    const result = classifier({ subject: 'Citrix', body: 'PaperOffice startet auf unserem Terminalserver nicht.' });
    expect(result).toMatchObject({ level: 4, category: 'terminal-server', vendor: 'rds-partner' });
  });

  it('falls back to topics found in the text, and to null when no vendor fits', () => {
    const vendors: VendorConfig[] = [{ id: 'syno', name: 'Syno', email: 'x@syno.example', topics: ['synology'], language: 'en' }];
    const byText = classify({ subject: 'Synology', body: 'Our Synology NAS drops the archive share.' }, { rules: [], vendors, kb: [] });
    expect(byText).toMatchObject({ level: 4, vendor: 'syno' });
    const none = classify({ subject: 'Printer', body: 'Our HP printer prints blank pages from PaperOffice.' }, { rules: [], vendors, kb: [] });
    expect(none).toMatchObject({ level: 4, category: 'printer', vendor: null });
  });

  it('never names a vendor below level 4', () => {
    expect(classifier({ subject: 'Invoice', body: 'Question about my invoice' }).vendor).toBeNull();
  });
});

describe('mail that cannot be classified with confidence', () => {
  it('sends empty mail to level 1 for triage', () => {
    const result = classifier({ subject: '', body: '  \n ' });
    expect(result).toMatchObject({ level: 1, needsTriage: true, confidence: 0, kb: [], vendor: null });
    expect(result.explanation.join(' ')).toMatch(/empty/);
  });

  it.each([
    ['es', 'Problema con la factura', 'Hola, necesito ayuda con mi factura, no puedo abrir el programa. Gracias, saludos'],
    ['it', 'Problema con la fattura', 'Buongiorno, ho bisogno di aiuto con la fattura, il programma non si apre. Grazie, cordiali saluti'],
    ['pt', 'Pergunta', 'Olá, como faço para redefinir a senha?'],
    ['nl', 'Vraag', 'Hoe kan ik mijn wachtwoord wijzigen? Alvast bedankt'],
  ])('sends %s mail to level 1 for triage, reporting its language', (language, subject, body) => {
    const result = classifier({ subject, body });
    expect(result).toMatchObject({ level: 1, needsTriage: true, language });
    expect(result.explanation.join(' ')).toMatch(/not one the rules cover/);
  });

  it('sends mail that matches no rule to level 1 for triage', () => {
    const result = classifier({ subject: 'Hello', body: 'Hello, please see the attached file. Best regards, Tom' });
    expect(result).toMatchObject({ level: 1, needsTriage: true });
    expect(result.explanation.join(' ')).toMatch(/no rule matched/);
  });

  it('sends a mail split between two levels to level 1, naming the best guess', () => {
    const result = createClassifier({ ...options, minConfidence: 0.9 })({ subject: 'NAS', body: 'Problem with our NAS' });
    expect(result).toMatchObject({ level: 1, needsTriage: true });
    expect(result.explanation.join(' ')).toMatch(/confidence .* < 0.9: best guess was level 4 \(nas\)/);
  });
});

describe('large and HTML mail', () => {
  it('classifies only the start of a huge body', () => {
    const filler = 'Nothing relevant here, just a long log line from the application. ';
    const body = `Hello, PaperOffice crashes when I open a PDF.\n${filler.repeat(200_000)}Our NAS and the printer are fine.`;
    const result = classifier({ subject: 'Crash', body });
    expect(result).toMatchObject({ level: 3, category: 'bug' });
  });

  it('reads HTML-only mail as text', () => {
    const body = '<html><head><style>p { color: red }</style></head><body><p>Bonjour,</p><p>notre imprimante&nbsp;Kyocera n&#39;imprime plus depuis PaperOffice.</p></body></html>';
    expect(classifier({ subject: '', body })).toMatchObject({ level: 4, category: 'printer', language: 'fr' });
  });

  it("classifies by the sender's words, not the company and job title in the signature", () => {
    const body = 'Hallo, kann man in PaperOffice Dokumente mit Schlagworten versehen? Danke\n\n--\nMax Müller\nMüller Druck GmbH – Ihr Partner für Drucker und Toner';
    expect(classifier({ subject: 'Frage', body })).toMatchObject({ level: 0, language: 'de' });
    const signed = 'Hi, why was VAT added twice on invoice 5531?\n\nBest regards\nJohn Miller\nIT & Database Administrator\nAcme Printing Services';
    expect(classifier({ subject: 'Question', body: signed })).toMatchObject({ level: 1, category: 'billing' });
  });

  it('classifies a reply by its own words, not the quoted message', () => {
    const body = 'Hello, our antivirus now blocks PaperOffice at every start, please call me back.\n\nOn Mon, 3 Jun 2024 at 10:00, Support <s@x.example> wrote:\n> Your invoice is attached.\n> Regards';
    expect(classifier({ subject: 'Re: your order', body })).toMatchObject({ level: 2, category: 'antivirus' });
  });
});

describe('the explanation', () => {
  it('names the rule, the matched words, the language and why the level won', () => {
    const result = classifier({ subject: 'Export DATEV', body: 'Bonjour, je souhaite exporter mes factures pour DATEV.' });
    const text = result.explanation.join('\n');
    expect(text).toMatch(/language fr/);
    expect(text).toMatch(/rule l2-export → level 2 export: .*"datev"/);
    expect(text).toMatch(/level 2 \(export\): score [\d.]+ vs [\d.]+ for level 1 \(billing\); confidence/);
  });

  it('says when a typo or compound part matched', () => {
    const text = classifier({ subject: 'Virenscaner', body: 'Der Virenscaner blockiert alles' }).explanation.join('\n');
    expect(text).toMatch(/typo: "virenscaner"/);
  });
});

describe('config rules', () => {
  it('replace a default rule with the same id and add rules with new ids', () => {
    const regexOff: TriageRuleConfig = { id: 'l3-regex', category: 'regex', level: 3, weight: 4, keywords: {} };
    const ocr: TriageRuleConfig = { id: 'custom-ocr', category: 'ocr', level: 2, weight: 5, keywords: { en: ['ocr'], de: ['texterkennung'] } };
    const merged = mergeRules([regexOff, ocr]);
    expect(merged).toHaveLength(DEFAULT_TRIAGE_RULES.length + 1);
    expect(merged.find((r) => r.id === 'l3-regex')).toBe(regexOff);

    const custom = createClassifier({ ...options, rules: [regexOff, ocr] });
    expect(custom({ subject: 'OCR', body: 'The OCR misses the totals on our invoices.' })).toMatchObject({ level: 2, category: 'ocr' });
    expect(custom({ subject: 'REGEX', body: 'I need help with a REGEX.' }).category).not.toBe('regex');
    expect(classifier({ subject: 'REGEX', body: 'I need help with a REGEX.' }).category).toBe('regex');
  });

  it('tell a keyword the matcher would skip from one it uses', () => {
    expect(unusableKeyword('!!!')).toMatch(/could never match/);
    expect(unusableKeyword('ab*')).toMatch(/at least 3 letters or digits/);
    expect(unusableKeyword('Пароль')).toMatch(/could never match/);
    expect(unusableKeyword('mot de passe oublié')).toBeNull();
    expect(unusableKeyword('aktivier*')).toBeNull();
    const skipped = DEFAULT_TRIAGE_RULES.flatMap((r) => Object.values(r.keywords).flat().filter((w) => unusableKeyword(w) !== null));
    expect(skipped).toEqual([]);
  });

  it('can route a topic to another level', () => {
    const printersInHouse: TriageRuleConfig = { ...DEFAULT_TRIAGE_RULES.find((r) => r.id === 'l4-printer')!, level: 2 };
    const result = createClassifier({ ...options, rules: [printersInHouse] })({ subject: 'Drucker', body: 'Unser Drucker druckt nichts.' });
    expect(result).toMatchObject({ level: 2, category: 'printer', vendor: null });
  });
});

describe('the contract shape', () => {
  it('has exactly the CONTRACT §8 keys, in order', () => {
    const result = classifier({ subject: 'Mot de passe oublié', body: '' });
    const wire = toContractClassification(result);
    expect(Object.keys(wire)).toEqual(['level', 'category', 'language', 'confidence', 'kb', 'vendor']);
    expect(JSON.stringify(wire)).toBe(
      JSON.stringify({ level: 0, category: 'account', language: 'fr', confidence: result.confidence, kb: result.kb, vendor: null }),
    );
    expect(result.kb[0]).toBe('kb-password');
  });
});
