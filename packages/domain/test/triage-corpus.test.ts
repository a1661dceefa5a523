import { describe, expect, it } from 'vitest';
import { createClassifier } from '../src/triage/index.js';
import { benchOptions, loadCorpus, type CorpusMail } from './triage-helpers.js';

const classifier = createClassifier(benchOptions());

function accuracy(mails: readonly CorpusMail[]): number {
  const ok = mails.filter((m) => classifier({ subject: m.subject, body: m.body }).level === m.level).length;
  return ok / mails.length;
}

describe('the labelled triage corpus', () => {
  const tuning = loadCorpus('tuning');
  const holdout = loadCorpus('holdout');

  it('is big enough and covers every level in every language', () => {
    const fresh = [...tuning, ...holdout].filter((m) => !m.id.startsWith('seed-'));
    expect(fresh.length).toBeGreaterThanOrEqual(150);
    expect(holdout.length).toBeGreaterThanOrEqual(40);
    for (const level of [0, 1, 2, 3, 4]) {
      const atLevel = [...tuning, ...holdout].filter((m) => m.level === level);
      expect(atLevel.length).toBeGreaterThanOrEqual(25);
      for (const language of ['fr', 'de', 'en']) expect(atLevel.some((m) => m.language === language)).toBe(true);
    }
  });

  it('classifies the tuning set at ≥ 90% overall and ≥ 80% per level', () => {
    expect(accuracy(tuning)).toBeGreaterThanOrEqual(0.9);
    for (const level of [0, 1, 2, 3, 4]) expect(accuracy(tuning.filter((m) => m.level === level))).toBeGreaterThanOrEqual(0.8);
  });

  it("puts every one of the seed's 15 examples at its level", () => {
    const seed = tuning.filter((m) => m.id.startsWith('seed-'));
    expect(seed).toHaveLength(15);
    for (const m of seed) expect(classifier({ subject: m.subject, body: m.body }).level, m.subject).toBe(m.level);
  });

  // Measured at 45/45 when first evaluated; the floor leaves room for rule changes made for other mail.
  it('generalises to the holdout set, never used for tuning (floor 90%)', () => {
    expect(accuracy(holdout)).toBeGreaterThanOrEqual(0.9);
  });

  // 30 mails written by a reviewer in a later session (2 per level and language), measured at
  // 30/30 before any rule change; never used for tuning.
  it('generalises to the audit holdout, written later by a reviewer (floor 90%)', () => {
    const audit = loadCorpus('holdout-audit');
    expect(audit).toHaveLength(30);
    expect(accuracy(audit)).toBeGreaterThanOrEqual(0.9);
  });
});
