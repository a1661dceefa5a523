import type { KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';

/** What the customer can expect next at each level, in their language. */
function nextStep(level: number, f: Formatter): string {
  const steps: Record<number, Record<'en' | 'fr' | 'de', string>> = {
    0: {
      en: 'Our knowledge base may already hold the answer; if not, a member of our team will get back to you by email.',
      fr: "Notre base de connaissances contient peut-être déjà la réponse ; sinon, un membre de notre équipe vous répondra par e-mail.",
      de: 'Möglicherweise enthält unsere Wissensdatenbank bereits die Antwort; andernfalls meldet sich ein Teammitglied per E-Mail bei Ihnen.',
    },
    1: {
      en: 'A member of our helpdesk will answer you by email.',
      fr: 'Un membre de notre assistance vous répondra par e-mail.',
      de: 'Ein Mitarbeiter unseres Helpdesks antwortet Ihnen per E-Mail.',
    },
    2: {
      en: 'One of our technicians will call you back. We will send you the date and time of the call in a separate email.',
      fr: "L'un de nos techniciens vous rappellera. Nous vous enverrons la date et l'heure de l'appel dans un e-mail séparé.",
      de: 'Einer unserer Techniker ruft Sie zurück. Datum und Uhrzeit des Anrufs senden wir Ihnen in einer separaten E-Mail.',
    },
    3: {
      en: 'Our product experts will reproduce the problem, look for its cause and get back to you.',
      fr: 'Nos experts produit vont reproduire le problème, en rechercher la cause et revenir vers vous.',
      de: 'Unsere Produktexperten reproduzieren das Problem, suchen die Ursache und melden sich bei Ihnen.',
    },
    4: {
      en: 'This concerns equipment or a service maintained by an external provider. Before we pass anything on to them, we will ask for your consent in a separate email.',
      fr: "Cela concerne un équipement ou un service maintenu par un prestataire externe. Avant de lui transmettre quoi que ce soit, nous vous demanderons votre accord dans un e-mail séparé.",
      de: 'Dies betrifft ein Gerät oder einen Dienst, der von einem externen Anbieter betreut wird. Bevor wir etwas an ihn weitergeben, bitten wir Sie in einer separaten E-Mail um Ihre Zustimmung.',
    },
  };
  return steps[level]?.[f.lang] ?? steps[1]![f.lang];
}

/** `ack`: the customer's request is a ticket now; what happens next and how to add information. */
export const ack: KindTemplate = {
  audience: 'customer',
  render: {
    en: (ctx, f) => ({
      subject: `We have received your request: ${f.subject}`,
      blocks: [
        `Thank you for contacting us. Your request "${f.subject}" has been registered as ticket ${f.ticketId}.`,
        `It is handled by our ${f.level(ctx.ticket.level)} team: ${f.levelDescription(ctx.ticket.level)}`,
        nextStep(ctx.ticket.level, f),
        'If you have more information (error messages, screenshots, since when it happens), simply reply to this email: your reply is added to the ticket.',
      ],
    }),
    fr: (ctx, f) => ({
      subject: `Nous avons bien reçu votre demande : ${f.subject}`,
      blocks: [
        `Merci de nous avoir contactés. Votre demande « ${f.subject} » a été enregistrée sous le numéro de ticket ${f.ticketId}.`,
        `Elle est prise en charge par notre équipe de ${f.level(ctx.ticket.level)} : ${f.levelDescription(ctx.ticket.level)}`,
        nextStep(ctx.ticket.level, f),
        "Si vous avez des informations complémentaires (messages d'erreur, captures d'écran, depuis quand le problème se produit), répondez simplement à cet e-mail : votre réponse sera ajoutée au ticket.",
      ],
    }),
    de: (ctx, f) => ({
      subject: `Ihre Anfrage ist bei uns eingegangen: ${f.subject}`,
      blocks: [
        `Vielen Dank für Ihre Nachricht. Ihre Anfrage „${f.subject}“ wurde als Ticket ${f.ticketId} erfasst.`,
        `Sie wird von unserem Team für ${f.level(ctx.ticket.level)} bearbeitet: ${f.levelDescription(ctx.ticket.level)}`,
        nextStep(ctx.ticket.level, f),
        'Wenn Sie weitere Informationen haben (Fehlermeldungen, Screenshots, seit wann es auftritt), antworten Sie einfach auf diese E-Mail: Ihre Antwort wird dem Ticket hinzugefügt.',
      ],
    }),
  },
};
