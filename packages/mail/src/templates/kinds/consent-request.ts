import type { KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';

function parts(ctx: TemplateContext, f: Formatter) {
  const c = ctx.consent;
  return {
    vendor: f.text(c?.vendorName ?? ctx.vendor?.name).replace(/\s+/g, ' '),
    shared: (c?.shared ?? []).map((s) => f.text(s)).filter(Boolean),
    grant: c?.grantUrl ?? '',
    deny: c?.denyUrl ?? '',
    expires: c?.expiresAt ? f.date(c.expiresAt) : '',
  };
}

/**
 * `consent-request` (level 4): exactly what would be shared with whom, the signed grant/deny
 * links, when they expire, and that a plain yes/no reply counts too.
 */
export const consentRequest: KindTemplate = {
  audience: 'customer',
  render: {
    en: (ctx, f) => {
      const p = parts(ctx, f);
      return {
        subject: `Your consent is needed: may we pass your request to ${p.vendor}?`,
        blocks: [
          `Your request ${f.ticketId} ("${f.subject}") concerns equipment or a service maintained by an external provider, ${p.vendor}. To solve it, we would like to hand it over to them. We only do so with your consent.`,
          `If you agree, we will share the following with ${p.vendor}, and nothing else:`,
          { list: p.shared },
          'Nothing is sent to them before you agree.',
          { links: [{ label: `Yes, I agree to share this with ${p.vendor}`, url: p.grant }, { label: 'No, I do not agree', url: p.deny }] },
          `Each link opens a page where you confirm your choice. ${p.expires ? `The links are valid until ${p.expires}. ` : ''}You can also simply reply to this email with "yes" or "no".`,
          'If you decline, our own product experts (level 3) will continue working on your request.',
        ],
      };
    },
    fr: (ctx, f) => {
      const p = parts(ctx, f);
      return {
        subject: `Votre accord est nécessaire : pouvons-nous transmettre votre demande à ${p.vendor} ?`,
        blocks: [
          `Votre demande ${f.ticketId} (« ${f.subject} ») concerne un équipement ou un service maintenu par un prestataire externe, ${p.vendor}. Pour la résoudre, nous souhaitons la lui transmettre. Nous ne le faisons qu'avec votre accord.`,
          `Si vous êtes d'accord, nous partagerons avec ${p.vendor} les éléments suivants, et rien d'autre :`,
          { list: p.shared },
          "Rien ne lui est envoyé avant votre accord.",
          { links: [{ label: `Oui, j'accepte de partager ces éléments avec ${p.vendor}`, url: p.grant }, { label: "Non, je refuse", url: p.deny }] },
          `Chaque lien ouvre une page sur laquelle vous confirmez votre choix. ${p.expires ? `Les liens sont valables jusqu'au ${p.expires}. ` : ''}Vous pouvez aussi simplement répondre à cet e-mail par « oui » ou « non ».`,
          'Si vous refusez, nos propres experts produit (niveau 3) continueront à traiter votre demande.',
        ],
      };
    },
    de: (ctx, f) => {
      const p = parts(ctx, f);
      return {
        subject: `Ihre Zustimmung ist erforderlich: Dürfen wir Ihre Anfrage an ${p.vendor} weitergeben?`,
        blocks: [
          `Ihre Anfrage ${f.ticketId} („${f.subject}“) betrifft ein Gerät oder einen Dienst, der von einem externen Anbieter betreut wird: ${p.vendor}. Um sie zu lösen, möchten wir sie an diesen Anbieter übergeben. Das tun wir nur mit Ihrer Zustimmung.`,
          `Wenn Sie zustimmen, geben wir Folgendes an ${p.vendor} weiter, und nichts anderes:`,
          { list: p.shared },
          'Vor Ihrer Zustimmung wird nichts an den Anbieter gesendet.',
          { links: [{ label: `Ja, ich bin einverstanden, dies mit ${p.vendor} zu teilen`, url: p.grant }, { label: 'Nein, ich bin nicht einverstanden', url: p.deny }] },
          `Jeder Link öffnet eine Seite, auf der Sie Ihre Wahl bestätigen. ${p.expires ? `Die Links sind gültig bis ${p.expires}. ` : ''}Sie können auch einfach mit „ja“ oder „nein“ auf diese E-Mail antworten.`,
          'Wenn Sie ablehnen, bearbeiten unsere eigenen Produktexperten (Level 3) Ihre Anfrage weiter.',
        ],
      };
    },
  },
};
