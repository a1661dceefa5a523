import { randomBytes } from 'node:crypto';
import type { Level, Ticket, TicketStatus } from '@tierdesk/domain';
import type { TicketStore } from '@tierdesk/store';
import { DEMO_MAILS, type DemoMail } from './demo-mails.js';
import { sendDemoMail } from './send-demo-mail.js';

/** What happened to one demo email. */
export interface DemoRow {
  intendedLevel: Level;
  language: string;
  subject: string;
  messageId: string;
  ticketId: string | null;
  level: Level | null;
  status: TicketStatus | null;
  category: string | null;
  /** Kinds of the emails Tierdesk sent about the ticket, in order. */
  emails: string[];
  sla: { policy: string | null; firstResponseDue: string | null; resolutionDue: string | null };
}

export interface DemoResult {
  rows: DemoRow[];
  /** False when the timeout came before every ticket had settled. */
  settled: boolean;
}

export interface DemoOptions {
  store: TicketStore;
  smtpHost: string;
  smtpPort: number;
  /** The support address the demo writes to. */
  to: string;
  now: () => Date;
  timeoutMs?: number;
  /** How long nothing may change before the demo reports. */
  settleMs?: number;
  mails?: readonly DemoMail[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rowOf(mail: DemoMail, messageId: string, t: Ticket | null): DemoRow {
  return {
    intendedLevel: mail.level,
    language: t?.language ?? mail.language,
    subject: mail.subject,
    messageId,
    ticketId: t?.id ?? null,
    level: t?.level ?? null,
    status: t?.status ?? null,
    category: t?.category ?? null,
    emails: t ? t.messages.filter((m) => m.direction === 'out' && m.kind).map((m) => m.kind as string) : [],
    sla: { policy: t?.sla.policy ?? null, firstResponseDue: t?.sla.firstResponseDue ?? null, resolutionDue: t?.sla.resolutionDue ?? null },
  };
}

/**
 * Sends the demo emails through the running system over SMTP, then watches the store until every
 * ticket exists, has been answered and nothing has changed for `settleMs` (or the timeout comes).
 */
export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const mails = opts.mails ?? DEMO_MAILS;
  const run = randomBytes(4).toString('hex');
  const ids = mails.map((_, i) => `<demo-${run}-${i}@tierdesk.demo>`);
  for (let i = 0; i < mails.length; i++) await sendDemoMail(opts.smtpHost, opts.smtpPort, opts.to, mails[i]!, ids[i]!, opts.now());

  const timeoutMs = opts.timeoutMs ?? 30_000;
  const settleMs = opts.settleMs ?? 2_000;
  const started = Date.now();
  let lastSignature = '';
  let stableSince = Date.now();
  let tickets: Array<Ticket | null> = [];
  for (;;) {
    tickets = await Promise.all(
      ids.map(async (id) => {
        const ticketId = await opts.store.findByMessageId(id);
        return ticketId ? opts.store.get(ticketId) : null;
      }),
    );
    const signature = tickets.map((t) => (t ? `${t.id}@${t.version}` : '-')).join(',');
    if (signature !== lastSignature) {
      lastSignature = signature;
      stableSince = Date.now();
    }
    const answered = tickets.every((t) => t !== null && t.triage !== null && t.messages.some((m) => m.direction === 'out'));
    if (answered && Date.now() - stableSince >= settleMs) return { rows: mails.map((m, i) => rowOf(m, ids[i]!, tickets[i] ?? null)), settled: true };
    if (Date.now() - started >= timeoutMs) return { rows: mails.map((m, i) => rowOf(m, ids[i]!, tickets[i] ?? null)), settled: false };
    await sleep(250);
  }
}
