import type { Redis } from 'ioredis';
import type { TicketEvent } from '@tierdesk/domain';
import type { Logger } from '@tierdesk/logger';
import type { Bus } from './bus.js';
import { jobsForEvents } from './queues.js';

const GROUP = 'relay';

/**
 * Moves ticket events from the store's outbox stream onto the queues of the services that react
 * to them. The store writes an event to the stream in the same MULTI as the change, so nothing
 * is lost if a process dies between the two; the relay acknowledges an entry only after every
 * queue has the job, and job ids are the event ids, so a redelivered entry adds nothing twice.
 * Every process runs one relay; the consumer group shares the work.
 */
export class EventRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly consumer: string;

  constructor(
    private readonly redis: Redis,
    private readonly bus: Bus,
    private readonly stream: string,
    private readonly log: Logger,
    consumerName: string,
  ) {
    this.consumer = consumerName;
  }

  async start(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let lastClaim = 0;
    while (this.running) {
      try {
        // Entries another relay took but never acknowledged (it died) are taken over after 10 s.
        if (Date.now() - lastClaim > 5000) {
          lastClaim = Date.now();
          const claimed = (await this.redis.xautoclaim(this.stream, GROUP, this.consumer, 10_000, '0', 'COUNT', 100)) as [string, Array<[string, string[]]>];
          await this.handle(claimed[1] ?? []);
        }
        const res = (await this.redis.xreadgroup('GROUP', GROUP, this.consumer, 'COUNT', 200, 'BLOCK', 1000, 'STREAMS', this.stream, '>')) as
          | Array<[string, Array<[string, string[]]>]>
          | null;
        if (res) for (const [, entries] of res) await this.handle(entries);
      } catch (err) {
        if (!this.running) break;
        this.log.warn({ err }, 'event relay: redis error, retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async handle(entries: Array<[string, string[]]>): Promise<void> {
    if (entries.length === 0) return;
    const events: TicketEvent[] = [];
    for (const [, fields] of entries) {
      const json = fields[fields.indexOf('event') + 1];
      if (json) events.push(JSON.parse(json) as TicketEvent);
    }
    for (const [q, list] of jobsForEvents(events)) await this.bus.publishMany(q as 'notify', list.map((event) => ({ data: { event }, jobId: event.id })));
    const ids = entries.map(([id]) => id);
    await this.redis.multi().xack(this.stream, GROUP, ...ids).xdel(this.stream, ...ids).exec();
  }
}
