import { agentsForLevel, callbackDurationMs, findCallbackSlot, type CallbackAgentLoad, type CallbackSlot, type TierdeskConfig } from '@tierdesk/domain';
import { holdString, type Booking, type CallbackBookings } from './callback-bookings.js';
import { CallbackBusyError } from './ticket-lock.js';

export type SlotConfig = Pick<TierdeskConfig, 'timezone' | 'businessHours' | 'holidays' | 'callbacks' | 'agents'>;

export interface SlotRequest {
  ticketId: string;
  now: Date;
  /** Not before this instant (retryAfter, a time the customer asked for). */
  notBefore?: Date | null;
  customerZone: string;
  /** The ticket's hold as read under the ticket lock (null: none). */
  expectedHold: string | null;
  /** The ticket's previous slot stays in the agent's calendar (a call attempt that took place). */
  keepPrevious: boolean;
}

export interface BookedSlot extends CallbackSlot {
  /** No slot met the customer's hours within the search, so business hours alone decided. */
  outsideCustomerHours: boolean;
  hold: string;
}

const DAY = 86_400_000;
/** Look two days ahead first (cheap: few bookings to read), then two weeks, then four months. */
const HORIZONS = [2, 14, 120];
const MAX_TRIES = 200;

/**
 * Finds the earliest fair slot (pure domain) and books it atomically; when another process took
 * it first, the calendars are read again and the next candidate tried. Ties between
 * equally loaded agents are broken per ticket, so concurrent bookers spread out instead of all
 * reaching for the same agent. Null when no level-2 agent has a slot at all.
 */
export async function bookCallbackSlot(bookings: CallbackBookings, config: SlotConfig, req: SlotRequest): Promise<BookedSlot | null> {
  const agents = agentsForLevel(config, 2);
  if (agents.length === 0) return null;
  const emails = agents.map((a) => a.email.toLowerCase());
  const slotMs = callbackDurationMs(config.callbacks.slot, 'slot');
  const earliest = Math.max(req.now.getTime() + callbackDurationMs(config.callbacks.leadTime, 'leadTime'), req.notBefore?.getTime() ?? 0);
  for (const relaxed of [false, true]) {
    for (const days of HORIZONS) {
      const from = earliest;
      const to = earliest + days * DAY + slotMs;
      // The slot being replaced does not block its own ticket.
      const own = (list: Booking[]) => (req.keepPrevious ? list : list.filter((b) => b.ticketId !== req.ticketId));
      const read = async () => {
        const busy = await bookings.busy(emails, from, to);
        for (const [a, list] of busy) busy.set(a, own(list));
        return busy;
      };
      let busy = await read();
      for (let tries = 1; ; tries++) {
        const loads: CallbackAgentLoad[] = agents.map((a) => ({ email: a.email.toLowerCase(), name: a.name, busy: busy.get(a.email.toLowerCase()) ?? [] }));
        const slot = findCallbackSlot({
          now: req.now,
          notBefore: req.notBefore ?? null,
          calendar: config,
          callbacks: config.callbacks,
          customerZone: req.customerZone,
          agents: loads,
          searchDays: days,
          ignoreCustomerHours: relaxed,
          tieBreakSeed: req.ticketId,
        });
        if (!slot) break;
        const booking = { ticketId: req.ticketId, agent: slot.agent, start: slot.start.getTime(), end: slot.end.getTime() };
        const res = await bookings.book({ ...booking, expectedHold: req.expectedHold, keepPrevious: req.keepPrevious, now: req.now.getTime() });
        if (res.status === 'booked') return { ...slot, outsideCustomerHours: relaxed, hold: holdString(booking) };
        // Someone changed this ticket's slot outside the ticket lock: let the job retry from scratch.
        if (res.status === 'stale' || tries >= MAX_TRIES) throw new CallbackBusyError(req.ticketId);
        // Another booker was quicker, so what we know is out of date for every agent, not just this
        // one (a Monday-morning backlog races for the same hours): read the calendars again, one
        // round trip, and the next search skips everything taken meanwhile.
        busy = await read();
      }
    }
  }
  return null;
}
