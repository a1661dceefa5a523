import { agentFooter, ticketFields, type KindTemplate } from '../common.js';
import type { Formatter } from '../format.js';
import type { TemplateContext } from '../template-context.js';

function call(ctx: TemplateContext, f: Formatter) {
  const cb = ctx.callback;
  return { time: cb ? f.time(cb.start, cb.timezone) : '', slot: cb ? f.slot(cb.start, cb.end, cb.timezone) : '', attempt: cb?.attempt ?? 1 };
}

const outcome = (f: Formatter) => `POST ${f.apiPath}/callback {"outcome": "reached" | "no-answer", "notes": "..."}`;

/** `callback-reminder`: to the agent shortly before a level-2 callback, with how to record the outcome. */
export const callbackReminder: KindTemplate = {
  audience: 'agent',
  render: {
    en: (ctx, f) => {
      const c = call(ctx, f);
      return {
        subject: `Callback${c.time ? ` at ${c.time}` : ''}: ${f.customerName()} — ${f.subject}`,
        blocks: [
          `Reminder: you are due to call ${f.customer()} back${c.slot ? ` on ${c.slot}` : ''} about ticket ${f.ticketId} (attempt ${c.attempt}).`,
          { fields: ticketFields(ctx, f, 'agent') },
          `After the call, record the outcome: ${outcome(f)}`,
          agentFooter(f),
        ],
      };
    },
    fr: (ctx, f) => {
      const c = call(ctx, f);
      return {
        subject: `Rappel client${c.time ? ` à ${c.time}` : ''} : ${f.customerName()} — ${f.subject}`,
        blocks: [
          `Pour mémoire : vous devez rappeler ${f.customer()}${c.slot ? ` le ${c.slot}` : ''} au sujet du ticket ${f.ticketId} (tentative ${c.attempt}).`,
          { fields: ticketFields(ctx, f, 'agent') },
          `Après l'appel, enregistrez le résultat : ${outcome(f)}`,
          agentFooter(f),
        ],
      };
    },
    de: (ctx, f) => {
      const c = call(ctx, f);
      return {
        subject: `Rückruf${c.time ? ` um ${c.time}` : ''}: ${f.customerName()} — ${f.subject}`,
        blocks: [
          `Erinnerung: Sie rufen ${f.customer()}${c.slot ? ` am ${c.slot}` : ''} zu Ticket ${f.ticketId} zurück (Versuch ${c.attempt}).`,
          { fields: ticketFields(ctx, f, 'agent') },
          `Tragen Sie nach dem Anruf das Ergebnis ein: ${outcome(f)}`,
          agentFooter(f),
        ],
      };
    },
  },
};
