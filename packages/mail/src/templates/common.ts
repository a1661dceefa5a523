import type { Block } from './blocks.js';
import type { Formatter, Lang } from './format.js';
import type { TemplateContext } from './template-context.js';

/** Who an email is written for; decides the greeting, sign-off and footer. */
export type Audience = 'customer' | 'agent' | 'vendor';

/** One language of one kind: the subject (without tag) and the body between greeting and footer. */
export type KindRenderer = (ctx: TemplateContext, f: Formatter) => { subject: string; blocks: Block[] };

export interface KindTemplate {
  audience: Audience;
  render: Record<Lang, KindRenderer>;
}

export function greeting(f: Formatter, name: string | undefined, audience: Audience): string {
  const n = f.text(name).replace(/\s+/g, ' ');
  const hello = { en: 'Hello', fr: 'Bonjour', de: audience === 'agent' ? 'Hallo' : 'Guten Tag' }[f.lang];
  return n ? `${hello} ${n},` : `${hello},`;
}

export function signOff(f: Formatter, audience: Audience): string {
  if (audience === 'agent') return '— Tierdesk';
  return { en: 'Kind regards,\nYour support team', fr: 'Cordialement,\nVotre équipe support', de: 'Mit freundlichen Grüßen\nIhr Support-Team' }[f.lang];
}

/** The ticket fields an agent or vendor needs at a glance. */
export function ticketFields(ctx: TemplateContext, f: Formatter, audience: Audience): Array<[string, string]> {
  const t = ctx.ticket;
  const labels = {
    en: ['Ticket', 'Subject', 'Customer', 'Level', 'Priority', 'Category', 'Status'],
    fr: ['Ticket', 'Objet', 'Client', 'Niveau', 'Priorité', 'Catégorie', 'Statut'],
    de: ['Ticket', 'Betreff', 'Kunde', 'Level', 'Priorität', 'Kategorie', 'Status'],
  }[f.lang];
  const rows: Array<[string, string]> = [
    [labels[0]!, t.id],
    [labels[1]!, f.subject],
    [labels[2]!, f.customer()],
  ];
  if (audience === 'agent') rows.push([labels[3]!, f.level(t.level)]);
  rows.push([labels[4]!, f.priority(t.priority)]);
  if (t.category) rows.push([labels[5]!, f.text(t.category)]);
  if (audience === 'agent') rows.push([labels[6]!, t.status]);
  return rows;
}

/** Where the agent acts: the console page (may come later) and the API path. */
export function agentFooter(f: Formatter): Block {
  const open = { en: 'Open the ticket', fr: 'Ouvrir le ticket', de: 'Ticket öffnen' }[f.lang];
  return { fields: [[open, f.ticketUrl], ['API', `GET ${f.apiPath}`]] };
}

export function customerFooter(f: Formatter): string {
  const id = f.ticketId;
  return {
    en: `Your ticket number is ${id}. Please keep [${id}] in the subject whenever you write to us about this request.`,
    fr: `Votre numéro de ticket est ${id}. Merci de conserver [${id}] dans l'objet chaque fois que vous nous écrivez au sujet de cette demande.`,
    de: `Ihre Ticketnummer lautet ${id}. Bitte behalten Sie [${id}] im Betreff, wenn Sie uns zu dieser Anfrage schreiben.`,
  }[f.lang];
}

export function vendorFooter(f: Formatter): string {
  const id = f.ticketId;
  return {
    en: `Our reference: ${id}. Please reply to this email and keep [${id}] in the subject, so that your answer reaches the right case.`,
    fr: `Notre référence : ${id}. Merci de répondre à cet e-mail en conservant [${id}] dans l'objet, afin que votre réponse rejoigne le bon dossier.`,
    de: `Unsere Referenz: ${id}. Bitte antworten Sie auf diese E-Mail und behalten Sie [${id}] im Betreff, damit Ihre Antwort dem richtigen Fall zugeordnet wird.`,
  }[f.lang];
}
