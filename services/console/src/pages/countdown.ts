import { html, type SafeHtml } from '../html.js';
import type { PageContext } from '../page-context.js';
import { formatDuration, type Countdown } from '../sla-view.js';

/**
 * One SLA countdown. The browser keeps it ticking between refreshes from `data-ms` and
 * `data-state` (no client clock involved: it counts from when the page got the value).
 */
export function countdownHtml(ctx: PageContext, c: Countdown | null): SafeHtml {
  const t = ctx.t;
  if (!c) return html`<span class="sla sla-none">${t('noSla')}</span>`;
  const title = `${t(c.target === 'firstResponse' ? 'firstResponse' : 'resolution')}: ${c.due}`;
  let text: string;
  switch (c.state) {
    case 'met':
      text = t('met');
      break;
    case 'overdue':
      text = t('overdue', { t: formatDuration(c.ms) });
      break;
    case 'paused':
      text = t('paused', { t: formatDuration(c.ms) });
      break;
    default:
      text = t('left', { t: formatDuration(c.ms) });
  }
  const note = c.state === 'stopped' ? html` <small class="muted">(${t('outsideHours')})</small>` : '';
  return html`<span class="sla sla-${c.state}" data-state="${c.state}" data-ms="${c.ms}" title="${title}"><time datetime="${c.due}">${text}</time></span>${note}`;
}
