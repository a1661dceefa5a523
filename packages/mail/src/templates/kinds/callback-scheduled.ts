import type { Block } from '../blocks.js';
import type { KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';

function slotOf(ctx: TemplateContext, f: Formatter): string {
  const cb = ctx.callback;
  return cb ? f.slot(cb.start, cb.end, cb.timezone) : '';
}

function optional(ctx: TemplateContext, f: Formatter, retry: string): Block[] {
  const out: Block[] = [];
  if ((ctx.callback?.attempt ?? 1) > 1) out.push(retry);
  if (ctx.callback?.timezoneNote) out.push(f.text(ctx.callback.timezoneNote));
  return out;
}

const agentOf = (ctx: TemplateContext, f: Formatter) => f.text(ctx.callback?.agentName).replace(/\s+/g, ' ');

/** `callback-scheduled` (level 2): the slot in the customer's zone, and how to ask for another time. */
export const callbackScheduled: KindTemplate = {
  audience: 'customer',
  render: {
    en: (ctx, f) => ({
      subject: `We will call you back on ${slotOf(ctx, f)}`,
      blocks: [
        `About your request ${f.ticketId} ("${f.subject}"): one of our technicians${agentOf(ctx, f) ? `, ${agentOf(ctx, f)},` : ''} will call you back on`,
        slotOf(ctx, f),
        ...optional(ctx, f, 'We could not reach you at the previous time, so we have booked this new one.'),
        'The attached invitation adds the call to your calendar.',
        'If this time does not suit you, reply to this email with a time that works better (for example "Tuesday at 10:00") and we will book a new slot. If we should call a different number, reply with it.',
      ],
    }),
    fr: (ctx, f) => ({
      subject: `Nous vous rappellerons le ${slotOf(ctx, f)}`,
      blocks: [
        `Au sujet de votre demande ${f.ticketId} (« ${f.subject} ») : l'un de nos techniciens${agentOf(ctx, f) ? `, ${agentOf(ctx, f)},` : ''} vous rappellera le`,
        slotOf(ctx, f),
        ...optional(ctx, f, "Nous n'avons pas pu vous joindre au créneau précédent ; nous avons donc réservé celui-ci."),
        "L'invitation jointe permet d'ajouter l'appel à votre agenda.",
        "Si ce créneau ne vous convient pas, répondez à cet e-mail en proposant un autre moment (par exemple « mardi à 10h ») et nous réserverons un nouveau créneau. Si nous devons appeler un autre numéro, indiquez-le dans votre réponse.",
      ],
    }),
    de: (ctx, f) => ({
      subject: `Wir rufen Sie zurück am ${slotOf(ctx, f)}`,
      blocks: [
        `Zu Ihrer Anfrage ${f.ticketId} („${f.subject}“): Einer unserer Techniker${agentOf(ctx, f) ? `, ${agentOf(ctx, f)},` : ''} ruft Sie zurück am`,
        slotOf(ctx, f),
        ...optional(ctx, f, 'Wir konnten Sie zum vorherigen Termin nicht erreichen und haben daher diesen neuen Termin gebucht.'),
        'Mit der beigefügten Einladung können Sie den Anruf in Ihren Kalender übernehmen.',
        'Wenn Ihnen dieser Termin nicht passt, antworten Sie auf diese E-Mail mit einem besseren Zeitpunkt (zum Beispiel „Dienstag um 10 Uhr“), und wir buchen einen neuen Termin. Sollen wir eine andere Nummer anrufen, nennen Sie sie bitte in Ihrer Antwort.',
      ],
    }),
  },
};
