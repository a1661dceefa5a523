import { normalizeText } from './normalize.js';

/**
 * Removes the signature of a mail: everything from an RFC 3676 delimiter line ("-- ") or from a
 * closing line ("Kind regards", "Mit freundlichen Grüßen, Max", "Cordialement") to the end. The
 * signature names the sender's company and job ("Müller Druck GmbH — Drucker und Toner", "Database
 * Administrator"), which says nothing about the request and must not steer the level.
 */

/** Closing formulas, normalised (lower case, umlauts as ae/oe/ue/ss, no accents), alone on a line. */
const CLOSINGS = [
  'regards', 'kind regards', 'best regards', 'warm regards', 'kindest regards', 'many regards', 'best', 'best wishes', 'all the best',
  'cheers', 'thanks', 'thank you', 'many thanks', 'thanks a lot', 'thanks in advance', 'thank you in advance', 'sincerely', 'yours sincerely', 'yours faithfully',
  'cordialement', 'bien cordialement', 'tres cordialement', 'salutations', 'sinceres salutations', 'meilleures salutations', 'bien a vous',
  'merci', 'merci d avance', 'merci par avance', 'merci beaucoup', 'bonne journee', 'bonne soiree', 'a bientot',
  'gruss', 'gruesse', 'viele gruesse', 'beste gruesse', 'liebe gruesse', 'freundliche gruesse', 'mit freundlichen gruessen', 'mit besten gruessen',
  'mfg', 'lg', 'vg', 'danke', 'vielen dank', 'danke und gruss', 'danke und gruesse', 'herzlichen dank',
];
const CLOSING_SET = new Set(CLOSINGS);
/** A closing line is short; a sentence that merely starts with "Thanks" is not one. */
const MAX_CLOSING_CHARS = 48;
const MAX_NAME_WORDS = 3;
const DELIMITER = /^-- ?$/;
/** Own words needed before a signature: "Hi,\nThanks" is no request followed by a signature. */
const MIN_CONTENT_CHARS = 15;
const PLACE_WORDS = new Set(['aus', 'from', 'von', 'de']);

function words(text: string): string {
  return normalizeText(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * "Kind regards", "Thanks, Jo", "Gruß aus Bremen", "Merci d'avance !": a closing formula, then at
 * most a name (capitalised words) or a place. "Merci de me rappeler" is a request, not a closing.
 */
function isClosing(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed || trimmed.length > MAX_CLOSING_CHARS) return false;
  const parts = trimmed.split(/[\s,;:!.]+/).filter(Boolean);
  for (let k = Math.min(parts.length, 5); k >= 1; k--) {
    if (!CLOSING_SET.has(words(parts.slice(0, k).join(' ')))) continue;
    const rest = parts.slice(k);
    if (PLACE_WORDS.has(rest[0]?.toLowerCase() ?? '')) rest.shift();
    return rest.length <= MAX_NAME_WORDS && rest.every((w) => /^\p{Lu}/u.test(w));
  }
  return false;
}

/** The text up to its signature; unchanged when nothing of the sender's own comes before one. */
export function stripSignature(text: string): string {
  const lines = text.split('\n');
  let content = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (content >= MIN_CONTENT_CHARS && (DELIMITER.test(line.trimEnd()) || isClosing(line))) return lines.slice(0, i).join('\n').trimEnd();
    content += line.trim().length;
  }
  return text;
}
