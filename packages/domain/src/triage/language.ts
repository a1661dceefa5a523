import { detectAll } from 'tinyld';
import { normalizeText, tokenize } from './normalize.js';
import { STOP_WORD_VOTES } from './stop-words.js';

/** Languages the default rules and replies are written in. */
export const TRIAGE_LANGUAGES = ['fr', 'de', 'en'] as const;
export type TriageLanguage = (typeof TRIAGE_LANGUAGES)[number];

export function isTriageLanguage(lang: string): lang is TriageLanguage {
  return lang === 'fr' || lang === 'de' || lang === 'en';
}

/** Enough text to identify a language; the rest of a long mail only costs time. */
const SAMPLE_CHARS = 1200;
/** The n-gram model only runs when stop words did not decide, i.e. on short or odd text. */
const MODEL_SAMPLE_CHARS = 500;
/** tinyld's score below which its answer on short text is noise (it says "lv" for "Export DATEV"). */
const MODEL_MIN_ACCURACY = 0.5;

export interface LanguageGuess {
  language: string;
  method: 'stop-words' | 'model' | 'characters' | 'none';
}

function stopWordVotes(tokens: readonly string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const token of tokens) {
    const langs = STOP_WORD_VOTES.get(token);
    if (!langs) continue;
    for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function characterHint(raw: string): string | null {
  if (/[äöüß]/i.test(raw)) return 'de';
  if (/[éèêçàù]/i.test(raw)) return 'fr';
  if (/[ñ¿¡]/.test(raw)) return 'es';
  return null;
}

/**
 * Detects the language with a stop-word vote first (reliable and cheap on the short, jargon-heavy
 * text of support mail), then tinyld's n-gram model, then tell-tale characters.
 */
export function guessLanguage(text: string, normalizedTokens?: readonly string[]): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const tokens = normalizedTokens ?? tokenize(normalizeText(sample));
  const votes = stopWordVotes(tokens.length > 250 ? tokens.slice(0, 250) : tokens);
  const [first, second] = votes;
  const firstCount = first?.[1] ?? 0;
  const secondCount = second?.[1] ?? 0;
  if (first && firstCount >= 2 && firstCount >= 1.5 * secondCount) {
    return { language: first[0], method: 'stop-words' };
  }
  const modelSample = sample.length > MODEL_SAMPLE_CHARS ? sample.slice(0, MODEL_SAMPLE_CHARS) : sample;
  const model = modelSample.trim() ? detectAll(modelSample)[0] : undefined;
  if (model && model.accuracy >= MODEL_MIN_ACCURACY) return { language: model.lang, method: 'model' };
  if (first && firstCount > secondCount) return { language: first[0], method: 'stop-words' };
  const hint = characterHint(sample);
  if (hint) return { language: hint, method: 'characters' };
  if (model && isTriageLanguage(model.lang) && model.accuracy > 0.05) return { language: model.lang, method: 'model' };
  return { language: 'und', method: 'none' };
}

/** ISO 639-1 code of the text's language: 'fr' | 'de' | 'en' | another code | 'und'. */
export function detectLanguage(text: string): string {
  return guessLanguage(text).language;
}
