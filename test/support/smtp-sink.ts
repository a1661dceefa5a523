import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SunkMail {
  raw: Buffer;
  parsed: ParsedMail;
  header(name: string): string | undefined;
  envelopeTo: string[];
}

/** A real SMTP server that keeps what it receives, standing in for the world's mail servers. */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  /** While set, every message is refused with this SMTP code. */
  refuseWith: number | null = null;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.refuseWith) {
            const err = Object.assign(new Error('refused by test'), { responseCode: this.refuseWith });
            cb(err);
            return;
          }
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              this.mails.push({
                raw,
                parsed,
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                header: (name: string) => {
                  const v = parsed.headers.get(name.toLowerCase());
                  if (v === undefined) return undefined;
                  return typeof v === 'string' ? v : typeof v === 'object' && v && 'text' in v ? String((v as { text: string }).text) : String(v);
                },
              });
              cb();
            },
            (err: Error) => cb(err),
          );
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    const addr = this.server.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
    return this;
  }

  byKind(kind: string, ticket?: string): SunkMail[] {
    return this.mails.filter((m) => m.header('x-tierdesk-kind') === kind && (!ticket || m.header('x-tierdesk-ticket') === ticket));
  }

  private readonly seenAt = new Map<SunkMail, number>();

  /** Mails of a kind for a ticket, each with the time a test first saw it (through this call). */
  arrivals(kind: string, ticket: string): Array<{ mail: SunkMail; at: number }> {
    for (const m of this.mails) if (!this.seenAt.has(m)) this.seenAt.set(m, Date.now());
    return this.byKind(kind, ticket).map((m) => ({ mail: m, at: this.seenAt.get(m)! }));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
