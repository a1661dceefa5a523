import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus, resolveTicket, type Ticket } from '@tierdesk/domain';
import { createMailerService } from '@tierdesk/mailer';
import type { Service } from '@tierdesk/runtime';
import { armedSlaJobId, createSlaTimerService, listSlaDue, slaLatenessSnapshot, slaTimerJobId } from '../src/index.js';
import { eventsOf, openTicket, sentMail, sleep, testRuntime, waitFor, type TestRuntime } from './support.js';

let h: TestRuntime;
const services: Service[] = [];
const TOLERANCE_MS = 500;

async function fresh(id: string): Promise<Ticket> {
  return (await h.rt.store.getWithEvents(id)) as Ticket;
}

const at = (iso: string) => new Date(iso).getTime();

beforeAll(async () => {
  h = await testRuntime();
  services.push(createSlaTimerService(h.rt, { watchdogMs: 0 }), createMailerService(h.rt));
  for (const s of services) await s.start();
});

afterAll(async () => {
  for (const s of services.reverse()) await s.stop();
  await h?.cleanup();
});

describe('a level-3 ticket under a 3 s policy that escalates on breach', () => {
  let t: Ticket;
  let opened: number;

  beforeAll(async () => {
    const created = await openTicket(h.rt, 3);
    opened = at(created.createdAt);
    t = await waitFor('breach and escalation', async () => {
      const x = await fresh(created.id);
      return x.level === 4 && eventsOf(x, 'sla.armed').length >= 2 && x ? x : null;
    });
  });

  it('starts the clock at classification with the level-3 policy', () => {
    const armed = eventsOf(t, 'sla.armed')[0]!;
    expect(armed.data).toMatchObject({ policy: 'l3-fast', firstResponseDue: null, resolutionDue: new Date(opened + 3000).toISOString() });
  });

  it('records the warning at 50 % and the breach at the deadline, each once and on time', () => {
    const [warning, ...moreWarnings] = eventsOf(t, 'sla.warning');
    const [breach, ...moreBreaches] = eventsOf(t, 'sla.breached');
    expect(moreWarnings).toHaveLength(0);
    expect(moreBreaches).toHaveLength(0);
    const warnLate = at(warning!.at) - (opened + 1500);
    const breachLate = at(breach!.at) - (opened + 3000);
    expect(warnLate).toBeGreaterThanOrEqual(0);
    expect(warnLate).toBeLessThan(TOLERANCE_MS);
    expect(breachLate).toBeGreaterThanOrEqual(0);
    expect(breachLate).toBeLessThan(TOLERANCE_MS);
    expect(t.sla.breaches).toEqual([expect.objectContaining({ target: 'resolution', due: new Date(opened + 3000).toISOString(), clock: 1 })]);
  });

  it('escalates one level, by system, giving the breach as the reason, and starts the level-4 clock', () => {
    const [esc, ...more] = eventsOf(t, 'ticket.escalated');
    expect(more).toHaveLength(0);
    expect(esc!.data).toMatchObject({ from: 3, to: 4, by: 'system' });
    expect((esc!.data as { reason: string }).reason).toMatch(/l3-fast.*resolution.*breached/);
    expect(t.sla).toMatchObject({ policy: 'l4-slow', clock: 2, startedAt: esc!.at });
    expect(at(t.sla.resolutionDue!)).toBe(at(esc!.at) + 120_000);
  });

  it('emails sla-warning to the level-3 agents and sla-breach to them and the escalation contacts, once', async () => {
    const x = await waitFor('the notifications', async () => {
      const y = await fresh(t.id);
      return sentMail(y).filter((m) => m.startsWith('sla-')).length >= 3 ? y : null;
    });
    await sleep(500);
    const mails = sentMail(await fresh(x.id)).filter((m) => m.startsWith('sla-')).sort();
    expect(mails).toEqual(['sla-breach→l3@agents.test', 'sla-breach→lead@agents.test', 'sla-warning→l3@agents.test']);
  });

  it('arms the next timer: the level-4 first-response warning', async () => {
    const jobId = await armedSlaJobId(h.rt, t.id);
    expect(jobId).toBe(slaTimerJobId(t.id, at(t.sla.firstResponseDue!) - 12_000));
    const due = await listSlaDue(h.rt, 3_600_000);
    expect(due.find((d) => d.id === t.id)).toMatchObject({ target: 'firstResponse', due: t.sla.firstResponseDue, next: { kind: 'warning' } });
  });

  it('counts the lateness of both firings', async () => {
    const snap = await slaLatenessSnapshot(h.rt);
    expect(snap.byKind.warning).toBeGreaterThanOrEqual(1);
    expect(snap.byKind.breach).toBeGreaterThanOrEqual(1);
    expect(snap.buckets.at(-1)!.count).toBe(snap.count);
    expect(snap.recent!.max).toBeLessThan(TOLERANCE_MS);
  });
});

