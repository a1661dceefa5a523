import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Console sessions: a cookie holding who signed in and until when, signed with an HMAC key
 * derived from the API token. Changing API_TOKEN therefore signs everyone out, and no session
 * state lives on the server.
 */
export interface ConsoleSession {
  /** Session id: the CSRF token is derived from it. */
  sid: string;
  /** The agent acting (an email from the config, or "console"). */
  agent: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
  /**
   * Set when the agent signed in with their own token: a fingerprint of that token
   * ({@link SessionSigner.tokenId}), so changing or removing it in the config ends the session.
   */
  kid?: string;
}

export const SESSION_COOKIE = 'td_console';
export const LANG_COOKIE = 'td_lang';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function b64(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

function equal(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

export class SessionSigner {
  private readonly key: Buffer;
  constructor(apiToken: string) {
    this.key = createHmac('sha256', apiToken).update('tierdesk console session v1').digest();
  }

  private mac(data: string): string {
    return b64(createHmac('sha256', this.key).update(data).digest());
  }

  issue(agent: string, nowMs: number, kid?: string): { session: ConsoleSession; cookie: string } {
    const session: ConsoleSession = { sid: b64(randomBytes(16)), agent, exp: nowMs + SESSION_TTL_MS, ...(kid ? { kid } : {}) };
    const body = b64(JSON.stringify(session));
    return { session, cookie: `${body}.${this.mac(body)}` };
  }

  /** The session in a cookie value, or null when it is forged, damaged or expired. */
  verify(cookie: string | undefined, nowMs: number): ConsoleSession | null {
    if (!cookie) return null;
    const dot = cookie.indexOf('.');
    if (dot <= 0) return null;
    const body = cookie.slice(0, dot);
    if (!equal(cookie.slice(dot + 1), this.mac(body))) return null;
    try {
      const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<ConsoleSession>;
      if (typeof s.sid !== 'string' || typeof s.agent !== 'string' || typeof s.exp !== 'number') return null;
      if (s.kid !== undefined && typeof s.kid !== 'string') return null;
      return s.exp > nowMs ? (s as ConsoleSession) : null;
    } catch {
      return null;
    }
  }

  /** A short, keyed fingerprint of an agent token: it identifies the token without revealing it. */
  tokenId(agentToken: string): string {
    return this.mac(`agent-token:${agentToken}`).slice(0, 22);
  }

  /** The form token of a session (synchroniser pattern without server state). */
  csrfToken(session: ConsoleSession): string {
    return this.mac(`csrf:${session.sid}`);
  }

  csrfValid(session: ConsoleSession, given: unknown): boolean {
    return typeof given === 'string' && given.length > 0 && equal(given, this.csrfToken(session));
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export function cookieHeader(name: string, value: string, opts: { maxAgeSeconds: number; secure: boolean; httpOnly?: boolean }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/console', `Max-Age=${opts.maxAgeSeconds}`, 'SameSite=Strict'];
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}
