import type { Priority, TicketEventType, TicketStatus } from '@tierdesk/domain';
import type { Lang } from './i18n.js';

/** Names of statuses, priorities and event types as agents read them. */
const STATUS: Record<Lang, Record<TicketStatus, string>> = {
  en: { new: 'new', open: 'open', waiting_customer: 'waiting for customer', callback_scheduled: 'callback scheduled', waiting_consent: 'waiting for consent', waiting_vendor: 'with vendor', resolved: 'resolved', closed: 'closed' },
  fr: { new: 'nouveau', open: 'ouvert', waiting_customer: 'attente client', callback_scheduled: 'rappel planifié', waiting_consent: 'attente consentement', waiting_vendor: 'chez le prestataire', resolved: 'résolu', closed: 'fermé' },
  de: { new: 'neu', open: 'offen', waiting_customer: 'wartet auf Kunden', callback_scheduled: 'Rückruf geplant', waiting_consent: 'wartet auf Einwilligung', waiting_vendor: 'beim Dienstleister', resolved: 'gelöst', closed: 'geschlossen' },
};

const PRIORITY: Record<Lang, Record<Priority, string>> = {
  en: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' },
  fr: { low: 'basse', normal: 'normale', high: 'haute', urgent: 'urgente' },
  de: { low: 'niedrig', normal: 'normal', high: 'hoch', urgent: 'dringend' },
};

const EVENTS: Record<Lang, Partial<Record<TicketEventType, string>>> = {
  en: {
    'ticket.created': 'ticket created', 'message.received': 'message received', 'message.sent': 'email sent', 'ticket.classified': 'classified',
    'ticket.escalated': 'escalated', 'ticket.deescalated': 'level lowered', 'ticket.status_changed': 'status changed', 'ticket.priority_changed': 'priority changed',
    'ticket.replied': 'agent replied', 'ticket.resolved': 'resolved', 'ticket.reopened': 'reopened', 'ticket.closed': 'closed', 'ticket.flagged': 'flagged', 'ticket.triage_reviewed': 'triage reviewed',
    'sla.armed': 'SLA started', 'sla.warning': 'SLA warning', 'sla.breached': 'SLA breached', 'callback.scheduled': 'callback scheduled',
    'callback.outcome': 'callback outcome', 'callback.cancelled': 'callback cancelled', 'consent.requested': 'consent requested', 'consent.decided': 'consent decided', 'consent.voided': 'consent given up',
    'vendor.handed_off': 'handed to vendor', 'vendor.replied': 'vendor replied', 'vendor.followed_up': 'vendor followed up', 'notification.requested': 'notification requested',
  },
  fr: {
    'ticket.created': 'ticket créé', 'message.received': 'message reçu', 'message.sent': 'e-mail envoyé', 'ticket.classified': 'classé',
    'ticket.escalated': 'escaladé', 'ticket.deescalated': 'niveau abaissé', 'ticket.status_changed': 'statut modifié', 'ticket.priority_changed': 'priorité modifiée',
    'ticket.replied': 'réponse agent', 'ticket.resolved': 'résolu', 'ticket.reopened': 'rouvert', 'ticket.closed': 'fermé', 'ticket.flagged': 'marqué', 'ticket.triage_reviewed': 'tri vérifié',
    'sla.armed': 'SLA démarré', 'sla.warning': 'alerte SLA', 'sla.breached': 'SLA dépassé', 'callback.scheduled': 'rappel planifié',
    'callback.outcome': 'issue du rappel', 'callback.cancelled': 'rappel annulé', 'consent.requested': 'consentement demandé', 'consent.decided': 'consentement décidé', 'consent.voided': 'consentement abandonné',
    'vendor.handed_off': 'transmis au prestataire', 'vendor.replied': 'réponse du prestataire', 'vendor.followed_up': 'prestataire relancé', 'notification.requested': 'notification demandée',
  },
  de: {
    'ticket.created': 'Ticket erstellt', 'message.received': 'Nachricht erhalten', 'message.sent': 'E-Mail gesendet', 'ticket.classified': 'eingestuft',
    'ticket.escalated': 'eskaliert', 'ticket.deescalated': 'Level gesenkt', 'ticket.status_changed': 'Status geändert', 'ticket.priority_changed': 'Priorität geändert',
    'ticket.replied': 'Agent hat geantwortet', 'ticket.resolved': 'gelöst', 'ticket.reopened': 'wieder geöffnet', 'ticket.closed': 'geschlossen', 'ticket.flagged': 'markiert', 'ticket.triage_reviewed': 'Einstufung geprüft',
    'sla.armed': 'SLA gestartet', 'sla.warning': 'SLA-Warnung', 'sla.breached': 'SLA verletzt', 'callback.scheduled': 'Rückruf geplant',
    'callback.outcome': 'Rückrufergebnis', 'callback.cancelled': 'Rückruf abgesagt', 'consent.requested': 'Einwilligung angefragt', 'consent.decided': 'Einwilligung entschieden', 'consent.voided': 'Einwilligung verworfen',
    'vendor.handed_off': 'an Dienstleister übergeben', 'vendor.replied': 'Dienstleister hat geantwortet', 'vendor.followed_up': 'beim Dienstleister nachgefasst', 'notification.requested': 'Benachrichtigung angefordert',
  },
};

export function statusLabel(lang: Lang, s: TicketStatus): string {
  return STATUS[lang][s] ?? s;
}

export function priorityLabel(lang: Lang, p: Priority): string {
  return PRIORITY[lang][p] ?? p;
}

export function eventLabel(lang: Lang, type: string): string {
  return EVENTS[lang][type as TicketEventType] ?? type;
}
