import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import type { TicketEventJob, TimerJob } from '@tierdesk/bus';
import { changeStatus, resolveTicket, type Ticket, type TicketEvent } from '@tierdesk/domain';
import {
  armSlaTimer,
  armedSlaJobId,
  createSlaProcessor,
  createSlaTimerProcessor,
  rearmOverdueSlaTimers,
  SLA_TIMER_WORKER_OPTIONS,
  slaTimerJobId,
  slaTimerKeys,
  slaTimerQueue,
  sweepSlaTimers,
} from '../src/index.js';
import { eventsOf, openTicket, testRuntime, waitFor, type TestRuntime } from './support.js';

// No workers and no relay here: the processors are driven by hand, on a clock the test moves.
let h: TestRuntime;
let nowMs = Date.parse('2026-03-02T10:00:00.000Z');
const T0 = nowMs;
let onEvent: ReturnType<typeof createSlaProcessor>;
let onTimer: ReturnType<typeof createSlaTimerProcessor>;

const job = <T>(data: T, id = 'test') => ({ id, data, attemptsMade: 0 }) as unknown as Job<T>;
const fresh = async (id: string) => (await h.rt.store.getWithEvents(id)) as Ticket;

async function deliver(events: TicketEvent[]): Promise<void> {
  for (const event of events) await onEvent(job<TicketEventJob>({ event }, event.id), h.rt.logger);
}

async function fire(jobId: string) {
  const j = await slaTimerQueue(h.rt).getJob(jobId);
  if (!j) throw new Error(`no timer job ${jobId}`);
  return onTimer(j as Job<TimerJob>, h.rt.logger);
}

beforeAll(async () => {
  h = await testRuntime(undefined, { relay: false, now: () => new Date(nowMs) });
  onEvent = createSlaProcessor(h.rt);
  onTimer = createSlaTimerProcessor(h.rt);
});

afterAll(async () => {
  await h?.cleanup();
});

describe('when ticket events are replayed, duplicated or reordered', () => {
  it('starts the clock once, from the classification time', async () => {
    const t = await openTicket(h.rt, 2);
    const events = (await fresh(t.id)).events;
    await deliver(events);
    const once = await fresh(t.id);
    await deliver([...events].reverse());
    await deliver(events);
    const after = await fresh(t.id);
    expect(after.version).toBe(once.version);
    expect(after.sla).toMatchObject({ policy: 'l2-pausable', clock: 1, startedAt: new Date(T0).toISOString(), resolutionDue: new Date(T0 + 4000).toISOString() });
    expect(eventsOf(after, 'sla.armed')).toHaveLength(1);
    expect(await armedSlaJobId(h.rt, t.id)).toBe(slaTimerJobId(t.id, T0 + 2000));
  });
});

describe('when a timer fires', () => {
  let t: Ticket;
  beforeAll(async () => {
    nowMs = T0;
    t = await openTicket(h.rt, 2);
    await deliver((await fresh(t.id)).events);
  });

  it('does nothing for another moment, or a payload it did not write', async () => {
    nowMs = T0 + 1000;
    const before = await fresh(t.id);
    const q = slaTimerQueue(h.rt);
    for (const moment of [T0 - 1, T0 + 500, T0 + 1000]) {
      const j = await q.add('sla', { ticketId: t.id, kind: 'sla', token: moment.toString(36) }, { jobId: `stale-${moment}`, delay: 3_600_000 });
      expect((await onTimer(j as Job<TimerJob>, h.rt.logger)).outcome).toBe('stale');
    }
    expect(await onTimer(job<TimerJob>({ ticketId: t.id, kind: 'resolution.warning', token: '1@2' }), h.rt.logger)).toMatchObject({ outcome: 'stale' });
    expect((await fresh(t.id)).version).toBe(before.version);
    expect(await armedSlaJobId(h.rt, t.id)).toBe(slaTimerJobId(t.id, T0 + 2000));
  });

  it('records the warning once, however often the same moment fires', async () => {
    // 200 ms early (another host's clock runs ahead): it waits for its moment.
    nowMs = T0 + 1800;
    const id = slaTimerJobId(t.id, T0 + 2000);
    expect(await fire(id)).toMatchObject({ outcome: 'fired', lateMs: 0 });
    nowMs = T0 + 2000;
    // A duplicate delivery of the same job (a worker that lost its lock, a retry).
    expect((await onTimer(job<TimerJob>({ ticketId: t.id, kind: 'sla', token: (T0 + 2000).toString(36) }, id), h.rt.logger)).outcome).toBe('stale');
    const x = await fresh(t.id);
    expect(eventsOf(x, 'sla.warning')).toHaveLength(1);
    expect(await armedSlaJobId(h.rt, t.id)).toBe(slaTimerJobId(t.id, T0 + 4000));
  });

  it('records the breach once after a clock jump, and nothing more is armed', async () => {
    nowMs = T0 + 3_600_000;
    const id = slaTimerJobId(t.id, T0 + 4000);
    expect(await fire(id)).toMatchObject({ outcome: 'fired', lateMs: 3_600_000 - 4000 });
    expect((await onTimer(job<TimerJob>({ ticketId: t.id, kind: 'sla', token: (T0 + 4000).toString(36) }, id), h.rt.logger)).outcome).toBe('stale');
    const x = await fresh(t.id);
    expect(eventsOf(x, 'sla.breached')).toHaveLength(1);
    expect(x.sla.breaches).toHaveLength(1);
    expect(x.level).toBe(2);
    expect(await armedSlaJobId(h.rt, t.id)).toBeNull();
  });

  it('does nothing for a paused or resolved ticket', async () => {
    nowMs = T0;
    const paused = await openTicket(h.rt, 2);
    const resolved = await openTicket(h.rt, 2);
    await deliver([...(await fresh(paused.id)).events, ...(await fresh(resolved.id)).events]);
    const warnP = (await armedSlaJobId(h.rt, paused.id))!;
    const warnR = (await armedSlaJobId(h.rt, resolved.id))!;
    const p = await h.rt.store.update(paused.id, (x) => changeStatus(x, 'waiting_customer', 'asked', h.rt.now()), h.rt.now());
    const r = await h.rt.store.update(resolved.id, (x) => resolveTicket(x, 'done', 'system', h.rt.now()), h.rt.now());
    nowMs = T0 + 2000;
    // The timers fire before the sla processor saw the pause and the resolution.
    const vp = (await fresh(paused.id)).version;
    const vr = (await fresh(resolved.id)).version;
    expect((await fire(warnP)).outcome).toBe('stale');
    expect((await fire(warnR)).outcome).toBe('stale');
    await deliver([...p.events, ...r.events]);
    expect((await fresh(paused.id)).version).toBe(vp + 1); // the pause written into the clock, nothing else
    expect((await fresh(resolved.id)).version).toBe(vr);
    for (const id of [paused.id, resolved.id]) {
      const x = await fresh(id);
      expect(eventsOf(x, 'sla.warning')).toHaveLength(0);
      expect(await armedSlaJobId(h.rt, id)).toBeNull();
    }
  });
});

