import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { ConsentLinkRefusedError, type Ticket } from '@tierdesk/domain';
import type { Runtime } from '@tierdesk/runtime';
import { decideByConsentLink, inspectConsentLink } from './consent-decision.js';
import { confirmPage, decidedPage, refusedPage, refusedStatus } from './consent-page.js';
import { sharedItemsFor } from './shared-content.js';

/** The token is a capability: keep it out of caches, referrers and search engines; pages load nothing external. */
function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .send(html);
}

/** `log`: the request's logger, so the line carries its reqId. */
function refused(log: FastifyBaseLogger, reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof ConsentLinkRefusedError)) throw err;
  const ticket = (err.details?.ticket as Ticket | null | undefined) ?? null;
  log.info({ problem: err.problem, ticketId: err.details?.ticketId ?? null }, 'consent link refused');
  return sendPage(reply, refusedStatus(err.problem), refusedPage(err.problem, ticket));
}

/**
 * A wildcard, not `:token`: Fastify caps named parameters at 100 characters and a signed token
 * is longer. The token's own format check refuses anything with a slash or beyond 600 characters.
 */
const CONSENT_ROUTE = '/consent/*';
type TokenParams = { '*': string };

function vendorName(rt: Runtime, id: string): string {
  return rt.config.vendors.find((v) => v.id === id)?.name ?? id;
}

/**
 * CONTRACT §4: `GET /consent/:token` shows what the link would do and changes nothing (mail
 * scanners prefetch links); `POST /consent/:token` records the decision. Registered outside the
 * bearer-auth scope: the signed token is the authentication.
 */
export function registerConsentRoutes(app: FastifyInstance, rt: Runtime): void {
  void app.register(async (scope) => {
    // The confirm page posts an HTML form; its body carries nothing we need, so it is read and dropped.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    scope.get<{ Params: TokenParams }>(CONSENT_ROUTE, async (req, reply) => {
      try {
        const { payload, ticket } = await inspectConsentLink(rt, req.params['*']);
        const shared = payload.decision === 'grant' ? await sharedItemsFor(rt, ticket) : [];
        return sendPage(reply, 200, confirmPage(ticket, vendorName(rt, payload.vendorId), payload.decision, shared));
      } catch (err) {
        return refused(req.log, reply, err);
      }
    });
    scope.post<{ Params: TokenParams }>(CONSENT_ROUTE, async (req, reply) => {
      try {
        const { payload, ticket } = await decideByConsentLink(rt, req.params['*']);
        req.log.info({ ticketId: ticket.id, granted: payload.decision === 'grant', channel: 'link' }, 'consent decided by link');
        return sendPage(reply, 200, decidedPage(ticket, vendorName(rt, payload.vendorId), payload.decision === 'grant'));
      } catch (err) {
        return refused(req.log, reply, err);
      }
    });
  });
}
