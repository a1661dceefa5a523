import type { CallbackCause } from './callback-reasons.js';
import type { TimezoneSource } from './customer-zone.js';

type Lang = 'en' | 'fr' | 'de';

function lang(language: string): Lang {
  const l = String(language ?? '').toLowerCase().slice(0, 2);
  return l === 'fr' || l === 'de' ? l : 'en';
}

/**
 * What the customer is told about the zone their callback time is written in, when we had to
 * guess it (TemplateContext.callback.timezoneNote). Nothing when their record names it.
 */
export function timezoneNote(source: TimezoneSource, zone: string, language: string): string | undefined {
  if (source === 'customer') return undefined;
  const l = lang(language);
  if (source === 'date-header') {
    return {
      en: `We do not know your time zone for certain, so the time above is given in ${zone}, the time offset your email was sent with. If you are in another time zone, please tell us in your reply.`,
      fr: `Nous ne connaissons pas votre fuseau horaire avec certitude : l'heure ci-dessus est donc indiquée en ${zone}, le décalage horaire de votre e-mail. Si vous êtes dans un autre fuseau horaire, merci de nous l'indiquer dans votre réponse.`,
      de: `Wir kennen Ihre Zeitzone nicht sicher; die Uhrzeit oben ist daher in ${zone} angegeben, der Zeitverschiebung Ihrer E-Mail. Wenn Sie sich in einer anderen Zeitzone befinden, teilen Sie uns das bitte in Ihrer Antwort mit.`,
    }[l];
  }
  return {
    en: `We could not tell your time zone, so the time above is given in ours (${zone}). If you are in another time zone, please tell us in your reply.`,
    fr: `Nous n'avons pas pu déterminer votre fuseau horaire : l'heure ci-dessus est donc indiquée dans le nôtre (${zone}). Si vous êtes dans un autre fuseau horaire, merci de nous l'indiquer dans votre réponse.`,
    de: `Wir konnten Ihre Zeitzone nicht ermitteln; die Uhrzeit oben ist daher in unserer Zeitzone (${zone}) angegeben. Wenn Sie sich in einer anderen Zeitzone befinden, teilen Sie uns das bitte in Ihrer Antwort mit.`,
  }[l];
}

/** What the customer is told about why this slot was chosen, beyond the first booking. */
export function scheduleNote(cause: CallbackCause, outsideCustomerHours: boolean, language: string): string | undefined {
  const l = lang(language);
  const notes: string[] = [];
  if (cause === 'customerTime') {
    notes.push({ en: 'As you asked, we have moved the call to this time.', fr: 'Comme vous nous l’avez demandé, nous avons déplacé l’appel à ce créneau.', de: 'Wie gewünscht haben wir den Anruf auf diesen Termin verlegt.' }[l]);
  }
  if (cause === 'customerTimeUnavailable') {
    notes.push({
      en: 'The time you asked for is outside our callback hours or already taken, so we have booked the next free time after it.',
      fr: 'Le moment que vous avez proposé est en dehors de nos horaires de rappel ou déjà pris ; nous avons donc réservé le premier créneau libre qui suit.',
      de: 'Der gewünschte Zeitpunkt liegt außerhalb unserer Rückrufzeiten oder ist bereits vergeben; wir haben daher den nächsten freien Termin danach gebucht.',
    }[l]);
  }
  if (cause === 'customerOtherTime') {
    notes.push({
      en: 'We could not read a date and time in your reply, so we have booked the next free time. If it does not suit you either, reply with a day and time, for example "Tuesday at 10:00".',
      fr: "Nous n'avons pas pu lire de date ni d'heure dans votre réponse ; nous avons donc réservé le prochain créneau libre. S'il ne vous convient pas non plus, répondez en indiquant un jour et une heure, par exemple « mardi à 10h ».",
      de: 'Wir konnten in Ihrer Antwort kein Datum und keine Uhrzeit erkennen und haben daher den nächsten freien Termin gebucht. Passt auch dieser nicht, antworten Sie bitte mit Tag und Uhrzeit, zum Beispiel „Dienstag um 10 Uhr“.',
    }[l]);
  }
  if (cause === 'customerZone') {
    notes.push({
      en: 'Thank you for telling us your time zone: the time above is now given in it, and the call falls in your usual daytime hours where our support hours allow.',
      fr: 'Merci de nous avoir indiqué votre fuseau horaire : l’heure ci-dessus y est désormais indiquée, et l’appel tombe dans vos heures habituelles de journée lorsque nos horaires de support le permettent.',
      de: 'Danke für die Angabe Ihrer Zeitzone: Die Uhrzeit oben ist jetzt darin angegeben, und der Anruf liegt in Ihren üblichen Tageszeiten, soweit unsere Supportzeiten es erlauben.',
    }[l]);
  }
  if (outsideCustomerHours) {
    notes.push({
      en: 'Our support hours do not overlap with the usual daytime hours in your time zone, so this call falls outside them. If it does not suit you, reply with a better time.',
      fr: 'Nos horaires de support ne recouvrent pas les heures habituelles de journée dans votre fuseau horaire : cet appel tombe donc en dehors. S’il ne vous convient pas, répondez en proposant un meilleur moment.',
      de: 'Unsere Supportzeiten überschneiden sich nicht mit den üblichen Tageszeiten in Ihrer Zeitzone; dieser Anruf liegt daher außerhalb davon. Passt er Ihnen nicht, antworten Sie bitte mit einem besseren Zeitpunkt.',
    }[l]);
  }
  return notes.length ? notes.join('\n\n') : undefined;
}

/** What the customer is told when no callback reached them and level 3 takes over. */
export function unreachableNotice(attempts: number, language: string): string {
  return {
    en: `We tried to call you back ${attempts} time${attempts === 1 ? '' : 's'} but could not reach you. Your request has therefore been passed to our product experts (level 3), who will get back to you by email. You can also reply to this email with a number and a time at which we can reach you.`,
    fr: `Nous avons essayé de vous rappeler ${attempts} fois sans parvenir à vous joindre. Votre demande a donc été transmise à nos experts produit (niveau 3), qui reviendront vers vous par e-mail. Vous pouvez aussi répondre à cet e-mail en indiquant un numéro et un moment où nous pouvons vous joindre.`,
    de: `Wir haben ${attempts}-mal versucht, Sie zurückzurufen, konnten Sie aber nicht erreichen. Ihre Anfrage wurde daher an unsere Produktexperten (Level 3) übergeben, die sich per E-Mail bei Ihnen melden. Sie können auch auf diese E-Mail antworten und uns eine Nummer und einen Zeitpunkt nennen, zu dem wir Sie erreichen.`,
  }[lang(language)];
}
