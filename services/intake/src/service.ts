import type { Runtime, Service } from '@tierdesk/runtime';
import { acceptRawMessage } from './accept.js';
import { createIntakeProcessor } from './intake-processor.js';
import { startSmtpListener, type SmtpListener } from './smtp-listener.js';
import { createImapIntake } from './imap/imap-for-runtime.js';
import type { ImapIntake } from './imap/imap-intake.js';

export interface IntakeService extends Service {
  /** The port the SMTP listener is bound to (useful when configured as an ephemeral port). */
  smtpPort(): number | null;
}

export function createIntakeService(rt: Runtime, opts: { smtp?: boolean } = {}): IntakeService {
  let listener: SmtpListener | null = null;
  let worker: { close(): Promise<void> } | null = null;
  let imap: ImapIntake | null = null;
  const log = rt.logger.child({ service: 'intake' });
  return {
    name: 'intake',
    smtpPort: () => listener?.port ?? null,
    async start() {
      worker = rt.bus.consume('intake', createIntakeProcessor(rt), { concurrency: 8 });
      const wantSmtp = opts.smtp ?? true;
      if (wantSmtp && rt.env.intakeSmtpPort !== 0) {
        listener = await startSmtpListener({
          host: rt.env.intakeSmtpHost,
          port: rt.env.intakeSmtpPort,
          maxBytes: rt.env.intakeMaxBytes,
          logger: log,
          onMessage: async (raw, envelope) => {
            await acceptRawMessage(rt, raw, { channel: 'smtp', ...envelope });
          },
        });
        log.info({ host: rt.env.intakeSmtpHost, port: listener.port }, 'SMTP intake listening');
      }
      // IMAP_URL set: also read that mailbox; a failing server degrades /healthz, never start-up.
      imap = createImapIntake(rt);
      imap?.start();
    },
    healthy: () => imap?.healthy() ?? true,
    async stop() {
      // The listener first, so no new mail is accepted while the worker drains.
      await listener?.close();
      listener = null;
      await imap?.stop();
      imap = null;
      await worker?.close();
      worker = null;
    },
  };
}
