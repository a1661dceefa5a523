import { createHash } from 'node:crypto';
import { CONSOLE_CSS } from './assets/console-css.js';
import { CONSOLE_JS } from './assets/console-js.js';
import { html, query, type SafeHtml } from './html.js';
import { LANGUAGES } from './i18n.js';
import type { PageContext } from './page-context.js';

/** Changes with the assets, so a browser never keeps a stale script after an upgrade. */
export const ASSET_VERSION = createHash('sha256').update(CONSOLE_CSS).update(CONSOLE_JS).digest('hex').slice(0, 10);

function langSwitch(ctx: PageContext): SafeHtml {
  const [path, qs] = ctx.path.split('?', 2);
  const params = new URLSearchParams(qs ?? '');
  const links = LANGUAGES.map((l) => {
    params.set('lang', l);
    const href = `${path}?${params.toString()}`;
    return l === ctx.lang
      ? html`<li><span aria-current="true" class="lang-current">${l.toUpperCase()}</span></li>`
      : html`<li><a href="${href}" hreflang="${l}" lang="${l}">${l.toUpperCase()}</a></li>`;
  });
  return html`<nav class="langs" aria-label="${ctx.t('language')}"><ul>${links}</ul></nav>`;
}

/** The navigation link to the dead letters, with their number when there are any. */
function failedJobsLink(ctx: PageContext): SafeHtml {
  const n = ctx.failedJobs;
  const current = ctx.path.split('?', 1)[0] === '/console/jobs' ? html` aria-current="page"` : '';
  const badge = n ? html` <span class="badge">${n}</span>` : '';
  return html`<a href="/console/jobs"${current}>${ctx.t('failedJobs')}${badge}</a>`;
}

/** The page shell: no external assets, one stylesheet and one script from this server. */
export function layout(ctx: PageContext, title: string, body: SafeHtml, opts: { bodyData?: Record<string, string> } = {}): SafeHtml {
  const t = ctx.t;
  const data = Object.entries(opts.bodyData ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  const signedIn = ctx.session
    ? html`<span class="who">${t('signedInAs', { agent: ctx.session.agent })}</span>
        <form method="post" action="/console/sign-out" class="inline">
          <input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" class="link">${t('signOut')}</button>
        </form>`
    : '';
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · ${t('appName')}</title>
<link rel="stylesheet" href="/console/assets/console.css${query({ v: ASSET_VERSION })}">
<script src="/console/assets/console.js${query({ v: ASSET_VERSION })}" defer></script>
</head>
<body${data} data-i18n-left="${t('left')}" data-i18n-overdue="${t('overdue')}" data-i18n-paused="${t('paused')}" data-i18n-live-error="${t('liveError')}" data-i18n-new="${t('newTickets')}">
<a class="skip" href="#main">${t('skip')}</a>
<header class="top">
  <a class="brand" href="/console" accesskey="q">${t('appName')}</a>
  ${ctx.session ? html`<a href="/console">${t('queues')}</a> ${failedJobsLink(ctx)}` : ''}
  <span class="spacer"></span>
  ${langSwitch(ctx)}
  ${signedIn}
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="keys" id="keys"><p>${t('shortcuts')}</p></footer>
</body>
</html>`;
}
