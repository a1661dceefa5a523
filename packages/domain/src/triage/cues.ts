import { KeywordMatcher, type KeywordHit, type KeywordSpec } from './keyword-matcher.js';

/**
 * Wording that says what kind of message this is, whatever its topic: a how-to question (speaks
 * for self-help, level 0) or a report that something is broken (speaks against self-help).
 */
const CUES: Record<'question' | 'problem', Record<string, string>> = {
  question: {
    en: 'how|where|which|is there|are there|can i|do i|does it',
    fr: 'comment|ou trouver|ou puis je|quel|quelle|quels|quelles|est ce que|y a t il|existe t il|puis je|peut on',
    de: 'wie|wo|welche|welcher|welches|gibt es|kann ich|kann man',
  },
  problem: {
    en: 'problem|problems|issue|error|fails|failed|not working|doesn t work|does not work|can t|cannot|could not|couldn t|unable|broken|trouble|wrong|stopped|won t|missing',
    fr: 'probleme|problemes|erreur|ne fonctionne pas|ne marche pas|n arrive pas|n arrive plus|impossible|echoue|plus rien|ne marche plus|ne fonctionne plus|souci|bloque',
    de: 'problem|probleme|fehler|funktioniert nicht|geht nicht|klappt nicht|kann nicht|konnte nicht|kaputt|stoerung|nicht mehr|leider',
  },
};
const KINDS = ['question', 'problem'] as const;

let matcher: KeywordMatcher | undefined;

function cueMatcher(): KeywordMatcher {
  if (!matcher) {
    const specs: KeywordSpec[] = [];
    KINDS.forEach((kind, owner) => {
      for (const [language, list] of Object.entries(CUES[kind])) {
        for (const text of list.split('|')) specs.push({ text, language, owner });
      }
    });
    // Cue words are everyday words: only their exact (stemmed) forms count.
    matcher = new KeywordMatcher(specs, { typos: false, compounds: false });
  }
  return matcher;
}

export interface Cues {
  question: string[];
  problem: string[];
}

/** The question and problem wording found in normalised tokens. */
export function findCues(tokens: readonly string[]): Cues {
  const cues: Cues = { question: [], problem: [] };
  for (const hit of cueMatcher().match(tokens) as KeywordHit[]) {
    const list = cues[KINDS[hit.spec.owner] ?? 'question'];
    if (!list.includes(hit.matched)) list.push(hit.matched);
  }
  return cues;
}
