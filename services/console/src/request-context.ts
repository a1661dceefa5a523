import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '@tierdesk/runtime';
import type { AgentConfig } from '@tierdesk/domain';
import { isLang, negotiateLang, translator, type Lang } from './i18n.js';
import type { PageContext } from './page-context.js';
import { LANG_COOKIE, SESSION_COOKIE, cookieHeader, parseCookies, type ConsoleSession, type SessionSigner } from './session.js';

/** What each console request handler shares: the runtime, the signer and the root app. */
export interface ConsoleDeps {
  rt: Runtime;
  signer: SessionSigner;
  /** True when PUBLIC_URL is https, so cookies get `Secure`. */
  secureCookies: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession | null;
    /** Dead letters counted for a signed-in page view (the navigation badge). */
    consoleFailedJobs?: number | null;
  }
}

export function sessionOf(deps: ConsoleDeps, req: FastifyRequest): ConsoleSession | null {
  if (req.consoleSession === undefined) {
    const session = deps.signer.verify(parseCookies(req.headers.cookie)[SESSION_COOKIE], deps.rt.now().getTime());
    req.consoleSession = session && agentTokenStillValid(deps.signer, deps.rt.config.agents, session) ? session : null;
  }
  return req.consoleSession;
}

/** A session opened with an agent's own token lasts only while the config still gives that agent that token. */
export function agentTokenStillValid(signer: SessionSigner, agents: readonly AgentConfig[], session: ConsoleSession): boolean {
  if (session.kid === undefined) return true;
  const agent = agents.find((a) => a.email === session.agent);
  return agent?.token !== undefined && signer.tokenId(agent.token) === session.kid;
}

/** `?lang=xx` switches and remembers the language; otherwise the cookie, then Accept-Language. */
export function langOf(deps: ConsoleDeps, req: FastifyRequest, reply: FastifyReply): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(q)) {
    reply.header('set-cookie', cookieHeader(LANG_COOKIE, q, { maxAgeSeconds: 365 * 86400, secure: deps.secureCookies, httpOnly: false }));
    return q;
  }
  const c = parseCookies(req.headers.cookie)[LANG_COOKIE];
  return isLang(c) ? c : negotiateLang(req.headers['accept-language']);
}

export function pageContext(deps: ConsoleDeps, req: FastifyRequest, reply: FastifyReply): PageContext {
  const lang = langOf(deps, req, reply);
  const session = sessionOf(deps, req);
  return {
    lang,
    t: translator(lang),
    session,
    csrf: session ? deps.signer.csrfToken(session) : '',
    config: deps.rt.config,
    now: deps.rt.now(),
    path: req.url,
    failedJobs: req.consoleFailedJobs ?? null,
  };
}

/** Only same-console paths may be a post-sign-in destination (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/console(\/[^\s\\]*)?(\?[^\s\\]*)?$/.test(value) && !value.startsWith('//') ? value : '/console';
}
