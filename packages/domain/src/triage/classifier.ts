import type { Level } from '../levels.js';
import { findCues } from './cues.js';
import { KbMatcher } from './kb-match.js';
import { SEGMENT_BREAK, type KeywordHit } from './keyword-matcher.js';
import { guessLanguage, isTriageLanguage } from './language.js';
import { classifiableBody } from './mail-text.js';
import { normalizeTokens } from './normalize.js';
import { describePriority, detectPriority } from './priority.js';
import { compileRules, mergeRules } from './rule-set.js';
import { confidenceOf, scoreHits, type RuleScore, type Scores } from './scoring.js';
import type { Classification, ClassifierOptions, ClassifyInput, ContractClassification } from './types.js';
import { VendorChooser } from './vendor-choice.js';

/** Below this a person decides (level 1, needsTriage): roughly "one weak word" or "two levels tied". */
export const DEFAULT_MIN_CONFIDENCE = 0.3;
/** The level a mail goes to when the classifier cannot decide. */
const FALLBACK_LEVEL: Level = 1;
const FALLBACK_CATEGORY = 'general';
const MAX_SUBJECT_CHARS = 1000;

/**
 * Compiles the rules (defaults merged with config, see mergeRules), KB and vendor topics once and
 * returns a pure classification function.
 */
export function createClassifier(options: ClassifierOptions): (input: ClassifyInput) => Classification {
  const ruleSet = compileRules(mergeRules(options.rules));
  const kb = new KbMatcher(options.kb);
  const vendors = new VendorChooser(options.vendors);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;

  return (input) => {
    const subject = (input.subject ?? '').slice(0, MAX_SUBJECT_CHARS);
    const body = classifiableBody(input.body ?? '');
    const priority = detectPriority(`${subject}\n${body}`, input.headers);
    const priorityNote = describePriority(`${subject}\n${body}`, input.headers, priority);
    if (!subject.trim() && !body.trim()) {
      return fallback('und', priority, ['empty subject and body: nothing to classify', priorityNote]);
    }

    const subjectTokens = normalizeTokens(subject);
    const tokens = [...subjectTokens, SEGMENT_BREAK, ...normalizeTokens(body)];
    const guess = guessLanguage(`${subject}\n${body}`);
    const hits = ruleSet.matcher.match(tokens);
    let language = guess.language;
    const explanation: string[] = [];
    if (language === 'und') {
      language = languageOfHits(hits) ?? 'und';
      explanation.push(`language ${language}: too little text to tell; ${language === 'und' ? 'no keyword language either' : 'taken from the matched keywords'}`);
    } else {
      explanation.push(`language ${language} (by ${guess.method})`);
    }
    if (!isTriageLanguage(language) && language !== 'und') {
      return fallback(language, priority, [
        ...explanation,
        `language "${language}" is not one the rules cover (fr, de, en): level 1 for manual triage`,
        priorityNote,
      ]);
    }

    const cues = findCues(tokens);
    const scores = scoreHits(hits, ruleSet.rules, subjectTokens.length, language, cues);
    explanation.push(...describeScores(scores, cues));
    const confidence = confidenceOf(scores.levels);
    const best = scores.levels[0];
    const bestCategory = best?.categories[0];
    const kbIds = kb.matchTokens(tokens, language).map((m) => m.id);
    if (kbIds.length > 0) explanation.push(`knowledge base: ${kbIds.join(', ')}`);

    if (!best || !bestCategory || confidence < minConfidence) {
      const why = best && bestCategory
        ? `confidence ${confidence} < ${minConfidence}: best guess was level ${best.level} (${bestCategory.category}); level 1 for manual triage`
        : 'no rule matched: level 1 for manual triage';
      return { ...fallback(language, priority, [...explanation, why, priorityNote]), confidence, kb: kbIds };
    }

    const runnerUp = scores.levels[1];
    explanation.push(
      `level ${best.level} (${bestCategory.category}): score ${round(best.score)}`
        + (runnerUp ? ` vs ${round(runnerUp.score)} for level ${runnerUp.level} (${runnerUp.categories[0]?.category ?? '?'})` : ', no other level matched')
        + `; confidence ${confidence}`,
    );
    let vendor: string | null = null;
    if (best.level === 4) {
      const topics = bestCategory.rules.flatMap((r) => (r.rule.vendorTopic ? [r.rule.vendorTopic] : []));
      const choice = vendors.choose(tokens, [...topics, bestCategory.category]);
      vendor = choice?.vendor.id ?? null;
      explanation.push(choice ? `vendor ${choice.vendor.id} (${choice.reason})` : 'no vendor configured for this topic');
    }
    explanation.push(priorityNote);
    return {
      level: best.level,
      category: bestCategory.category,
      language,
      confidence,
      kb: kbIds,
      vendor,
      priority,
      needsTriage: false,
      explanation,
    };
  };
}

const compiledByOptions = new WeakMap<ClassifierOptions, (input: ClassifyInput) => Classification>();

/**
 * Classifies one mail. The compiled rules are kept per options object, so calling this again with
 * the same (unchanged) options costs no recompilation; createClassifier makes that explicit.
 */
export function classify(input: ClassifyInput, options: ClassifierOptions): Classification {
  let classifier = compiledByOptions.get(options);
  if (!classifier) {
    classifier = createClassifier(options);
    compiledByOptions.set(options, classifier);
  }
  return classifier(input);
}

/** The CONTRACT §8 wire shape: exactly level, category, language, confidence, kb, vendor, in that order. */
export function toContractClassification(c: Classification): ContractClassification {
  return { level: c.level, category: c.category, language: c.language, confidence: c.confidence, kb: [...c.kb], vendor: c.vendor };
}

function fallback(language: string, priority: Classification['priority'], explanation: string[]): Classification {
  return {
    level: FALLBACK_LEVEL,
    category: FALLBACK_CATEGORY,
    language,
    confidence: 0,
    kb: [],
    vendor: null,
    priority,
    needsTriage: true,
    explanation,
  };
}

/** The language of the keywords a short text matched; a word several languages share ("update") says nothing. */
function languageOfHits(hits: readonly KeywordHit[]): string | null {
  const perSpan = new Map<number, Set<string>>();
  for (const h of hits) {
    if (!isTriageLanguage(h.spec.language)) continue;
    const set = perSpan.get(h.start) ?? new Set<string>();
    set.add(h.spec.language);
    perSpan.set(h.start, set);
  }
  const counts = new Map<string, number>();
  for (const set of perSpan.values()) {
    const [only] = set;
    if (set.size === 1 && only) counts.set(only, (counts.get(only) ?? 0) + 1);
  }
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  return first && (!second || first[1] > second[1]) ? first[0] : null;
}

function describeRule(rs: RuleScore): string {
  const words = rs.evidence
    .map((e) => (e.kind === 'exact' || e.keyword === e.matched ? `"${e.keyword}"` : `"${e.keyword}" (${e.kind}: "${e.matched}")`))
    .join(', ');
  return `rule ${rs.rule.id} → level ${rs.rule.level} ${rs.rule.category}: ${round(rs.score)} from ${words}`;
}

function describeScores(scores: Scores, cues: ReturnType<typeof findCues>): string[] {
  const lines = scores.rules.slice(0, 6).map(describeRule);
  if (scores.level0Factor > 1) lines.push(`how-to wording (${cues.question.join(', ')}): self-help rules ×${scores.level0Factor}`);
  if (scores.level0Factor < 1) lines.push(`problem wording (${cues.problem.join(', ')}): self-help rules ×${scores.level0Factor}`);
  return lines;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
