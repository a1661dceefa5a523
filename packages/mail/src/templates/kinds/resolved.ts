import type { Block } from '../blocks.js';
import type { KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';

function resolution(ctx: TemplateContext, f: Formatter, label: string): Block[] {
  const text = f.text(ctx.resolution);
  return text ? [{ quote: text, by: label }] : [];
}

/** `resolved`: what was done, and that a reply reopens the ticket. */
export const resolved: KindTemplate = {
  audience: 'customer',
  render: {
    en: (ctx, f) => ({
      subject: `Resolved: ${f.subject}`,
      blocks: [
        `We have marked your request ${f.ticketId} ("${f.subject}") as resolved.`,
        ...resolution(ctx, f, 'Resolution'),
        'If the problem is not solved or comes back, simply reply to this email and we will reopen the ticket.',
      ],
    }),
    fr: (ctx, f) => ({
      subject: `Résolu : ${f.subject}`,
      blocks: [
        `Nous avons marqué votre demande ${f.ticketId} (« ${f.subject} ») comme résolue.`,
        ...resolution(ctx, f, 'Résolution'),
        "Si le problème n'est pas résolu ou revient, répondez simplement à cet e-mail et nous rouvrirons le ticket.",
      ],
    }),
    de: (ctx, f) => ({
      subject: `Gelöst: ${f.subject}`,
      blocks: [
        `Wir haben Ihre Anfrage ${f.ticketId} („${f.subject}“) als gelöst markiert.`,
        ...resolution(ctx, f, 'Lösung'),
        'Falls das Problem nicht gelöst ist oder wieder auftritt, antworten Sie einfach auf diese E-Mail, und wir öffnen das Ticket erneut.',
      ],
    }),
  },
};
