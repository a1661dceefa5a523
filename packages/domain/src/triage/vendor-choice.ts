import type { VendorConfig } from '../config-types.js';
import { KeywordMatcher, type KeywordSpec } from './keyword-matcher.js';
import { normalizeText } from './normalize.js';

/**
 * Picks the vendor for a level-4 mail: first a vendor whose `topics` name the winning rule's
 * vendorTopic (or its category); among several, and when none does, the one whose topics
 * appear most in the mail's text.
 */
export class VendorChooser {
  private readonly matcher: KeywordMatcher;
  private readonly topicSets: ReadonlyArray<ReadonlySet<string>>;

  constructor(private readonly vendors: readonly VendorConfig[]) {
    const specs: KeywordSpec[] = [];
    vendors.forEach((v, owner) => {
      for (const text of v.topics) specs.push({ text, language: 'und', owner });
    });
    this.matcher = new KeywordMatcher(specs, { typos: false });
    this.topicSets = vendors.map((v) => new Set(v.topics.map(normalizeTopic)));
  }

  choose(tokens: readonly string[], topics: readonly string[]): { vendor: VendorConfig; reason: string } | null {
    if (this.vendors.length === 0) return null;
    const textHits = new Map<number, number>();
    for (const hit of this.matcher.match(tokens)) textHits.set(hit.spec.owner, (textHits.get(hit.spec.owner) ?? 0) + 1);
    const wanted = topics.map(normalizeTopic);
    for (const topic of wanted) {
      const byTopic = this.vendors
        .map((vendor, i) => ({ vendor, i }))
        .filter(({ i }) => this.topicSets[i]?.has(topic));
      if (byTopic.length === 0) continue;
      byTopic.sort((a, b) => (textHits.get(b.i) ?? 0) - (textHits.get(a.i) ?? 0) || a.i - b.i);
      const first = byTopic[0];
      if (first) return { vendor: first.vendor, reason: `topic "${topic}"` };
    }
    const best = [...textHits].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    const vendor = best ? this.vendors[best[0]] : undefined;
    return vendor ? { vendor, reason: 'its topics appear in the mail' } : null;
  }
}

function normalizeTopic(topic: string): string {
  return normalizeText(topic).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
