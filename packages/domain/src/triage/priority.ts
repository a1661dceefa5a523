import type { Priority } from '../priority.js';
import { normalizeText } from './normalize.js';
import type { ClassifyInput } from './types.js';

/** Words that ask for speed. */
const URGENT_WORDS =
  /\b(urgent|urgente|urgently|urgence|asap|dringend|dringende[nrs]?|eilt|eilig|sofort|immediately|emergency|notfall|bloquant|bloquante|blocking|blocker|critical|critique|kritisch|tres vite|au plus vite|schnellstmoeglich|as soon as possible)\b/;
/** A whole business standing still: urgent even without headers when said together with urgency. */
const OUTAGE_WORDS =
  /\b(production (is )?down|nobody can work|no one can work|nothing works|personne ne peut travailler|plus personne ne peut|rien ne fonctionne|tout est bloque|niemand kann arbeiten|nichts geht mehr|geht gar nichts|stillstand|komplettausfall|total ausgefallen)\b/;
/** Explicitly not urgent. */
const NOT_URGENT =
  /\b(not urgent|no rush|no hurry|pas urgent|rien d urgent|pas presse|nicht dringend|keine eile|eilt nicht|hat zeit)\b/;

function headerValue(headers: ClassifyInput['headers'], name: string): string {
  if (!headers) return '';
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return (Array.isArray(value) ? value.join(' ') : value).trim().toLowerCase();
  }
  return '';
}

/** Priority stated by headers alone: X-Priority 1–2 / Importance high → high, Priority urgent → urgent. */
function headerPriority(headers: ClassifyInput['headers']): { priority: Priority | null; highest: boolean } {
  const xPriority = headerValue(headers, 'x-priority');
  const importance = headerValue(headers, 'importance');
  const priority = headerValue(headers, 'priority');
  const xLevel = /^\s*(\d)/.exec(xPriority)?.[1];
  if (priority === 'urgent' || priority === 'emergency') return { priority: 'urgent', highest: true };
  if (xLevel === '1' || xLevel === '2' || importance === 'high' || /highest|high/.test(xPriority)) {
    return { priority: 'high', highest: xLevel === '1' || /highest/.test(xPriority) };
  }
  if (xLevel === '4' || xLevel === '5' || importance === 'low' || priority === 'non-urgent') {
    return { priority: 'low', highest: false };
  }
  return { priority: null, highest: false };
}

/**
 * Priority from mail headers and wording. Headers: X-Priority 1–2 and Importance: high → high;
 * X-Priority 1 with urgent wording, or Priority: urgent → urgent; X-Priority 4–5, Importance: low,
 * Priority: non-urgent → low. Wording alone (urgent, dringend, bloquant…) → high; urgent wording
 * about an outage (nobody can work, Stillstand…) → urgent; "not urgent" → low.
 */
export function detectPriority(text: string, headers?: ClassifyInput['headers']): Priority {
  const normalized = normalizeText(text.length > 8192 ? text.slice(0, 8192) : text).replace(/[^a-z0-9]+/g, ' ');
  const notUrgent = NOT_URGENT.test(normalized);
  const urgentWords = !notUrgent && URGENT_WORDS.test(normalized);
  const outage = OUTAGE_WORDS.test(normalized);
  const fromHeaders = headerPriority(headers);
  if (fromHeaders.priority === 'urgent') return 'urgent';
  if (fromHeaders.priority === 'high') return fromHeaders.highest && (urgentWords || outage) ? 'urgent' : 'high';
  if (urgentWords) return outage ? 'urgent' : 'high';
  if (outage) return 'high';
  if (notUrgent || fromHeaders.priority === 'low') return 'low';
  return 'normal';
}

/** Which signal decided the priority, for the explanation. */
export function describePriority(text: string, headers: ClassifyInput['headers'], priority: Priority): string {
  const parts: string[] = [];
  for (const name of ['X-Priority', 'Importance', 'Priority']) {
    const value = headerValue(headers, name);
    if (value) parts.push(`${name}: ${value}`);
  }
  const normalized = normalizeText(text.slice(0, 8192)).replace(/[^a-z0-9]+/g, ' ');
  const word = URGENT_WORDS.exec(normalized)?.[0] ?? OUTAGE_WORDS.exec(normalized)?.[0] ?? NOT_URGENT.exec(normalized)?.[0];
  if (word) parts.push(`words "${word}"`);
  return `priority ${priority}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
