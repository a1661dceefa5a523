import { calendarFor } from '../calendar/calendar-for.js';
import type { BusinessCalendarConfig, CallbackConfig } from '../config-types.js';
import { MS_PER_DAY, alignUp, callbackDurationMs, slotStep } from './callback-time.js';
import { customerHourSpans, intersectSpans, zoneClock, type Span } from './customer-hours.js';

/** Time an agent is already taken, in epoch milliseconds [start, end). */
export interface BusyInterval {
  start: number;
  end: number;
}

/** A level-2 agent as the slot finder sees them: who, and when they are already booked. */
export interface CallbackAgentLoad {
  email: string;
  name: string;
  busy: readonly BusyInterval[];
}

export interface CallbackSlotSearch {
  now: Date;
  /** Not before this instant: a retry's `retryAfter`, a time the customer asked for. */
  notBefore?: Date | null;
  /** The team's business calendar (timezone, businessHours, holidays). */
  calendar: BusinessCalendarConfig;
  callbacks: Pick<CallbackConfig, 'slot' | 'leadTime' | 'customerHours'>;
  /** The customer's zone (IANA or a fixed offset such as "UTC+2"). */
  customerZone: string;
  agents: readonly CallbackAgentLoad[];
  /** How far ahead of the earliest instant to look; default 60 days. */
  searchDays?: number;
  /** Ignore customerHours (when they never meet the team's hours). */
  ignoreCustomerHours?: boolean;
  /**
   * Breaks ties between equally loaded agents by a hash of this seed (e.g. the ticket id) instead
   * of by name: just as fair, and concurrent bookers of different tickets stop all reaching for
   * the same agent first.
   */
  tieBreakSeed?: string;
}

export interface CallbackSlot {
  start: Date;
  end: Date;
  agent: string;
  /** Bookings the agent already had that (team) day: what fairness compared. */
  load: number;
}

interface PreparedAgent {
  email: string;
  name: string;
  /** Merged, sorted, disjoint. */
  spans: Span[];
  perDay: Map<number, number>;
}

function prepare(agent: CallbackAgentLoad, zone: ReturnType<typeof zoneClock>): PreparedAgent {
  const sorted = agent.busy.filter((b) => b.end > b.start).map((b) => [b.start, b.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  const spans: Array<[number, number]> = [];
  for (const b of sorted) {
    const last = spans[spans.length - 1];
    if (last && b[0] <= last[1]) last[1] = Math.max(last[1], b[1]);
    else spans.push([b[0], b[1]]);
  }
  const perDay = new Map<number, number>();
  for (const b of sorted) {
    const day = zone.dayOf(b[0]);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return { email: agent.email, name: agent.name, spans, perDay };
}

/** The busy span overlapping [s, e), if any (spans are disjoint and sorted). */
function blocking(spans: readonly Span[], s: number, e: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  // The last span starting before e is the only one that can overlap, since they are disjoint.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span)[0] < e) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const span = found >= 0 ? (spans[found] as Span) : null;
  return span && span[1] > s ? span : null;
}

/** FNV-1a: a stable, well-spread number for a seed and an agent. */
function seededRank(seed: string, email: string): number {
  let h = 0x811c9dc5;
  const text = `${seed}\u0000${email}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function fairer(a: { load: number; agent: PreparedAgent }, b: { load: number; agent: PreparedAgent }, seed: string | undefined): boolean {
  if (a.load !== b.load) return a.load < b.load;
  if (seed !== undefined) {
    const [ra, rb] = [seededRank(seed, a.agent.email), seededRank(seed, b.agent.email)];
    if (ra !== rb) return ra < rb;
  }
  const byName = a.agent.name.localeCompare(b.agent.name, 'en');
  if (byName !== 0) return byName < 0;
  return a.agent.email < b.agent.email;
}

/**
 * The earliest callback slot at least `leadTime` from now (and not before `notBefore`) that lies
 * wholly inside the team's business hours (holidays excluded) and the customer's hours in their
 * own zone, on the slot grid, with an agent free for all of it. Among the agents free then, the
 * one with the fewest bookings that day gets it (ties by name, or by `tieBreakSeed`), which spreads the load without
 * ever delaying the customer. Null when nothing fits within `searchDays`.
 */
export function findCallbackSlot(search: CallbackSlotSearch): CallbackSlot | null {
  if (search.agents.length === 0) return null;
  const slot = callbackDurationMs(search.callbacks.slot, 'slot');
  const lead = callbackDurationMs(search.callbacks.leadTime, 'leadTime');
  const step = slotStep(slot);
  const earliest = Math.max(search.now.getTime() + lead, search.notBefore?.getTime() ?? -Infinity);
  const until = earliest + (search.searchDays ?? 60) * MS_PER_DAY;
  const calendar = calendarFor('business', search.calendar);
  const teamZone = zoneClock(search.calendar.timezone);
  const agents = search.agents.map((a) => prepare(a, teamZone));

  // Day by day: almost every search ends on its first day, so windows are only built as needed.
  // Each chunk's windows reach one slot past its end, so a slot straddling midnight is still seen.
  for (let from = earliest; from < until; from += MS_PER_DAY) {
    const to = Math.min(from + MS_PER_DAY, until);
    const open: Span[] = calendar.openIntervals(new Date(from), new Date(to + slot)).map((i) => [i.start.getTime(), i.end.getTime()] as const);
    const windows = search.ignoreCustomerHours ? open : intersectSpans(open, customerHourSpans(search.customerZone, search.callbacks.customerHours, from, to + slot));
    for (const [ws, we] of windows) {
      let t = alignUp(Math.max(ws, from), step);
      while (t < to && t + slot <= we) {
        let best: { load: number; agent: PreparedAgent } | null = null;
        let nextFree = Infinity;
        const day = teamZone.dayOf(t);
        for (const agent of agents) {
          const b = blocking(agent.spans, t, t + slot);
          if (b) {
            nextFree = Math.min(nextFree, b[1]);
            continue;
          }
          const candidate = { load: agent.perDay.get(day) ?? 0, agent };
          if (!best || fairer(candidate, best, search.tieBreakSeed)) best = candidate;
        }
        if (best) return { start: new Date(t), end: new Date(t + slot), agent: best.agent.email, load: best.load };
        // Everyone is busy: jump to when the first of them is free again.
        t = Math.max(t + step, alignUp(nextFree, step));
      }
    }
  }
  return null;
}
