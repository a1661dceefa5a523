import type { TriageRuleConfig } from '../config-types.js';
import { DEFAULT_TRIAGE_RULES } from './default-rules.js';
import { KeywordMatcher, type KeywordSpec } from './keyword-matcher.js';

/**
 * How config rules combine with the defaults: a config rule with the id of a default rule
 * replaces it (so a deployment can retune or silence one — an empty keyword list disables it);
 * a config rule with a new id is added. Order: defaults first, in their order, then new rules.
 */
export function mergeRules(configRules: readonly TriageRuleConfig[], defaults: readonly TriageRuleConfig[] = DEFAULT_TRIAGE_RULES): TriageRuleConfig[] {
  const overrides = new Map(configRules.map((r) => [r.id, r]));
  const merged = defaults.map((r) => overrides.get(r.id) ?? r);
  const defaultIds = new Set(defaults.map((r) => r.id));
  for (const r of configRules) if (!defaultIds.has(r.id)) merged.push(r);
  return merged;
}

/** Rules with their keywords compiled into one index (keyword owner = index in `rules`). */
export interface CompiledRuleSet {
  rules: readonly TriageRuleConfig[];
  matcher: KeywordMatcher;
}

export function compileRules(rules: readonly TriageRuleConfig[]): CompiledRuleSet {
  const specs: KeywordSpec[] = [];
  rules.forEach((r, owner) => {
    if (!(r.weight > 0)) return;
    for (const [language, words] of Object.entries(r.keywords)) {
      for (const text of words ?? []) specs.push({ text, language, owner });
    }
  });
  return { rules, matcher: new KeywordMatcher(specs) };
}
