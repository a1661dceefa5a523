import type { FailedJobInfo, RetryResult } from '@tierdesk/bus';
import { formatTime } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

/** A ticket page link only for ids that look like tickets (job data is not trusted markup). */
const TICKET_ID = /^TD-\d{1,12}$/;
const REASON_CHARS = 240;

export type JobsFlash = { kind: 'done'; result: Pick<RetryResult, 'retried' | 'skipped'> } | { kind: 'error'; code: string; message: string };

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function flashHtml(ctx: PageContext, flash: JobsFlash | null): SafeHtml | string {
  if (!flash) return '';
  if (flash.kind === 'error') {
    return html`<div class="alert error" role="alert" id="flash" tabindex="-1"><p><strong>${ctx.t('notDone', { code: flash.code })}</strong></p>
<p><code class="error-code">${flash.code}</code> ${flash.message}</p></div>`;
  }
  const { retried, skipped } = flash.result;
  const list = (jobs: Array<{ queue: string; id: string; state?: string }>) => jobs.map((j) => html`<li><code>${j.queue}</code> <code>${j.id}</code>${j.state ? ` (${j.state})` : ''}</li>`);
  return html`<div class="alert ok" role="status" id="flash" tabindex="-1"><p>${ctx.t('retryResult', { retried: retried.length, skipped: skipped.length })}</p>
${retried.length || skipped.length ? html`<ul>${list(retried)}${list(skipped)}</ul>` : ''}</div>`;
}

function row(ctx: PageContext, j: FailedJobInfo): SafeHtml {
  const ticket = j.ticketId && TICKET_ID.test(j.ticketId) ? html`<a href="/console/tickets/${j.ticketId}">${j.ticketId}</a>` : (j.ticketId ?? '–');
  return html`<tr>
<td><code>${j.queue}</code></td>
<td><code>${j.id}</code></td>
<td>${ticket}</td>
<td class="reason" title="${truncate(j.failedReason, 2000)}">${truncate(j.failedReason, REASON_CHARS)}</td>
<td>${j.attemptsMade}</td>
<td>${formatTime(ctx, j.failedAt ?? j.timestamp)}</td>
<td><form method="post" action="/console/jobs/retry" class="inline">
<input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="queue" value="${j.queue}"><input type="hidden" name="id" value="${j.id}">
<button type="submit" aria-label="${ctx.t('retryJob', { id: j.id })}">${ctx.t('retry')}</button></form></td>
</tr>`;
}

/** The dead letters of every queue, each with a replay button, and one to replay them all. */
export function failedJobsPage(ctx: PageContext, jobs: FailedJobInfo[], flash: JobsFlash | null): SafeHtml {
  const t = ctx.t;
  const table = jobs.length
    ? html`<table class="queue failed-jobs">
<caption>${t('failedJobsCount', { n: jobs.length })}</caption>
<thead><tr><th scope="col">${t('queue')}</th><th scope="col">${t('jobId')}</th><th scope="col">${t('ticket')}</th><th scope="col">${t('failureReason')}</th><th scope="col">${t('attempts')}</th><th scope="col">${t('failedAt')}</th><th scope="col">${t('actions')}</th></tr></thead>
<tbody>${jobs.map((j) => row(ctx, j))}</tbody></table>
<form method="post" action="/console/jobs/retry">
<input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="all" value="1">
<button type="submit">${t('retryAll')}</button></form>`
    : html`<p>${t('noFailedJobs')}</p>`;
  const body = html`<h1>${t('failedJobs')}</h1>
${flashHtml(ctx, flash)}
<p>${t('failedJobsIntro')}</p>
${table}`;
  return layout(ctx, t('failedJobs'), body);
}
