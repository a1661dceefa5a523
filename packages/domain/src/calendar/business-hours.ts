import { IANAZone } from 'luxon';
import type { BusinessCalendarConfig } from '../config-types.js';
import { WEEKDAYS } from '../config-types.js';
import { InvalidInputError } from '../errors.js';

/** One problem in a business calendar's configuration, named by its JSON path. */
export interface CalendarConfigProblem {
  path: string;
  message: string;
}

/** Business hours compiled to minutes after local midnight, per weekday (0 = Monday). */
export interface CompiledBusinessHours {
  /** Sorted, non-overlapping [startMinute, endMinute) pairs; endMinute may be 1440 ("24:00"). */
  week: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Holidays as local day numbers (days since 1970-01-01 on the wall clock). */
  holidays: ReadonlySet<number>;
}

const MINUTES_PER_DAY = 24 * 60;
const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "HH:MM" to minutes after midnight; "24:00" only where `allowEndOfDay`. */
export function parseClockTime(value: string, allowEndOfDay: boolean): number | null {
  const m = CLOCK.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > MINUTES_PER_DAY || (minutes === MINUTES_PER_DAY && !allowEndOfDay)) return null;
  return minutes;
}

/** An ISO date (YYYY-MM-DD) to its day number, or null when it is not a real date. */
export function parseIsoDay(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/**
 * Every problem in a business calendar config, each naming its path, so the config check can
 * report them all at once (STYLE §7). The calendar itself refuses a config with any.
 */
export function businessCalendarProblems(cfg: BusinessCalendarConfig): CalendarConfigProblem[] {
  return compile(cfg).problems;
}

/** Compiles a business calendar config; throws InvalidInputError listing every problem. */
export function compileBusinessHours(cfg: BusinessCalendarConfig): CompiledBusinessHours {
  const { compiled, problems } = compile(cfg);
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new InvalidInputError(`Invalid business calendar: ${list}.`, { problems });
  }
  return compiled;
}

function compile(cfg: BusinessCalendarConfig): { compiled: CompiledBusinessHours; problems: CalendarConfigProblem[] } {
  const problems: CalendarConfigProblem[] = [];
  if (typeof cfg.timezone !== 'string' || !IANAZone.isValidZone(cfg.timezone)) {
    problems.push({ path: 'timezone', message: `unknown time zone ${JSON.stringify(cfg.timezone)} (use an IANA name such as "Europe/Berlin")` });
  }
  const week = WEEKDAYS.map((day) => compileDay(cfg.businessHours?.[day], `businessHours.${day}`, problems));
  const holidays = new Set<number>();
  (cfg.holidays ?? []).forEach((h, i) => {
    const n = typeof h === 'string' ? parseIsoDay(h) : null;
    if (n === null) problems.push({ path: `holidays[${i}]`, message: `${JSON.stringify(h)} is not an ISO date (YYYY-MM-DD)` });
    else holidays.add(n);
  });
  return { compiled: { week, holidays }, problems };
}

function compileDay(intervals: unknown, path: string, problems: CalendarConfigProblem[]): Array<readonly [number, number]> {
  if (!Array.isArray(intervals)) {
    problems.push({ path, message: 'must be a list of ["HH:MM", "HH:MM"] intervals (empty when closed)' });
    return [];
  }
  const out: Array<readonly [number, number]> = [];
  intervals.forEach((iv: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!Array.isArray(iv) || iv.length !== 2 || typeof iv[0] !== 'string' || typeof iv[1] !== 'string') {
      problems.push({ path: at, message: 'must be a pair ["HH:MM", "HH:MM"]' });
      return;
    }
    const start = parseClockTime(iv[0], false);
    const end = parseClockTime(iv[1], true);
    if (start === null) problems.push({ path: `${at}[0]`, message: `${JSON.stringify(iv[0])} is not a time HH:MM from 00:00 to 23:59` });
    if (end === null) problems.push({ path: `${at}[1]`, message: `${JSON.stringify(iv[1])} is not a time HH:MM from 00:00 to 24:00` });
    if (start === null || end === null) return;
    if (end <= start) {
      problems.push({ path: at, message: `ends (${iv[1]}) at or before it starts (${iv[0]})` });
      return;
    }
    out.push([start, end]);
  });
  out.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1];
    const cur = out[i];
    if (prev && cur && cur[0] < prev[1]) {
      problems.push({ path, message: `intervals overlap (${formatMinutes(prev)} and ${formatMinutes(cur)})` });
    }
  }
  return out;
}

function formatMinutes([s, e]: readonly [number, number]): string {
  const f = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${f(s)}–${f(e)}`;
}
