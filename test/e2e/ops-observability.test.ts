import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../support/smtp-sink.js';
import { ROOT, TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

const sink = new SmtpSink();
const dir = mkdtempSync(join(tmpdir(), 'td-e2e-obs-'));
let td: TierdeskProcess;

/** The example config with a 3-second SLA for level 1, so a breach happens within the test. */
function fastSlaConfig(): string {
  const base = JSON.parse(readFileSync(`${ROOT}config/tierdesk.example.json`, 'utf8')) as { sla: { policies: unknown[] } };
  const fast = { name: 'obs-fast', levels: [1], resolution: 'PT3S', calendar: '24x7', warnAtPercent: 50 };
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify({ ...base, sla: { ...base.sla, policies: [fast, ...base.sla.policies] } }));
  return path;
}

/** One sample of /metrics, e.g. `tierdesk_sla_breaches_total` or `..._bucket{le="+Inf"}`. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`http://127.0.0.1:${td.httpPort}${path}`, { headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

function logLines(): Array<Record<string, unknown>> {
  return td.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('observability: /metrics, Bull Board, health and request ids', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({ env: { TIERDESK_CONFIG: fastSlaConfig(), SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: 'Support <support@tierdesk.test>' } });
    await td.start();
    await sendMail(td.smtpPort, { from: 'Mia <mia@customer.test>', to: 'support@tierdesk.test', subject: 'Invoice copy please', text: 'Could you send me a copy of my last invoice?', messageId: '<obs-1@customer.test>' });
    await waitFor('the ack', () => sink.byKind('ack', 'TD-1')[0], 15_000);
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never serves /metrics or /admin/queues without the token', async () => {
    for (const path of ['/metrics', '/admin/queues', '/admin/queues/api/queues']) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, { authorization: 'Bearer wrong-token' })).status, path).toBe(401);
      expect((await get(path, { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` })).status, path).toBe(401);
    }
    const denied = await get('/admin/queues');
    expect(JSON.parse(denied.text)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(denied.headers.get('www-authenticate')).toMatch(/Basic/);
  });

  it('keeps /healthz and /readyz open', async () => {
    const health = await get('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'ok', redis: 'up' });
    expect((await get('/readyz')).status).toBe(200);
  });

  it('serves Prometheus text with queue depth, job durations and failures, tickets, SLA breaches and timer lateness', async () => {
    const res = await get('/metrics', { authorization: `Bearer ${td.token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    for (const family of [
      '# TYPE tierdesk_queue_jobs gauge',
      '# TYPE tierdesk_job_duration_seconds histogram',
      '# TYPE tierdesk_jobs_completed_total counter',
      '# TYPE tierdesk_jobs_failed_total counter',
      '# TYPE tierdesk_jobs_dead_lettered_total counter',
      '# TYPE tierdesk_tickets gauge',
      '# TYPE tierdesk_tickets_by_level gauge',
      '# TYPE tierdesk_tickets_by_status gauge',
      '# TYPE tierdesk_sla_breaches_total counter',
      '# TYPE tierdesk_sla_timer_lateness_seconds histogram',
      '# TYPE process_cpu_user_seconds_total counter',
    ]) {
      expect(res.text).toContain(family);
    }
    expect(res.text).toMatch(/^tierdesk_tickets 1$/m);
    expect(res.text).toMatch(/^tierdesk_tickets_by_level\{level="1"\} 1$/m);
    expect(res.text).toMatch(/^tierdesk_queue_jobs\{queue="outbound",state="completed"\} [1-9]/m);
    expect(res.text).toMatch(/^tierdesk_job_duration_seconds_count\{queue="intake"\} [1-9]/m);
    expect(res.text).toMatch(/^tierdesk_job_duration_seconds_bucket\{queue="triage",le="\+Inf"\} [1-9]/m);
    expect(res.text).toMatch(/^tierdesk_sla_timer_lateness_seconds_bucket\{le="\+Inf"\} \d+$/m);
  });

  it('counts SLA warnings and breaches and how late their timers fired, as the sla-timer recorded them', async () => {
    await waitFor('the sla-breach', () => sink.byKind('sla-breach', 'TD-1')[0], 15_000);
    const metrics = async () => (await get('/metrics', { authorization: `Bearer ${td.token}` })).text;
    const text = await waitFor('both firings in /metrics', async () => {
      const t = await metrics();
      return sample(t, 'tierdesk_sla_timer_lateness_seconds_count') === 2 ? t : null;
    });
    expect(sample(text, 'tierdesk_sla_breaches_total')).toBe(1);
    expect(sample(text, 'tierdesk_sla_warnings_total')).toBe(1);
    expect(sample(text, 'tierdesk_sla_timer_lateness_seconds_bucket{le="+Inf"}')).toBe(2);
    // The buckets are cumulative and the lateness real: both firings well under 3 s late.
    const bounds = [...text.matchAll(/^tierdesk_sla_timer_lateness_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)].map((m) => ({ le: Number(m[1]), n: Number(m[2]) }));
    expect(bounds.length).toBeGreaterThan(5);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]!.n).toBeGreaterThanOrEqual(bounds[i - 1]!.n);
    expect(bounds.find((b) => b.le === 5)?.n).toBe(2);
    const sum = sample(text, 'tierdesk_sla_timer_lateness_seconds_sum')!;
    expect(sum).toBeGreaterThanOrEqual(0);
    expect(sum).toBeLessThan(6);
    // The ticket's own record agrees: one breach.
    const ticket = await td.api<{ sla: { breaches: unknown[] } }>('GET', '/api/tickets/TD-1');
    expect(ticket.body.sla.breaches).toHaveLength(1);
  });

  it('serves Bull Board at /admin/queues with the bearer token or Basic auth, listing every queue', async () => {
    const page = await get('/admin/queues', { authorization: `Bearer ${td.token}` });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const basic = await get('/admin/queues', { authorization: `Basic ${Buffer.from(`ops:${td.token}`).toString('base64')}` });
    expect(basic.status).toBe(200);
    const api = await get('/admin/queues/api/queues', { authorization: `Bearer ${td.token}` });
    expect(api.status).toBe(200);
    const names = (JSON.parse(api.text) as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['intake', 'triage', 'outbound', 'sla-timers']));
  });

  it('gives each request an id, echoes it, and puts it on every log line of that request', async () => {
    const mine = await get('/api/tickets/TD-1', { authorization: `Bearer ${td.token}`, 'x-request-id': 'trace-ops-42' });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('x-request-id')).toBe('trace-ops-42');
    const generated = await get('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^req-/);
    await new Promise((r) => setTimeout(r, 200));
    const lines = logLines();
    const ofRequest = lines.filter((l) => l.reqId === 'trace-ops-42');
    expect(ofRequest.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    // Every request log line (Fastify's, the handlers' and errors') names its request.
    const requestLines = lines.filter((l) => 'req' in l || 'res' in l || 'responseTime' in l);
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((l) => typeof l.reqId === 'string')).toBe(true);
    // Job log lines carry queue and job id (and the ticket where there is one).
    const sent = lines.find((l) => l.msg === 'email sent');
    expect(sent).toMatchObject({ queue: 'outbound', ticketId: 'TD-1' });
    expect(sent?.jobId).toBeTruthy();
  });
});
