import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

/** Customer-facing first answers: an ack (levels 1–4) or a kb-answer (level 0). */
const FIRST_ANSWERS = ['ack', 'kb-answer'];

const sink = new SmtpSink();
let rest: TierdeskProcess;
let triageA: TierdeskProcess;
let triageB: TierdeskProcess;

function lines(p: TierdeskProcess): Array<Record<string, unknown>> {
  return p.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The triage jobs a process completed, by job id ('ticket created' or 'message added'). */
function triageJobs(p: TierdeskProcess): string[] {
  return lines(p)
    .filter((l) => l.queue === 'triage' && (l.msg === 'ticket created' || l.msg === 'ticket already existed' || l.msg === 'message added to ticket'))
    .map((l) => String(l.jobId));
}

async function ticketTotal(): Promise<number> {
  return (await rest.api<{ tickets: { total: number } }>('GET', '/api/stats')).body.tickets.total;
}

async function sendBatch(from: number, n: number, tag: string): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await sendMail(rest.smtpPort, {
      from: `Customer ${i} <c${i}@customer.test>`,
      to: 'support@tierdesk.test',
      subject: `Invoice ${tag}-${i} is wrong`,
      text: `Hello, the amount on invoice ${tag}-${i} is wrong, I was charged twice. Please correct it.`,
      messageId: `<${tag}-${i}@customer.test>`,
    });
  }
}

function answersTo(address: string) {
  return sink.mails.filter((m) => m.envelopeTo.includes(address) && FIRST_ANSWERS.includes(m.header('x-tierdesk-kind') ?? ''));
}

describe('one service per process: two triage processes share the work, none done twice', () => {
  beforeAll(async () => {
    await sink.start();
    rest = new TierdeskProcess({ only: 'intake,mailer,api', env: { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    const shared = { TIERDESK_PREFIX: rest.prefix, API_TOKEN: rest.token, SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' };
    triageA = new TierdeskProcess({ only: 'triage', env: shared });
    triageB = new TierdeskProcess({ only: 'triage', env: shared });
    await Promise.all([rest.start(), triageA.start(), triageB.start()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([triageA?.stop(), triageB?.stop(), rest?.stop()]);
    await rest?.cleanup();
    await sink.stop();
  });

  it('runs only the named services in each process', () => {
    const started = (p: TierdeskProcess) => lines(p).find((l) => l.msg === 'tierdesk started')?.services;
    expect(started(rest)).toEqual(['intake', 'mailer', 'api']);
    expect(started(triageA)).toEqual(['triage']);
    expect(started(triageB)).toEqual(['triage']);
  });

  it('reports each service healthy by `tierdesk health` (the container health check), and a missing one down', async () => {
    const up = await rest.cli(['health', '--service', 'intake,mailer,triage,api', '--json']);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect((JSON.parse(up.stdout) as Array<{ ok: boolean }>).every((r) => r.ok)).toBe(true);
    const down = await rest.cli(['health', '--service', 'sla-timer']);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/sla-timer\s+DOWN/);
    // What the containers ask: workers on this host only (here every process is on this host).
    const local = await rest.cli(['health', '--service', 'triage,mailer', '--local']);
    expect(local.code, local.stdout + local.stderr).toBe(0);
    expect(local.stdout).toMatch(/triage\s+ok\s+triage: 2 worker\(s\) on \S+/);
  });

  const N = 16;
  it(`turns ${N} emails into ${N} tickets and ${N} first answers, each triage job run exactly once`, async () => {
    await sendBatch(0, N, 'share');
    await waitFor(`${N} tickets`, async () => (await ticketTotal()) === N, 30_000);
    for (let i = 0; i < N; i++) await waitFor(`the answer to c${i}`, () => answersTo(`c${i}@customer.test`)[0], 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ticketTotal()).toBe(N);
    for (let i = 0; i < N; i++) expect(answersTo(`c${i}@customer.test`), `c${i}`).toHaveLength(1);
    const a = triageJobs(triageA);
    const b = triageJobs(triageB);
    const all = [...a, ...b];
    expect(all).toHaveLength(N);
    expect(new Set(all).size).toBe(N);
    // Both processes took part: the work is shared, not merely survived.
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
  }, 90_000);

  it('on SIGTERM with jobs in flight: exits 0 within 10 s, and no job is lost or done twice', async () => {
    const M = 12;
    const before = triageJobs(triageA).length;
    const sending = sendBatch(100, M, 'burst');
    // Stop A as soon as it is busy with the burst.
    await waitFor('triage A to pick up burst work', () => triageJobs(triageA).length > before, 20_000);
    const t0 = Date.now();
    const code = await triageA.stop('SIGTERM');
    const took = Date.now() - t0;
    await sending;
    expect(code).toBe(0);
    expect(took).toBeLessThan(10_000);
    const aLines = lines(triageA);
    expect(aLines.some((l) => l.msg === 'stopping: no new work, finishing in-flight jobs')).toBe(true);
    expect(aLines.some((l) => l.msg === 'stopped')).toBe(true);
    // B takes over whatever A did not finish or returned.
    await waitFor(`${N + M} tickets`, async () => (await ticketTotal()) === N + M, 30_000);
    for (let i = 100; i < 100 + M; i++) await waitFor(`the answer to c${i}`, () => answersTo(`c${i}@customer.test`)[0], 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 100; i < 100 + M; i++) expect(answersTo(`c${i}@customer.test`), `c${i}`).toHaveLength(1);
    const all = [...triageJobs(triageA), ...triageJobs(triageB)];
    expect(new Set(all).size).toBe(N + M);
    expect(all.filter((id) => id.includes('burst'))).toHaveLength(M);
  }, 90_000);
});
