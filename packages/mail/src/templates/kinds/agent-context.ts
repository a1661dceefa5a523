import type { Block } from '../blocks.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';

const LABELS = {
  en: { why: 'Why you are told', callback: 'Callback', attempt: 'attempt', with: 'with', vendor: 'Vendor', ref: 'their reference', note: 'Latest message', from: 'From' },
  fr: { why: 'Pourquoi vous êtes prévenu(e)', callback: 'Rappel', attempt: 'tentative', with: 'avec', vendor: 'Fournisseur', ref: 'leur référence', note: 'Dernier message', from: 'De' },
  de: { why: 'Warum Sie benachrichtigt werden', callback: 'Rückruf', attempt: 'Versuch', with: 'mit', vendor: 'Anbieter', ref: 'deren Referenz', note: 'Letzte Nachricht', from: 'Von' },
};

const REPLIED = {
  en: { subject: (s: string) => `Customer replied: ${s}`, said: (who: string, id: string, level: string) => `${who} wrote again on ticket ${id}, at ${level}.`, reply: 'Their reply' },
  fr: { subject: (s: string) => `Réponse du client : ${s}`, said: (who: string, id: string, level: string) => `${who} a écrit de nouveau sur le ticket ${id}, au ${level}.`, reply: 'Sa réponse' },
  de: { subject: (s: string) => `Antwort des Kunden: ${s}`, said: (who: string, id: string, level: string) => `${who} hat erneut zu Ticket ${id} auf ${level} geschrieben.`, reply: 'Die Antwort' },
};

/**
 * An agent-notification about a customer writing again: its subject and its opening, the reply
 * quoted with who wrote it when. Null for every other agent-notification.
 */
export function customerReplied(ctx: TemplateContext, f: Formatter): { subject: string; blocks: Block[] } | null {
  const reply = ctx.customerReply;
  if (!reply) return null;
  const r = REPLIED[f.lang];
  return {
    subject: r.subject(f.subject),
    blocks: [
      r.said(f.customer(), f.ticketId, f.level(ctx.ticket.level)),
      { quote: f.text(reply.text), by: `${r.reply}, ${f.text(reply.from)}, ${f.date(reply.at)}` },
    ],
  };
}

/** The optional parts of an agent email: why, the callback, the vendor, the latest message. */
export function agentExtras(ctx: TemplateContext, f: Formatter): Block[] {
  const l = LABELS[f.lang];
  const out: Block[] = [];
  const reason = f.text(ctx.reason);
  if (reason) out.push({ quote: reason, by: l.why });
  const fields: Array<[string, string]> = [];
  if (ctx.callback) {
    const cb = ctx.callback;
    fields.push([l.callback, `${f.slot(cb.start, cb.end, cb.timezone)}, ${l.with} ${f.text(cb.agentName)} (${l.attempt} ${cb.attempt})`]);
  }
  if (ctx.vendor) {
    const ref = ctx.vendor.externalRef ? ` (${l.ref} ${f.text(ctx.vendor.externalRef)})` : '';
    fields.push([l.vendor, `${f.text(ctx.vendor.name)}${ref}`]);
  }
  if (fields.length) out.push({ fields });
  const body = f.text(ctx.body);
  if (body) out.push({ quote: body, by: l.note });
  for (const m of ctx.messages ?? []) out.push({ quote: f.text(m.text), by: `${l.from} ${f.text(m.from)}, ${f.date(m.at)}` });
  return out;
}
