/**
 * Text normalisation shared by every triage matcher: lower case, German umlauts folded to their
 * two-letter spelling (so "Lösung" and "Loesung" meet), every other accent stripped.
 */
const FOLDS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', œ: 'oe', æ: 'ae' };
const FOLD_RE = /[äöüßœæ]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const TOKEN_RE = /[a-z0-9]+/g;

/** Lower-cases, folds umlauts to ae/oe/ue/ss and strips accents (é → e, ç → c). */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase().replace(FOLD_RE, (ch) => FOLDS[ch] ?? ch);
  // NFD is only needed when something non-ASCII is left; skipping it keeps ASCII mail cheap.
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(COMBINING_MARKS, '') : lower;
}

/** Splits normalised text into alphanumeric tokens (apostrophes and hyphens separate words). */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN_RE) ?? [];
}

/** normalizeText + tokenize. */
export function normalizeTokens(text: string): string[] {
  return tokenize(normalizeText(text));
}
