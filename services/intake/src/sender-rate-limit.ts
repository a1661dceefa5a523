import { TierdeskError } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import type { RawMessageMeta } from '@tierdesk/store';
import { parseAddressList } from './parse/addresses.js';

/** INTAKE_SENDER_RATE when unset: messages a minute from one sender. */
export const DEFAULT_SENDER_RATE = 120;

/** One sender handed in more than its share this minute: SMTP 451 (the sender retries later), HTTP 429. */
export class SenderRateLimitedError extends TierdeskError {
  constructor(limit: number) {
    super('RATE_LIMITED', `More than ${limit} messages a minute from this sender; try again in a minute.`, { limit });
  }
}

/** The From address of the header block, read without parsing the message. */
function headerFrom(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end >= 0 ? Math.min(end, 64 * 1024) : Math.min(raw.length, 64 * 1024)).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const m = /^from:[ \t]*(.*)$/im.exec(head);
  return m ? (parseAddressList(m[1]!)[0]?.email ?? null) : null;
}

/**
 * Who a message counts against: the SMTP envelope sender, else (HTTP, or the null sender of
 * bounces) the From header. Messages with neither share one bucket.
 */
export function senderKey(raw: Buffer, meta: Pick<RawMessageMeta, 'mailFrom'>): string {
  const envelope = meta.mailFrom?.trim().toLowerCase();
  return envelope || headerFrom(raw) || '(none)';
}

/** How long the check may wait for Redis before letting the message through unchecked. */
const CHECK_TIMEOUT_MS = 500;

/**
 * Counts the message against its sender in a one-minute window shared by every intake process,
 * and throws SenderRateLimitedError beyond the limit. Fails open: when Redis is slow or away the
 * message goes on to storage, which answers 451 itself if Redis is really gone — a rate limit
 * must never be the reason good mail is refused.
 */
export async function checkSenderRate(rt: Runtime, raw: Buffer, meta: Pick<RawMessageMeta, 'mailFrom'>): Promise<void> {
  const limit = rt.env.intakeSenderRate ?? DEFAULT_SENDER_RATE;
  if (limit === 0 || rt.redis.status !== 'ready') return;
  const minute = Math.floor(rt.now().getTime() / 60_000);
  const key = `${rt.env.prefix}:rate:sender:${minute}:${senderKey(raw, meta)}`;
  let timer: NodeJS.Timeout | undefined;
  let count: number;
  try {
    const counted = rt.redis.multi().incr(key).expire(key, 120).exec().catch(() => null);
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), CHECK_TIMEOUT_MS)));
    const res = await Promise.race([counted, timeout]);
    count = Number(res?.[0]?.[1] ?? 0);
  } catch {
    return;
  } finally {
    clearTimeout(timer);
  }
  if (count > limit) throw new SenderRateLimitedError(limit);
}
