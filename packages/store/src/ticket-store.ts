import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  LEVELS,
  TICKET_STATUSES,
  TicketNotFoundError,
  TierdeskError,
  ticketNumber,
  type NewTicketEvent,
  type Ticket,
  type TicketChange,
  type TicketEvent,
} from '@tierdesk/domain';
import { StoreKeys } from './keys.js';
import { CAS_LUA } from './cas-script.js';

interface CasRedis {
  tierdeskCas(...args: string[]): Promise<unknown>;
}

/** Raised when optimistic locking keeps losing; callers (queue jobs) retry with backoff. */
export class StoreConflictError extends TierdeskError {
  constructor(ticketId: string) {
    super('STORE_CONFLICT', `Ticket ${ticketId} kept changing under us; try again.`, { ticketId });
  }
}

const MAX_ATTEMPTS = 25;

export interface TicketListQuery {
  status?: string | undefined;
  level?: number | undefined;
  customer?: string | undefined;
  messageId?: string | undefined;
  limit?: number | undefined;
  /** Opaque cursor returned by a previous page. */
  cursor?: string | null | undefined;
}

export interface TicketPage {
  tickets: Ticket[];
  next: string | null;
}

/** The stored form leaves the event log out: it lives in its own list and grows without rewriting. */
type StoredTicket = Omit<Ticket, 'events'>;

function stored(ticket: Ticket): StoredTicket {
  const { events: _events, ...rest } = ticket;
  return rest;
}

/**
 * Tickets, their event logs and indexes in Redis. Every write is one Lua script that checks the
 * ticket's version first (optimistic locking), so two workers changing the same ticket never lose
 * each other's update; the events of a change go to the ticket's history and to the outbox stream
 * in that same script, so a change is never applied without its events being published.
 */
export class TicketStore {
  readonly keys: StoreKeys;
  constructor(private readonly redis: Redis, prefix: string) {
    this.keys = new StoreKeys(prefix);
    if (!(redis as unknown as Partial<CasRedis>).tierdeskCas) redis.defineCommand('tierdeskCas', { numberOfKeys: 0, lua: CAS_LUA });
  }

  async get(id: string): Promise<Ticket | null> {
    const raw = await this.redis.get(this.keys.ticket(id));
    if (!raw) return null;
    return { ...(JSON.parse(raw) as StoredTicket), events: [] };
  }

  /** The tickets of `ids` in one read (MGET), without their events; missing ones are left out. */
  async getMany(ids: readonly string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(ids.map((id) => this.keys.ticket(id)));
    return raws.flatMap((raw) => (raw ? [{ ...(JSON.parse(raw) as StoredTicket), events: [] }] : []));
  }

  async require(id: string): Promise<Ticket> {
    const t = await this.get(id);
    if (!t) throw new TicketNotFoundError(id);
    return t;
  }

  async getWithEvents(id: string): Promise<Ticket | null> {
    const [[, raw], [, events]] = (await this.redis
      .multi()
      .get(this.keys.ticket(id))
      .lrange(this.keys.ticketEvents(id), 0, -1)
      .exec()) as [[null, string | null], [null, string[]]];
    if (!raw) return null;
    return { ...(JSON.parse(raw) as StoredTicket), events: events.map((e) => JSON.parse(e) as TicketEvent) };
  }

  async findByMessageId(messageId: string): Promise<string | null> {
    return this.redis.hget(this.keys.messageIndex(), messageId);
  }

  async findByExternalRef(ref: string): Promise<string | null> {
    return this.redis.hget(this.keys.externalRefIndex(), ref.toUpperCase());
  }

  async setExternalRef(ref: string, ticketId: string): Promise<void> {
    await this.redis.hset(this.keys.externalRefIndex(), ref.toUpperCase(), ticketId);
  }

  /**
   * Creates a ticket for the message `messageId` unless one already holds it: the same message
   * delivered twice (or processed by a retried job) gives one ticket. Returns the ticket that
   * holds the message and whether this call created it.
   */
  async create(messageId: string, build: (id: string) => TicketChange, now: Date): Promise<{ ticket: Ticket; created: boolean }> {
    // No look-up first: the script checks the Message-ID index atomically and answers 'exists'.
    const token = randomBytes(8).toString('hex');
    const phId = `zzid${token}`;
    const phNum = `990${Number.parseInt(token.slice(0, 8), 16)}`;
    const change = build(phId);
    const commands: string[][] = [];
    const draft = this.changeCommands(commands, null, change, now, [], phNum);
    const [status, id] = await this.cas('', this.keys.ticketVersion(phId), phId, phNum, messageId, commands);
    if (status === 'exists') return { ticket: await this.require(id), created: false };
    const ticket = JSON.parse(JSON.stringify(draft).split(phId).join(id)) as Ticket;
    return { ticket, created: true };
  }

