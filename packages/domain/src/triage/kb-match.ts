import type { KbArticleConfig } from '../config-types.js';
import { KeywordMatcher, type KeywordHit, type KeywordSpec } from './keyword-matcher.js';
import { normalizeTokens } from './normalize.js';

/** A scored KB article. */
export interface KbMatch {
  id: string;
  score: number;
}

/** Keywords in another language than the mail's still count, for less: product words are shared. */
const OTHER_LANGUAGE_FACTOR = 0.6;
const PHRASE_FACTOR = 1.5;

/** KB articles compiled once into a keyword index. */
export class KbMatcher {
  private readonly matcher: KeywordMatcher;

  constructor(private readonly articles: readonly KbArticleConfig[]) {
    const specs: KeywordSpec[] = [];
    articles.forEach((article, owner) => {
      for (const [language, words] of Object.entries(article.keywords)) {
        for (const text of words ?? []) specs.push({ text, language, owner });
      }
    });
    this.matcher = new KeywordMatcher(specs);
  }

  /** Best articles for already normalised tokens, best first. */
  matchTokens(tokens: readonly string[], language: string, max = 3): KbMatch[] {
    return this.score(this.matcher.match(tokens), language, max);
  }

  private score(hits: readonly KeywordHit[], language: string, max: number): KbMatch[] {
    const perKeyword = new Map<KeywordSpec, number>();
    for (const hit of hits) {
      const langFactor = language === hit.spec.language || language === 'und' ? 1 : OTHER_LANGUAGE_FACTOR;
      const value = hit.quality * langFactor * (hit.end - hit.start > 1 ? PHRASE_FACTOR : 1);
      perKeyword.set(hit.spec, Math.max(perKeyword.get(hit.spec) ?? 0, value));
    }
    const perArticle = new Map<number, number>();
    for (const [spec, value] of perKeyword) perArticle.set(spec.owner, (perArticle.get(spec.owner) ?? 0) + value);
    return [...perArticle]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, Math.max(0, max))
      .flatMap(([owner, score]) => {
        const article = this.articles[owner];
        return article ? [{ id: article.id, score: Math.round(score * 100) / 100 }] : [];
      });
  }
}

const compiled = new WeakMap<readonly KbArticleConfig[], KbMatcher>();

/**
 * The best `max` (default 3) KB articles for a text, by their keywords (all languages; the
 * text's own language counts most), best first; articles with no matching keyword are left out.
 */
export function matchKbArticles(
  text: string,
  language: string,
  kb: KbArticleConfig[],
  max = 3,
): Array<{ id: string; score: number }> {
  let matcher = compiled.get(kb);
  if (!matcher) {
    matcher = new KbMatcher(kb);
    compiled.set(kb, matcher);
  }
  return matcher.matchTokens(normalizeTokens(text.length > 8192 ? text.slice(0, 8192) : text), language, max);
}
