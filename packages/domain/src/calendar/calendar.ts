import type { CalendarKind } from '../config-types.js';

/** A half-open span of open time, [start, end). */
export interface OpenInterval {
  start: Date;
  end: Date;
}

/**
 * Where SLA time counts (CONTRACT §7). Business time is measured in real elapsed milliseconds
 * inside open intervals; the intervals themselves are wall-clock times in the calendar's zone.
 */
export interface Calendar {
  kind: CalendarKind;
  isOpen(at: Date): boolean;
  /** `at` itself if open, else the next opening instant (throws if none within ~2 years). */
  nextOpening(at: Date): Date;
  /** Open intervals intersecting [from, to), clipped to it, in order; touching ones are merged. */
  openIntervals(from: Date, to: Date): OpenInterval[];
  /** Milliseconds of open time in [a, b) (0 if b <= a). */
  businessTimeBetween(a: Date, b: Date): number;
  /**
   * The instant at which `ms` of open time has elapsed since `from`: the earliest such instant,
   * so a deadline landing exactly on a closing time stays there. `ms = 0` returns `from`.
   */
  addBusinessTime(from: Date, ms: number): Date;
  /**
   * The earliest instant `w` with `businessTimeBetween(w, to) === ms`: the mirror of
   * `addBusinessTime`, used to place a warning a given share of business time before its deadline.
   */
  subtractBusinessTime(to: Date, ms: number): Date;
}
