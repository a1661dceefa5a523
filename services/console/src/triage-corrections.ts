import type { Redis } from 'ioredis';
import type { Level, Ticket } from '@tierdesk/domain';
import type { TriageReview } from './triage-review.js';

/**
 * Labelled examples for the triage rules: what the classifier saw, what it said, and what a
 * person said is right. One JSON object per entry in the Redis list `${prefix}:triage:corrections`;
 * `subject`/`body`/`from` are the fields `tierdesk classify --jsonl` reads, so the export can be
 * fed straight back to the classifier to measure a rule change.
 */
export interface TriageCorrection {
  ticketId: string;
  at: string;
  agent: string;
  verdict: 'confirmed' | 'corrected';
  subject: string;
  body: string;
  from: string;
  language: string;
  /** The label: the level and category a person says are right. */
  level: Level;
  category: string | null;
  predicted: { level: Level; category: string | null; confidence: number | null; explanation: string[] };
}

export const MAX_EXAMPLE_BODY = 20_000;

export function correctionKey(prefix: string): string {
  return `${prefix}:triage:corrections`;
}

/** The example for a review, taken from the ticket as it was before the review changed it. */
export function correctionFor(before: Ticket, review: TriageReview, agent: string, now: Date): TriageCorrection {
  const first = before.messages.find((m) => m.direction === 'in');
  const predicted = before.events.find((e) => e.type === 'ticket.classified');
  const p = predicted?.type === 'ticket.classified' ? predicted.data : null;
  return {
    ticketId: before.id,
    at: now.toISOString(),
    agent,
    verdict: review.verdict,
    subject: before.subject,
    body: (first?.text ?? '').slice(0, MAX_EXAMPLE_BODY),
    from: first?.from ?? before.customer.email,
    language: before.language,
    level: review.level,
    category: review.category,
    predicted: {
      level: p?.level ?? before.level,
      category: p ? p.category : before.category,
      confidence: before.triage?.confidence ?? p?.confidence ?? null,
      explanation: before.triage?.explanation ?? p?.explanation ?? [],
    },
  };
}

export class TriageCorrections {
  readonly key: string;
  constructor(private readonly redis: Redis, prefix: string) {
    this.key = correctionKey(prefix);
  }

  async add(c: TriageCorrection): Promise<void> {
    await this.redis.rpush(this.key, JSON.stringify(c));
  }

  async count(): Promise<number> {
    return this.redis.llen(this.key);
  }

  /** Oldest first, read in pages so a long list never arrives as one reply. */
  async *all(pageSize = 500): AsyncGenerator<TriageCorrection> {
    for (let start = 0; ; start += pageSize) {
      const page = await this.redis.lrange(this.key, start, start + pageSize - 1);
      for (const raw of page) yield JSON.parse(raw) as TriageCorrection;
      if (page.length < pageSize) return;
    }
  }
}