  /**
   * Applies `fn` to the current ticket atomically. `fn` may return null (nothing to do) and is
   * re-run on a concurrent change, so it must be pure. `known`: the ticket exactly as the caller
   * read it from the store (never one changed locally: fn's change of it would be saved); the first
   * attempt starts from it instead of reading it again, and a stale one fails the version check
   * like any lost race, so the next attempt reads.
   */
  async update(id: string, fn: (ticket: Ticket) => TicketChange | null, now: Date, known?: Ticket): Promise<{ ticket: Ticket; events: TicketEvent[] }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = attempt === 0 && known?.id === id ? known : await this.get(id);
      if (!current) throw new TicketNotFoundError(id);
      const change = fn(current);
      if (!change || (change.events.length === 0 && change.ticket === current)) return { ticket: current, events: [] };
      const commands: string[][] = [];
      const events: TicketEvent[] = [];
      const ticket = this.changeCommands(commands, current, change, now, events);
      const [status] = await this.cas(String(current.version), this.keys.ticketVersion(id), '', '', '', commands);
      if (status === 'ok') return { ticket, events };
      // Lost a race: back off a little, with jitter, and re-read.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new StoreConflictError(id);
  }

  private async cas(expected: string, versionKey: string, phId: string, phNum: string, messageId: string, commands: string[][]): Promise<[string, string]> {
    const argv = [expected, versionKey, phId, phNum, this.keys.ticketSeq(), this.keys.messageIndex(), messageId];
    for (const c of commands) argv.push(String(c.length), ...c);
    return (await (this.redis as unknown as CasRedis).tierdeskCas(...argv)) as [string, string];
  }

  private changeCommands(out: string[][], before: Ticket | null, change: TicketChange, now: Date, events: TicketEvent[], numberArg?: string): Ticket {
    const version = (before?.version ?? 0) + 1;
    const ticket: Ticket = { ...change.ticket, version, events: [] };
    const k = this.keys;
    out.push(['SET', k.ticket(ticket.id), JSON.stringify(stored(ticket))]);
    out.push(['SET', k.ticketVersion(ticket.id), String(version)]);
    change.events.forEach((e: NewTicketEvent, i: number) => {
      const event = { id: `${ticket.id}:${version}.${i}`, type: e.type, v: 1, ticketId: ticket.id, at: now.toISOString(), data: e.data } as TicketEvent;
      events.push(event);
      const json = JSON.stringify(event);
      out.push(['RPUSH', k.ticketEvents(ticket.id), json]);
      out.push(['XADD', k.eventOutbox(), '*', 'event', json]);
    });
    if (!before) {
      const n = numberArg ?? String(ticketNumber(ticket.id) ?? 0);
      out.push(['ZADD', k.ticketsByNumber(), n, ticket.id]);
      out.push(['ZADD', k.byCustomer(ticket.customer.email), n, ticket.id]);
    }
    if (before?.status !== ticket.status) {
      if (before) out.push(['SREM', k.byStatus(before.status), ticket.id]);
      out.push(['SADD', k.byStatus(ticket.status), ticket.id]);
    }
    if (before?.level !== ticket.level) {
      if (before) out.push(['SREM', k.byLevel(before.level), ticket.id]);
      out.push(['SADD', k.byLevel(ticket.level), ticket.id]);
    }
    const known = new Set(before?.messages.map((m) => m.messageId) ?? []);
    for (const m of ticket.messages) {
      if (!known.has(m.messageId)) out.push(['HSET', k.messageIndex(), m.messageId, ticket.id]);
    }
    return ticket;
  }

  async list(query: TicketListQuery): Promise<TicketPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    if (query.messageId) {
      const id = await this.findByMessageId(query.messageId);
      const t = id ? await this.get(id) : null;
      return { tickets: t && matches(t, query) ? [t] : [], next: null };
    }
    const index = query.customer ? this.keys.byCustomer(query.customer) : this.keys.ticketsByNumber();
    // Newest first; the cursor is the ticket number to continue below.
    let max = query.cursor ? `(${Number(query.cursor)}` : '+inf';
    const out: Ticket[] = [];
    for (;;) {
      const ids = await this.redis.zrevrangebyscore(index, max, '-inf', 'LIMIT', 0, 200);
      if (ids.length === 0) return { tickets: out, next: null };
      for (const t of await this.getMany(ids)) {
        if (!matches(t, query)) continue;
        out.push(t);
        if (out.length === limit) {
          const more = await this.redis.zrevrangebyscore(index, `(${ticketNumber(t.id)}`, '-inf', 'LIMIT', 0, 1);
          return { tickets: out, next: more.length ? String(ticketNumber(t.id)) : null };
        }
      }
      max = `(${ticketNumber(ids[ids.length - 1] ?? 'TD-0') ?? 0}`;
    }
  }

  async counts(): Promise<{ total: number; byLevel: Record<string, number>; byStatus: Record<string, number> }> {
    const m = this.redis.multi().zcard(this.keys.ticketsByNumber());
    for (const l of LEVELS) m.scard(this.keys.byLevel(l));
    for (const s of TICKET_STATUSES) m.scard(this.keys.byStatus(s));
    const res = ((await m.exec()) ?? []).map(([, v]) => Number(v));
    const byLevel: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    LEVELS.forEach((l, i) => (byLevel[String(l)] = res[1 + i] ?? 0));
    TICKET_STATUSES.forEach((s, i) => (byStatus[s] = res[1 + LEVELS.length + i] ?? 0));
    return { total: res[0] ?? 0, byLevel, byStatus };
  }
}

function matches(t: Ticket, q: TicketListQuery): boolean {
  if (q.status && t.status !== q.status) return false;
  if (q.level !== undefined && t.level !== q.level) return false;
  if (q.customer && t.customer.email.toLowerCase() !== q.customer.toLowerCase()) return false;
  return true;
}
