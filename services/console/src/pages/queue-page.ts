import { LEVELS, LEVEL_DEFINITIONS, PRIORITIES, TICKET_STATUSES, type Level } from '@tierdesk/domain';
import { formatTime } from '../format.js';
import { html, query, type SafeHtml } from '../html.js';
import { priorityLabel, statusLabel } from '../labels.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { filterQuery, needsTriage, type QueueFilters, type QueueView } from '../queue-data.js';
import { countdownHtml } from './countdown.js';

function option(value: string, label: string, selected: boolean): SafeHtml {
  return html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
}

function filterForm(ctx: PageContext, f: QueueFilters, view: QueueView): SafeHtml {
  const t = ctx.t;
  return html`<form method="get" action="/console" class="filters" id="filters" aria-label="${t('filters')}">
  ${f.level !== null ? html`<input type="hidden" name="level" value="${f.level}">` : ''}
  <label>${t('status')}
    <select name="status" id="f-status">
      ${option('active', t('active'), f.status === 'active')}
      ${option('all', t('any'), f.status === 'all')}
      ${TICKET_STATUSES.map((s) => option(s, statusLabel(ctx.lang, s), f.status === s))}
    </select></label>
  <label>${t('priority')}
    <select name="priority">
      ${option('', t('any'), f.priority === '')}
      ${PRIORITIES.map((p) => option(p, priorityLabel(ctx.lang, p), f.priority === p))}
    </select></label>
  <label>${t('language2')}
    <select name="language">
      ${option('', t('any'), f.language === '')}
      ${view.languages.map((l) => option(l, l.toUpperCase(), f.language === l))}
    </select></label>
  <label class="check"><input type="checkbox" name="needsTriage" value="1"${f.needsTriage ? html` checked` : ''}> ${t('needsTriage')}</label>
  <button type="submit">${t('apply')}</button>
  <a href="/console">${t('reset')}</a>
</form>`;
}

/** Tabs for L0–L4 with the number of matching tickets in each. */
function levelTabs(ctx: PageContext, f: QueueFilters, view: QueueView): SafeHtml {
  const total = LEVELS.reduce<number>((n, l) => n + view.counts[l], 0);
  const tab = (level: Level | null, label: string, count: number) => {
    const href = `/console${query({ ...filterQuery(f), level: level === null ? undefined : String(level) })}`;
    const current = f.level === level;
    return html`<li><a href="${href}"${current ? html` aria-current="page"` : ''} class="tab${current ? ' current' : ''}" data-level="${level ?? 'all'}">${label} <span class="count" data-count-level="${level ?? 'all'}">${count}</span></a></li>`;
  };
  return html`<nav aria-label="${ctx.t('queues')}" class="tabs"><ul>
  ${tab(null, ctx.t('any'), total)}
  ${LEVELS.map((l) => tab(l, `L${l}`, view.counts[l]))}
</ul></nav>`;
}

function rows(ctx: PageContext, level: Level, view: QueueView): SafeHtml {
  const t = ctx.t;
  const list = view.levels[level];
  if (!list.length) return html`<p class="empty">${t('noTickets')}</p>`;
  return html`<table class="queue">
<thead><tr><th scope="col">${t('ticket')}</th><th scope="col">${t('subject')}</th><th scope="col">${t('customer')}</th><th scope="col">${t('status')}</th><th scope="col">${t('priority')}</th><th scope="col">${t('language2')}</th><th scope="col">${t('sla')}</th><th scope="col">${t('updated')}</th></tr></thead>
<tbody>
${list.map(
  ({ ticket: tk, sla }) => html`<tr data-ticket="${tk.id}" class="prio-${tk.priority}">
  <td><a class="ticket-link" href="/console/tickets/${tk.id}">${tk.id}</a>${needsTriage(tk) ? html` <span class="badge triage" title="${t('needsTriage')}">?</span>` : ''}</td>
  <td class="subject">${tk.subject}</td>
  <td>${tk.customer.name || tk.customer.email}</td>
  <td><span class="status status-${tk.status}">${statusLabel(ctx.lang, tk.status)}</span></td>
  <td>${priorityLabel(ctx.lang, tk.priority)}</td>
  <td>${tk.language.toUpperCase()}</td>
  <td>${countdownHtml(ctx, sla)}</td>
  <td><time datetime="${tk.updatedAt}">${formatTime(ctx, tk.updatedAt)}</time></td>
</tr>`,
)}
</tbody></table>`;
}

/** The live part of the queue page: replaced as a whole by the browser on each refresh. */
export function queueSections(ctx: PageContext, f: QueueFilters, view: QueueView): SafeHtml {
  const levels = f.level === null ? LEVELS : [f.level];
  return html`${levelTabs(ctx, f, view)}
${levels.map(
  (l) => html`<section class="level" aria-labelledby="level-${l}-h" id="level-${l}">
<h2 id="level-${l}-h">L${l} · ${LEVEL_DEFINITIONS[l].name[ctx.lang]} <span class="count">(${view.counts[l]})</span></h2>
${rows(ctx, l, view)}
</section>`,
)}
${view.truncated ? html`<p class="muted">…</p>` : ''}`;
}

export function queuePage(ctx: PageContext, f: QueueFilters, view: QueueView): SafeHtml {
  const t = ctx.t;
  const feed = `/console/api/queue${query(filterQuery(f))}`;
  const body = html`<h1>${t('queues')}</h1>
${filterForm(ctx, f, view)}
<p class="live-note"><span id="live-status" role="status" aria-live="polite">${t('live')}</span></p>
<div id="queue-live" data-feed="${feed}">
${queueSections(ctx, f, view)}
</div>`;
  return layout(ctx, t('queues'), body, { bodyData: { page: 'queue' } });
}
