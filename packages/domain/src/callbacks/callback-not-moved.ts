import { honoursRequest, type CallbackRequest } from './requested-time.js';

/**
 * A customer asked to move their callback and it could not be moved: the booked call stands.
 * - `nothing-free`: no level-2 agent has a free slot at or after the time asked for (within the
 *   whole booking search);
 * - `same-slot`: the earliest slot that can be booked after the time asked for is the one they
 *   already hold (the time asked for is outside the callback hours, within the lead time, or taken).
 * Both the customer (their call stands, a person will arrange another time) and the booked agent
 * (call or write to them) are told, since no new booking announces anything.
 */
export type CallbackNotMovedCause = 'nothing-free' | 'same-slot';

/**
 * Whether a reply's request left the call where it was, and why; null when it was moved, asked
 * for nothing (a time zone alone, an ordinary reply) or asked for exactly the booked call.
 * `found`: what the booking search returned — no slot, the booked slot again, or another one.
 */
export function callbackNotMoved(
  request: CallbackRequest,
  found: { kind: 'none' } | { kind: 'same'; start: Date } | { kind: 'other' },
  slotMs: number,
  zone: string,
): CallbackNotMovedCause | null {
  if (request.kind === 'none' || found.kind === 'other') return null;
  if (found.kind === 'none') return 'nothing-free';
  return request.kind === 'time' && honoursRequest(request, found.start, slotMs, zone) ? null : 'same-slot';
}

type Lang = 'en' | 'fr' | 'de';

function lang(language: string): Lang {
  const l = String(language ?? '').toLowerCase().slice(0, 2);
  return l === 'fr' || l === 'de' ? l : 'en';
}

/** What the customer is told above their standing call (TemplateContext.callback.timezoneNote). */
export function callbackNotMovedNote(cause: CallbackNotMovedCause, language: string): string {
  const why = {
    'nothing-free': {
      en: 'We could not book the time you asked for: no callback time is free then or later in our calendar.',
      fr: "Nous n'avons pas pu réserver le moment que vous avez demandé : aucun créneau de rappel n'est libre à ce moment-là ni ensuite dans notre agenda.",
      de: 'Den gewünschten Zeitpunkt konnten wir nicht buchen: In unserem Kalender ist dann und danach kein Rückruftermin frei.',
    },
    'same-slot': {
      en: 'We could not book the time you asked for: it is outside our callback hours or already taken, and the earliest free time after it is the call you already have.',
      fr: "Nous n'avons pas pu réserver le moment que vous avez demandé : il est en dehors de nos horaires de rappel ou déjà pris, et le premier créneau libre qui suit est l'appel déjà prévu.",
      de: 'Den gewünschten Zeitpunkt konnten wir nicht buchen: Er liegt außerhalb unserer Rückrufzeiten oder ist bereits vergeben, und der nächste freie Termin danach ist Ihr bereits gebuchter Anruf.',
    },
  }[cause][lang(language)];
  const stands = {
    en: 'Your call therefore stays at the time above. Your technician knows you asked to move it and will get in touch to arrange another time.',
    fr: "Votre appel reste donc prévu au moment indiqué ci-dessus. Votre technicien sait que vous avez demandé à le déplacer et prendra contact avec vous pour convenir d'un autre moment.",
    de: 'Ihr Anruf bleibt daher zum oben genannten Termin bestehen. Ihr Techniker weiß, dass Sie ihn verschieben möchten, und meldet sich, um einen anderen Zeitpunkt zu vereinbaren.',
  }[lang(language)];
  return `${why} ${stands}`;
}

/** Why the booked agent is told (English, as the other agent reasons). */
export function callbackNotMovedReason(cause: CallbackNotMovedCause, request: CallbackRequest): string {
  const asked = request.kind === 'time' ? `for ${JSON.stringify(request.text)}` : 'without naming a time we could read';
  const why = cause === 'nothing-free' ? 'no level-2 agent has a free slot then or later' : 'the earliest slot that can be booked is the one already booked';
  return `The customer asked to move this callback ${asked}, but ${why}, so it stays as booked and they were told so. Please call or write to them to arrange a time that suits them.`;
}
