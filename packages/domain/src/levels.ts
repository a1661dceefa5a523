/** Support levels as defined by the seed text (support-levels.txt). */
export const LEVELS = [0, 1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

export type LevelLanguage = 'en' | 'fr' | 'de';

export interface LevelDefinition {
  level: Level;
  /** Whether the seed puts this level under an SLA contract. */
  underSla: boolean;
  name: Record<LevelLanguage, string>;
  description: Record<LevelLanguage, string>;
}

export const LEVEL_DEFINITIONS: Readonly<Record<Level, LevelDefinition>> = {
  0: {
    level: 0,
    underSla: false,
    name: { en: 'Self-help', fr: 'Auto-assistance', de: 'Selbsthilfe' },
    description: {
      en: 'Answered from the knowledge base, FAQ, videos and blog without support staff.',
      fr: "Réponse tirée de la base de connaissances, de la FAQ, des vidéos et du blog, sans le personnel du support.",
      de: 'Beantwortet aus Wissensdatenbank, FAQ, Videos und Blog, ohne Support-Mitarbeiter.',
    },
  },
  1: {
    level: 1,
    underSla: false,
    name: { en: 'General questions', fr: 'Questions générales', de: 'Allgemeine Fragen' },
    description: {
      en: 'Basic helpdesk by ticket only: invoices, program updates, licence activation.',
      fr: 'Assistance de base exclusivement par ticket : factures, mises à jour, activation de licences.',
      de: 'Basis-Helpdesk ausschließlich per Ticket: Rechnungen, Updates, Lizenzaktivierung.',
    },
  },
  2: {
    level: 2,
    underSla: false,
    name: { en: 'Extended technical support', fr: 'Support technique étendu', de: 'Erweiterter technischer Support' },
    description: {
      en: 'Experienced technicians call the customer back for problems level 1 cannot solve.',
      fr: "Des techniciens expérimentés rappellent le client pour les problèmes que le niveau 1 ne peut pas résoudre.",
      de: 'Erfahrene Techniker rufen den Kunden zurück, wenn Level 1 das Problem nicht lösen kann.',
    },
  },
  3: {
    level: 3,
    underSla: true,
    name: { en: 'Product experts', fr: 'Experts produit', de: 'Produktexperten' },
    description: {
      en: 'Developers and senior consultants under SLA: reproduce the problem and find its cause.',
      fr: 'Développeurs et consultants seniors sous SLA : reproduire le problème et en trouver la cause.',
      de: 'Entwickler und Senior-Berater unter SLA: Problem reproduzieren und Ursache finden.',
    },
  },
  4: {
    level: 4,
    underSla: true,
    name: { en: 'External contract support', fr: 'Support externe sous contrat', de: 'Externer Vertragssupport' },
    description: {
      en: 'Third-party printers, NAS, external database and terminal servers, outsourced services: handed to the vendor under SLA, only after the customer consents.',
      fr: "Imprimantes tierces, NAS, serveurs de bases de données externes et terminal server, services externalisés : transmis au fournisseur sous SLA, uniquement après accord du client.",
      de: 'Drucker von Drittanbietern, NAS, externe Datenbank- und Terminalserver, ausgelagerte Dienste: unter SLA an den Anbieter übergeben, erst nach Zustimmung des Kunden.',
    },
  },
};

export function isLevel(value: unknown): value is Level {
  return typeof value === 'number' && (LEVELS as readonly number[]).includes(value);
}
