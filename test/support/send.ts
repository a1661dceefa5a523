import nodemailer from 'nodemailer';
import { Socket } from 'node:net';
import { waitFor } from './ports.js';
import type { TierdeskProcess } from './system.js';

/** Sends a message to the intake listener over SMTP, the way any mail server would. */
export async function sendMail(port: number, mail: nodemailer.SendMailOptions): Promise<{ messageId: string; response: string }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail(mail);
    return { messageId: info.messageId, response: info.response };
  } finally {
    transport.close();
  }
}

/** Mails a customer message to `td`'s intake and waits until triage has classified its ticket; returns the ticket id. */
export async function mailIn(td: TierdeskProcess, messageId: string, from: string, subject: string, text: string): Promise<string> {
  await sendMail(td.smtpPort, { from, to: 'support@tierdesk.test', subject, text, messageId });
  return waitFor(`the ticket of ${messageId}`, async () => {
    const r = await td.api<{ tickets: Array<{ id: string; triage: unknown }> }>('GET', `/api/tickets?messageId=${encodeURIComponent(messageId)}`);
    const t = r.body.tickets[0];
    return t && t.triage ? t.id : null;
  });
}

/** Sends raw bytes as DATA (for messages nodemailer would refuse to build). */
export async function sendRaw(port: number, from: string, to: string, raw: Buffer | string): Promise<{ code: number; reply: string }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope: { from, to: [to] }, raw });
    return { code: 250, reply: info.response };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    return { code: e.responseCode ?? 0, reply: e.response ?? e.message };
  } finally {
    transport.close();
  }
}

/** Minimal raw SMTP dialogue to observe exact reply codes (e.g. 552 during DATA). */
export async function smtpDialogue(port: number, lines: Array<string | Buffer>): Promise<string[]> {
  const sock = new Socket();
  const replies: string[] = [];
  let buf = '';
  let waiting: ((s: string) => void) | null = null;
  sock.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (/^\d{3} /.test(line)) {
        replies.push(line);
        const w = waiting;
        waiting = null;
        w?.(line);
      }
    }
  });
  const next = () => new Promise<string>((r) => (waiting = r));
  await new Promise<void>((r) => sock.connect(port, '127.0.0.1', () => r()));
  await next();
  for (const l of lines) {
    const p = next();
    sock.write(l);
    await p;
  }
  sock.end('QUIT\r\n');
  return replies;
}
