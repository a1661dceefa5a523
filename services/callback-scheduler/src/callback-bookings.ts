import type { Redis } from 'ioredis';
import { BOOK_LUA, RELEASE_LUA } from './booking-scripts.js';

/** A slot held in an agent's calendar. */
export interface Booking {
  ticketId: string;
  agent: string;
  start: number;
  end: number;
}

export type BookResult = { status: 'booked' } | { status: 'taken'; clash: Booking | null } | { status: 'stale'; hold: string };

export interface BookRequest {
  ticketId: string;
  agent: string;
  start: number;
  end: number;
  /** The ticket's hold as read before (holdString or null); anything else there means someone else moved it. */
  expectedHold: string | null;
  /** Keep the ticket's previous slot in the agent's calendar (a call attempt that took place). */
  keepPrevious: boolean;
  now: number;
}

interface BookingRedis {
  tierdeskCallbackBook(...args: string[]): Promise<[string, string]>;
  tierdeskCallbackRelease(...args: string[]): Promise<string>;
}

const DAY = 86_400_000;
/** Past bookings count for "least booked that day"; older ones are pruned as new ones arrive. */
export const DEFAULT_HISTORY_MS = 3 * DAY;

/** "<start>|<end>|<ticket>"; hot (every calendar read), so no regex. */
function parseMember(member: string, agent: string): Booking | null {
  const a = member.indexOf('|');
  const b = a < 0 ? -1 : member.indexOf('|', a + 1);
  if (b < 0) return null;
  const start = Number(member.slice(0, a));
  const end = Number(member.slice(a + 1, b));
  return Number.isFinite(start) && Number.isFinite(end) ? { start, end, ticketId: member.slice(b + 1), agent } : null;
}

/** The hold value of a booking, as the scripts store it. */
export function holdString(b: Pick<Booking, 'start' | 'end' | 'agent'>): string {
  return `${b.start}|${b.end}|${b.agent.toLowerCase()}`;
}

export function parseHold(ticketId: string, hold: string | null): Booking | null {
  const m = hold ? /^(\d+)\|(\d+)\|(.+)$/.exec(hold) : null;
  return m ? { ticketId, start: Number(m[1]), end: Number(m[2]), agent: m[3] as string } : null;
}

/**
 * Level-2 agents' calendars in Redis: atomic booking that never double-books an agent, whatever
 * the number of scheduler processes, and the slot each ticket currently holds.
 */
export class CallbackBookings {
  constructor(
    private readonly redis: Redis,
    readonly prefix: string,
    /** How long past bookings stay in the calendars. */
    private readonly historyMs = DEFAULT_HISTORY_MS,
  ) {
    const r = redis as unknown as Partial<BookingRedis>;
    if (!r.tierdeskCallbackBook) redis.defineCommand('tierdeskCallbackBook', { numberOfKeys: 0, lua: BOOK_LUA });
    if (!r.tierdeskCallbackRelease) redis.defineCommand('tierdeskCallbackRelease', { numberOfKeys: 0, lua: RELEASE_LUA });
  }

  agentKey(agent: string): string {
    return `${this.prefix}:callback:agent:${agent.toLowerCase()}`;
  }

  holdKey(ticketId: string): string {
    return `${this.prefix}:callback:hold:${ticketId}`;
  }

  /** Books [start, end) for the agent unless it clashes, and makes it the ticket's slot. */
  async book(req: BookRequest): Promise<BookResult> {
    const agent = req.agent.toLowerCase();
    const [status, detail] = await (this.redis as unknown as BookingRedis).tierdeskCallbackBook(
      this.prefix,
      req.ticketId,
      agent,
      String(req.start),
      String(req.end),
      req.expectedHold ?? '',
      req.keepPrevious ? '1' : '0',
      String(req.now - this.historyMs),
    );
    if (status === 'booked') return { status };
    if (status === 'stale') return { status, hold: detail };
    return { status: 'taken', clash: parseMember(detail, agent) };
  }

  /**
   * Lets go of the ticket's slot (only if it is still `expectedHold`, when given). With
   * `keepBooking` the slot stays in the agent's calendar and only the ticket's claim ends.
   */
  async release(ticketId: string, opts: { expectedHold?: string | null; keepBooking?: boolean } = {}): Promise<Booking | null> {
    const released = await (this.redis as unknown as BookingRedis).tierdeskCallbackRelease(this.prefix, ticketId, opts.expectedHold ?? '', opts.keepBooking ? '1' : '0');
    return parseHold(ticketId, released || null);
  }

  async hold(ticketId: string): Promise<string | null> {
    return this.redis.get(this.holdKey(ticketId));
  }

  /** Each agent's bookings from a day before `from` (fairness counts the whole day) up to `to`, by agent email (lower case). */
  async busy(agents: readonly string[], from: number, to: number): Promise<Map<string, Booking[]>> {
    const pipeline = this.redis.pipeline();
    // Slots are far shorter than a day; starting the scan a day early catches any running over `from`.
    for (const a of agents) pipeline.zrangebyscore(this.agentKey(a), from - DAY, `(${to}`);
    const res = (await pipeline.exec()) ?? [];
    const out = new Map<string, Booking[]>();
    agents.forEach((a, i) => {
      const [err, members] = res[i] ?? [null, []];
      if (err) throw err;
      const agent = a.toLowerCase();
      out.set(agent, (members as string[]).map((m) => parseMember(m, agent)).filter((b): b is Booking => b !== null));
    });
    return out;
  }
}
