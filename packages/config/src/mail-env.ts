import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** DKIM signing of outbound mail (nodemailer's `dkim` option). */
export interface DkimEnv {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** Outbound mail settings beyond SMTP_URL; each absent when its variables are unset. */
export interface MailEnv {
  /** SMTP_RATE_LIMIT: at most this many messages per second per mailer process. */
  smtpRateLimit?: number;
  /** DKIM_DOMAIN + DKIM_SELECTOR + DKIM_PRIVATE_KEY (PEM) or DKIM_PRIVATE_KEY_FILE. */
  dkim?: DkimEnv;
}

type Raw = (name: string) => string | undefined;
type Fail = (name: string, message: string) => void;

/** Reads SMTP_RATE_LIMIT and DKIM_*; problems go to `fail`, named by variable, values never echoed. */
export function readMailEnv(raw: Raw, fail: Fail, cwd: string): MailEnv {
  const out: MailEnv = {};
  const rate = raw('SMTP_RATE_LIMIT');
  if (rate !== undefined) {
    const n = Number(rate);
    if (!/^\d+$/.test(rate) || n < 1 || n > 10_000) fail('SMTP_RATE_LIMIT', `must be a whole number of messages per second from 1 to 10000 (got ${JSON.stringify(rate)}); unset means no limit`);
    else out.smtpRateLimit = n;
  }
  const domainName = raw('DKIM_DOMAIN');
  const keySelector = raw('DKIM_SELECTOR');
  const keyText = raw('DKIM_PRIVATE_KEY');
  const keyFile = raw('DKIM_PRIVATE_KEY_FILE');
  if (!domainName && !keySelector && !keyText && !keyFile) return out;
  if (!domainName) fail('DKIM_DOMAIN', 'is needed for DKIM signing (the d= domain, e.g. example.com), or unset every DKIM_* variable');
  if (!keySelector) fail('DKIM_SELECTOR', 'is needed for DKIM signing (the s= selector whose public key is in DNS, e.g. tierdesk)');
  let privateKey: string | undefined;
  if (keyText) privateKey = keyText.replace(/\\n/g, '\n');
  else if (keyFile) {
    try {
      privateKey = readFileSync(resolve(cwd, keyFile), 'utf8');
    } catch (err) {
      fail('DKIM_PRIVATE_KEY_FILE', `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); give the path of a PEM private key`);
    }
  } else fail('DKIM_PRIVATE_KEY', 'or DKIM_PRIVATE_KEY_FILE is needed for DKIM signing (a PEM private key)');
  if (privateKey !== undefined && !/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(privateKey)) {
    fail(keyText ? 'DKIM_PRIVATE_KEY' : 'DKIM_PRIVATE_KEY_FILE', 'is not a PEM private key (-----BEGIN PRIVATE KEY-----)');
    privateKey = undefined;
  }
  if (domainName && keySelector && privateKey) out.dkim = { domainName, keySelector, privateKey };
  return out;
}
