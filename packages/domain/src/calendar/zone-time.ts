import { IANAZone } from 'luxon';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/**
 * Wall-clock arithmetic in one IANA zone, in epoch milliseconds. "Naive" milliseconds are a
 * wall-clock reading written as if it were UTC (local midnight of day n = n * MS_PER_DAY).
 *
 * Luxon's own local-to-instant conversion guesses the offset from the current clock, so an
 * ambiguous wall time (the repeated hour in autumn) would resolve differently in summer and
 * winter; this resolves it deterministically instead: the earlier instant, and a wall time in
 * the spring gap moves forward by the gap (as Temporal's "compatible" disambiguation does).
 */
export class ZoneTime {
  private readonly zone: IANAZone;
  /** Offsets at naive midnights, by day: neighbouring days share them (each costs an Intl call). */
  private readonly midnightOffsets = new Map<number, number>();

  constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
  }

  /** The zone's UTC offset at `ts`, in milliseconds. */
  offsetMs(ts: number): number {
    return Math.round(this.zone.offset(ts) * MS_PER_MINUTE);
  }

  /** The local day number of the instant `ts`. */
  dayOf(ts: number): number {
    return Math.floor((ts + this.offsetMs(ts)) / MS_PER_DAY);
  }

  /** The instant of a wall-clock reading (naive milliseconds). */
  toInstant(naive: number): number {
    const before = this.offsetMs(naive - MS_PER_DAY);
    const after = this.offsetMs(naive + MS_PER_DAY);
    let best: number | null = null;
    for (const o of before === after ? [before] : [before, after]) {
      const ts = naive - o;
      if (this.offsetMs(ts) === o && (best === null || ts < best)) best = ts;
    }
    // No offset fits: the reading is in a gap, which it leaves forward by the gap's length.
    return best ?? naive - before;
  }

  /**
   * Instants of several wall-clock minutes of local day `day`. Offsets change at most a few
   * times a year, so when the offset is the same a day before and two days after, every
   * minute of the day shares it and one subtraction each is enough.
   */
  instantsOfDay(day: number, minutes: readonly number[]): number[] {
    const midnight = day * MS_PER_DAY;
    const before = this.midnightOffset(day - 1);
    const after = this.midnightOffset(day + 2);
    if (before === after) return minutes.map((m) => midnight + m * MS_PER_MINUTE - before);
    return minutes.map((m) => this.toInstant(midnight + m * MS_PER_MINUTE));
  }

  private midnightOffset(day: number): number {
    let o = this.midnightOffsets.get(day);
    if (o === undefined) {
      if (this.midnightOffsets.size >= 20_000) this.midnightOffsets.clear();
      o = this.offsetMs(day * MS_PER_DAY);
      this.midnightOffsets.set(day, o);
    }
    return o;
  }
}
