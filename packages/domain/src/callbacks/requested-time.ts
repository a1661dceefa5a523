import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { stripQuotedText } from '../triage/quoted-text.js';
import { MS_PER_DAY } from './callback-time.js';

/** What a customer's reply says about their callback. */
export type CallbackRequest =
  /** They named a time (in their zone): book it, or the next free slot after it. */
  | { kind: 'time'; at: Date; text: string; /** A time of day was named, not only a day. */ exact: boolean }
  /** They want another time but named none we could read: propose the next free slot. */
  | { kind: 'other-time' }
  /** An ordinary reply: the callback stays as booked. */
  | { kind: 'none' };

export interface CallbackRequestOptions {
  /** When the reply was written: "tomorrow" counts from here. */
  reference: Date;
  /** The customer's zone: "10:00" means ten o'clock there. */
  zone: string;
  /** The ticket's language; English is always tried too. */
  language: string;
  /** A requested time further ahead than this is not taken at its word. Default 90 days. */
  maxAheadDays?: number;
}

/**
 * Words that ask to move the call, in the languages we answer in. A time mentioned without them
 * ("the backup runs at 2:00") is only taken as a request in a short reply.
 */
const WANTS_ANOTHER_TIME = new RegExp(
  [
    // en
    'call me', 'call back', 'reschedul', 'another time', 'other time', 'different time', 'instead', 'not available', 'unavailable',
    "can't make", 'cannot make', "won't be", 'not be (?:available|there|free)', 'works better', 'better for me', 'suits me', 'would suit', 'rather',
    // fr
    'rappel', 'appel(?:ez|er)', 'autre (?:moment|créneau|heure|jour|date)', 'plutôt', 'pas disponible', 'indisponible', 'pas libre', 'absent',
    'me convient', 'conviendrait', 'arrange', 'déplacer', 'reporter',
    // de
    'anruf', 'rückruf', 'zurückruf', 'anderen termin', 'andere(?:n)? zeit', 'anderen tag', 'lieber', 'passt (?:mir )?(?:nicht|besser)', 'besser passen', 'verschieben',
    'nicht erreichbar', 'keine zeit', 'verhindert', 'nicht da',
  ].join('|'),
  'i',
);

const SHORT_REPLY = 280;
const PARSERS: Record<string, chrono.Chrono> = { en: chrono.en.casual, fr: chrono.fr.casual, de: chrono.de.casual };

/** The reply as written: quotes of earlier mail and a "-- " signature cut off. */
export function ownWords(text: string): string {
  const unquoted = stripQuotedText(String(text ?? ''));
  const sig = unquoted.search(/^-- ?$/m);
  return (sig >= 0 ? unquoted.slice(0, sig) : unquoted).slice(0, 4000).trim();
}

function parse(parser: chrono.Chrono, text: string, reference: Date, offsetMinutes: number): chrono.ParsedResult[] {
  try {
    return parser.parse(text, { instant: reference, timezone: offsetMinutes }, { forwardDate: true });
  } catch {
    return []; // a parser failure is a reply we cannot read, never a crashed job
  }
}

/**
 * What the reply's date expressions say, one reading per stretch of text: every language reads
 * it, and where readings overlap the one that understood the most text wins (ties: the ticket's
 * language). So "yesterday at 10:00" stays a past time instead of becoming French "10:00", and
 * "mercredi à 14h" is Wednesday, not English "14h". In text order.
 */
function readings(parsers: chrono.Chrono[], text: string, reference: Date, offsetMinutes: number): chrono.ParsedResult[] {
  const all = parsers.flatMap((p, rank) => parse(p, text, reference, offsetMinutes).map((r) => ({ r, rank, start: r.index, end: r.index + r.text.length })));
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const chosen: typeof all = [];
  for (const x of all) if (!chosen.some((c) => x.start < c.end && c.start < x.end)) chosen.push(x);
  return chosen.sort((a, b) => a.start - b.start).map((x) => x.r);
}

