import type { Block } from '../blocks.js';
import type { KindTemplate } from '../common.js';
import type { TemplateContext } from '../template-context.js';
import type { Formatter } from '../format.js';

function articleLinks(ctx: TemplateContext, f: Formatter): Block {
  return { links: (ctx.articles ?? []).slice(0, 3).map((a) => ({ label: f.text(a.title).replace(/\s+/g, ' ') || a.url, url: a.url })) };
}

const hasArticles = (ctx: TemplateContext) => (ctx.articles ?? []).length > 0;

/** `kb-answer` (level 0): one to three articles, and how to say whether they helped. */
export const kbAnswer: KindTemplate = {
  audience: 'customer',
  render: {
    en: (ctx, f) => ({
      subject: `Articles that may answer your question: ${f.subject}`,
      blocks: hasArticles(ctx)
        ? [
            `Thank you for your message, registered as ticket ${f.ticketId}. These articles from our knowledge base may already answer your question:`,
            articleLinks(ctx, f),
            'If that helped, reply to this email with "solved" and we will close the ticket. If it did not, reply and tell us so: a member of our team will take over.',
          ]
        : [`Thank you for your message, registered as ticket ${f.ticketId}. We are looking for the right answer; a member of our team will get back to you.`],
    }),
    fr: (ctx, f) => ({
      subject: `Des articles qui peuvent répondre à votre question : ${f.subject}`,
      blocks: hasArticles(ctx)
        ? [
            `Merci pour votre message, enregistré sous le numéro de ticket ${f.ticketId}. Ces articles de notre base de connaissances répondent peut-être déjà à votre question :`,
            articleLinks(ctx, f),
            "Si cela vous a aidé, répondez à cet e-mail avec « résolu » et nous fermerons le ticket. Sinon, répondez-nous en nous le disant : un membre de notre équipe prendra le relais.",
          ]
        : [`Merci pour votre message, enregistré sous le numéro de ticket ${f.ticketId}. Nous recherchons la bonne réponse ; un membre de notre équipe reviendra vers vous.`],
    }),
    de: (ctx, f) => ({
      subject: `Artikel, die Ihre Frage beantworten könnten: ${f.subject}`,
      blocks: hasArticles(ctx)
        ? [
            `Vielen Dank für Ihre Nachricht, erfasst als Ticket ${f.ticketId}. Diese Artikel aus unserer Wissensdatenbank beantworten Ihre Frage möglicherweise bereits:`,
            articleLinks(ctx, f),
            'Wenn Ihnen das geholfen hat, antworten Sie auf diese E-Mail mit „gelöst“, und wir schließen das Ticket. Falls nicht, teilen Sie uns das in Ihrer Antwort mit: Ein Teammitglied übernimmt dann.',
          ]
        : [`Vielen Dank für Ihre Nachricht, erfasst als Ticket ${f.ticketId}. Wir suchen nach der passenden Antwort; ein Teammitglied meldet sich bei Ihnen.`],
    }),
  },
};
