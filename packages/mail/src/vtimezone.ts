import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How far around the event the VTIMEZONE describes the zone's offsets. */
const MARGIN_MS = 400 * DAY_MS;

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/** The first minute at which the offset differs from the one at `lo` (lo < hi, offsets differ). */
function findChange(zone: string, lo: number, hi: number): number {
  const before = offsetAt(zone, lo);
  let a = Math.floor(lo / MINUTE_MS);
  let b = Math.ceil(hi / MINUTE_MS);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(zone, mid * MINUTE_MS) === before) a = mid;
    else b = mid;
  }
  return b * MINUTE_MS;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function observance(zone: string, at: number, from: number, to: number): string[] {
  const kind = DateTime.fromMillis(at, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
  // RFC 5545: an observance's DTSTART is the local time of the change in the offset before it.
  const local = DateTime.fromMillis(at, { zone: FixedOffsetZone.instance(from) }).toFormat("yyyyLLdd'T'HHmmss");
  const name = DateTime.fromMillis(at, { zone }).setLocale('en-US').offsetNameShort ?? '';
  return [
    `BEGIN:${kind}`,
    `DTSTART:${local}`,
    `TZOFFSETFROM:${formatOffset(from)}`,
    `TZOFFSETTO:${formatOffset(to)}`,
    ...(/^[A-Z]{2,5}$/.test(name) ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

/**
 * A VTIMEZONE for an IANA zone, built from the tz database that Node ships (via luxon), with
 * one observance per offset change from a year before `from` to a year after `to`. Calendar
 * clients need it to place a TZID-qualified time; null for an unknown zone.
 */
export function buildVtimezone(zone: string, from: Date, to: Date): string | null {
  if (!IANAZone.isValidZone(zone)) return null;
  const start = from.getTime() - MARGIN_MS;
  const end = to.getTime() + MARGIN_MS;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const first = offsetAt(zone, start);
  lines.push(...observance(zone, start, first, first));
  let t = start;
  let current = first;
  while (t < end) {
    const next = Math.min(t + DAY_MS, end);
    const off = offsetAt(zone, next);
    if (off !== current) {
      const change = findChange(zone, t, next);
      lines.push(...observance(zone, change, current, offsetAt(zone, change)));
      current = offsetAt(zone, change);
      t = change;
    } else {
      t = next;
    }
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
