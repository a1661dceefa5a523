import { FUZZY_EXCLUDED, FUZZY_MIN_LENGTH, TypoIndex } from './fuzzy.js';
import { normalizeTokens } from './normalize.js';
import { lightStem } from './stem.js';
import { PHRASE_FILLERS, STOP_WORD_VOTES } from './stop-words.js';

/** One keyword to look for; `owner` is the caller's index (a rule, a KB article, a vendor). */
export interface KeywordSpec {
  text: string;
  language: string;
  owner: number;
}

/** How a text token met a keyword term. */
export type MatchKind = 'exact' | 'prefix' | 'typo' | 'compound';

export interface KeywordHit {
  spec: KeywordSpec;
  /** Token span [start, end) in the matched token list. */
  start: number;
  end: number;
  /** 1 for an exact match, lower for typo and compound-part matches. */
  quality: number;
  kind: MatchKind;
  /** The text tokens that matched, for explanations. */
  matched: string;
}

/** Separates subject from body in a token list: no phrase may run across it. */
export const SEGMENT_BREAK = '|';

/** Which lenient matches a matcher tries beyond exact stems and prefixes. */
export interface MatcherOptions {
  typos?: boolean;
  compounds?: boolean;
}

const QUALITY: Record<MatchKind, number> = { exact: 1, prefix: 0.9, typo: 0.8, compound: 0.75 };
/** Non-filler tokens a phrase may skip between two of its words ("create a NEW user"). */
const MAX_GAP = 1;
/** Filler tokens a phrase may skip in a row. */
const MAX_FILLERS = 3;
const COMPOUND_MIN_TOKEN = 9;
const COMPOUND_MIN_PART = 4;
const MEMO_LIMIT = 100_000;
const HAS_DIGIT = /\d/;
/** Letters or digits a prefix keyword ("aktivier*") needs before its `*`. */
const MIN_PREFIX = 3;

/**
 * Why a keyword could never match (the matcher skips it), or null when it is usable. Config
 * validation reports these by path, so a rule does not silently lose a word.
 */
export function unusableKeyword(text: string): string | null {
  const raw = text.trim();
  if (raw.endsWith('*')) {
    return normalizeTokens(raw.slice(0, -1)).join('').length < MIN_PREFIX
      ? `a prefix keyword needs at least ${MIN_PREFIX} letters or digits before the "*", e.g. "aktivier*" (got ${JSON.stringify(text)})`
      : null;
  }
  return normalizeTokens(raw).length === 0
    ? `has no letters a–z or digits once accents are removed, so it could never match (got ${JSON.stringify(text)})`
    : null;
}

interface TokenMatch {
  term: number;
  kind: MatchKind;
}

interface CompiledKeyword {
  spec: KeywordSpec;
  terms: number[];
}

/**
 * Precompiled keyword index: exact stems, prefixes ("aktivier*"), typo-tolerant lookups and German
 * compound parts ("Rechnungsadresse" holds "Rechnung"). Keywords may be phrases; a phrase skips
 * articles and prepositions and at most one other word between its words. Token → term lookups
 * are memoised, so the cost of a mail is linear in its length.
 */
export class KeywordMatcher {
  private readonly termIds = new Map<string, number>();
  private readonly prefixTerms = new Map<string, number>();
  private readonly typoIndex = new TypoIndex();
  /** First four letters of every term key: a compound part must start like one of them. */
  private readonly heads = new Set<string>();
  private termCount = 0;
  private readonly byFirstTerm = new Map<number, CompiledKeyword[]>();
  private readonly memo = new Map<string, TokenMatch[]>();
  private minPrefix = Number.POSITIVE_INFINITY;
  private maxPrefix = 0;
  private readonly typos: boolean;
  private readonly compounds: boolean;

  constructor(specs: readonly KeywordSpec[], options: MatcherOptions = {}) {
    this.typos = options.typos ?? true;
    this.compounds = options.compounds ?? true;
    for (const spec of specs) this.add(spec);
  }

  private termFor(word: string): number {
    const stem = lightStem(word);
    let id = this.termIds.get(stem);
    if (id === undefined) {
      id = this.termCount++;
      this.termIds.set(stem, id);
    }
    if (!this.termIds.has(word)) this.termIds.set(word, id);
    for (const form of new Set([word, stem])) {
      this.typoIndex.add(form, id);
      if (form.length >= COMPOUND_MIN_PART) this.heads.add(form.slice(0, COMPOUND_MIN_PART));
    }
    return id;
  }

