// A real SMTP server standing in for the world's mail servers: it keeps a light record of every
// message it accepts (headers only, read with a regex, so counting thousands stays cheap) and can
// be stopped, refuse with a 4xx, and be started again on the same port.
import { SMTPServer } from 'smtp-server';

const unfold = (head) => head.replace(/\r?\n[ \t]+/g, ' ');

function header(head, name) {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : null;
}

export class SmtpSink {
  /** @type {Array<{messageId: string|null, kind: string|null, ticket: string|null, inReplyTo: string|null, autoSubmitted: string|null, to: string[], head: string, at: number}>} */
  mails = [];
  port = 0;
  /** While set, every message is refused at the end of DATA with this code (e.g. 451). */
  refuseWith = null;
  refused = 0;
  server = null;

  async start(port = this.port) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 64 * 1024 * 1024,
      onData: (stream, session, cb) => {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          if (this.refuseWith) {
            this.refused++;
            return cb(Object.assign(new Error('Try again later (test outage)'), { responseCode: this.refuseWith }));
          }
          const raw = Buffer.concat(chunks).toString('latin1');
          const end = raw.search(/\r?\n\r?\n/);
          const head = unfold(end >= 0 ? raw.slice(0, end) : raw);
          this.mails.push({
            messageId: header(head, 'message-id'),
            kind: header(head, 'x-tierdesk-kind'),
            ticket: header(head, 'x-tierdesk-ticket'),
            inReplyTo: header(head, 'in-reply-to'),
            autoSubmitted: header(head, 'auto-submitted'),
            to: session.envelope.rcptTo.map((r) => r.address),
            head,
            at: Date.now(),
          });
          cb();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = this.server.server.address().port;
    return this;
  }

  /** Stops listening and drops open connections at once, as a crashed relay would. */
  async stop() {
    const s = this.server;
    this.server = null;
    if (!s) return;
    for (const c of s.connections ?? []) c.close?.();
    await new Promise((resolve) => s.close(() => resolve()));
  }

  byKind(kind) {
    return this.mails.filter((m) => m.kind === kind);
  }

  /** Message-IDs seen more than once, with how often. */
  duplicates() {
    const seen = new Map();
    for (const m of this.mails) seen.set(m.messageId, (seen.get(m.messageId) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1);
  }

  distinct(kind) {
    return new Set(this.mails.filter((m) => !kind || m.kind === kind).map((m) => m.messageId)).size;
  }
}
