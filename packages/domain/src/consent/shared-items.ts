import type { Ticket, TicketMessage } from '../ticket.js';

export type ConsentLanguage = 'en' | 'fr' | 'de';

export function consentLanguage(lang: string): ConsentLanguage {
  return lang === 'fr' || lang === 'de' ? lang : 'en';
}

/** The customer's own words: inbound, from the customer, not automatic, not a bounce. */
export function isCustomerWriting(m: TicketMessage): boolean {
  return m.direction === 'in' && (m.role === 'customer' || m.role === undefined) && !m.autoSubmitted && !m.bounce;
}

/** The messages a handoff would show the vendor, fixed when consent is asked so the promise holds. */
export function sharedMessageIds(ticket: Ticket): string[] {
  return ticket.messages.filter(isCustomerWriting).map((m) => m.messageId);
}

/** The promised messages, in ticket order; a message the ticket no longer holds is not shown. */
export function messagesToShare(ticket: Ticket): TicketMessage[] {
  const ids = new Set(ticket.consent?.messageIds ?? []);
  return ticket.messages.filter((m) => ids.has(m.messageId));
}

const WORDS = {
  en: {
    who: (who: string) => `Your name and email address: ${who}`,
    ticket: (id: string, subject: string, category: string, priority: string) => `The ticket number, subject, category and priority: ${id}, "${subject}", ${category}, ${priority}`,
    message: (subject: string, day: string) => `The text of your email "${subject}" of ${day}`,
    files: (names: string) => `The files attached to these emails: ${names}`,
    consent: 'That you consented, and when',
  },
  fr: {
    who: (who: string) => `Vos nom et adresse e-mail : ${who}`,
    ticket: (id: string, subject: string, category: string, priority: string) => `Le numéro, l'objet, la catégorie et la priorité du ticket : ${id}, « ${subject} », ${category}, ${priority}`,
    message: (subject: string, day: string) => `Le texte de votre e-mail « ${subject} » du ${day}`,
    files: (names: string) => `Les fichiers joints à ces e-mails : ${names}`,
    consent: 'Le fait que vous avez donné votre accord, et quand',
  },
  de: {
    who: (who: string) => `Ihr Name und Ihre E-Mail-Adresse: ${who}`,
    ticket: (id: string, subject: string, category: string, priority: string) => `Ticketnummer, Betreff, Kategorie und Priorität: ${id}, „${subject}“, ${category}, ${priority}`,
    message: (subject: string, day: string) => `Der Text Ihrer E-Mail „${subject}“ vom ${day}`,
    files: (names: string) => `Die Dateien im Anhang dieser E-Mails: ${names}`,
    consent: 'Dass Sie zugestimmt haben, und wann',
  },
} as const;

/**
 * Exactly what a handoff would give the vendor, one line each, in the customer's language: the
 * consent-request email lists these, and the handoff sends no more. `attachments` are the file
 * names when the config lets attachments go along, else empty.
 */
export function consentSharedItems(ticket: Ticket, lang: string, attachments: readonly string[]): string[] {
  const w = WORDS[consentLanguage(lang)];
  const c = ticket.customer;
  const who = c.name ? `${c.name} <${c.email}>` : c.email;
  const items: string[] = [w.who(who), w.ticket(ticket.id, ticket.subject, ticket.category ?? '-', ticket.priority)];
  for (const m of messagesToShare(ticket)) items.push(w.message(m.subject || ticket.subject, m.at.slice(0, 10)));
  if (attachments.length) items.push(w.files(attachments.join(', ')));
  items.push(w.consent);
  return items;
}
