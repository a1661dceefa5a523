import { consentLanguage, type ConsentDecision, type ConsentLinkProblem, type Ticket } from '@tierdesk/domain';
import { CONSENT_PAGE_WORDS, type ConsentPageWords } from './consent-page-text.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Fills `{name}` placeholders with escaped values; the template text itself is ours. */
function fill(template: string, values: Record<string, string>): string {
  return escapeHtml(template).replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? escapeHtml(values[k] ?? '') : m));
}

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.3rem;border:1px solid #555;background:#f4f4f4;cursor:pointer}
.muted{color:#666;font-size:.9rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function words(ticket: Ticket | null): { lang: string; w: ConsentPageWords } {
  const lang = consentLanguage(ticket?.language ?? 'en');
  return { lang, w: CONSENT_PAGE_WORDS[lang] };
}

/** GET: what the link would do, and one button that does it (a form POST to the same address). */
export function confirmPage(ticket: Ticket, vendorName: string, decision: ConsentDecision, shared: readonly string[]): string {
  const { lang, w } = words(ticket);
  const v = { vendor: vendorName, id: ticket.id, subject: ticket.subject };
  const list = decision === 'grant' ? `<p>${fill(w.sharedIntro, v)}</p>\n<ul>${shared.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : '';
  return page(
    lang,
    w.title,
    [
      `<p><strong>${fill(w.ticket, v)}</strong></p>`,
      `<p>${fill(decision === 'grant' ? w.askGrant : w.askDeny, v)}</p>`,
      list,
      // No action attribute: the form posts back to this very address, whatever PUBLIC_URL's path.
      `<form method="post"><input type="hidden" name="confirm" value="${decision}"><button type="submit">${fill(decision === 'grant' ? w.confirmGrant : w.confirmDeny, v)}</button></form>`,
      `<p class="muted">${fill(w.note, v)}</p>`,
    ].join('\n'),
  );
}

/** POST succeeded: the decision is on record. */
export function decidedPage(ticket: Ticket, vendorName: string, granted: boolean): string {
  const { lang, w } = words(ticket);
  const v = { vendor: vendorName, id: ticket.id };
  return page(lang, granted ? w.grantedTitle : w.deniedTitle, `<p>${fill(granted ? w.granted : w.denied, v)}</p>`);
}

/** Why a link does nothing, in the ticket's language when the ticket is known. */
export function refusedPage(problem: ConsentLinkProblem, ticket: Ticket | null): string {
  const { lang, w } = words(ticket);
  const c = ticket?.consent;
  const at = c?.decidedAt ? `${c.decidedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const decision = c?.status === 'granted' ? w.decisionGranted : w.decisionDenied;
  return page(lang, w.refusedTitle, `<p>${fill(w.problems[problem], { id: ticket?.id ?? '', at, decision })}</p>`);
}

/** HTTP status of a refused link: bad links 400, stale ones 410, ones whose moment has passed 409. */
export function refusedStatus(problem: ConsentLinkProblem): number {
  switch (problem) {
    case 'expired':
    case 'superseded':
      return 410;
    case 'used':
    case 'ticket-finished':
    case 'not-requested':
      return 409;
    default:
      return 400;
  }
}
