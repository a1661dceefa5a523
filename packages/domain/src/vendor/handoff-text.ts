import { consentLanguage } from '../consent/shared-items.js';
import type { Ticket } from '../ticket.js';

/**
 * The summary at the top of a vendor handoff, in the vendor's language: who reported what, when,
 * and how urgent. The customer's messages follow it verbatim.
 */
export function handoffSummary(ticket: Ticket, lang: string, messageCount: number): string {
  const who = ticket.customer.name ? `${ticket.customer.name} <${ticket.customer.email}>` : ticket.customer.email;
  const day = ticket.createdAt.slice(0, 10);
  const category = ticket.category ?? '-';
  switch (consentLanguage(lang)) {
    case 'fr':
      return `Notre client ${who} nous a signalé le ${day} : « ${ticket.subject} ». Catégorie ${category}, priorité ${ticket.priority}. Ses ${messageCount} message(s) suivent tels quels.`;
    case 'de':
      return `Unser Kunde ${who} hat am ${day} gemeldet: „${ticket.subject}“. Kategorie ${category}, Priorität ${ticket.priority}. Die ${messageCount} Nachricht(en) des Kunden folgen unverändert.`;
    default:
      return `Our customer ${who} reported on ${day}: "${ticket.subject}". Category ${category}, priority ${ticket.priority}. Their ${messageCount} message(s) follow as written.`;
  }
}

/** What the customer is told once the ticket went to the vendor (sent as an automatic `agent-reply`). */
export function handoffNotice(vendorName: string, lang: string): string {
  switch (consentLanguage(lang)) {
    case 'fr':
      return `Merci pour votre accord. Nous avons transmis votre demande à ${vendorName}, avec uniquement les éléments indiqués dans notre demande d'accord. Nous suivons le dossier et revenons vers vous dès que nous avons leur réponse.`;
    case 'de':
      return `Vielen Dank für Ihre Zustimmung. Wir haben Ihre Anfrage an ${vendorName} übergeben, mit genau den Angaben, die wir in unserer Anfrage genannt haben. Wir verfolgen den Fall und melden uns, sobald eine Antwort vorliegt.`;
    default:
      return `Thank you for your consent. We have handed your request over to ${vendorName}, with exactly the information listed in our consent request. We are following it up and will get back to you as soon as they answer.`;
  }
}

/** For the agents: the vendor stayed silent through every follow-up. */
export function vendorSilentReason(vendorName: string, followups: number, after: string): string {
  return `${vendorName} has not answered after ${followups} follow-up(s), each ${after} apart. Please chase them by phone or take the ticket back in house.`;
}
