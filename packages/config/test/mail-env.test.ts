import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '@tierdesk/config';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n';

function issues(env: Record<string, string>): string[] {
  try {
    loadEnv(env, '/srv');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => i.path);
    throw err;
  }
  return [];
}

describe('outbound mail settings: SMTP_RATE_LIMIT and DKIM_*', () => {
  it('leaves both off when unset', () => {
    const env = loadEnv({}, '/srv');
    expect(env.smtpRateLimit).toBeUndefined();
    expect(env.dkim).toBeUndefined();
  });

  it('reads a rate limit in messages per second', () => {
    expect(loadEnv({ SMTP_RATE_LIMIT: '20' }, '/srv').smtpRateLimit).toBe(20);
    expect(issues({ SMTP_RATE_LIMIT: '0' })).toEqual(['SMTP_RATE_LIMIT']);
    expect(issues({ SMTP_RATE_LIMIT: 'fast' })).toEqual(['SMTP_RATE_LIMIT']);
  });

  it('reads a DKIM key given inline (with \\n escapes) or from a file', () => {
    const inline = loadEnv({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'td', DKIM_PRIVATE_KEY: PEM.replace(/\n/g, '\\n') }, '/srv');
    expect(inline.dkim).toEqual({ domainName: 'example.com', keySelector: 'td', privateKey: PEM });
    const dir = mkdtempSync(join(tmpdir(), 'td-dkim-'));
    writeFileSync(join(dir, 'dkim.pem'), PEM);
    expect(loadEnv({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'td', DKIM_PRIVATE_KEY_FILE: 'dkim.pem' }, dir).dkim?.privateKey).toBe(PEM);
  });

  it('names every missing or wrong DKIM variable, never echoing the key', () => {
    expect(issues({ DKIM_DOMAIN: 'example.com' }).sort()).toEqual(['DKIM_PRIVATE_KEY', 'DKIM_SELECTOR']);
    expect(issues({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'td', DKIM_PRIVATE_KEY_FILE: '/nope/missing.pem' })).toEqual(['DKIM_PRIVATE_KEY_FILE']);
    try {
      loadEnv({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'td', DKIM_PRIVATE_KEY: 'not-a-key-s3cr3t' }, '/srv');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('DKIM_PRIVATE_KEY');
      expect((err as Error).message).not.toContain('s3cr3t');
    }
  });
});
