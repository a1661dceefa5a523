import { describe, expect, it } from 'vitest';
// The same scenarios as `node bench/chaos/run.mjs`, at CI sizes (the full form sends 500 emails).
import { killScenario, redisScenario, smtpOutageScenario, type ChaosOutcome } from '../../bench/chaos/lib/scenarios.mjs';

const log = process.env.CHAOS_LOG ? (s: string) => console.log(s) : () => undefined;

/** Exactly one ticket and one ack per email, each ack to its sender and threaded to its email. */
function expectExactlyOnce(r: ChaosOutcome): void {
  expect(r.tickets).toBe(r.emails);
  expect(r.acksDistinct).toBe(r.emails);
  expect(r.customersWithoutAck).toBe(0);
  expect(r.customersWithSeveralAcks).toBe(0);
  expect(r.acksThreadedWrong).toBe(0);
  expect(r.failedJobs).toBe(0);
  expect(r.pendingJobs).toBe(0);
}

// The scenarios share nothing (own prefix, ports, sink, Redis) and mostly wait on recovery timers: run them side by side.
describe.concurrent('chaos (reduced form of bench/chaos)', () => {
  it('loses nothing and duplicates nothing while worker processes are SIGKILLed and restarted', async () => {
    const r = (await killScenario({ n: 60, ratePerSecond: 6, parallel: 6, killEveryMs: [300, 900], downMs: [100, 500], tailKills: 2, timeoutMs: 90_000, log }));
    log(JSON.stringify(r));
    expectExactlyOnce(r);
    // Every group died at least once while mail flowed (kills go round the groups).
    expect(Object.keys(r.killsByGroup ?? {}).sort()).toEqual(['edge', 'mailer', 'triage-a', 'triage-b']);
    // The documented at-least-once window: a mailer killed between the relay's 250 and the
    // sent-record may send one of its in-flight emails again, with the same Message-ID.
    expect(r.duplicateDeliveries).toBeLessThanOrEqual((r.mailerKills ?? 0) * 4);
    if (r.ackDeliveries > r.acksDistinct) console.warn(`chaos: ${r.ackDeliveries - r.acksDistinct} ack(s) re-sent after a mailer kill (same Message-ID)`);
  }, 300_000);

  it('loses nothing and duplicates nothing when Redis (AOF) is killed and restarted mid-flight', async () => {
    const r = (await redisScenario({ n: 60, ratePerSecond: 15, parallel: 6, restarts: 1, downMs: 1500, timeoutMs: 90_000, log }));
    log(JSON.stringify(r));
    expectExactlyOnce(r);
    expect(r.processesExited).toBe(0);
    expect(r.duplicateDeliveries).toBe(0);
  }, 300_000);

  it('delivers every email once after the outbound SMTP relay was down and then refusing with 421', async () => {
    const r = (await smtpOutageScenario({ n: 40, ratePerSecond: 20, parallel: 6, stoppedMs: 3000, refusingMs: 2000, timeoutMs: 90_000, log }));
    log(JSON.stringify(r));
    expectExactlyOnce(r);
    expect(r.refusedAttempts).toBeGreaterThan(0);
    expect(r.ackDeliveries).toBe(r.emails);
    expect(r.duplicateDeliveries).toBe(0);
  }, 300_000);
});
