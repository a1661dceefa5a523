import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '@tierdesk/runtime';
import { CONSOLE_CSS } from './assets/console-css.js';
import { CONSOLE_JS } from './assets/console-js.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { pageContext, sessionOf, type ConsoleDeps } from './request-context.js';
import { registerActionRoutes } from './routes-actions.js';
import { registerAuthRoutes, toSignIn } from './routes-auth.js';
import { registerJobRoutes } from './routes-jobs.js';
import { registerPageRoutes, sendHtml } from './routes-pages.js';
import { SessionSigner } from './session.js';
import { TierdeskError } from '@tierdesk/domain';
import { countFailedJobs } from '@tierdesk/bus';

/** Pages load nothing from elsewhere: no remote images (tracking pixels), scripts or styles. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const PUBLIC_PATHS = ['/console/sign-in', '/console/assets/'];
const FORM_LIMIT = 1024 * 1024;

function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) if (!(k in out)) out[k] = v;
  return out;
}

function isPublic(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return PUBLIC_PATHS.some((p) => path === p || (p.endsWith('/') && path.startsWith(p)));
}

/** A POST from another site (Origin set and not ours) is refused before it reaches a handler. */
function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

async function consoleScope(app: FastifyInstance, rt: Runtime, root: FastifyInstance): Promise<void> {
  const deps: ConsoleDeps = { rt, signer: new SessionSigner(rt.secrets.apiToken), secureCookies: rt.env.publicUrl.startsWith('https:') };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => done(null, parseForm(body as string)));

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method === 'POST' && crossSite(req)) return reply.code(403).type('text/plain').send('Cross-site form posts are refused.');
    if (isPublic(req.url)) return;
    const session = sessionOf(deps, req);
    if (!session) {
      if (req.url.startsWith('/console/api/')) return reply.code(401).send({ error: { code: 'UNAUTHORIZED', message: 'Sign in to the console first.' } });
      return toSignIn(req, reply);
    }
    if (req.method === 'POST' && !req.url.startsWith('/console/sign-out')) {
      const body = req.body as Record<string, unknown> | undefined;
      if (!deps.signer.csrfValid(session, body?._csrf)) {
        const ctx = pageContext(deps, req, reply);
        return sendHtml(reply, 403, layout(ctx, ctx.t('badCsrf'), html`<p class="alert error" role="alert"><code>CSRF_INVALID</code> ${ctx.t('badCsrf')}</p><p><a href="/console">${ctx.t('back')}</a></p>`));
      }
    }
    // The navigation's dead-letter badge: one count per queue, only for pages (not feeds or forms).
    if (req.method === 'GET' && !req.url.startsWith('/console/api/')) req.consoleFailedJobs = await countFailedJobs(rt.bus).catch(() => null);
  });

  app.setErrorHandler((err: Error, req, reply) => {
    if (req.url.startsWith('/console/api/') && err instanceof TierdeskError) {
      return reply.code(err.code === 'TICKET_NOT_FOUND' ? 404 : 400).send({ error: { code: err.code, message: err.message } });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return reply.code(status).type('text/plain; charset=utf-8').send(err.message);
    req.log.error({ err }, 'console request failed');
    return reply.code(500).type('text/plain; charset=utf-8').send('Something went wrong on our side; the details are in the server log.');
  });

  app.get('/console/assets/console.css', async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CONSOLE_CSS));
  app.get('/console/assets/console.js', async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(CONSOLE_JS));

  registerAuthRoutes(app, deps);
  registerPageRoutes(app, deps);
  registerJobRoutes(app, deps);
  registerActionRoutes(app, () => root, deps);
}

/**
 * The agent console, for the API server's `publicPlugins`: it lives outside the bearer-token
 * scope and guards itself with a signed session cookie. Its routes are encapsulated, so its form
 * parser, headers and hooks touch nothing else on the server.
 */
export function consolePlugin(app: FastifyInstance, rt: Runtime): void {
  void app.register(async (scope) => consoleScope(scope, rt, app));
}
