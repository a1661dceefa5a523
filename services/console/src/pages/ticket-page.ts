import { LEVEL_DEFINITIONS, type Ticket } from '@tierdesk/domain';
import { describeData, formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { eventLabel, priorityLabel, statusLabel } from '../labels.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { actionForms, type FormValues } from './ticket-forms.js';
import { callbackPanel, consentPanel, slaPanel, triagePanel, vendorPanel } from './ticket-panels.js';

/** The outcome of the last action, shown above everything else. */
export type Flash = { kind: 'done'; action: string } | { kind: 'error'; code: string; message: string };

function thread(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  // Customer mail is shown as its plain text only, escaped: HTML, scripts and remote images never reach the page.
  return html`<section class="thread" aria-labelledby="thread-h"><h2 id="thread-h">${t('messages')} (${tk.messages.length})</h2>
<ol class="messages">
${tk.messages.map(
  (m) => html`<li class="message ${m.direction}${m.role ? ` role-${m.role}` : ''}">
<p class="meta"><span class="dir">${m.direction === 'in' ? t('inbound') : t('outbound')}</span>
${m.kind ? html`<span class="kind">${m.kind}</span>` : ''}
<span class="from">${m.from}</span>${m.to?.length ? html` → <span class="to">${m.to.join(', ')}</span>` : ''}
<time datetime="${m.at}">${formatTime(ctx, m.at)}</time></p>
${m.subject ? html`<p class="msg-subject">${m.subject}</p>` : ''}
${m.text ? html`<pre class="body">${m.text}</pre>` : m.direction === 'in' ? html`<p class="muted">${t('noText')}</p>` : ''}
</li>`,
)}
</ol></section>`;
}

function timeline(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  return html`<section class="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">${t('timeline')} (${tk.events.length})</h2>
<ol class="events">
${[...tk.events].reverse().map(
  (e) => html`<li data-event="${e.type}"><time datetime="${e.at}">${formatTime(ctx, e.at)}</time> <strong>${eventLabel(ctx.lang, e.type)}</strong> <code>${e.type}</code>
<span class="data">${describeData(e.data)}</span></li>`,
)}
</ol></section>`;
}

function header(ctx: PageContext, tk: Ticket): SafeHtml {
  const t = ctx.t;
  return html`<h1><span class="tid">${tk.id}</span> ${tk.subject}</h1>
<dl class="facts">
<dt>${t('status')}</dt><dd><span class="status status-${tk.status}" id="ticket-status" data-status="${tk.status}">${statusLabel(ctx.lang, tk.status)}</span></dd>
<dt>${t('level')}</dt><dd id="ticket-level" data-level="${tk.level}">L${tk.level} · ${LEVEL_DEFINITIONS[tk.level].name[ctx.lang]}</dd>
<dt>${t('priority')}</dt><dd>${priorityLabel(ctx.lang, tk.priority)}</dd>
<dt>${t('category')}</dt><dd>${tk.category ?? '–'}</dd>
<dt>${t('language2')}</dt><dd>${tk.language.toUpperCase()}</dd>
<dt>${t('customer')}</dt><dd>${tk.customer.name ? `${tk.customer.name} <${tk.customer.email}>` : tk.customer.email}</dd>
<dt>${t('created')}</dt><dd>${formatTime(ctx, tk.createdAt)}</dd>
${tk.flags.length ? html`<dt>${t('flags')}</dt><dd>${tk.flags.join(', ')}</dd>` : ''}
</dl>`;
}

/** Everything on the ticket page that changes by itself; the browser swaps it when the version moves. */
export function ticketLive(ctx: PageContext, tk: Ticket): SafeHtml {
  return html`${header(ctx, tk)}
<div class="panels">
${slaPanel(ctx, tk)}
${triagePanel(ctx, tk)}
${callbackPanel(ctx, tk)}
${consentPanel(ctx, tk)}
${vendorPanel(ctx, tk)}
</div>
${thread(ctx, tk)}
${timeline(ctx, tk)}`;
}

function flashHtml(ctx: PageContext, flash: Flash | null): SafeHtml | string {
  if (!flash) return '';
  if (flash.kind === 'done') return html`<p class="alert ok" role="status" id="flash">${ctx.t('done', { action: flash.action })}</p>`;
  return html`<div class="alert error" role="alert" id="flash" tabindex="-1"><p><strong>${ctx.t('notDone', { code: flash.code })}</strong></p>
<p><code class="error-code">${flash.code}</code> ${flash.message}</p><p>${ctx.t('notDoneHint')}</p></div>`;
}

export function ticketPage(ctx: PageContext, tk: Ticket, flash: Flash | null, values: FormValues = {}): SafeHtml {
  const body = html`<p><a href="/console">← ${ctx.t('back')}</a></p>
${flashHtml(ctx, flash)}
<div class="ticket-grid">
<div id="ticket-live" data-feed="/console/api/tickets/${tk.id}" data-version="${tk.version}">
${ticketLive(ctx, tk)}
</div>
${actionForms(ctx, tk, values)}
</div>`;
  return layout(ctx, `${tk.id} ${tk.subject}`, body, { bodyData: { page: 'ticket' } });
}
