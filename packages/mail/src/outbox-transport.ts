import { createHash, randomBytes } from 'node:crypto';
import { access, constants, link, mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { toDeliveryError } from './classify-delivery-error.js';
import type { MailTransport, MailTransportOptions } from './mail-transport.js';
import { toNodemailerMessage } from './nodemailer-message.js';
import type { OutboundEmail } from './outbound-email.js';

/** Readers ignore dot files: temp files and the claims live under names starting with '.'. */
const CLAIMS_DIR = '.claims';

function shortHash(messageId: string): string {
  return createHash('sha256').update(messageId).digest('hex').slice(0, 12);
}

function fileNameFor(email: OutboundEmail, at: Date, hash: string): string {
  // ISO time without colons (not allowed in Windows file names); still sorts by time.
  const iso = at.toISOString().replace(/:/g, '');
  return `${iso}-${email.ticketId}-${email.kind}-${hash}.eml`;
}

/** Writes `data` to `path` so that a reader sees either nothing or the whole file. */
async function writeAtomically(dir: string, path: string, data: Buffer | string): Promise<void> {
  const tmp = join(dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/**
 * The file name a Message-ID is written under. The first send claims a name (created with
 * link(), which fails if the claim exists, so two processes cannot both claim); every later
 * send of the same Message-ID reuses it and overwrites the same file: no duplicates.
 */
async function claimFileName(dir: string, email: OutboundEmail): Promise<string> {
  const hash = shortHash(email.messageId);
  const claimsDir = join(dir, CLAIMS_DIR);
  const claim = join(claimsDir, createHash('sha256').update(email.messageId).digest('hex'));
  const existing = await readFile(claim, 'utf8').catch(() => '');
  if (existing.endsWith('.eml')) return existing;
  await mkdir(claimsDir, { recursive: true });
  const name = fileNameFor(email, new Date(), hash);
  const tmp = join(claimsDir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  // Written in full under a private name before link() publishes it, so a claim is never half there.
  await writeFile(tmp, name, { flag: 'wx' });
  try {
    await link(tmp, claim);
    return name;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readFile(claim, 'utf8')) || name;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * The outbox used when SMTP_URL is unset: each email becomes one RFC 822 .eml file in
 * `outboxDir`, built by nodemailer exactly as it would go over SMTP.
 */
export function createOutboxTransport(opts: MailTransportOptions): MailTransport {
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    ...(opts.dkim ? { dkim: opts.dkim } : {}),
  });
  const via = `outbox:${opts.outboxDir}`;

  return {
    async send(email) {
      try {
        const info = await builder.sendMail(toNodemailerMessage(email, opts.from));
        if (!Buffer.isBuffer(info.message)) throw new Error('stream transport did not buffer the message');
        await mkdir(opts.outboxDir, { recursive: true });
        const name = await claimFileName(opts.outboxDir, email);
        const path = join(opts.outboxDir, name);
        await writeAtomically(opts.outboxDir, path, info.message);
        return { messageId: email.messageId, location: path };
      } catch (err) {
        throw toDeliveryError(err, { messageId: email.messageId, via });
      }
    },
    async verify() {
      try {
        await mkdir(opts.outboxDir, { recursive: true });
        await access(opts.outboxDir, constants.W_OK);
      } catch (err) {
        throw toDeliveryError(err, { messageId: '(verify)', via });
      }
    },
    async close() {
      builder.close();
    },
  };
}
