import { isUsableZone } from './customer-zone.js';
import { ownWords } from './requested-time.js';
import { NOT_PLACES, PLACE_ZONES, US_ZONE_WORDS, ZONE_ABBREVIATIONS } from './zone-names.js';

/** A time zone the customer stated in a reply, and the words that stated it. */
export interface ToldZone {
  zone: string;
  text: string;
}

const REGIONS = new Set(['Europe', 'America', 'Asia', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian']);
let places: Map<string, string> | null = null;

/** Lower-case place name → IANA zone: the tz database's cities, then PLACE_ZONES. */
function placeTable(): Map<string, string> {
  if (places) return places;
  const table = new Map<string, string>();
  const ids = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  for (const id of ids) {
    const parts = id.split('/');
    const city = parts[parts.length - 1] as string;
    if (parts.length < 2 || !REGIONS.has(parts[0] as string) || NOT_PLACES.has(city)) continue;
    table.set(city.replace(/_/g, ' ').toLowerCase(), id);
  }
  for (const [name, zone] of Object.entries(PLACE_ZONES)) table.set(name.toLowerCase(), zone);
  places = table;
  return table;
}

/** A record's own entry only: "valueOf" or "constructor" in a reply is no zone. */
function own(record: Readonly<Record<string, string>>, key: string): string | null {
  return Object.hasOwn(record, key) ? (record[key] as string) : null;
}

const OFFSET = /^(?:UTC|GMT)\s?([+\-−])\s?(\d{1,2})(?::?(\d{2}))?$/;

/** "UTC+2", "GMT-5:30" → luxon's fixed zone "UTC+2", "UTC-5:30"; null beyond ±14 h. */
function offsetZone(token: string): string | null {
  const m = OFFSET.exec(token.trim());
  if (!m) return null;
  const minutes = m[3] && m[3] !== '00' ? `:${m[3]}` : '';
  const zone = `UTC${m[1] === '+' ? '+' : '-'}${Number(m[2])}${minutes}`;
  return isUsableZone(zone) ? zone : null;
}

/** The zone a run of words names from its start (longest match first), with the words used. */
function zoneAt(rest: string): ToldZone | null {
  const s = rest.replace(/^\s*(?:the|la|le|l['’]|les|der|die|das|dem|den)\s+/i, '');
  const iana = /^[A-Z][A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?/.exec(s);
  if (iana && isUsableZone(iana[0]) && iana[0].includes('/')) return { zone: iana[0], text: iana[0] };
  const off = /^(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?\b/.exec(s);
  const offZone = off && offsetZone(off[0]);
  if (off && offZone) return { zone: offZone, text: off[0] };
  const us = /^(eastern|central|mountain|pacific)(?:\s+(?:standard|daylight))?\s+time\b/i.exec(s);
  if (us) return { zone: own(US_ZONE_WORDS, (us[1] as string).toLowerCase()) as string, text: us[0] };
  const words = s.match(/^[\p{L}'’.-]+(?:\s+[\p{L}'’.-]+){0,2}/u)?.[0].split(/\s+/) ?? [];
  const first = (words[0] ?? '').replace(/[.'’]+$/, '');
  const abbr = own(ZONE_ABBREVIATIONS, first);
  if (abbr) return { zone: abbr, text: first };
  for (let n = words.length; n >= 1; n--) {
    const name = words.slice(0, n).join(' ').replace(/[.,'’]+$/, '');
    const zone = placeTable().get(name.toLowerCase());
    if (zone && !NOT_PLACES.has(name)) return { zone, text: name };
  }
  return null;
}

/** Phrases after which a customer names where they are or which clock they mean. */
const LEADS = new RegExp(
  [
    // en
    "i['’]?m (?:currently |now |based |located )?in", 'i am (?:currently |now |based |located )?in', 'i live in', 'we are (?:based |located )?in', "we['’]re (?:based |located )?in",
    '(?:based|located) in', 'my time ?zone(?: is)?:?', 'our time ?zone(?: is)?:?', 'time ?zone:', "i['’]?m on", 'i am on',
    // fr
    'je suis (?:actuellement )?(?:à|en|au|aux)', "j['’]habite (?:à|en|au|aux)", 'je vis (?:à|en|au|aux)', 'nous sommes (?:à|en|au|aux)', 'je me trouve (?:à|en|au|aux)',
    'basée? (?:à|en|au)', 'fuseau(?: horaire)?(?: est)? ?:?', "heure (?:de|d['’])",
    // de
    'ich bin (?:gerade |derzeit )?in', 'ich wohne in', 'ich lebe in', 'wir sind in', 'wir sitzen in', 'ich sitze in', 'ich befinde mich in', 'zeitzone(?: ist)? ?:?',
  ]
    .map((l) => `(?:^|[^\\p{L}])${l}\\s*`)
    .join('|'),
  'giu',
);

/** A time of day with a zone written after it: "10:00 EST", "3pm PST", "14h CET", "10 Uhr MEZ", "9:00 UTC+2". */
const TIME_THEN_ZONE = /\b\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?|h|uhr)?\s+((?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|[A-Z]{2,5})\b/gi;

/**
 * The time zone a customer states in a reply, if they state exactly one: "I'm in New York",
 * "my time zone is Europe/Paris", "je suis à Montréal", "ich bin in Wien", "10:00 EST",
 * "UTC+3", "Pacific time", "Paris time", "heure de Paris". Only where they say where they are or
 * which clock they mean, so a city mentioned in passing does not count. Pure; null when none, or
 * when two different zones are named.
 */
export function zoneToldInReply(text: string): ToldZone | null {
  const words = ownWords(text);
  if (!words) return null;
  const found: ToldZone[] = [];
  for (const m of words.matchAll(LEADS)) {
    const hit = zoneAt(words.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60));
    if (hit) found.push(hit);
  }
  for (const m of words.matchAll(TIME_THEN_ZONE)) {
    const token = m[1] as string;
    const zone = offsetZone(token) ?? own(ZONE_ABBREVIATIONS, token);
    if (zone) found.push({ zone, text: token });
  }
  // "<place> time": "New York time", "CET time"
  for (const m of words.matchAll(/((?:[\p{Lu}][\p{L}'’.-]*\s+){1,3})time\b/gu)) {
    const before = (m[1] as string).trim().split(/\s+/);
    for (let k = 0; k < before.length; k++) {
      const hit = zoneAt(before.slice(k).join(' '));
      if (hit && hit.text.split(/\s+/).length === before.length - k) {
        found.push(hit);
        break;
      }
    }
  }
  const zones = new Set(found.map((f) => f.zone));
  return zones.size === 1 ? (found[0] as ToldZone) : null;
}
