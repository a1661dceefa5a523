import type { Runtime } from '@tierdesk/runtime';

type Redis = Runtime['redis'];

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * One reader per mailbox: several intake processes may have IMAP_URL set; the one holding this
 * lease reads the mailbox and the others stand by, so a message is fetched and moved once.
 * (Were two to read, the Message-ID dedup would still keep one ticket — the lease avoids the
 * wasted work and the failing moves.)
 */
export class ImapLease {
  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly owner: string,
    readonly ttlMs = 30_000,
  ) {}

  /** Takes the lease or extends it; false while another process holds it. */
  async acquire(): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key, this.owner, String(this.ttlMs))) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.owner);
  }
}
