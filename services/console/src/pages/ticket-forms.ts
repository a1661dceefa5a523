import { LEVELS, LEVEL_DEFINITIONS, PRIORITIES, type Ticket } from '@tierdesk/domain';
import { html, type SafeHtml } from '../html.js';
import { priorityLabel } from '../labels.js';
import type { PageContext } from '../page-context.js';

/**
 * Action forms. Every form is offered whatever the ticket's state: the API decides what is
 * allowed, and a refusal comes back to the page with its error code, nothing changed.
 */
export type FormValues = Record<string, string>;

function form(ctx: PageContext, tk: Ticket, action: string, title: string, inner: SafeHtml, submit: string): SafeHtml {
  return html`<form method="post" action="/console/tickets/${tk.id}/${action}" class="action stack" id="form-${action}" aria-labelledby="form-${action}-h">
<h3 id="form-${action}-h">${title}</h3>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${inner}
<button type="submit" id="submit-${action}">${submit}</button>
</form>`;
}

function levelOptions(ctx: PageContext, selected: number): SafeHtml[] {
  return LEVELS.map((l) => html`<option value="${l}"${l === selected ? html` selected` : ''}>L${l} · ${LEVEL_DEFINITIONS[l].name[ctx.lang]}</option>`);
}

export function actionForms(ctx: PageContext, tk: Ticket, values: FormValues = {}): SafeHtml {
  const t = ctx.t;
  const nextLevel = Number(values.level ?? Math.min(tk.level + 1, 4));
  const suggested = values.vendor ?? tk.vendor?.id ?? tk.consent?.vendorId ?? tk.triage?.vendor ?? '';
  const categories = [...new Set(ctx.config.rules.map((r) => r.category))].sort();
  return html`<section class="actions" aria-labelledby="actions-h"><h2 id="actions-h">${t('actions')}</h2>
${form(ctx, tk, 'reply', t('reply'), html`<label for="reply-body">${t('replyBody')}</label>
<textarea id="reply-body" name="body" rows="5" required accesskey="r">${values.body ?? ''}</textarea>`, t('sendReply'))}
${form(ctx, tk, 'escalate', t('changeLevel'), html`<label for="escalate-level">${t('level')}</label>
<select id="escalate-level" name="level" accesskey="e">${levelOptions(ctx, nextLevel)}</select>
<label for="escalate-reason">${t('reason')}</label>
<input id="escalate-reason" name="reason" required value="${values.reason ?? ''}">`, t('changeLevelSubmit'))}
${form(ctx, tk, 'priority', t('changePriority'), html`<label for="priority-value">${t('priority')}</label>
<select id="priority-value" name="priority">${PRIORITIES.map((p) => html`<option value="${p}"${p === (values.priority ?? tk.priority) ? html` selected` : ''}>${priorityLabel(ctx.lang, p)}</option>`)}</select>
<label for="priority-reason">${t('reasonOptional')}</label>
<input id="priority-reason" name="priorityReason" value="${values.priorityReason ?? ''}">`, t('changePrioritySubmit'))}
${form(ctx, tk, 'resolve', t('resolve'), html`<label for="resolve-resolution">${t('resolution')}</label>
<input id="resolve-resolution" name="resolution" required accesskey="s" value="${values.resolution ?? ''}">`, t('resolveSubmit'))}
${form(ctx, tk, 'callback', t('callbackOutcome'), html`<fieldset><legend>${t('outcome')}</legend>
<label class="check"><input type="radio" name="outcome" value="reached" required${values.outcome === 'reached' ? html` checked` : ''}> ${t('reached')}</label>
<label class="check"><input type="radio" name="outcome" value="no-answer"${values.outcome === 'no-answer' ? html` checked` : ''}> ${t('noAnswer')}</label></fieldset>
<label for="callback-notes">${t('notes')}</label>
<textarea id="callback-notes" name="notes" rows="2">${values.notes ?? ''}</textarea>`, t('recordOutcome'))}
${form(ctx, tk, 'consent', t('phoneConsent'), html`<fieldset><legend>${t('consent')}</legend>
<label class="check"><input type="radio" name="granted" value="true" required${values.granted === 'true' ? html` checked` : ''}> ${t('consentGranted')}</label>
<label class="check"><input type="radio" name="granted" value="false"${values.granted === 'false' ? html` checked` : ''}> ${t('consentDenied')}</label></fieldset>`, t('recordConsent'))}
${form(ctx, tk, 'vendor', t('chooseVendor'), html`<label for="vendor-id">${t('vendor')}</label>
<select id="vendor-id" name="vendor">${ctx.config.vendors.map((v) => html`<option value="${v.id}"${v.id === suggested ? html` selected` : ''}>${v.name} (${v.id})</option>`)}</select>`, t('chooseVendorSubmit'))}
<form method="post" action="/console/tickets/${tk.id}/triage" class="action stack" id="form-triage" aria-labelledby="form-triage-h">
<h3 id="form-triage-h">${t('triageReview')}</h3>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
<p class="muted">${t('triageNote')}</p>
<button type="submit" name="verdict" value="confirmed" id="submit-triage-confirm">${t('triageConfirm')}</button>
<label for="triage-level">${t('correctLevel')}</label>
<select id="triage-level" name="level">${levelOptions(ctx, Number(values.triageLevel ?? tk.level))}</select>
<label for="triage-category">${t('correctCategory')}</label>
<input id="triage-category" name="category" list="categories" value="${values.category ?? tk.category ?? ''}">
<datalist id="categories">${categories.map((c) => html`<option value="${c}">`)}</datalist>
<button type="submit" name="verdict" value="corrected" id="submit-triage-correct">${t('triageCorrect')}</button>
</form>
</section>`;
}
