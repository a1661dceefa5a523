import type { Redis } from 'ioredis';
import type { Level, Ticket } from '@tierdesk/domain';
import type { TriageReview } from './triage-review.js';

/**
 * Labelled examples for the triage rules: what the classifier saw, what it said, and what a
 * person said is right, one per ticket (TriageCorrections);
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

/**
 * Before examples were kept one per ticket, the key was a list with an entry per review. This
 * turns such a list into the hash and order index, keeping the latest entry per ticket (decoded
 * first, so a bad entry leaves the list as it was).
 */
const FROM_LIST = `
if redis.call('TYPE', KEYS[1]).ok ~= 'list' then return -1 end
local items = redis.call('LRANGE', KEYS[1], 0, -1)
local ids = {}
for i, raw in ipairs(items) do ids[i] = cjson.decode(raw).ticketId end
redis.call('DEL', KEYS[1])
for i, raw in ipairs(items) do
  if type(ids[i]) == 'string' then
    redis.call('HSET', KEYS[1], ids[i], raw)
    redis.call('ZADD', KEYS[2], i, ids[i])
  end
end
return #items
`;

/**
 * One example per ticket, the latest review winning: a hash `${prefix}:triage:corrections`
 * (ticket id → example JSON) and a sorted set `${prefix}:triage:corrections:order` (ticket id by
 * review time) for the export order, written together.
 */
export class TriageCorrections {
  readonly key: string;
  readonly orderKey: string;
  private migrated: Promise<unknown> | null = null;

  constructor(private readonly redis: Redis, prefix: string) {
    this.key = correctionKey(prefix);
    this.orderKey = `${this.key}:order`;
  }

  private ready(): Promise<unknown> {
    this.migrated ??= this.redis.eval(FROM_LIST, 2, this.key, this.orderKey).catch((err: unknown) => {
      this.migrated = null;
      throw err;
    });
    return this.migrated;
  }

  /** Keeps `c` as the ticket's example, replacing the one an earlier review left. */
  async put(c: TriageCorrection): Promise<void> {
    await this.ready();
    await this.redis.multi().hset(this.key, c.ticketId, JSON.stringify(c)).zadd(this.orderKey, Date.parse(c.at), c.ticketId).exec();
  }

  async count(): Promise<number> {
    await this.ready();
    return this.redis.hlen(this.key);
  }

  /** Oldest review first; the examples are read in pages so a long export never arrives as one reply. */
  async *all(pageSize = 500): AsyncGenerator<TriageCorrection> {
    await this.ready();
    const ids = await this.redis.zrange(this.orderKey, '0', '-1');
    for (let start = 0; start < ids.length; start += pageSize) {
      const page = await this.redis.hmget(this.key, ...ids.slice(start, start + pageSize));
      for (const raw of page) if (raw) yield JSON.parse(raw) as TriageCorrection;
    }
  }
}
