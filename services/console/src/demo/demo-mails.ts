import type { Level } from '@tierdesk/domain';

/**
 * The first-run demo's emails: one realistic request per support level, in the three languages.
 * Each was checked with `tierdesk classify` against the example config to land at its level.
 */
export interface DemoMail {
  level: Level;
  language: 'en' | 'fr' | 'de';
  from: { name: string; address: string };
  subject: string;
  text: string;
}

export const DEMO_MAILS: readonly DemoMail[] = [
  {
    level: 0,
    language: 'en',
    from: { name: 'Ada Lovelace', address: 'ada@example.org' },
    subject: 'Forgot my password',
    text: 'Hello,\n\nI forgot my password and cannot log in any more. How can I reset my password?\n\nThanks,\nAda Lovelace',
  },
  {
    level: 1,
    language: 'fr',
    from: { name: 'Camille Dupont', address: 'camille.dupont@example.fr' },
    subject: 'Question sur ma facture de mars',
    text: "Bonjour,\n\nJ'ai une question sur la facture de mars : le montant de la TVA ne correspond pas à notre devis. Pourriez-vous m'envoyer une facture corrigée ?\n\nCordialement,\nCamille Dupont",
  },
  {
    level: 2,
    language: 'de',
    from: { name: 'Jonas Weber', address: 'jonas.weber@example.de' },
    subject: 'Virenscanner blockiert das Programm',
    text: 'Guten Tag,\n\nseit dem letzten Update blockiert unser Virenscanner (G Data) das Programm, es startet nicht mehr. Bitte rufen Sie mich zurück, damit wir die Ausnahmen gemeinsam einrichten können.\n\nMit freundlichen Grüßen\nJonas Weber',
  },
  {
    level: 3,
    language: 'en',
    from: { name: 'Grace Hopper', address: 'grace@example.com' },
    subject: 'Application crashes when saving with a regular expression',
    text: "Hi,\n\nsince version 9.2 the application crashes every time I save a document type that uses a regular expression for the invoice number. Error message: 'Unhandled exception in RegexMatcher'. Steps: open document type, enter regex INV-\\d{6}, save. It worked in 9.1.\n\nBest regards,\nGrace Hopper",
  },
  {
    level: 4,
    language: 'de',
    from: { name: 'Klaus Fischer', address: 'klaus.fischer@example.de' },
    subject: 'NAS nicht erreichbar – Synology DiskStation',
    text: 'Hallo,\n\nunsere Synology DiskStation (NAS) ist seit heute Morgen im Netzwerk nicht mehr erreichbar, die Ablage auf dem Netzwerkspeicher schlägt fehl. Der Wartungsvertrag mit dem Dienstleister läuft über Sie.\n\nViele Grüße\nKlaus Fischer',
  },
];
