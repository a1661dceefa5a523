import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TierdeskProcess } from '../support/system.js';
import { sendMail } from '../support/send.js';
import { waitFor } from '../support/ports.js';

/** An outbound relay that insists on AUTH, so the SMTP password is really used. */
class AuthSink {
  readonly mails: Array<{ kind: string; ticket: string; text: string; to: string[] }> = [];
  port = 0;
  constructor(private readonly user: string, private readonly pass: string) {}
  private readonly server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, cb) => (auth.username === this.user && auth.password === this.pass ? cb(null, { user: auth.username }) : cb(new Error('Invalid credentials'))),
    onData: (stream, session, cb) => {
      void simpleParser(stream).then((m) => {
        const h = (n: string) => String(m.headers.get(n) ?? '');
        this.mails.push({ kind: h('x-tierdesk-kind'), ticket: h('x-tierdesk-ticket'), text: m.text ?? '', to: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      }, cb);
    },
  });
  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    const a = this.server.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    return this;
  }
  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const SMTP_USER = 'relay-user';
const SMTP_PASS = `pw-${randomBytes(12).toString('hex')}`;
const CONSENT_SECRET = `cs-${randomBytes(18).toString('base64url')}`;
const sink = new AuthSink(SMTP_USER, SMTP_PASS);
let td: TierdeskProcess;

/** A secret and the encodings it could leak in: as is, URL-encoded, and the base64 forms SMTP AUTH and HTTP Basic use. */
function leakForms(secret: string, user = SMTP_USER): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64'),
    Buffer.from(`\u0000${user}\u0000${secret}`).toString('base64'),
    Buffer.from(`${user}:${secret}`).toString('base64'),
    Buffer.from(`admin:${secret}`).toString('base64'),
  ];
}

describe('secrets never reach the logs, at LOG_LEVEL=trace, over a full run', () => {
  beforeAll(async () => {
    await sink.start();
    td = new TierdeskProcess({
      env: {
        LOG_LEVEL: 'trace',
        CONSENT_SECRET,
        SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${sink.port}`,
        MAIL_FROM: 'Support <support@tierdesk.test>',
      },
    });
    await td.start();
  });
  afterAll(async () => {
    await td?.stop();
    await td?.cleanup();
    await sink.stop();
  });

  it('runs a full flow and logs none of API_TOKEN, CONSENT_SECRET, the SMTP password or consent link tokens', async () => {
    // Level 1: ack over the authenticated relay, an agent reply and a resolution through the API.
    await sendMail(td.smtpPort, { from: 'Ada <ada@customer.test>', to: 'support@tierdesk.test', subject: 'Invoice question', text: 'Where is my invoice for October?', messageId: '<logs-1@customer.test>' });
    const ack = await waitFor('the ack through the AUTH relay', () => sink.mails.find((m) => m.kind === 'ack'), 20_000);
    expect((await td.api('POST', `/api/tickets/${ack.ticket}/reply`, { body: 'Here it is.', agent: 'anna.becker@example.com' })).status).toBe(200);
    expect((await td.api('POST', `/api/tickets/${ack.ticket}/resolve`, { resolution: 'Invoice sent.' })).status).toBe(200);
    await waitFor('the agent reply', () => sink.mails.some((m) => m.kind === 'agent-reply'), 20_000);
    // Level 4: a consent request with links signed by CONSENT_SECRET; the customer opens one.
    await sendMail(td.smtpPort, { from: 'Bo <bo@customer.test>', to: 'support@tierdesk.test', subject: 'Printer broken', text: 'My printer is broken and prints nothing.', messageId: '<logs-2@customer.test>' });
    const consent = await waitFor('the consent request', () => sink.mails.find((m) => m.kind === 'consent-request'), 20_000);
    const links = [...consent.text.matchAll(/https?:\/\/\S+\/consent\/([A-Za-z0-9._~-]+)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    const page = await fetch(`http://127.0.0.1:${td.httpPort}/consent/${links[0]}`);
    expect(page.status).toBe(200);
    // Refused requests, with wrong tokens and a Basic header carrying the real one.
    expect((await td.api('GET', '/api/tickets', undefined, { authorization: `Bearer wrong-${td.token}` })).status).toBe(401);
    const basic = await fetch(`http://127.0.0.1:${td.httpPort}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from(`admin:${td.token}`).toString('base64')}` } });
    expect(basic.status).toBeLessThan(400);
    expect((await td.api('GET', '/metrics')).status).toBe(200);
    expect(await td.stop()).toBe(0);

    const output = td.stdout + td.stderr;
    // The whole run was logged: requests (refused ones too), mail in and out, the consent page.
    expect(output.length).toBeGreaterThan(10_000);
    for (const line of ['"url":"/consent/', '"url":"/admin/queues"', '"statusCode":401', '"msg":"email sent"', '"kind":"consent-request"']) expect(output).toContain(line);
    const secrets: Array<[string, string]> = [
      ...leakForms(td.token).map((f) => ['API_TOKEN', f] as [string, string]),
      ...leakForms(CONSENT_SECRET).map((f) => ['CONSENT_SECRET', f] as [string, string]),
      ...leakForms(SMTP_PASS).map((f) => ['SMTP password', f] as [string, string]),
      ...links.map((l) => ['consent link token', l] as [string, string]),
    ];
    const leaked = secrets.filter(([, s]) => output.includes(s)).map(([name, s]) => `${name} (${s.slice(0, 6)}…)`);
    expect(leaked).toEqual([]);
  }, 90_000);
});

describe('the generated API token', () => {
  it('is printed once, on the one documented stderr line, and never logged', async () => {
    const p = new TierdeskProcess({ only: 'api', env: { API_TOKEN: '', LOG_LEVEL: 'trace' } });
    try {
      await p.start();
      await waitFor('the token line', () => /Tierdesk API token/.test(p.stderr), 5000);
      const line = p.stderr.split('\n').find((l) => l.includes('Tierdesk API token'))!;
      const token = /: (\S+)$/.exec(line)![1]!;
      const res = await fetch(`http://127.0.0.1:${p.httpPort}/api/stats`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      await p.stop();
      expect(p.stdout).not.toContain(token);
      expect(p.stderr.split(token)).toHaveLength(2);
    } finally {
      await p.stop('SIGKILL');
      await p.cleanup();
    }
  });
});
