import { createHash, randomBytes } from 'node:crypto';
import { access, constants, link, mkdir, open, readFile, readlink, rename, symlink, unlink, writeFile } from 'node:fs/promises';
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
 * The file name a Message-ID is written under. The first send claims a name: a symlink in the
 * claims folder, named after the Message-ID's hash, whose target is the name (created in one
 * step, and symlink() fails if the claim exists, so two processes cannot both claim and a claim
 * is never half there); every later send of the same Message-ID reads it back and overwrites the
 * same file: no duplicates. Claims of older versions are files holding the name; they are still
 * read, and a file system without symlinks gets such a file (written in full under a private
 * name, then published with link()).
 */
async function claimFileName(dir: string, email: OutboundEmail): Promise<string> {
  const hash = shortHash(email.messageId);
  const claimsDir = join(dir, CLAIMS_DIR);
  const claim = join(claimsDir, createHash('sha256').update(email.messageId).digest('hex'));
  const name = fileNameFor(email, new Date(), hash);
  try {
    await symlink(name, claim);
    return name;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return readClaim(claim, name);
    if (code !== 'EPERM' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
  }
  const tmp = join(claimsDir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  await writeFile(tmp, name, { flag: 'wx' });
  try {
    await link(tmp, claim);
    return name;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readClaim(claim, name);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** The name an existing claim holds: a symlink's target, or an older claim file's content. */
async function readClaim(claim: string, fallback: string): Promise<string> {
  const target = await readlink(claim).catch(() => '');
  if (target.endsWith('.eml')) return target;
  return (await readFile(claim, 'utf8')) || fallback;
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
  // The outbox and its claims folder are made once, and again if someone removed them.
  let folders: Promise<unknown> | null = null;
  const makeFolders = (): Promise<unknown> => (folders ??= mkdir(join(opts.outboxDir, CLAIMS_DIR), { recursive: true }).catch((err: unknown) => {
    folders = null;
    throw err;
  }));
  const writeOut = async (email: OutboundEmail, message: Buffer): Promise<string> => {
    await makeFolders();
    const name = await claimFileName(opts.outboxDir, email);
    const path = join(opts.outboxDir, name);
    await writeAtomically(opts.outboxDir, path, message);
    return path;
  };

  return {
    async send(email) {
      try {
        const info = await builder.sendMail(toNodemailerMessage(email, opts.from));
        if (!Buffer.isBuffer(info.message)) throw new Error('stream transport did not buffer the message');
        let path: string;
        try {
          path = await writeOut(email, info.message);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          folders = null;
          path = await writeOut(email, info.message);
        }
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
