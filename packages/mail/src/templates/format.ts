import { DateTime } from 'luxon';
import { LEVEL_DEFINITIONS, isLevel, type Level, type Priority } from '@tierdesk/domain';
import { bodyText } from './blocks.js';
import type { TemplateContext } from './template-context.js';

export type Lang = 'en' | 'fr' | 'de';

/** 'fr', 'fr-CH', 'FR' → 'fr'; anything we have no templates for → 'en'. */
export function normalizeLanguage(language: string): Lang {
  const primary = String(language ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'de' ? primary : 'en';
}

const LOCALE: Record<Lang, string> = { en: 'en-GB', fr: 'fr', de: 'de' };
const DATE_TIME: Record<Lang, string> = {
  en: 'cccc, d LLLL yyyy, HH:mm',
  fr: "cccc d LLLL yyyy 'à' HH:mm",
  de: "cccc, d. LLLL yyyy, HH:mm 'Uhr'",
};
const DAY: Record<Lang, string> = { en: 'cccc, d LLLL yyyy', fr: 'cccc d LLLL yyyy', de: 'cccc, d. LLLL yyyy' };
const PRIORITY: Record<Lang, Record<Priority, string>> = {
  en: { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' },
  fr: { low: 'basse', normal: 'normale', high: 'haute', urgent: 'urgente' },
  de: { low: 'niedrig', normal: 'normal', high: 'hoch', urgent: 'dringend' },
};
const TARGET: Record<Lang, Record<'firstResponse' | 'resolution', string>> = {
  en: { firstResponse: 'first response', resolution: 'resolution' },
  fr: { firstResponse: 'première réponse', resolution: 'résolution' },
  de: { firstResponse: 'Erstreaktion', resolution: 'Lösung' },
};
const LEVEL_WORD: Record<Lang, string> = { en: 'level', fr: 'niveau', de: 'Level' };
const NO_SUBJECT: Record<Lang, string> = { en: '(no subject)', fr: '(sans objet)', de: '(ohne Betreff)' };

// "Re:", "AW:", "Fwd:", "TR:", "WG:" … and our own tags, which the builder adds back once.
const SUBJECT_NOISE = /^\s*(?:(?:re|aw|sv|fw|fwd|wg|tr|réf|ref)\s*(?:\[\d+\])?\s*:\s*|\[TD-\d+\]\s*)+/i;

/** Language-bound helpers the kind templates use, so each template reads as prose. */
export interface Formatter {
  lang: Lang;
  /** The ticket subject without reply prefixes or tags. */
  subject: string;
  ticketId: string;
  /** `${publicUrl}/tickets/TD-n` */
  ticketUrl: string;
  /** `/api/tickets/TD-n` */
  apiPath: string;
  /** The recipient's zone for dates without one of their own. */
  zone: string;
  date(iso: string, zone?: string): string;
  time(iso: string, zone?: string): string;
  slot(start: string, end: string, zone: string): string;
  /** "level 3 (Product experts)" */
  level(level: number): string;
  levelName(level: number): string;
  levelDescription(level: number): string;
  priority(p: Priority): string;
  target(t: 'firstResponse' | 'resolution'): string;
  /** Text a person wrote, safe to show. */
  text(s: string | undefined | null): string;
  /** "Name <email>" */
  customer(): string;
  /** The name, else the email. */
  customerName(): string;
  sep: string;
}

function inZone(iso: string, zone: string): DateTime | null {
  const at = DateTime.fromISO(iso).setZone(zone);
  if (at.isValid) return at;
  const utc = DateTime.fromISO(iso, { zone: 'utc' });
  return utc.isValid ? utc : null; // an unknown zone falls back to UTC, and says so in the label
}

export function createFormatter(ctx: TemplateContext, lang: Lang): Formatter {
  const zone = ctx.timezone || ctx.ticket.customer.timezone || 'UTC';
  const base = String(ctx.publicUrl ?? '').replace(/\/+$/, '');
  const subject = bodyText(String(ctx.ticket.subject ?? '').replace(SUBJECT_NOISE, '')).replace(/\s+/g, ' ') || NO_SUBJECT[lang];
  const def = (level: number) => (isLevel(level) ? LEVEL_DEFINITIONS[level as Level] : undefined);
  const f: Formatter = {
    lang,
    subject,
    ticketId: ctx.ticket.id,
    ticketUrl: `${base}/tickets/${ctx.ticket.id}`,
    apiPath: `/api/tickets/${ctx.ticket.id}`,
    zone,
    sep: lang === 'fr' ? ' : ' : ': ',
    date(iso, z = zone) {
      const at = inZone(iso, z);
      if (!at) return bodyText(iso);
      return `${at.setLocale(LOCALE[lang]).toFormat(DATE_TIME[lang])} (${at.zoneName ?? 'UTC'})`;
    },
    time(iso, z = zone) {
      const at = inZone(iso, z);
      return at ? at.toFormat('HH:mm') : bodyText(iso);
    },
    slot(start, end, z) {
      const a = inZone(start, z);
      const b = inZone(end, z);
      if (!a || !b) return `${f.date(start, z)} – ${f.date(end, z)}`;
      if (!a.hasSame(b, 'day')) return `${f.date(start, z)} – ${f.date(end, z)}`;
      const day = a.setLocale(LOCALE[lang]).toFormat(DAY[lang]);
      const label = `(${a.zoneName ?? 'UTC'})`;
      if (lang === 'fr') return `${day} de ${a.toFormat('HH:mm')} à ${b.toFormat('HH:mm')} ${label}`;
      if (lang === 'de') return `${day}, ${a.toFormat('HH:mm')}–${b.toFormat('HH:mm')} Uhr ${label}`;
      return `${day}, ${a.toFormat('HH:mm')}–${b.toFormat('HH:mm')} ${label}`;
    },
    level(level) {
      const d = def(level);
      return d ? `${LEVEL_WORD[lang]} ${level} (${d.name[lang]})` : `${LEVEL_WORD[lang]} ${level}`;
    },
    levelName: (level) => def(level)?.name[lang] ?? `${LEVEL_WORD[lang]} ${level}`,
    levelDescription: (level) => def(level)?.description[lang] ?? '',
    priority: (p) => PRIORITY[lang][p] ?? String(p),
    target: (t) => TARGET[lang][t] ?? String(t),
    text: (s) => bodyText(s ?? ''),
    customer() {
      const name = f.customerName();
      return name !== ctx.ticket.customer.email ? `${name} <${ctx.ticket.customer.email}>` : name;
    },
    customerName() {
      return bodyText(ctx.ticket.customer.name ?? '').replace(/\s+/g, ' ') || ctx.ticket.customer.email;
    },
  };
  return f;
}
