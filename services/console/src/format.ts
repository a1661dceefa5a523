import type { PageContext } from './page-context.js';

const LOCALES = { en: 'en-GB', fr: 'fr-FR', de: 'de-DE' } as const;

/** The agent's zone when the config knows the agent, else the team's. */
export function zoneOf(ctx: PageContext): string {
  const agent = ctx.config.agents.find((a) => a.email === ctx.session?.agent);
  return agent?.timezone || ctx.config.timezone;
}

/** A date-time in the reader's language and zone, e.g. "25 Nov 2026, 14:30 CET". */
export function formatTime(ctx: PageContext, iso: string | null | undefined, zone = zoneOf(ctx)): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(LOCALES[ctx.lang], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone, timeZoneName: 'short' }).format(d);
  } catch {
    // An unusual zone name (e.g. "UTC+2" guessed from a Date header) that Intl does not know.
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
}

/** Turns a fixed-offset zone like "UTC+2" into one Intl understands ("Etc/GMT-2"). */
export function intlZone(zone: string): string {
  const m = /^UTC([+-])(\d{1,2})$/.exec(zone);
  if (!m) return zone;
  return `Etc/GMT${m[1] === '+' ? '-' : '+'}${Number(m[2])}`;
}

/** Event data as short "key: value" text; unknown shapes still read sensibly. */
export function describeData(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
