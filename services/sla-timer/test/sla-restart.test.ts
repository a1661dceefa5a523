import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@tierdesk/domain';
import { createMailerService } from '@tierdesk/mailer';
import type { Runtime, Service } from '@tierdesk/runtime';
import { armedSlaJobId, createSlaTimerService, slaTimerJobId } from '../src/index.js';
import { deletePrefix, eventsOf, openTicket, sentMail, sleep, testRuntime, waitFor, type TestRuntime } from './support.js';

const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
const opened: TestRuntime[] = [];

/** One "process": a runtime on the shared prefix with the sla-timer (twice, if asked) and the mailer. */
async function boot(instances = 1): Promise<{ rt: Runtime; stop(): Promise<void> }> {
  const h = await testRuntime(undefined, { prefix });
  opened.push(h);
  const services: Service[] = [];
  for (let i = 0; i < instances; i++) services.push(createSlaTimerService(h.rt, { watchdogMs: 0 }));
  services.push(createMailerService(h.rt));
  for (const s of services) await s.start();
  return {
    rt: h.rt,
    async stop() {
      for (const s of services.reverse()) await s.stop();
      await h.rt.close();
    },
  };
}

afterAll(async () => {
  for (const h of opened) await h.rt.close().catch(() => undefined);
  await deletePrefix(prefix);
});

describe('when the timer service stops mid-way and comes back', () => {
  it('fires a deadline that passed while it was down right after it returns, and nothing twice', async () => {
    const first = await boot();
    const created = await openTicket(first.rt, 2);
    const due = new Date(created.createdAt).getTime() + 4000;
    await waitFor('the warning', async () => eventsOf((await first.rt.store.getWithEvents(created.id)) as Ticket, 'sla.warning').length === 1);
    await waitFor('the breach timer', async () => (await armedSlaJobId(first.rt, created.id)) === slaTimerJobId(created.id, due));
    await first.stop();

    await sleep(Math.max(0, due - Date.now()) + 1500);
    const downFor = Date.now();
    const second = await boot(2);
    const t = await waitFor('the breach after the restart', async () => {
      const x = (await second.rt.store.getWithEvents(created.id)) as Ticket;
      return eventsOf(x, 'sla.breached').length ? x : null;
    });
    const breachAt = new Date(eventsOf(t, 'sla.breached')[0]!.at).getTime();
    expect(breachAt).toBeGreaterThanOrEqual(downFor);
    expect(breachAt - downFor).toBeLessThan(2000);
    await waitFor('the breach mails', async () => sentMail((await second.rt.store.getWithEvents(created.id)) as Ticket).filter((m) => m.startsWith('sla-breach')).length === 2);
    await second.stop();

    // Once more, with nothing left to fire: a restart must not repeat anything.
    const third = await boot();
    await sleep(2000);
    const after = (await third.rt.store.getWithEvents(created.id)) as Ticket;
    const armed = await armedSlaJobId(third.rt, created.id);
    await third.stop();
    expect(eventsOf(after, 'sla.warning')).toHaveLength(1);
    expect(eventsOf(after, 'sla.breached')).toHaveLength(1);
    expect(sentMail(after).filter((m) => m.startsWith('sla-')).sort()).toEqual(['sla-breach→l2@agents.test', 'sla-breach→lead@agents.test', 'sla-warning→l2@agents.test']);
    expect(armed).toBeNull();
  });

  it('keeps the ticket events of the downtime: a pause during it still moves the deadline', async () => {
    const first = await boot();
    const created = await openTicket(first.rt, 2);
    await waitFor('the timer', () => armedSlaJobId(first.rt, created.id));
    await first.stop();
    // Events happen while no sla-timer runs (e.g. the API in another process): they wait in the `sla` queue.
    const h = await testRuntime(undefined, { prefix });
    opened.push(h);
    const { changeStatus } = await import('@tierdesk/domain');
    const p = await h.rt.store.update(created.id, (x) => changeStatus(x, 'waiting_customer', 'asked', h.rt.now()), h.rt.now());
    await sleep(1500);
    const r = await h.rt.store.update(created.id, (x) => changeStatus(x, 'open', 'answered', h.rt.now()), h.rt.now());
    await sleep(300);
    await h.rt.close();
    const second = await boot();
    const pausedMs = new Date(r.events[0]!.at).getTime() - new Date(p.events[0]!.at).getTime();
    const t = await waitFor('the moved deadline', async () => {
      const x = (await second.rt.store.getWithEvents(created.id)) as Ticket;
      return x.sla.pausedMs ? x : null;
    });
    await second.stop();
    expect(t.sla.pausedMs).toBe(pausedMs);
    expect(new Date(t.sla.resolutionDue!).getTime()).toBe(new Date(created.createdAt).getTime() + 4000 + pausedMs);
  });
});
