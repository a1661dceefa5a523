/**
 * Every key Tierdesk writes, in one place, so that TIERDESK_PREFIX isolates deployments (and
 * tests) completely. BullMQ keys use the same prefix with queue names that never collide with
 * these.
 */
export class StoreKeys {
  constructor(readonly prefix: string) {}
  private k(...parts: Array<string | number>): string {
    return [this.prefix, ...parts].join(':');
  }
  ticketSeq(): string { return this.k('seq', 'ticket'); }
  ticket(id: string): string { return this.k('ticket', id); }
  ticketEvents(id: string): string { return this.k('ticket', id, 'events'); }
  ticketVersion(id: string): string { return this.k('ticket', id, 'version'); }
  ticketsByNumber(): string { return this.k('idx', 'tickets'); }
  byStatus(status: string): string { return this.k('idx', 'status', status); }
  byLevel(level: number): string { return this.k('idx', 'level', level); }
  byCustomer(email: string): string { return this.k('idx', 'customer', email.toLowerCase()); }
  messageIndex(): string { return this.k('idx', 'message'); }
  externalRefIndex(): string { return this.k('idx', 'external-ref'); }
  rawMessage(messageId: string): string { return this.k('raw', messageId); }
  inbound(messageId: string): string { return this.k('inbound', messageId); }
  eventOutbox(): string { return this.k('outbox', 'events'); }
  sentMail(messageId: string): string { return this.k('sent', messageId); }
  once(scope: string, id: string): string { return this.k('once', scope, id); }
  settings(): string { return this.k('settings'); }
  counter(name: string): string { return this.k('counter', name); }
}
