import { TierdeskError } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import type { RawMessageMeta } from '@tierdesk/store';
import { IntakeTemporaryError } from './smtp-listener.js';
import { contentHashMessageId, normalizeMessageId } from './message-id.js';
import { checkSenderRate } from './sender-rate-limit.js';

export class MessageTooLargeError extends TierdeskError {
  constructor(size: number, max: number) {
    super('MESSAGE_TOO_LARGE', `The message is ${size} bytes; the limit is ${max} (INTAKE_MAX_BYTES).`, { size, max });
  }
}

/**
 * The one door for inbound mail, whatever the channel: keep the raw bytes, queue the parsing,
 * and only then tell the sender we have it. If Redis is away this throws IntakeTemporaryError,
 * which SMTP answers with 451 and HTTP with 503, so the sender keeps the message and retries.
 */
export async function acceptRawMessage(rt: Runtime, raw: Buffer, meta: Omit<RawMessageMeta, 'receivedAt'>): Promise<{ rawId: string }> {
  if (raw.length > rt.env.intakeMaxBytes) throw new MessageTooLargeError(raw.length, rt.env.intakeMaxBytes);
  await checkSenderRate(rt, raw, meta);
  let timer: NodeJS.Timeout | undefined;
  try {
    const store = async () => {
      const rawId = await rt.inbound.saveRaw(raw, { ...meta, receivedAt: rt.now().toISOString() });
      await rt.bus.publish('intake', { rawId, channel: meta.channel }, { jobId: `raw-${rawId}` });
      return { rawId };
    };
    // A sender waits at most this long for our answer; without Redis it gets 451 and retries later.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ACCEPT_TIMEOUT_MS} ms`)), ACCEPT_TIMEOUT_MS);
    });
    return await Promise.race([store(), timeout]);
  } catch (err) {
    throw new IntakeTemporaryError(`Could not store the message: ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

const ACCEPT_TIMEOUT_MS = 5000;

/**
 * The Message-ID the parser will settle on, read from the header block alone so the HTTP answer
 * can name it without parsing the whole message.
 */
export function peekMessageId(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end >= 0 ? end : Math.min(raw.length, 256 * 1024)).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const m = /^message-id:\s*(.+)$/im.exec(head);
  return (m && normalizeMessageId(m[1]!)) ?? contentHashMessageId(raw);
}