/** The instant a parsed result names, read as wall-clock time in `zone`; null if it names no time. */
function instantOf(r: chrono.ParsedResult, zone: string): { at: Date; exact: boolean } | null {
  const s = r.start;
  const exact = s.isCertain('hour');
  if (!exact && !s.isCertain('day') && !s.isCertain('weekday')) return null;
  let hour = s.get('hour') ?? 0;
  // chrono puts a bare day ("Tuesday") at noon; the customer means the whole day.
  if (!exact && hour === 12 && !s.get('minute')) hour = 0;
  // Nobody asks to be called at 2 a.m.: "at 2" without am/pm is the afternoon.
  if (s.isCertain('hour') && !s.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;
  const at = DateTime.fromObject(
    { year: s.get('year') ?? undefined, month: s.get('month') ?? undefined, day: s.get('day') ?? undefined, hour, minute: s.get('minute') ?? 0 },
    { zone },
  );
  return at.isValid ? { at: at.toJSDate(), exact } : null;
}

/**
 * Reads a customer's reply to a callback email: did they ask for another time, and which one?
 * Pure: the reference instant and zone are given. Nonsense ("the 45th at 99:99") is no time at
 * all; with words asking for another time it still counts as a request, for the next free slot.
 */
export function parseCallbackRequest(text: string, opts: CallbackRequestOptions): CallbackRequest {
  const words = ownWords(text);
  if (!words) return { kind: 'none' };
  const intent = WANTS_ANOTHER_TIME.test(words);
  const reference = opts.reference;
  const offset = DateTime.fromJSDate(reference, { zone: opts.zone }).offset;
  const latest = reference.getTime() + (opts.maxAheadDays ?? 90) * MS_PER_DAY;
  const lang = String(opts.language ?? '').toLowerCase().slice(0, 2);
  // The ticket's language first; customers do not always write in it, so the others follow.
  const order = [lang, ...['en', 'fr', 'de'].filter((l) => l !== lang)];
  const parsers = order.map((l) => PARSERS[l]).filter((p): p is chrono.Chrono => Boolean(p));
  const found: Array<Extract<CallbackRequest, { kind: 'time' }> & { today: boolean }> = [];
  if (intent || words.length <= SHORT_REPLY) {
    const refDay = DateTime.fromJSDate(reference, { zone: opts.zone });
    for (const r of readings(parsers, words, reference, Number.isFinite(offset) ? offset : 0)) {
      const hit = instantOf(r, opts.zone);
      if (!hit) continue;
      const t = hit.at.getTime();
      const today = DateTime.fromJSDate(hit.at, { zone: opts.zone }).hasSame(refDay, 'day');
      // A time in the past is a fact about the problem ("since yesterday 10:00"), not a wish.
      if ((t > reference.getTime() || (today && !hit.exact)) && t <= latest) found.push({ kind: 'time', at: hit.at, text: r.text, exact: hit.exact, today });
    }
  }
  // A named time of day beats a bare day, whichever language read it; "not today, Monday" means
  // Monday. Within each, the ticket's language comes first.
  const best = found.find((f) => f.exact) ?? found.find((f) => !f.today) ?? found[0];
  if (best) return { kind: 'time', at: best.at, text: best.text, exact: best.exact };
  return intent ? { kind: 'other-time' } : { kind: 'none' };
}

/**
 * Whether a booked slot gives the customer what they asked for: the slot they named (within one
 * slot length of it), or any time on the day they named.
 */
export function honoursRequest(request: Extract<CallbackRequest, { kind: 'time' }>, slotStart: Date, slotMs: number, zone: string): boolean {
  const t = slotStart.getTime();
  const asked = request.at.getTime();
  if (request.exact) return t >= asked && t < asked + slotMs;
  return DateTime.fromJSDate(slotStart, { zone }).hasSame(DateTime.fromJSDate(request.at, { zone }), 'day');
}