describe('when the ticket waits on the customer', () => {
  it('stops the clock and, on resume, moves the deadline by exactly the paused time', async () => {
    const created = await openTicket(h.rt, 2);
    const opened = at(created.createdAt);
    await sleep(800);
    const paused = await h.rt.store.update(created.id, (x) => changeStatus(x, 'waiting_customer', 'asked for logs', h.rt.now()), h.rt.now());
    const pausedAt = at(paused.events[0]!.at);
    await waitFor('the pause to reach the clock', async () => (await fresh(created.id)).sla.pausedSince !== null);
    expect(await armedSlaJobId(h.rt, created.id)).toBeNull();
    await sleep(2500);
    const resumed = await h.rt.store.update(created.id, (x) => changeStatus(x, 'open', 'customer answered', h.rt.now()), h.rt.now());
    const resumedAt = at(resumed.events[0]!.at);
    const x = await waitFor('the breach', async () => {
      const y = await fresh(created.id);
      return eventsOf(y, 'sla.breached').length ? y : null;
    });
    const due = opened + 4000 + (resumedAt - pausedAt);
    expect(x.sla.resolutionDue).toBe(new Date(due).toISOString());
    expect(x.sla.pausedMs).toBe(resumedAt - pausedAt);
    const breachAt = at(eventsOf(x, 'sla.breached')[0]!.at);
    expect(breachAt - due).toBeGreaterThanOrEqual(0);
    expect(breachAt - due).toBeLessThan(TOLERANCE_MS);
    // The warning (2 s before the deadline) moved with it: it fell inside the pause, so it fired after the resume.
    const warnAt = at(eventsOf(x, 'sla.warning')[0]!.at);
    expect(warnAt - (due - 2000)).toBeGreaterThanOrEqual(0);
    expect(warnAt - (due - 2000)).toBeLessThan(TOLERANCE_MS);
  });
});

describe('when the ticket is resolved before its deadline', () => {
  // Level 1: warning at 6 s, deadline at 8 s. The timer is removed after its record, so both are
  // waited for; the sleep runs past the deadline, counted from the opening, however slow the start.
  it('disarms the timer and never warns or breaches', async () => {
    const created = await openTicket(h.rt, 1);
    const opened = at(created.createdAt);
    const jobId = await waitFor('the timer', () => armedSlaJobId(h.rt, created.id));
    expect(jobId).toBe(slaTimerJobId(created.id, opened + 6000));
    const resolved = await h.rt.store.update(created.id, (x) => resolveTicket(x, 'fixed', 'system', h.rt.now()), h.rt.now());
    // Resolved before the warning's moment, or the test would prove nothing.
    expect(at(resolved.ticket.updatedAt)).toBeLessThan(opened + 6000);
    await waitFor('the timer and its record to go', async () => (await armedSlaJobId(h.rt, created.id)) === null && !(await h.rt.bus.queue('sla-timers').getJob(jobId)));
    await sleep(Math.max(0, opened + 8000 + 500 - Date.now()));
    const x = await fresh(created.id);
    expect(x.status).toBe('resolved');
    expect(eventsOf(x, 'sla.warning')).toHaveLength(0);
    expect(eventsOf(x, 'sla.breached')).toHaveLength(0);
    expect(sentMail(x).filter((m) => m.startsWith('sla-'))).toEqual([]);
    expect(await armedSlaJobId(h.rt, created.id)).toBeNull();
  });
});
