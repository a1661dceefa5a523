import { describe, expect, it } from 'vitest';
import { SessionSigner, cookieHeader, parseCookies, SESSION_TTL_MS } from '../src/session.js';
import { negotiateLang, translator } from '../src/i18n.js';
import { agentTokenStillValid } from '../src/request-context.js';
import { agentWithToken } from '../src/routes-auth.js';

describe('console sessions', () => {
  const signer = new SessionSigner('the-api-token');
  const now = Date.UTC(2026, 10, 25, 12);

  it('verifies its own cookie and reads the agent back', () => {
    const { cookie, session } = signer.issue('elena.rossi@example.com', now);
    expect(signer.verify(cookie, now + 1000)).toEqual(session);
  });

  it('refuses a tampered, foreign, expired or malformed cookie', () => {
    const { cookie } = signer.issue('a@example.com', now);
    const [body, mac] = cookie.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ sid: 'x', agent: 'boss@example.com', exp: now + 1e9 })).toString('base64url');
    expect(signer.verify(`${forged}.${mac}`, now)).toBeNull();
    expect(new SessionSigner('another-token').verify(cookie, now)).toBeNull();
    expect(signer.verify(cookie, now + SESSION_TTL_MS + 1)).toBeNull();
    expect(signer.verify(body, now)).toBeNull();
    expect(signer.verify('', now)).toBeNull();
    expect(signer.verify(undefined, now)).toBeNull();
  });

  it('derives a CSRF token per session and checks it in constant time', () => {
    const a = signer.issue('a@example.com', now).session;
    const b = signer.issue('a@example.com', now).session;
    expect(signer.csrfValid(a, signer.csrfToken(a))).toBe(true);
    expect(signer.csrfValid(a, signer.csrfToken(b))).toBe(false);
    expect(signer.csrfValid(a, undefined)).toBe(false);
    expect(signer.csrfValid(a, '')).toBe(false);
  });

  it('writes HttpOnly SameSite=Strict cookies scoped to /console, Secure on https', () => {
    const c = cookieHeader('td_console', 'v', { maxAgeSeconds: 60, secure: true });
    expect(c).toContain('HttpOnly');
    expect(c).toContain('SameSite=Strict');
    expect(c).toContain('Path=/console');
    expect(c).toContain('Secure');
    expect(cookieHeader('x', 'v', { maxAgeSeconds: 1, secure: false })).not.toContain('Secure');
    expect(parseCookies('a=1; td_console=x.y; b=%20')).toEqual({ a: '1', td_console: 'x.y', b: ' ' });
  });
});

describe('console language', () => {
  it('picks FR/DE/EN from Accept-Language by q-value, English otherwise', () => {
    expect(negotiateLang('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(negotiateLang('it-IT, fr;q=0.5, de;q=0.7')).toBe('de');
    expect(negotiateLang('fr-CH')).toBe('fr');
    expect(negotiateLang('es, it')).toBe('en');
    expect(negotiateLang(undefined)).toBe('en');
    expect(negotiateLang('fr;q=0, de;q=0.1')).toBe('de');
  });

  it('fills slots in each language', () => {
    expect(translator('fr')('notDone', { code: 'X' })).toBe('Non effectué : X');
    expect(translator('de')('left', { t: '1h' })).toBe('noch 1h');
    expect(translator('en')('levelN', { n: 3 })).toBe('Level 3');
  });
});

describe('agent-token sessions', () => {
  const signer = new SessionSigner('the-api-token');
  const now = Date.UTC(2026, 10, 25, 12);
  const token = 'elena-0123456789abcdef';

  it('carry a fingerprint of the agent token that names neither the token nor its hash', () => {
    const kid = signer.tokenId(token);
    expect(kid).toMatch(/^[\w-]{22}$/);
    expect(kid).not.toBe(signer.tokenId(`${token}x`));
    expect(new SessionSigner('another-api-token').tokenId(token)).not.toBe(kid);
    const { cookie, session } = signer.issue('elena.rossi@example.com', now, kid);
    expect(session.kid).toBe(kid);
    expect(signer.verify(cookie, now)).toEqual(session);
    expect(Buffer.from(cookie.split('.')[0]!, 'base64url').toString()).not.toContain(token);
  });

  it('end when the config no longer gives the agent that token', () => {
    const kid = signer.tokenId(token);
    const session = signer.issue('elena.rossi@example.com', now, kid).session;
    const agent = { email: 'elena.rossi@example.com', name: 'Elena', levels: [3 as const], timezone: 'UTC', language: 'en' as const };
    expect(agentTokenStillValid(signer, [{ ...agent, token }], session)).toBe(true);
    expect(agentTokenStillValid(signer, [{ ...agent, token: `${token}-new` }], session)).toBe(false);
    expect(agentTokenStillValid(signer, [agent], session)).toBe(false);
    expect(agentTokenStillValid(signer, [], session)).toBe(false);
    // Sessions opened with the API token do not depend on agent tokens.
    expect(agentTokenStillValid(signer, [], signer.issue('console', now).session)).toBe(true);
  });

  it('find the agent by their own token only', () => {
    const agents = [
      { email: 'a@example.com', name: 'A', levels: [1 as const], timezone: 'UTC', language: 'en' as const, token: 'aaaaaaaaaaaaaaaa' },
      { email: 'b@example.com', name: 'B', levels: [2 as const], timezone: 'UTC', language: 'en' as const },
      { email: 'c@example.com', name: 'C', levels: [3 as const], timezone: 'UTC', language: 'en' as const, token: 'cccccccccccccccc' },
    ];
    expect(agentWithToken(agents, 'cccccccccccccccc')?.email).toBe('c@example.com');
    expect(agentWithToken(agents, 'aaaaaaaaaaaaaaaa')?.email).toBe('a@example.com');
    expect(agentWithToken(agents, 'aaaaaaaaaaaaaaa')).toBeNull();
    expect(agentWithToken(agents, '')).toBeNull();
  });
});
