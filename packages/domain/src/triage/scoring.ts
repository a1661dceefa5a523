import type { TriageRuleConfig } from '../config-types.js';
import type { Level } from '../levels.js';
import type { Cues } from './cues.js';
import type { KeywordHit } from './keyword-matcher.js';
import { lightStem } from './stem.js';

/**
 * Turns keyword hits into scores: per keyword (best occurrence), per rule (weight × keywords with
 * diminishing returns, so a long mail does not win by repetition), per category, per level.
 */

/** A keyword that sits in the subject speaks louder: the subject is the customer's summary. */
const SUBJECT_FACTOR = 1.3;
/** A multi-word phrase is more specific than a single word. */
const PHRASE_FACTOR = 1.5;
/** Keywords of another language than the mail's still count a little less (product words travel). */
const OTHER_LANGUAGE_FACTOR = 0.85;
/** Each further keyword of a rule adds this share of the previous one. */
const RULE_DECAY = 0.7;
/** Each further category of a level adds this share of the previous one. */
const LEVEL_DECAY = 0.5;
/** "How do I …?" makes self-help likelier; "it is broken" makes it unlikelier. */
const QUESTION_BOOST = 1.3;
const PROBLEM_DAMPING = 0.5;

export interface KeywordEvidence {
  keyword: string;
  matched: string;
  kind: KeywordHit['kind'];
  value: number;
}

export interface RuleScore {
  rule: TriageRuleConfig;
  score: number;
  evidence: KeywordEvidence[];
}

export interface CategoryScore {
  level: Level;
  category: string;
  score: number;
  rules: RuleScore[];
}

export interface LevelScore {
  level: Level;
  score: number;
  categories: CategoryScore[];
}

export interface Scores {
  rules: RuleScore[];
  levels: LevelScore[];
  /** Factor applied to level 0, with the reason, when cues changed it. */
  level0Factor: number;
}

function decayedSum(values: number[], decay: number): number {
  let total = 0;
  let factor = 1;
  for (const v of values.sort((a, b) => b - a)) {
    total += v * factor;
    factor *= decay;
  }
  return total;
}

export function scoreHits(
  hits: readonly KeywordHit[],
  rules: readonly TriageRuleConfig[],
  subjectEnd: number,
  language: string,
  cues: Cues,
): Scores {
  // Best hits first; within a rule a keyword counts once, and so does a stretch of text that
  // several keywords of the rule share ("installiert" is "install", "installation", "installer").
  const valued = hits
    .map((hit) => {
      const phrase = hit.end - hit.start > 1 || hit.spec.text.trim().includes(' ');
      const lang = language === 'und' || hit.spec.language === language ? 1 : OTHER_LANGUAGE_FACTOR;
      const value = hit.quality * (phrase ? PHRASE_FACTOR : 1) * (hit.start < subjectEnd ? SUBJECT_FACTOR : 1) * lang;
      return { hit, value };
    })
    .sort((a, b) => b.value - a.value);
  const perRule = new Map<number, { evidence: KeywordEvidence[]; keywords: Set<string>; texts: Set<string> }>();
  for (const { hit, value } of valued) {
    let entry = perRule.get(hit.spec.owner);
    if (!entry) perRule.set(hit.spec.owner, (entry = { evidence: [], keywords: new Set(), texts: new Set() }));
    const keyword = `${hit.spec.language}:${hit.spec.text}`;
    const text = hit.matched.split(' ').map(lightStem).join(' ');
    if (entry.keywords.has(keyword) || entry.texts.has(text)) continue;
    entry.keywords.add(keyword);
    entry.texts.add(text);
    entry.evidence.push({ keyword: hit.spec.text, matched: hit.matched, kind: hit.kind, value });
  }

  const level0Factor =
    cues.question.length > 0 && cues.problem.length === 0
      ? QUESTION_BOOST
      : cues.problem.length > 0 && cues.question.length === 0
        ? PROBLEM_DAMPING
        : 1;

  const ruleScores: RuleScore[] = [];
  for (const [owner, { evidence: list }] of perRule) {
    const rule = rules[owner];
    if (!rule) continue;
    const factor = rule.level === 0 ? level0Factor : 1;
    ruleScores.push({ rule, score: rule.weight * factor * decayedSum(list.map((e) => e.value), RULE_DECAY), evidence: list });
  }
  ruleScores.sort((a, b) => b.score - a.score);

  const categories = new Map<string, CategoryScore>();
  for (const rs of ruleScores) {
    const key = `${rs.rule.level}:${rs.rule.category}`;
    const cat = categories.get(key) ?? { level: rs.rule.level, category: rs.rule.category, score: 0, rules: [] };
    cat.score += rs.score;
    cat.rules.push(rs);
    categories.set(key, cat);
  }
  const levels = new Map<Level, LevelScore>();
  for (const cat of categories.values()) {
    const ls = levels.get(cat.level) ?? { level: cat.level, score: 0, categories: [] };
    ls.categories.push(cat);
    levels.set(cat.level, ls);
  }
  for (const ls of levels.values()) {
    ls.categories.sort((a, b) => b.score - a.score);
    ls.score = decayedSum(ls.categories.map((c) => c.score), LEVEL_DECAY);
  }
  const sortedLevels = [...levels.values()].sort((a, b) => b.score - a.score || a.level - b.level);
  return { rules: ruleScores, levels: sortedLevels, level0Factor };
}

/**
 * Confidence from the winner's strength (saturating) and its lead over the runner-up level:
 * one strong keyword alone ≈ 0.6, two levels neck and neck ≈ 0.25.
 */
export function confidenceOf(levels: readonly LevelScore[]): number {
  const best = levels[0]?.score ?? 0;
  if (best <= 0) return 0;
  const second = levels[1]?.score ?? 0;
  const strength = best / (best + 2);
  const lead = (best - second) / best;
  return Math.round(strength * (0.4 + 0.6 * lead) * 100) / 100;
}
