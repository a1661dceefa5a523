import type { ImapFlow } from 'imapflow';
import type { Logger } from '@tierdesk/logger';
import { MessageTooLargeError } from '../accept.js';
import { IntakeTemporaryError } from '../smtp-listener.js';
import type { ImapSettings } from './imap-settings.js';

export interface DrainDeps {
  client: ImapFlow;
  settings: ImapSettings;
  log: Logger;
  maxBytes: number;
  /** The same door as SMTP intake: store, queue, dedup later by Message-ID. */
  accept(raw: Buffer): Promise<void>;
  /** Failed tries per message (`uidValidity:uid`), kept across drains of this process. */
  attempts: Map<string, number>;
  /** Tries before a message that keeps failing goes to quarantine. */
  maxAttempts: number;
  stopping(): boolean;
}

export interface DrainResult {
  processed: number;
  quarantined: number;
  /** Left in the mailbox for a later try. */
  deferred: number;
  /** Left for a try within a minute (the sender's rate limit), not counted against the message. */
  throttled: number;
}

/**
 * Takes in every message of the open mailbox, oldest first: accepted mail moves to the processed
 * folder; mail that can never be taken in (too large, empty, failing again and again) moves to
 * quarantine, so nothing is retried forever. If intake itself is unavailable (Redis away), the
 * error goes up and the message stays where it is for the next connection.
 */
export async function drainMailbox(d: DrainDeps): Promise<DrainResult> {
  const result: DrainResult = { processed: 0, quarantined: 0, deferred: 0, throttled: 0 };
  const mailbox = d.client.mailbox;
  if (!mailbox || mailbox.exists === 0) return result;
  const uids = ((await d.client.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
  for (const uid of uids) {
    if (d.stopping()) break;
    const key = `${mailbox.uidValidity}:${uid}`;
    const outcome = await takeOne(d, uid, key);
    result[outcome] += 1;
  }
  return result;
}

async function takeOne(d: DrainDeps, uid: number, key: string): Promise<keyof DrainResult> {
  const log = d.log.child({ imapUid: uid });
  const quarantine = async (reason: string, extra: Record<string, unknown> = {}) => {
    await d.client.messageMove(String(uid), d.settings.quarantineFolder, { uid: true });
    d.attempts.delete(key);
    log.warn({ reason, folder: d.settings.quarantineFolder.join('/'), ...extra }, 'IMAP message quarantined; it will not be retried');
    return 'quarantined' as const;
  };
  // Given up on in this process (even quarantine failed): leave it alone, log nothing more.
  if ((d.attempts.get(key) ?? 0) > d.maxAttempts) return 'deferred';
  try {
    const meta = await d.client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
    if (!meta) return 'deferred';
    if ((meta.size ?? 0) > d.maxBytes) return await quarantine('too large', { size: meta.size, max: d.maxBytes });
    const msg = await d.client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    const raw = msg ? msg.source : undefined;
    if (!raw || raw.length === 0) return await quarantine('empty message');
    try {
      await d.accept(raw);
    } catch (err) {
      if (err instanceof MessageTooLargeError) return await quarantine('too large', { size: raw.length, max: d.maxBytes });
      // The sender's per-minute intake limit: nothing wrong with the message, take it next minute.
      if ((err as { code?: unknown }).code === 'RATE_LIMITED') {
        log.info('IMAP message held back by the sender rate limit; taking it in a minute');
        return 'throttled';
      }
      throw err;
    }
    await d.client.messageMove(String(uid), d.settings.processedFolder, { uid: true });
    d.attempts.delete(key);
    log.info({ size: raw.length, folder: d.settings.processedFolder.join('/') }, 'IMAP message taken in');
    return 'processed';
  } catch (err) {
    // Intake down, or the connection gone: not this message's fault; try again on reconnect.
    if (err instanceof IntakeTemporaryError || !d.client.usable) throw err;
    const tries = (d.attempts.get(key) ?? 0) + 1;
    d.attempts.set(key, tries);
    if (tries >= d.maxAttempts) {
      try {
        return await quarantine('failed repeatedly', { tries, error: (err as Error).message });
      } catch (moveErr) {
        d.attempts.set(key, d.maxAttempts + 1);
        log.error({ err: moveErr, tries }, 'IMAP message could not be quarantined either; skipping it until restart');
        return 'deferred';
      }
    }
    log.warn({ err, tries, maxTries: d.maxAttempts }, 'IMAP message could not be taken in; will try again');
    return 'deferred';
  }
}
