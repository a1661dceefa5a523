import { LEVEL_DEFINITIONS, type Ticket } from '@tierdesk/domain';
import { formatTime, intlZone } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import type { PageContext } from '../page-context.js';
import { countdowns, formatDuration, slaPauses } from '../sla-view.js';
import { statusLabel } from '../labels.js';
import { countdownHtml } from './countdown.js';

/** Read-only panels of the ticket page: SLA, triage, callback, consent, vendor. */
function row(label: string, value: SafeHtml | string | number | null | undefined): SafeHtml {
  return html`<dt>${label}</dt><dd>${value === null || value === undefined || value === '' ? '–' : value}</dd>`;
}

export function slaPanel(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  const sla = tk.sla;
  if (!sla.policy && !sla.firstResponseDue && !sla.resolutionDue) {
    return html`<section class="panel" id="sla" aria-labelledby="sla-h"><h2 id="sla-h">${t('sla')}</h2><p>${t('noSla')}</p></section>`;
  }
  const items = countdowns(tk, ctx.config, ctx.now).map(
    (c) => html`${row(t(c.target === 'firstResponse' ? 'firstResponse' : 'resolution'), html`${formatTime(ctx, c.due)} · ${countdownHtml(ctx, c)}`)}`,
  );
  const records = (list: typeof sla.breaches | undefined) =>
    list?.length ? html`<ul>${list.map((b) => html`<li>${t(b.target === 'firstResponse' ? 'firstResponse' : 'resolution')}: ${formatTime(ctx, b.at)}</li>`)}</ul>` : t('none');
  return html`<section class="panel" id="sla" aria-labelledby="sla-h"><h2 id="sla-h">${t('sla')}</h2>
<dl>
${row(t('policy'), sla.policy)}
${items}
${row(t('pausedSince'), sla.pausedSince ? formatTime(ctx, sla.pausedSince) : t('none'))}
${row(t('pauses'), pausesHtml(ctx, tk))}
${row(t('warnings'), records(sla.warnings))}
${row(t('breaches'), records(sla.breaches))}
</dl></section>`;
}

/** Every stretch the SLA clock stood still, and the business time it added to the deadlines. */
function pausesHtml(ctx: PageContext, tk: Ticket): SafeHtml | string {
  const t = ctx.t;
  const pauses = slaPauses(tk);
  if (!pauses.length) return t('none');
  const total = tk.sla.pausedMs ? html`<p class="muted" id="sla-paused-total">${t('pausedTotal', { t: formatDuration(tk.sla.pausedMs) })}</p>` : '';
  return html`<ul id="sla-pauses">${pauses.map(
    (p) => html`<li data-pause-status="${p.status}">${formatTime(ctx, p.from)} – ${p.to ? formatTime(ctx, p.to) : t('stillPaused')} (${statusLabel(ctx.lang, p.status)})</li>`,
  )}</ul>${total}`;
}

export function triagePanel(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  const tr = tk.triage;
  if (!tr) return html`<section class="panel" id="triage" aria-labelledby="triage-h"><h2 id="triage-h">${t('triage')}</h2><p>${t('noTriage')}</p></section>`;
  return html`<section class="panel" id="triage" aria-labelledby="triage-h"><h2 id="triage-h">${t('triage')}</h2>
${tk.flags.includes('needs-triage') ? html`<p class="alert warn">${t('needsTriageYes')}</p>` : ''}
<dl>
${row(t('level'), `L${tk.level} · ${LEVEL_DEFINITIONS[tk.level].name[ctx.lang]}`)}
${row(t('category'), tk.category)}
${row(t('confidence'), `${Math.round(tr.confidence * 100)} %`)}
${row(t('kb'), tr.kb.join(', ') || t('none'))}
${row(t('suggestedVendor'), tr.vendor ?? t('none'))}
</dl>
<h3>${t('explanation')}</h3>
${tr.explanation.length ? html`<ul class="explanation">${tr.explanation.map((e) => html`<li>${e}</li>`)}</ul>` : html`<p>${t('none')}</p>`}
</section>`;
}

export function callbackPanel(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  const cb = tk.callback;
  const body = cb
    ? html`<dl>
${row(t('status'), cb.status)}
${row(t('slot'), `${formatTime(ctx, cb.slotStart)} – ${formatTime(ctx, cb.slotEnd)}`)}
${row(t('customerTime', { zone: cb.customerTimezone }), formatTime(ctx, cb.slotStart, intlZone(cb.customerTimezone)))}
${row(t('agent'), cb.agent)}
${row(t('attempts'), `${cb.attempts} / ${ctx.config.callbacks.maxAttempts}`)}
${row(t('notes'), cb.notes ?? '')}
</dl>`
    : html`<p>${t('noCallback')}</p>`;
  return html`<section class="panel" id="callback" aria-labelledby="callback-h"><h2 id="callback-h">${t('callback')}</h2>${body}</section>`;
}

export function consentPanel(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  const c = tk.consent;
  const body = c
    ? html`<dl>
${row(t('status'), c.status)}
${row(t('vendor'), c.vendorId)}
${row(t('requestedAt'), formatTime(ctx, c.requestedAt))}
${row(t('decidedAt'), c.decidedAt ? formatTime(ctx, c.decidedAt) : '')}
${row(t('channel'), c.channel ?? '')}
</dl>`
    : html`<p>${t('noConsent')}</p>`;
  return html`<section class="panel" id="consent" aria-labelledby="consent-h"><h2 id="consent-h">${t('consent')}</h2>${body}</section>`;
}

export function vendorPanel(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  const v = tk.vendor;
  const body = v
    ? html`<dl>
${row(t('vendor'), `${v.name} <${v.email}>`)}
${row(t('handedOffAt'), v.handedOffAt ? formatTime(ctx, v.handedOffAt) : '')}
${row(t('externalRef'), v.externalRef ?? '')}
${row(t('followups'), v.followups)}
${row(t('lastReply'), v.lastReplyAt ? formatTime(ctx, v.lastReplyAt) : '')}
</dl>`
    : html`<p>${t('noVendor')}</p>`;
  return html`<section class="panel" id="vendor" aria-labelledby="vendor-h"><h2 id="vendor-h">${t('vendor')}</h2>${body}</section>`;
}
