import { TierdeskError } from '@tierdesk/domain';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { contentHashMessageId, normalizeMessageId } from './message-id.js';
import { firstField, headerText, splitHeaderBlock } from './parse/raw-headers.js';

/** Storage is unavailable for now (Redis down …): the sender must keep the message and retry (SMTP 451). */
export class IntakeTemporaryError extends TierdeskError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INTAKE_UNAVAILABLE', message, details);
  }
}

/** The message is refused for good (SMTP 554); the message text goes back to the sender. */
export class IntakeRejectedError extends TierdeskError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INTAKE_REJECTED', message, details);
  }
}

/** The part of a pino logger the listener uses; @tierdesk/logger's Logger satisfies it. */
export interface ListenerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** SMTP envelope of a received message. `mailFrom` is '' for the null sender `<>` (bounces). */
export interface SmtpEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string | null;
}

export interface SmtpListenerOptions {
  host: string;
  /** 0 picks a free port (tests); read the bound one from SmtpListener.port. */
  port: number;
  /** INTAKE_MAX_BYTES: advertised as SIZE and enforced while DATA streams in (552). */
  maxBytes: number;
  logger: ListenerLogger;
  /** Must store the raw message durably before resolving: the client gets 250 only then. */
  onMessage: (raw: Buffer, envelope: SmtpEnvelope) => Promise<void>;
  /** How long close() lets DATA in progress finish before dropping connections. Default 5000. */
  closeTimeoutMs?: number;
  /** RCPT TO beyond this many per message get 452. Default 100. */
  maxRecipients?: number;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

type SmtpError = Error & { responseCode: number };

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/** The id the message will be known by, for the log line; cheap (header block only, plus a hash when absent). */
function logMessageId(raw: Buffer): string {
  const field = firstField(splitHeaderBlock(raw).fields, 'message-id');
  return (field && normalizeMessageId(headerText(field.value))) ?? contentHashMessageId(raw);
}

/**
 * Starts the inbound SMTP listener (CONTRACT §2 INTAKE_SMTP_HOST/PORT). Plain SMTP without AUTH or
 * STARTTLS: it is meant to sit behind the organisation's MTA or on localhost, where TLS ends
 * earlier. Replies: 250 only after onMessage resolved (the message is stored); 552 over maxBytes,
 * counted while DATA streams so an oversized message is drained, never held; 451 when onMessage
 * throws IntakeTemporaryError or anything unexpected (the client keeps the message and retries);
 * 554 for IntakeRejectedError. Logs carry message id, remote address and size — never content.
 */
export async function startSmtpListener(opts: SmtpListenerOptions): Promise<SmtpListener> {
  const log = opts.logger;
  const maxRecipients = opts.maxRecipients ?? 100;
  let closing = false;
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const settle = () => {
    inFlight--;
    if (inFlight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  };

  const handleData = (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) => {
    inFlight++;
    const remoteAddress = session.remoteAddress || null;
    const chunks: Buffer[] = [];
    let size = 0;
    let oversize = false;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (oversize) return;
      if (size > opts.maxBytes) {
        // Keep counting, stop keeping: the rest of the message is drained and dropped.
        oversize = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    // A client that disconnects mid-DATA destroys the stream without 'end': nothing to deliver,
    // but the message no longer counts as in flight.
    let ended = false;
    let counted = true;
    const finish = () => {
      if (counted) settle();
      counted = false;
    };
    stream.once('end', () => {
      ended = true;
      void deliver()
        .catch((err: unknown) => {
          log.error({ err, remoteAddress, sizeBytes: size }, 'intake: message handling failed, client told to retry');
          callback(smtpError(451, 'Temporary failure, please try again later'));
        })
        .finally(finish);
    });
    stream.once('error', (err: Error) => log.debug({ err, remoteAddress }, 'intake: DATA stream aborted'));
    stream.once('close', () => {
      if (!ended) finish();
    });
    const deliver = async () => {
      if (oversize || stream.sizeExceeded) {
        log.info({ remoteAddress, sizeBytes: size, maxBytes: opts.maxBytes }, 'intake: message refused, too large');
        return callback(smtpError(552, `Message exceeds the maximum size of ${opts.maxBytes} bytes`));
      }
      const raw = Buffer.concat(chunks, size);
      const envelope: SmtpEnvelope = {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        rcptTo: session.envelope.rcptTo.map((r) => r.address),
        remoteAddress,
      };
      const messageId = logMessageId(raw);
      try {
        await opts.onMessage(raw, envelope);
      } catch (err) {
        if (err instanceof IntakeRejectedError) {
          log.info({ messageId, remoteAddress, sizeBytes: size, code: err.code }, 'intake: message rejected');
          return callback(smtpError(554, `Message rejected: ${err.message.slice(0, 200)}`));
        }
        const code = err instanceof TierdeskError ? err.code : 'UNEXPECTED';
        log.warn({ messageId, remoteAddress, sizeBytes: size, code, err }, 'intake: message not stored, client told to retry');
        return callback(smtpError(451, 'Temporary failure, please try again later'));
      }
      log.info({ messageId, remoteAddress, sizeBytes: size, rcptCount: envelope.rcptTo.length }, 'intake: message accepted');
      callback(null, 'OK: message stored');
    };
  };

  const server = new SMTPServer({
    banner: 'Tierdesk intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    rejectOversized: true,
    disableReverseLookup: true,
    // Enhanced status codes (RFC 2034) let senders tell "retry" (451 4.3.0) from "never" apart.
    hideENHANCEDSTATUSCODES: false,
    closeTimeout: opts.closeTimeoutMs ?? 5000,
    logger: false,
    onMailFrom(_address, _session, cb) {
      cb(closing ? smtpError(421, 'Service shutting down, try again later') : undefined);
    },
    onRcptTo(_address, session, cb) {
      cb(session.envelope.rcptTo.length >= maxRecipients ? smtpError(452, 'Too many recipients') : undefined);
    },
    onData: handleData,
  });
  server.on('error', (err: Error) => log.warn({ err }, 'intake: SMTP connection error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      server.close(() => resolve());
      // Idle connections would hold close() until closeTimeout: once no DATA is in flight, end them.
      const endIdle = () => server.connections.forEach((c) => {
        c.send(421, 'Service shutting down');
        c.close();
      });
      if (inFlight === 0) endIdle();
      else idleWaiters.push(endIdle);
    });
    return closed;
  };
  return { port, close };
}
