import { DateTime, Duration, IANAZone } from 'luxon';
import { z } from 'zod';
import { LEVELS, PRIORITIES, parseSlaDuration, unusableKeyword } from '@tierdesk/domain';

/** Zod building blocks for single config values; each error says what a valid value looks like. */

export const nonEmptyString = z.string().trim().min(1, { error: 'must not be empty' });

export const timezoneSchema = z.string().refine((tz) => IANAZone.isValidZone(tz), {
  error: (iss) => `unknown time zone ${JSON.stringify(iss.input)}; use an IANA name such as "Europe/Berlin" or "America/New_York"`,
});

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM" wall-clock time, 00:00–23:59. */
export const timeOfDaySchema = z.string().regex(HHMM, { error: (iss) => `must be a time "HH:MM" between 00:00 and 23:59 (got ${JSON.stringify(iss.input)})` });

/** End of an interval: like a time of day, but "24:00" (midnight at the end of the day) is allowed. */
export const endOfIntervalSchema = z
  .string()
  .refine((s) => s === '24:00' || HHMM.test(s), {
    error: (iss) => `must be a time "HH:MM" between 00:01 and 24:00 (got ${JSON.stringify(iss.input)})`,
  });

/** Minutes since midnight of a validated "HH:MM". */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `[start, end]` with start before end. */
export const intervalSchema = z.tuple([timeOfDaySchema, endOfIntervalSchema]).superRefine(([start, end], ctx) => {
  if (minutesOf(start) >= minutesOf(end)) {
    ctx.addIssue({ code: 'custom', message: `starts at ${start} but ends at ${end}; the start must come before the end`, input: [start, end] });
  }
});

/** A day's intervals: each valid, none overlapping another. */
export const dayHoursSchema = z.array(intervalSchema).superRefine((intervals, ctx) => {
  const order = intervals.map((iv, index) => ({ index, start: minutesOf(iv[0]), end: minutesOf(iv[1]), iv })).sort((a, b) => a.start - b.start);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1];
    const cur = order[k];
    if (prev && cur && cur.start < prev.end) {
      ctx.addIssue({
        code: 'custom',
        path: [cur.index],
        message: `${cur.iv[0]}–${cur.iv[1]} overlaps ${prev.iv[0]}–${prev.iv[1]}; merge them or make them follow each other`,
        input: cur.iv,
      });
    }
  }
});

export const isoDateSchema = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, {
  error: (iss) => `must be a date "YYYY-MM-DD" (got ${JSON.stringify(iss.input)})`,
});

/** Parses an ISO-8601 duration; null unless valid and longer than zero. */
export function parseDuration(value: string): Duration | null {
  const d = Duration.fromISO(value);
  return d.isValid && d.toMillis() > 0 ? d : null;
}

/** Whether a duration uses calendar units, which a business-hours clock cannot count. */
export function usesCalendarUnits(value: string): boolean {
  const d = Duration.fromISO(value);
  return d.isValid && (d.years !== 0 || d.quarters !== 0 || d.months !== 0 || d.weeks !== 0 || d.days !== 0);
}

export const durationSchema = z.string().refine((s) => parseDuration(s) !== null, {
  error: (iss) => `must be an ISO-8601 duration longer than zero, such as "PT30M", "PT4H" or "P2D" (got ${JSON.stringify(iss.input)})`,
});

/**
 * A waiting time (callbacks, self-help, consent, vendor follow-ups): read at run time as elapsed
 * time, so it must have a fixed length — a day is 24 h, but a month or a year is refused here
 * rather than failing when the first ticket needs it. Checked by the SLA clock's own reader on
 * its 24x7 calendar, as SLA targets are checked by the policy schema with their own calendar.
 */
export const waitingTimeSchema = durationSchema.superRefine((s, ctx) => {
  if (parseDuration(s) === null) return; // durationSchema said so
  try {
    parseSlaDuration(s, '24x7');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message.replace(/^Invalid SLA duration /, '').replace(/\.$/, '') : String(err) });
  }
});

export const emailSchema = z.email({
  pattern: z.regexes.html5Email,
  error: (iss) => `must be an email address such as "support@example.com" (got ${JSON.stringify(iss.input)})`,
});

export const httpUrlSchema = z.url({
  protocol: /^https?$/,
  error: (iss) => `must be an http:// or https:// URL (got ${JSON.stringify(iss.input)})`,
});

export const levelSchema = z.literal(LEVELS, {
  error: (iss) => `must be a support level 0, 1, 2, 3 or 4 (got ${JSON.stringify(iss.input)})`,
});

export const prioritySchema = z.enum(PRIORITIES, {
  error: (iss) => `must be one of ${PRIORITIES.join(', ')} (got ${JSON.stringify(iss.input)})`,
});

export const languageSchema = z.enum(['en', 'fr', 'de'], {
  error: (iss) => `must be "en", "fr" or "de" (got ${JSON.stringify(iss.input)})`,
});

/** A list without repeated values (levels, priorities). */
export function uniqueList<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .min(1, { error: 'must list at least one value' })
    .superRefine((list, ctx) => {
      const seen = new Set<unknown>();
      list.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `${JSON.stringify(v)} is listed twice`, input: v });
        seen.add(v);
      });
    });
}

/** A triage or KB keyword the matcher can use (one it would skip is an error, not a silent loss). */
const keywordSchema = nonEmptyString.superRefine((text, ctx) => {
  const problem = text === '' ? null : unusableKeyword(text); // empty: nonEmptyString said so
  if (problem) ctx.addIssue({ code: 'custom', input: text, message: problem });
});

/** Per-language keyword lists: `{ "en": [..], "de": [..], "fr": [..] }`. */
export const keywordsSchema = z.strictObject({
  en: z.array(keywordSchema).optional(),
  fr: z.array(keywordSchema).optional(),
  de: z.array(keywordSchema).optional(),
});
