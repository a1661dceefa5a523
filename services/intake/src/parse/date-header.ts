/** The Date header as an instant plus the sender's own UTC offset (a hint at their time zone). */
export interface ParsedDate {
  iso: string | null;
  offsetMinutes: number | null;
  problem: string | null;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
// RFC 5322 §4.3 obsolete zone names; military single letters are too often wrong to mean anything.
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };
const RFC5322 = /^(?:[a-z]{2,9}\s*,?\s*)?(\d{1,2})\s*[\s-]\s*([a-z]{3})[a-z]*\.?\s*[\s-]\s*(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[a-z]{1,5})?/i;

/**
 * Parses an RFC 5322 date (and the obsolete forms mailers still send). `-0000` means "offset
 * unknown" (RFC 5322 §3.3), so the offset comes back null there.
 */
export function parseDateHeader(value: string | undefined): ParsedDate {
  const v = (value ?? '').replace(/\([^)]*\)/g, ' ').trim();
  if (!v) return { iso: null, offsetMinutes: null, problem: null };
  const m = RFC5322.exec(v);
  if (!m) {
    const t = Date.parse(v);
    if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return { iso: null, offsetMinutes: null, problem: 'unparseable Date header' };
    return { iso: new Date(t).toISOString(), offsetMinutes: null, problem: null };
  }
  const [, d, mon, y, hh, mm, ss, zone] = m;
  const month = MONTHS[(mon ?? '').toLowerCase()];
  let year = Number(y);
  if ((y ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((y ?? '').length === 3) year += 1900;
  const parts = [Number(d), Number(hh), Number(mm), Number(ss ?? 0)] as const;
  if (month === undefined || parts[0] < 1 || parts[0] > 31 || parts[1] > 23 || parts[2] > 59 || parts[3] > 60 || year < 1970 || year > 9999) {
    return { iso: null, offsetMinutes: null, problem: 'unparseable Date header' };
  }
  let offset: number | null = null;
  let problem: string | null = null;
  const z = (zone ?? '').toLowerCase();
  if (/^[+-]\d{2}:?\d{2}$/.test(z)) {
    const digits = z.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    if (Number(digits.slice(3, 5)) > 59 || minutes > 14 * 60) problem = 'Date header has an impossible UTC offset';
    else if (digits !== '-0000') offset = digits[0] === '-' ? -minutes : minutes;
  } else if (z in ZONES) offset = ZONES[z] ?? null;
  const utc = Date.UTC(year, month, parts[0], parts[1], parts[2], parts[3]) - (offset ?? 0) * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return { iso: null, offsetMinutes: null, problem: 'unparseable Date header' };
  return { iso: date.toISOString(), offsetMinutes: offset, problem };
}
