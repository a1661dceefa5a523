import type { KindTemplate } from '../common.js';

/** `agent-reply`: an agent's answer to the customer, sent as written. */
export const agentReply: KindTemplate = {
  audience: 'customer',
  render: {
    en: (ctx, f) => ({
      subject: `Re: ${f.subject}`,
      blocks: [f.text(ctx.body), 'To answer, simply reply to this email.'],
    }),
    fr: (ctx, f) => ({
      subject: `Re : ${f.subject}`,
      blocks: [f.text(ctx.body), 'Pour nous répondre, répondez simplement à cet e-mail.'],
    }),
    de: (ctx, f) => ({
      subject: `AW: ${f.subject}`,
      blocks: [f.text(ctx.body), 'Wenn Sie uns antworten möchten, antworten Sie einfach auf diese E-Mail.'],
    }),
  },
};
