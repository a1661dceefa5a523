import type { ConsentLinkProblem, ConsentLanguage } from '@tierdesk/domain';

/** The words of the consent pages, per language. `{x}` placeholders are filled (and escaped) by the page. */
export interface ConsentPageWords {
  title: string;
  ticket: string;
  askGrant: string;
  askDeny: string;
  sharedIntro: string;
  confirmGrant: string;
  confirmDeny: string;
  note: string;
  grantedTitle: string;
  granted: string;
  deniedTitle: string;
  denied: string;
  refusedTitle: string;
  problems: Record<ConsentLinkProblem, string>;
  decisionGranted: string;
  decisionDenied: string;
}

const INVALID_EN = 'This link is not valid. Please use the links in our latest email, or simply reply to that email with "yes" or "no".';
const INVALID_FR = "Ce lien n'est pas valide. Utilisez les liens de notre dernier e-mail, ou répondez simplement à cet e-mail par « oui » ou « non ».";
const INVALID_DE = 'Dieser Link ist ungültig. Bitte verwenden Sie die Links aus unserer letzten E-Mail oder antworten Sie einfach mit „ja“ oder „nein“ darauf.';

export const CONSENT_PAGE_WORDS: Record<ConsentLanguage, ConsentPageWords> = {
  en: {
    title: 'Your consent',
    ticket: 'Ticket {id}: {subject}',
    askGrant: 'Please confirm that we may hand your request over to {vendor}.',
    askDeny: 'Please confirm that we must not hand your request over to {vendor}.',
    sharedIntro: 'If you agree, {vendor} receives the following, and nothing else:',
    confirmGrant: 'Yes, share this with {vendor}',
    confirmDeny: 'No, do not share anything',
    note: 'Nothing happens until you press the button.',
    grantedTitle: 'Thank you',
    granted: 'Your consent is recorded. We are handing your request over to {vendor} now and will keep you informed.',
    deniedTitle: 'Your answer is recorded',
    denied: 'Nothing is passed on to {vendor}. Our own product experts continue working on your request.',
    refusedTitle: 'This link cannot be used',
    problems: {
      malformed: INVALID_EN,
      forged: INVALID_EN,
      'wrong-ticket': INVALID_EN,
      'wrong-vendor': INVALID_EN,
      'unknown-ticket': INVALID_EN,
      expired: 'This link has expired. Please reply to our email with "yes" or "no", or contact us.',
      superseded: 'This link has been replaced by a newer request. Please use the links in our latest email.',
      used: 'This link has already been used: your answer ({decision}) was recorded on {at}.',
      'ticket-finished': 'Ticket {id} has been resolved meanwhile, so nothing will be passed on.',
      'not-requested': 'We are not waiting for your consent on ticket {id}.',
    },
    decisionGranted: 'consent given',
    decisionDenied: 'consent refused',
  },
  fr: {
    title: 'Votre accord',
    ticket: 'Ticket {id} : {subject}',
    askGrant: 'Merci de confirmer que nous pouvons transmettre votre demande à {vendor}.',
    askDeny: 'Merci de confirmer que nous ne devons pas transmettre votre demande à {vendor}.',
    sharedIntro: 'Si vous acceptez, {vendor} reçoit les éléments suivants, et rien d’autre :',
    confirmGrant: 'Oui, partager ces éléments avec {vendor}',
    confirmDeny: 'Non, ne rien transmettre',
    note: 'Rien ne se passe tant que vous n’appuyez pas sur le bouton.',
    grantedTitle: 'Merci',
    granted: 'Votre accord est enregistré. Nous transmettons maintenant votre demande à {vendor} et vous tiendrons informé(e).',
    deniedTitle: 'Votre réponse est enregistrée',
    denied: 'Rien n’est transmis à {vendor}. Nos propres experts produit continuent à traiter votre demande.',
    refusedTitle: 'Ce lien ne peut pas être utilisé',
    problems: {
      malformed: INVALID_FR,
      forged: INVALID_FR,
      'wrong-ticket': INVALID_FR,
      'wrong-vendor': INVALID_FR,
      'unknown-ticket': INVALID_FR,
      expired: 'Ce lien a expiré. Répondez à notre e-mail par « oui » ou « non », ou contactez-nous.',
      superseded: 'Ce lien a été remplacé par une demande plus récente. Utilisez les liens de notre dernier e-mail.',
      used: 'Ce lien a déjà été utilisé : votre réponse ({decision}) a été enregistrée le {at}.',
      'ticket-finished': 'Le ticket {id} a été résolu entre-temps : rien ne sera transmis.',
      'not-requested': 'Nous n’attendons pas votre accord pour le ticket {id}.',
    },
    decisionGranted: 'accord donné',
    decisionDenied: 'accord refusé',
  },
  de: {
    title: 'Ihre Zustimmung',
    ticket: 'Ticket {id}: {subject}',
    askGrant: 'Bitte bestätigen Sie, dass wir Ihre Anfrage an {vendor} übergeben dürfen.',
    askDeny: 'Bitte bestätigen Sie, dass wir Ihre Anfrage nicht an {vendor} übergeben sollen.',
    sharedIntro: 'Wenn Sie zustimmen, erhält {vendor} Folgendes, und nichts anderes:',
    confirmGrant: 'Ja, dies mit {vendor} teilen',
    confirmDeny: 'Nein, nichts weitergeben',
    note: 'Es geschieht nichts, bevor Sie die Schaltfläche drücken.',
    grantedTitle: 'Vielen Dank',
    granted: 'Ihre Zustimmung ist erfasst. Wir übergeben Ihre Anfrage jetzt an {vendor} und halten Sie auf dem Laufenden.',
    deniedTitle: 'Ihre Antwort ist erfasst',
    denied: 'Es wird nichts an {vendor} weitergegeben. Unsere eigenen Produktexperten bearbeiten Ihre Anfrage weiter.',
    refusedTitle: 'Dieser Link kann nicht verwendet werden',
    problems: {
      malformed: INVALID_DE,
      forged: INVALID_DE,
      'wrong-ticket': INVALID_DE,
      'wrong-vendor': INVALID_DE,
      'unknown-ticket': INVALID_DE,
      expired: 'Dieser Link ist abgelaufen. Bitte antworten Sie auf unsere E-Mail mit „ja“ oder „nein“ oder kontaktieren Sie uns.',
      superseded: 'Dieser Link wurde durch eine neuere Anfrage ersetzt. Bitte verwenden Sie die Links aus unserer letzten E-Mail.',
      used: 'Dieser Link wurde bereits verwendet: Ihre Antwort ({decision}) wurde am {at} erfasst.',
      'ticket-finished': 'Ticket {id} wurde inzwischen gelöst, daher wird nichts weitergegeben.',
      'not-requested': 'Wir warten bei Ticket {id} nicht auf Ihre Zustimmung.',
    },
    decisionGranted: 'Zustimmung erteilt',
    decisionDenied: 'Zustimmung verweigert',
  },
};
