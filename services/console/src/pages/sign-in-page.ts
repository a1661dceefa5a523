import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

/** The only console page reachable without a session. `error` is shown as an alert. */
export function signInPage(ctx: PageContext, opts: { error?: string; notice?: string; next?: string; agent?: string }): SafeHtml {
  const t = ctx.t;
  const agents = ctx.config.agents.map(
    (a) => html`<option value="${a.email}"${opts.agent === a.email ? html` selected` : ''}>${a.name} &lt;${a.email}&gt; · L${a.levels.join(',L')}</option>`,
  );
  const body = html`<section class="signin">
<h1>${t('signInTitle')}</h1>
<p>${t('signInIntro')}</p>
${opts.error ? html`<p class="alert error" role="alert" id="signin-error">${opts.error}</p>` : ''}
${opts.notice ? html`<p class="alert" role="status">${opts.notice}</p>` : ''}
<form method="post" action="/console/sign-in" class="stack">
  <input type="hidden" name="next" value="${opts.next ?? '/console'}">
  <label for="token">${t('tokenLabel')}</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required autofocus${opts.error ? html` aria-invalid="true" aria-describedby="signin-error"` : ''}>
  <label for="agent">${t('agentLabel')}</label>
  <select id="agent" name="agent" aria-describedby="agent-hint">
    <option value="">${t('agentOther')}</option>
    ${agents}
  </select>
  <small id="agent-hint" class="muted">${t('agentHint')}</small>
  <button type="submit">${t('signIn')}</button>
</form>
</section>`;
  return layout(ctx, t('signInTitle'), body);
}
