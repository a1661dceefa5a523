import type { KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';
import { vendorRef } from './vendor-handoff.js';

function facts(ctx: TemplateContext, f: Formatter) {
  return { count: ctx.vendor?.followupCount ?? 1, note: f.text(ctx.body), ref: f.text(ctx.vendor?.externalRef).replace(/\s+/g, ' ') };
}

/** `vendor-followup`: the vendor has not answered a handed-over case; asks for its status. */
export const vendorFollowup: KindTemplate = {
  audience: 'vendor',
  render: {
    en: (ctx, f) => {
      const x = facts(ctx, f);
      return {
        subject: `Follow-up ${x.count}: ${f.subject}${vendorRef(ctx, f, 'your ref')}`,
        blocks: [
          `We handed our support case ${f.ticketId} ("${f.subject}") over to you and have not received an answer yet.${x.ref ? ` Your reference: ${x.ref}.` : ''} This is follow-up number ${x.count}.`,
          ...(x.note ? [{ quote: x.note }] : []),
          'Could you please tell us the current status?',
        ],
      };
    },
    fr: (ctx, f) => {
      const x = facts(ctx, f);
      return {
        subject: `Relance ${x.count} : ${f.subject}${vendorRef(ctx, f, 'votre réf.')}`,
        blocks: [
          `Nous vous avons transmis notre dossier de support ${f.ticketId} (« ${f.subject} ») et n'avons pas encore reçu de réponse.${x.ref ? ` Votre référence : ${x.ref}.` : ''} Ceci est la relance n° ${x.count}.`,
          ...(x.note ? [{ quote: x.note }] : []),
          'Pourriez-vous nous indiquer où en est ce dossier ?',
        ],
      };
    },
    de: (ctx, f) => {
      const x = facts(ctx, f);
      return {
        subject: `Nachfrage ${x.count}: ${f.subject}${vendorRef(ctx, f, 'Ihre Ref.')}`,
        blocks: [
          `Wir haben Ihnen unseren Supportfall ${f.ticketId} („${f.subject}“) übergeben und noch keine Antwort erhalten.${x.ref ? ` Ihre Referenz: ${x.ref}.` : ''} Dies ist Nachfrage Nr. ${x.count}.`,
          ...(x.note ? [{ quote: x.note }] : []),
          'Könnten Sie uns bitte den aktuellen Stand mitteilen?',
        ],
      };
    },
  },
};
