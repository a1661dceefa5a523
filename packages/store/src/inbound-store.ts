import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { StoreKeys } from './keys.js';

export type IntakeChannel = 'smtp' | 'http' | 'imap';

export interface RawMessageMeta {
  channel: IntakeChannel;
  receivedAt: string;
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string | null;
}

/**
 * Accepted raw messages, kept by content hash. Intake writes here before it answers 250/202, so
 * what a sender was told we have, we have; parsing and threading happen later in a job that can
 * be retried. Parsed summaries are kept by Message-ID for the services that act on them.
 */
export class InboundStore {
  readonly keys: StoreKeys;
  constructor(private readonly redis: Redis, prefix: string) {
    this.keys = new StoreKeys(prefix);
  }

  static rawId(raw: Buffer): string {
    return createHash('sha256').update(raw).digest('hex');
  }

  /** Stores the raw bytes once; returns the id to hand to the intake queue. */
  async saveRaw(raw: Buffer, meta: RawMessageMeta): Promise<string> {
    const id = InboundStore.rawId(raw);
    const key = this.keys.rawMessage(id);
    await this.redis.multi().hsetnx(key, 'raw', raw).hsetnx(key, 'meta', JSON.stringify(meta)).exec();
    return id;
  }

  async getRaw(id: string): Promise<{ raw: Buffer; meta: RawMessageMeta } | null> {
    const [raw, meta] = await this.redis.hmgetBuffer(this.keys.rawMessage(id), 'raw', 'meta');
    if (!raw || !meta) return null;
    return { raw, meta: JSON.parse(meta.toString('utf8')) as RawMessageMeta };
  }

  async saveParsed<T>(messageId: string, parsed: T): Promise<void> {
    await this.redis.set(this.keys.inbound(messageId), JSON.stringify(parsed));
  }

  async getParsed<T>(messageId: string): Promise<T | null> {
    const v = await this.redis.get(this.keys.inbound(messageId));
    return v ? (JSON.parse(v) as T) : null;
  }

  /**
   * Claims `id` within `scope` once: true for the first caller, false for every later one. Used
   * for effects outside Redis (an email sent) that a retried job must not repeat.
   */
  async claimOnce(scope: string, id: string, ttlSeconds = 30 * 24 * 3600): Promise<boolean> {
    return (await this.redis.set(this.keys.once(scope, id), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async releaseOnce(scope: string, id: string): Promise<void> {
    await this.redis.del(this.keys.once(scope, id));
  }

  async wasClaimed(scope: string, id: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.once(scope, id))) === 1;
  }
}