  private add(spec: KeywordSpec): void {
    const raw = spec.text.trim();
    if (raw.endsWith('*')) {
      const prefix = normalizeTokens(raw.slice(0, -1)).join('');
      if (prefix.length < MIN_PREFIX) return;
      let id = this.prefixTerms.get(prefix);
      if (id === undefined) {
        id = this.termCount++;
        this.prefixTerms.set(prefix, id);
        this.minPrefix = Math.min(this.minPrefix, prefix.length);
        this.maxPrefix = Math.max(this.maxPrefix, prefix.length);
      }
      this.register({ spec, terms: [id] });
      return;
    }
    const tokens = normalizeTokens(raw);
    if (tokens.length === 0) return;
    const content = tokens.filter((t) => !PHRASE_FILLERS.has(t));
    // "run on" must not shrink to "run": a phrase keeps its fillers when they are half of it.
    const words = content.length > 1 || content.length === tokens.length ? content : tokens;
    this.register({ spec, terms: words.map((w) => this.termFor(w)) });
    // "Terminal Server" is also written "Terminalserver".
    if (tokens.length > 1) this.register({ spec, terms: [this.termFor(tokens.join(''))] });
  }

  private register(keyword: CompiledKeyword): void {
    const first = keyword.terms[0];
    if (first === undefined) return;
    const list = this.byFirstTerm.get(first);
    if (list) list.push(keyword);
    else this.byFirstTerm.set(first, [keyword]);
  }

  private lookupToken(token: string): TokenMatch[] {
    const cached = this.memo.get(token);
    if (cached) return cached;
    const found = this.computeToken(token);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(token, found);
    return found;
  }

  private computeToken(token: string): TokenMatch[] {
    const out: TokenMatch[] = [];
    const seen = new Set<number>();
    const push = (term: number | undefined, kind: MatchKind): void => {
      if (term === undefined || seen.has(term)) return;
      seen.add(term);
      out.push({ term, kind });
    };
    const stem = lightStem(token);
    push(this.termIds.get(token), 'exact');
    push(this.termIds.get(stem), 'exact');
    const longestPrefix = Math.min(this.maxPrefix, token.length);
    for (let k = this.minPrefix; k <= longestPrefix; k++) push(this.prefixTerms.get(token.slice(0, k)), 'prefix');
    // Order numbers, dates and codes are never misspelt keywords.
    if (out.length > 0 || HAS_DIGIT.test(token)) return out;
    const typoCandidate = token.length >= FUZZY_MIN_LENGTH - 1 && !FUZZY_EXCLUDED.has(token) && !STOP_WORD_VOTES.has(token);
    if (this.typos && typoCandidate) {
      for (const form of new Set([token, stem])) for (const term of this.typoIndex.lookup(form)) push(term, 'typo');
      if (out.length > 0) return out;
    }
    if (this.compounds && token.length >= COMPOUND_MIN_TOKEN) {
      const leftPossible = this.heads.has(token.slice(0, COMPOUND_MIN_PART));
      for (let i = COMPOUND_MIN_PART; i <= token.length - COMPOUND_MIN_PART; i++) {
        if (leftPossible) {
          const left = token.slice(0, i);
          push(this.termIds.get(left) ?? this.termIds.get(lightStem(left)), 'compound');
        }
        if (this.heads.has(token.slice(i, i + COMPOUND_MIN_PART))) {
          const right = token.slice(i);
          push(this.termIds.get(right) ?? this.termIds.get(lightStem(right)), 'compound');
        }
      }
    }
    return out;
  }

  /**
   * All keyword hits in `tokens` (normalised). A hit whose span lies strictly inside a longer hit
   * is dropped, so "serveur de base de données" (external database) does not also count as
   * "base de données" (database), and "call me back" is not also "call me".
   */
  match(tokens: readonly string[]): KeywordHit[] {
    const perToken = tokens.map((t) => (t === SEGMENT_BREAK ? [] : this.lookupToken(t)));
    const hits: KeywordHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const first of perToken[i] ?? []) {
        for (const keyword of this.byFirstTerm.get(first.term) ?? []) {
          const hit = this.matchFrom(keyword, i, first.kind, tokens, perToken);
          if (hit) hits.push(hit);
        }
      }
    }
    return dropContained(hits);
  }

  private matchFrom(
    keyword: CompiledKeyword,
    start: number,
    firstKind: MatchKind,
    tokens: readonly string[],
    perToken: readonly TokenMatch[][],
  ): KeywordHit | null {
    let kind = firstKind;
    let pos = start + 1;
    for (let t = 1; t < keyword.terms.length; t++) {
      const term = keyword.terms[t];
      let gaps = 0;
      let fillers = 0;
      let found = -1;
      while (pos < tokens.length && tokens[pos] !== SEGMENT_BREAK) {
        const match = perToken[pos]?.find((m) => m.term === term);
        if (match) {
          found = pos;
          if (QUALITY[match.kind] < QUALITY[kind]) kind = match.kind;
          break;
        }
        if (PHRASE_FILLERS.has(tokens[pos] ?? '')) {
          if (++fillers > MAX_FILLERS) break;
        } else if (++gaps > MAX_GAP) break;
        pos++;
      }
      if (found < 0) return null;
      pos = found + 1;
    }
    return {
      spec: keyword.spec,
      start,
      end: pos,
      quality: QUALITY[kind],
      kind,
      matched: tokens.slice(start, pos).join(' '),
    };
  }
}

function dropContained(hits: KeywordHit[]): KeywordHit[] {
  if (hits.length < 2) return hits;
  return hits.filter(
    (h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
  );
}