describe('the start-up sweep', () => {
  it('re-arms tickets whose timer job or record was lost, and only those', async () => {
    nowMs = T0;
    const lostJob = await openTicket(h.rt, 2);
    const lostRecord = await openTicket(h.rt, 2);
    const fine = await openTicket(h.rt, 2);
    await deliver([...(await fresh(lostJob.id)).events, ...(await fresh(lostRecord.id)).events, ...(await fresh(fine.id)).events]);
    const q = slaTimerQueue(h.rt);
    const jobA = (await armedSlaJobId(h.rt, lostJob.id))!;
    const jobB = (await armedSlaJobId(h.rt, lostRecord.id))!;
    await q.remove(jobA);
    await q.remove(jobB);
    const keys = slaTimerKeys(h.prefix);
    await h.rt.redis.zrem(keys.armed, lostRecord.id);
    const res = await sweepSlaTimers(h.rt);
    expect(res.rearmed).toBe(2);
    expect(await q.getJob(jobA)).toBeDefined();
    expect(await q.getJob(jobB)).toBeDefined();
    expect(await armedSlaJobId(h.rt, lostRecord.id)).toBe(jobB);
    expect((await sweepSlaTimers(h.rt)).rearmed).toBe(0);
  });
});

describe('the watchdog', () => {
  it('re-arms an overdue timer whose job failed for good, and it then fires once', async () => {
    nowMs = T0;
    const t = await openTicket(h.rt, 2);
    await deliver((await fresh(t.id)).events);
    nowMs = T0 + 2000; // the warning is due: its job waits in the queue now
    const warning = slaTimerJobId(t.id, T0 + 2000);
    await slaTimerQueue(h.rt).remove((await armedSlaJobId(h.rt, t.id))!);
    await armSlaTimer(h.rt, await fresh(t.id));
    // A worker whose every attempt fails (Redis trouble, say) exhausts the job's immediate retries.
    const broken = h.rt.bus.consume('sla-timers', async () => Promise.reject(new Error('redis went away')), { ...SLA_TIMER_WORKER_OPTIONS, concurrency: 1 });
    await waitFor('the job to fail for good', async () => (await slaTimerQueue(h.rt).getJobState(warning)) === 'failed');
    await broken.close();
    nowMs = T0 + 60_000;
    expect(await rearmOverdueSlaTimers(h.rt, 30_000)).toBe(1);
    // At T0 + 60 s the warning's moment has passed with its deadline: what is due is the breach.
    expect(await slaTimerQueue(h.rt).getJobState(warning)).toBe('unknown');
    expect(await armedSlaJobId(h.rt, t.id)).toBe(slaTimerJobId(t.id, T0 + 4000));
    expect((await fire(slaTimerJobId(t.id, T0 + 4000))).outcome).toBe('fired');
    expect(eventsOf(await fresh(t.id), 'sla.breached')).toHaveLength(1);
    expect(await rearmOverdueSlaTimers(h.rt, 30_000)).toBe(0);
  });
});
