import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TierdeskProcess } from '../support/system.js';
import { waitFor } from '../support/ports.js';

/**
 * The README's "Send a first email" block, run as written (only the ports, the temp file and the
 * outbox folder are this test's own): curl over SMTP, `npx tierdesk ticket show TD-1 --json`,
 * `ls` of the outbox, and the HTTP variant. If the README's commands stop working, this fails.
 */
function readmeBlock(): { shell: string[]; httpLine: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('### Send a first email')[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const httpLine = /`(curl [^`]*\/api\/messages)`/.exec(section)?.[1] ?? '';
  return { shell: block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean), httpLine };
}

const hasCurlSmtp = spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout?.includes('smtp') ?? false;
const outbox = mkdtempSync(join(tmpdir(), 'tierdesk-readme-outbox-'));
const scratch = mkdtempSync(join(tmpdir(), 'tierdesk-readme-'));
let td: TierdeskProcess;

function adapt(line: string): string {
  return line
    .replaceAll('127.0.0.1:2525', `127.0.0.1:${td.smtpPort}`)
    .replaceAll('127.0.0.1:8080', `127.0.0.1:${td.httpPort}`)
    .replaceAll('/tmp/first.eml', join(scratch, 'first.eml'))
    .replaceAll('.tierdesk/outbox', outbox);
}

function sh(line: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', adapt(line)], { cwd: ROOT, env: td.env(), encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasCurlSmtp)('README: send a first email, as written', () => {
  const { shell, httpLine } = readmeBlock();

  beforeAll(async () => {
    td = new TierdeskProcess({ env: { TIERDESK_OUTBOX: outbox } });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    rmSync(outbox, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('has the commands this test runs', () => {
    expect(shell.map((l) => l.split(' ')[0])).toEqual(['printf', 'curl', 'npx', 'ls']);
    expect(shell[1]).toContain('smtp://127.0.0.1:2525');
    expect(shell[2]).toBe('npx tierdesk ticket show TD-1 --json');
    expect(httpLine).toContain('$API_TOKEN');
  });

  it('gives TD-1, shown by the CLI and GET /api/tickets/TD-1 alike, and an ack .eml in the outbox', async () => {
    const [printf, curl, show, ls] = shell as [string, string, string, string];
    expect(sh(printf).code).toBe(0);
    const sent = sh(curl);
    expect(sent).toMatchObject({ code: 0 });
    const shown = await waitFor('npx tierdesk ticket show TD-1 --json', () => {
      const r = sh(show);
      return r.code === 0 ? r : null;
    }, 20_000, 200);
    const cliTicket = JSON.parse(shown.stdout) as { id: string; customer: { email: string }; subject: string; status: string };
    expect(cliTicket).toMatchObject({ id: 'TD-1', subject: 'Question about my invoice', customer: { email: 'ada@example.org', name: 'Ada' } });
    const api = await td.api<typeof cliTicket>('GET', '/api/tickets/TD-1');
    expect(api.status).toBe(200);
    expect(api.body.id).toBe('TD-1');
    expect(api.body.customer.email).toBe('ada@example.org');

    const ackFile = await waitFor('the ack in the outbox', () => readdirSync(outbox).find((f) => /-TD-1-ack-.*\.eml$/.test(f)), 10_000);
    expect(sh(ls).stdout).toContain(ackFile);
    const ack = await simpleParser(readFileSync(join(outbox, ackFile)));
    expect(ack.subject).toMatch(/^\[TD-1\] /);
    expect(ack.headers.get('x-tierdesk-ticket')).toBe('TD-1');
    expect(ack.headers.get('x-tierdesk-kind')).toBe('ack');
    expect(ack.headers.get('auto-submitted')).toBe('auto-generated');
    expect(ack.inReplyTo).toBe('<first@example.org>');
    expect(ack.to && !Array.isArray(ack.to) ? ack.to.value.map((a) => a.address) : []).toEqual(['ada@example.org']);
  });

  it('takes the same message over HTTP with the README command: 202, still one ticket and one ack', async () => {
    const r = spawnSync('bash', ['-c', `${adapt(httpLine)} -w '\\n%{http_code}'`], { cwd: ROOT, env: { ...td.env(), API_TOKEN: td.token }, encoding: 'utf8', timeout: 30_000 });
    const [body, status] = r.stdout.trim().split('\n');
    expect(status).toBe('202');
    expect(JSON.parse(body!)).toEqual({ messageId: '<first@example.org>' });
    await new Promise((res) => setTimeout(res, 1000));
    const list = await td.api<{ tickets: Array<{ id: string; messages: Array<{ direction: string }> }> }>('GET', '/api/tickets?customer=ada%40example.org');
    expect(list.body.tickets.map((t) => t.id)).toEqual(['TD-1']);
    expect(list.body.tickets[0]!.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    expect(readdirSync(outbox).filter((f) => /-TD-1-ack-/.test(f))).toHaveLength(1);
  });

  it('stops on Ctrl-C (SIGINT) with exit code 0 within 10 s, listeners closed', async () => {
    const t0 = Date.now();
    expect(await td.stop('SIGINT')).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(td.stdout).toMatch(/"signal":"SIGINT".*"msg":"stopping/);
    expect(await fetch(`http://127.0.0.1:${td.httpPort}/healthz`).then(() => 'up', () => 'closed')).toBe('closed');
  });
});
