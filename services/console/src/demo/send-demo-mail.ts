import nodemailer from 'nodemailer';
import { TierdeskError } from '@tierdesk/domain';
import type { DemoMail } from './demo-mails.js';

export class DemoSmtpError extends TierdeskError {
  constructor(host: string, port: number, cause: string) {
    super(
      'DEMO_SMTP_UNREACHABLE',
      `Cannot deliver the demo emails to the intake SMTP listener at ${host}:${port} (${cause}). Start Tierdesk first (\`npx tierdesk start\`) and run the demo with the same INTAKE_SMTP_HOST/INTAKE_SMTP_PORT.`,
    );
  }
}

/** Delivers one demo email over real SMTP, exactly as a customer's mail server would. */
export async function sendDemoMail(host: string, port: number, to: string, mail: DemoMail, messageId: string, date: Date): Promise<void> {
  const transport = nodemailer.createTransport({ host, port, secure: false, ignoreTLS: true, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10000 });
  try {
    await transport.sendMail({ from: mail.from, to, subject: mail.subject, text: mail.text, messageId, date, headers: { 'Content-Language': mail.language } });
  } catch (err) {
    throw new DemoSmtpError(host, port, (err as Error).message);
  } finally {
    transport.close();
  }
}
