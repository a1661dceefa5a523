import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AgentConfig } from '@tierdesk/domain';
import { signInPage } from './pages/sign-in-page.js';
import { pageContext, safeNext, sessionOf, type ConsoleDeps } from './request-context.js';
import { SESSION_COOKIE, SESSION_TTL_MS, cookieHeader } from './session.js';

/** Wrong tokens allowed per address and minute before sign-in is refused outright. */
export const MAX_FAILED_SIGN_INS = 10;

function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The agent whose own token this is; every configured token is compared, so timing tells nothing. */
export function agentWithToken(agents: readonly AgentConfig[], given: string): AgentConfig | null {
  let found: AgentConfig | null = null;
  for (const a of agents) if (a.token !== undefined && tokenMatches(given, a.token) && !found) found = a;
  return found;
}

class FailureThrottle {
  private readonly failures = new Map<string, { n: number; until: number }>();
  blocked(ip: string, now: number): boolean {
    const f = this.failures.get(ip);
    if (f && f.until <= now) this.failures.delete(ip);
    return (this.failures.get(ip)?.n ?? 0) >= MAX_FAILED_SIGN_INS;
  }
  fail(ip: string, now: number): void {
    const f = this.failures.get(ip);
    if (f && f.until > now) f.n++;
    else this.failures.set(ip, { n: 1, until: now + 60_000 });
    // Keeps the map small under a flood of addresses.
    if (this.failures.size > 10_000) this.failures.clear();
  }
}

/** Sends the browser to sign in; pages come back to where they were. */
export function toSignIn(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const next = req.method === 'GET' ? req.url : '/console';
  return reply.code(303).header('location', `/console/sign-in?next=${encodeURIComponent(next)}`).send();
}

export function registerAuthRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const throttle = new FailureThrottle();

  app.get<{ Querystring: { next?: string; out?: string; expired?: string } }>('/console/sign-in', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    if (ctx.session) return reply.code(303).header('location', safeNext(req.query.next)).send();
    const notice = req.query.out ? ctx.t('signedOut') : req.query.next && req.query.next !== '/console' ? ctx.t('sessionExpired') : undefined;
    return reply.type('text/html; charset=utf-8').send(signInPage(ctx, { next: safeNext(req.query.next), ...(notice ? { notice } : {}) }).value);
  });

  app.post<{ Body: Record<string, string> }>('/console/sign-in', async (req, reply) => {
    const ctx = pageContext(deps, req, reply);
    const form = req.body ?? {};
    const next = safeNext(form.next);
    const agentEmail = typeof form.agent === 'string' ? form.agent : '';
    const chosen = deps.rt.config.agents.find((a) => a.email === agentEmail)?.email ?? 'console';
    const now = deps.rt.now().getTime();
    const refuse = (status: number, error: string) =>
      reply.code(status).type('text/html; charset=utf-8').send(signInPage(ctx, { error, next, agent: chosen }).value);
    if (throttle.blocked(req.ip, now)) return refuse(429, ctx.t('tooManyAttempts'));
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    if (!token) return refuse(400, ctx.t('missingToken'));
    // The API token lets the person say who they are; an agent's own token says it for them.
    const isApiToken = tokenMatches(token, deps.rt.secrets.apiToken);
    const own = agentWithToken(deps.rt.config.agents, token);
    if (!isApiToken && !own) {
      throttle.fail(req.ip, now);
      req.log.warn({ ip: req.ip }, 'console sign-in refused: wrong token');
      return refuse(401, ctx.t('wrongToken'));
    }
    const agent = !isApiToken && own ? own.email : chosen;
    const kid = !isApiToken && own?.token ? deps.signer.tokenId(own.token) : undefined;
    const { cookie } = deps.signer.issue(agent, now, kid);
    req.log.info({ agent, with: kid ? 'agent token' : 'API token' }, 'console sign-in');
    return reply
      .code(303)
      .header('set-cookie', cookieHeader(SESSION_COOKIE, cookie, { maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000), secure: deps.secureCookies }))
      .header('location', next)
      .send();
  });

  app.post<{ Body: Record<string, string> }>('/console/sign-out', async (req, reply) => {
    const session = sessionOf(deps, req);
    // Without a valid form token a third party could sign people out; with SameSite=Strict it is belt and braces.
    if (session && !deps.signer.csrfValid(session, req.body?._csrf)) return reply.code(403).send('CSRF token missing or wrong.');
    return reply
      .code(303)
      .header('set-cookie', cookieHeader(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: deps.secureCookies }))
      .header('location', '/console/sign-in?out=1')
      .send();
  });
}
