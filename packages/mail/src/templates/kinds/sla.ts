import type { Block } from '../blocks.js';
import { agentFooter, ticketFields, type KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';
import { agentExtras } from './agent-context.js';

function facts(ctx: TemplateContext, f: Formatter) {
  const sla = ctx.sla;
  return {
    target: sla ? f.target(sla.target) : f.target('resolution'),
    due: sla ? f.date(sla.due, sla.timezone) : '',
    policy: sla?.policy ? f.text(sla.policy) : '',
  };
}

function tail(ctx: TemplateContext, f: Formatter): Block[] {
  return [...agentExtras(ctx, f), { fields: ticketFields(ctx, f, 'agent') }, agentFooter(f)];
}

/** `sla-warning`: a target of the ticket's SLA will soon be missed. */
export const slaWarning: KindTemplate = {
  audience: 'agent',
  render: {
    en: (ctx, f) => {
      const s = facts(ctx, f);
      return {
        subject: `SLA warning (${s.target}): ${f.subject}`,
        blocks: [`The ${s.target} target of ticket ${f.ticketId}${s.policy ? ` (SLA policy ${s.policy})` : ''} is due${s.due ? ` on ${s.due}` : ' soon'}. Please act before it is breached.`, ...tail(ctx, f)],
      };
    },
    fr: (ctx, f) => {
      const s = facts(ctx, f);
      return {
        subject: `Alerte SLA (${s.target}) : ${f.subject}`,
        blocks: [`L'objectif de ${s.target} du ticket ${f.ticketId}${s.policy ? ` (politique SLA ${s.policy})` : ''} arrive à échéance${s.due ? ` le ${s.due}` : ' bientôt'}. Merci d'agir avant qu'il ne soit dépassé.`, ...tail(ctx, f)],
      };
    },
    de: (ctx, f) => {
      const s = facts(ctx, f);
      return {
        subject: `SLA-Warnung (${s.target}): ${f.subject}`,
        blocks: [`Das Ziel „${s.target}“ von Ticket ${f.ticketId}${s.policy ? ` (SLA-Richtlinie ${s.policy})` : ''} ist ${s.due ? `am ${s.due}` : 'bald'} fällig. Bitte handeln Sie, bevor es verletzt wird.`, ...tail(ctx, f)],
      };
    },
  },
};

/** `sla-breach`: a target was missed; to the level's agents and the escalation contacts. */
export const slaBreach: KindTemplate = {
  audience: 'agent',
  render: {
    en: (ctx, f) => {
      const s = facts(ctx, f);
      return {
        subject: `SLA breached (${s.target}): ${f.subject}`,
        blocks: [`The ${s.target} target of ticket ${f.ticketId}${s.policy ? ` (SLA policy ${s.policy})` : ''} ${s.due ? `was due on ${s.due} and ` : ''}has been breached. Please take it over or escalate it now.`, ...tail(ctx, f)],
      };
    },
    fr: (ctx, f) => {
      const s = facts(ctx, f);
      return {
        subject: `SLA dépassé (${s.target}) : ${f.subject}`,
        blocks: [`L'objectif de ${s.target} du ticket ${f.ticketId}${s.policy ? ` (politique SLA ${s.policy})` : ''} ${s.due ? `arrivait à échéance le ${s.due} et ` : ''}a été dépassé. Merci de le prendre en charge ou de l'escalader maintenant.`, ...tail(ctx, f)],
      };
    },
    de: (ctx, f) => {
      const s = facts(ctx, f);
      return {
        subject: `SLA verletzt (${s.target}): ${f.subject}`,
        blocks: [`Das Ziel „${s.target}“ von Ticket ${f.ticketId}${s.policy ? ` (SLA-Richtlinie ${s.policy})` : ''} ${s.due ? `war am ${s.due} fällig und ` : ''}wurde verletzt. Bitte übernehmen oder eskalieren Sie es jetzt.`, ...tail(ctx, f)],
      };
    },
  },
};
