import { ImapFlow } from 'imapflow';
import type { Logger } from '@tierdesk/logger';
import { backoffDelay, DEFAULT_IMAP_BACKOFF, type BackoffOptions } from './imap-backoff.js';
import { drainMailbox } from './imap-mailbox.js';
import type { ImapSettings } from './imap-settings.js';
import { describeImapError } from './imap-errors.js';

export type ImapIntakeState = 'starting' | 'connected' | 'standby' | 'backoff' | 'stopped';

export interface ImapIntakeOptions {
  settings: ImapSettings;
  maxBytes: number;
  logger: Logger;
  /** Stores and queues one raw message (acceptRawMessage with channel 'imap'). */
  accept(raw: Buffer): Promise<void>;
  /** One reader per mailbox across processes; without it this process always reads. */
  lease?: { acquire(): Promise<boolean>; release(): Promise<void>; ttlMs: number };
  backoff?: BackoffOptions;
  /** A full rescan this often even without IDLE news (a safety net, not the mechanism). */
  rescanMs?: number;
  maxAttempts?: number;
  /** IMAP connect/greeting timeout. */
  timeoutMs?: number;
}

class ConnectionLost extends Error {}

/**
 * Reads a mailbox with IMAP IDLE: the server pushes news of new mail, the mailbox is drained,
 * and the connection idles again. Any failure (server down, wrong password, dropped connection)
 * is logged once per try and retried with exponential backoff; the process never exits over it,
 * and `healthy()` is false until a connection works again.
 */
export class ImapIntake {
  private state: ImapIntakeState = 'starting';
  private stopping = false;
  private loop: Promise<void> | null = null;
  private client: ImapFlow | null = null;
  private readonly attempts = new Map<string, number>();
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;
  /** Set by IDLE news that arrives while the mailbox is being drained, so it is not missed. */
  private news = false;
  private lastError: string | null = null;
  private readonly log: Logger;

  constructor(private readonly opts: ImapIntakeOptions) {
    this.log = opts.logger.child({ component: 'imap', mailbox: opts.settings.display });
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Connected and reading, or standing by while another process holds the mailbox. */
  healthy(): boolean {
    return this.state === 'connected' || this.state === 'standby';
  }

  status(): { state: ImapIntakeState; lastError: string | null } {
    return { state: this.state, lastError: this.lastError };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.wake?.();
    await this.loop?.catch(() => undefined);
    this.loop = null;
    this.state = 'stopped';
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (this.opts.lease && !(await this.opts.lease.acquire())) {
          if (this.state !== 'standby') this.log.info('another process reads this mailbox; standing by');
          this.state = 'standby';
          failures = 0;
          await this.sleep(this.opts.lease.ttlMs / 3);
          continue;
        }
        const connected = await this.session();
        if (connected) failures = 0;
      } catch (err) {
        if (this.stopping) break;
        failures += 1;
        this.state = 'backoff';
        const delay = backoffDelay(failures, this.opts.backoff ?? DEFAULT_IMAP_BACKOFF, Math.random());
        this.lastError = describeImapError(err, this.opts.settings);
        this.log[failures === 1 ? 'error' : 'warn']({ err, failures, retryInMs: delay }, `IMAP intake unavailable: ${this.lastError}; retrying with backoff`);
        await this.opts.lease?.release().catch(() => undefined);
        await this.sleep(delay);
      }
    }
    await this.opts.lease?.release().catch(() => undefined);
  }

  /** One connection, from login to close; resolves when stopping or the lease moved on. */
  private async session(): Promise<boolean> {
    const s = this.opts.settings;
    const timeout = this.opts.timeoutMs ?? 15_000;
    const client = new ImapFlow({
      host: s.host,
      port: s.port,
      secure: s.secure,
      auth: { user: s.user, pass: s.password },
      tls: { rejectUnauthorized: s.rejectUnauthorized },
      logger: false,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      // IDLE as soon as the mailbox is quiet (imapflow's default waits 15 s); a drain's commands
      // come closer together than this, so they are not interleaved with IDLE/DONE.
      autoIdleDelay: 250,
      // Re-issue IDLE now and then: some servers and NATs drop an IDLE that lasts too long.
      maxIdleTime: 4 * 60_000,
    });
    this.client = client;
    let closed = false;
    client.on('error', (err: Error) => this.log.debug({ err }, 'IMAP connection error'));
    client.on('close', () => {
      closed = true;
      this.news = true;
      this.wake?.();
    });
    client.on('exists', (info: { count: number; prevCount: number }) => {
      if (info.count <= info.prevCount) return;
      this.news = true;
      this.wake?.();
    });
    try {
      await client.connect();
      await client.mailboxCreate(s.processedFolder);
      await client.mailboxCreate(s.quarantineFolder);
      await client.mailboxOpen(s.mailbox);
      this.state = 'connected';
      this.lastError = null;
      this.log.info({ host: s.host, port: s.port, idle: client.capabilities.has('IDLE') }, 'IMAP intake connected; waiting for mail with IDLE');
      let lastLease = Date.now();
      while (!this.stopping) {
        const drained = await drainMailbox({
          client,
          settings: s,
          log: this.log,
          maxBytes: this.opts.maxBytes,
          accept: (raw) => this.opts.accept(raw),
          attempts: this.attempts,
          maxAttempts: this.opts.maxAttempts ?? 3,
          stopping: () => this.stopping,
        });
        if (drained.processed || drained.quarantined || drained.throttled) this.log.debug({ ...drained }, 'mailbox drained');
        if (this.stopping) break;
        if (closed) throw new ConnectionLost('the IMAP server closed the connection');
        const renewEvery = this.opts.lease ? this.opts.lease.ttlMs / 3 : Infinity;
        const rescan = drained.throttled ? 60_000 : (this.opts.rescanMs ?? 10 * 60_000);
        await this.waitForNews(Math.min(rescan, Math.max(0, renewEvery - (Date.now() - lastLease))));
        if (closed && !this.stopping) throw new ConnectionLost('the IMAP server closed the connection');
        if (this.opts.lease && Date.now() - lastLease >= renewEvery - 50) {
          if (!(await this.opts.lease.acquire())) {
            this.log.warn('lost the IMAP lease to another process; standing by');
            return true;
          }
          lastLease = Date.now();
        }
      }
      return true;
    } finally {
      this.client = null;
      await this.closeClient(client, closed);
    }
  }

  private async closeClient(client: ImapFlow, closed: boolean): Promise<void> {
    if (closed) return;
    // LOGOUT politely, but never let a dead server hold up shutdown.
    await Promise.race([client.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    client.close();
  }

  private waitForNews(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
      if (this.stopping || this.news) this.wake();
      this.news = false;
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      const signal = this.abort.signal;
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        resolve();
      }
      signal.addEventListener('abort', finish, { once: true });
    });
  }
}
