import type { Block } from '../blocks.js';
import { ticketFields, type KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';

function vendorName(ctx: TemplateContext, f: Formatter): string {
  return f.text(ctx.vendor?.name ?? ctx.consent?.vendorName).replace(/\s+/g, ' ');
}

/** ' (your ref INC123)' when the vendor gave us their own ticket number. */
export function vendorRef(ctx: TemplateContext, f: Formatter, word: string): string {
  const ref = f.text(ctx.vendor?.externalRef).replace(/\s+/g, ' ');
  return ref ? ` (${word} ${ref})` : '';
}

function summaryAndMessages(ctx: TemplateContext, f: Formatter, labels: { summary: string; from: string }): Block[] {
  const out: Block[] = [];
  const summary = f.text(ctx.body);
  if (summary) out.push({ quote: summary, by: labels.summary });
  for (const m of ctx.messages ?? []) out.push({ quote: f.text(m.text), by: `${labels.from} ${f.text(m.from)}, ${f.date(m.at)}` });
  return out;
}

/**
 * `vendor-handoff` (level 4, only after consent): the case, the customer's consent and its
 * time, the relevant messages, and how to reply so the answer threads back.
 */
export const vendorHandoff: KindTemplate = {
  audience: 'vendor',
  render: {
    en: (ctx, f) => {
      const at = ctx.vendor?.consentAt ? ` on ${f.date(ctx.vendor.consentAt)}` : '';
      return {
        subject: `Support request for ${vendorName(ctx, f)}: ${f.subject}${vendorRef(ctx, f, 'your ref')}`,
        blocks: [
          `Under our support agreement, we are handing the following support case over to ${vendorName(ctx, f)}. Our customer consented to this handover${at}.`,
          { fields: ticketFields(ctx, f, 'vendor') },
          ...summaryAndMessages(ctx, f, { summary: 'Summary', from: 'Message from' }),
          'Your reply to this email is added to our ticket automatically. If you open a ticket of your own, please mention its number in your reply.',
        ],
      };
    },
    fr: (ctx, f) => {
      const at = ctx.vendor?.consentAt ? ` le ${f.date(ctx.vendor.consentAt)}` : '';
      return {
        subject: `Demande de support pour ${vendorName(ctx, f)} : ${f.subject}${vendorRef(ctx, f, 'votre réf.')}`,
        blocks: [
          `Dans le cadre de notre contrat de support, nous transmettons le dossier suivant à ${vendorName(ctx, f)}. Notre client a donné son accord à cette transmission${at}.`,
          { fields: ticketFields(ctx, f, 'vendor') },
          ...summaryAndMessages(ctx, f, { summary: 'Résumé', from: 'Message de' }),
          "Votre réponse à cet e-mail sera ajoutée automatiquement à notre ticket. Si vous ouvrez votre propre ticket, merci d'en indiquer le numéro dans votre réponse.",
        ],
      };
    },
    de: (ctx, f) => {
      const at = ctx.vendor?.consentAt ? ` am ${f.date(ctx.vendor.consentAt)}` : '';
      return {
        subject: `Supportanfrage an ${vendorName(ctx, f)}: ${f.subject}${vendorRef(ctx, f, 'Ihre Ref.')}`,
        blocks: [
          `Im Rahmen unseres Supportvertrags übergeben wir den folgenden Supportfall an ${vendorName(ctx, f)}. Unser Kunde hat dieser Übergabe${at} zugestimmt.`,
          { fields: ticketFields(ctx, f, 'vendor') },
          ...summaryAndMessages(ctx, f, { summary: 'Zusammenfassung', from: 'Nachricht von' }),
          'Ihre Antwort auf diese E-Mail wird automatisch unserem Ticket hinzugefügt. Wenn Sie ein eigenes Ticket eröffnen, nennen Sie bitte dessen Nummer in Ihrer Antwort.',
        ],
      };
    },
  },
};
