import type { MailKind } from '@tierdesk/domain';
import { InvalidInputError } from '@tierdesk/domain';
import { sanitizeHeaderText } from '../sanitize-header-text.js';
import { renderHtml, renderText, type Block } from './blocks.js';
import { customerFooter, greeting, signOff, vendorFooter, type KindTemplate } from './common.js';
import { createFormatter, normalizeLanguage } from './format.js';
import { ack } from './kinds/ack.js';
import { agentNotification } from './kinds/agent-notification.js';
import { agentReply } from './kinds/agent-reply.js';
import { callbackReminder } from './kinds/callback-reminder.js';
import { callbackScheduled } from './kinds/callback-scheduled.js';
import { consentRequest } from './kinds/consent-request.js';
import { kbAnswer } from './kinds/kb-answer.js';
import { resolved } from './kinds/resolved.js';
import { slaBreach, slaWarning } from './kinds/sla.js';
import { vendorFollowup } from './kinds/vendor-followup.js';
import { vendorHandoff } from './kinds/vendor-handoff.js';
import type { RenderedEmail, TemplateContext } from './template-context.js';

/** One template per MailKind; the compiler insists every kind has one. */
export const TEMPLATES: Readonly<Record<MailKind, KindTemplate>> = {
  ack,
  'kb-answer': kbAnswer,
  'agent-notification': agentNotification,
  'sla-warning': slaWarning,
  'sla-breach': slaBreach,
  'callback-scheduled': callbackScheduled,
  'callback-reminder': callbackReminder,
  'consent-request': consentRequest,
  'vendor-handoff': vendorHandoff,
  'vendor-followup': vendorFollowup,
  'agent-reply': agentReply,
  resolved,
};

/** Context without which an email of that kind would be useless (no slot, no links, no vendor). */
const REQUIRED: Partial<Record<MailKind, (ctx: TemplateContext) => boolean>> = {
  'callback-scheduled': (ctx) => Boolean(ctx.callback?.start && ctx.callback.end),
  'consent-request': (ctx) => Boolean(ctx.consent?.vendorName && ctx.consent.grantUrl && ctx.consent.denyUrl),
  'vendor-handoff': (ctx) => Boolean(ctx.vendor?.name),
  'vendor-followup': (ctx) => Boolean(ctx.vendor?.name),
};
const REQUIRED_FIELD: Partial<Record<MailKind, string>> = {
  'callback-scheduled': 'callback.start/end',
  'consent-request': 'consent.vendorName/grantUrl/denyUrl',
  'vendor-handoff': 'vendor.name',
  'vendor-followup': 'vendor.name',
};

/**
 * Renders the email of `kind` in the recipient's language (fr, de, else English): a subject
 * without the [TD-n] tag, plain text, and the same content as escaped HTML.
 */
export function renderEmail(kind: MailKind, language: string, ctx: TemplateContext): RenderedEmail {
  const template = TEMPLATES[kind];
  if (!template) throw new InvalidInputError(`No email template for kind ${JSON.stringify(kind)}.`, { kind });
  const required = REQUIRED[kind];
  if (required && !required(ctx)) {
    throw new InvalidInputError(`A ${kind} email needs ${REQUIRED_FIELD[kind]} in its template context.`, { kind, field: REQUIRED_FIELD[kind] });
  }
  const lang = normalizeLanguage(language);
  const f = createFormatter(ctx, lang);
  const { subject, blocks } = template.render[lang](ctx, f);
  const audience = template.audience;
  const name = ctx.recipientName || (audience === 'customer' ? ctx.ticket.customer.name : audience === 'vendor' ? ctx.vendor?.name : undefined);
  const all: Block[] = [greeting(f, name, audience), ...blocks, signOff(f, audience)];
  if (audience === 'customer') all.push(customerFooter(f));
  if (audience === 'vendor') all.push(vendorFooter(f));
  const cleanSubject = sanitizeHeaderText(subject);
  return { subject: cleanSubject, text: renderText(all, f.sep), html: renderHtml(all, f.sep, lang, cleanSubject) };
}
