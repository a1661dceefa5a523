import { describe, expect, it } from 'vitest';
import { REDACTED, isSecretKey, redactSecrets, redactString, redactUrl } from '../src/index.js';

describe('redactUrl', () => {
  it('masks the password and keeps the user', () => {
    expect(redactUrl('smtp://user:secret@host')).toBe('smtp://user:***@host');
    expect(redactUrl('smtps://u:p@h:465/')).toBe('smtps://u:***@h:465/');
  });

  it('masks a password-only userinfo (redis)', () => {
    expect(redactUrl('redis://:pw@127.0.0.1:6379/0')).toBe('redis://:***@127.0.0.1:6379/0');
  });

  it('masks a bare user, which is often a token', () => {
    expect(redactUrl('https://ghp_abcdef@github.com/x.git')).toBe('https://***@github.com/x.git');
  });

  it('masks passwords that contain a raw @', () => {
    expect(redactUrl('imaps://support:p@ss@mail.example.com/INBOX')).toBe('imaps://support:***@mail.example.com/INBOX');
  });

  it('leaves URLs without credentials and emails in query strings alone', () => {
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactUrl('https://help.example.com/kb?from=a@b.com')).toBe('https://help.example.com/kb?from=a@b.com');
  });

  it('masks every URL in a longer text', () => {
    expect(redactUrl('from redis://:a@h1 to smtp://u:b@h2 ok')).toBe('from redis://:***@h1 to smtp://u:***@h2 ok');
  });
});

describe('redactString', () => {
  it.each([
    ['Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['authorization=Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['sent bearer eyJhbGciOi.x.y to api', 'eyJhbGciOi.x.y'],
    ['GET /api/tickets?token=s3cr3t&limit=5', 's3cr3t'],
    ['password=hunter2 user=bob', 'hunter2'],
    ['{"apiToken":"tok-123"}', 'tok-123'],
    ['link http://127.0.0.1:8080/consent/eyJ0aWNrZXQ.c2ln', 'eyJ0aWNrZXQ.c2ln'],
    // Upper case and the other spellings get past the quick pre-check too.
    ['PASSWD: hunter2', 'hunter2'],
    ['{"API_KEY":"k-9xyz"}', 'k-9xyz'],
    ['consent_secret=xyz12', 'xyz12'],
    ['REDIS_URL redis://:pa55w0rd@cache:6379', 'pa55w0rd'],
    ['AUTHORIZATION: Token t0k3n', 't0k3n'],
  ])('removes the secret from %j', (input, secret) => {
    const out = redactString(input);
    expect(out).not.toContain(secret);
    expect(out).toContain('***');
  });

  it('is idempotent, so a second pass over a finished line changes nothing', () => {
    const inputs = [
      'Authorization: Bearer abc',
      '"Authorization":"[redacted]"',
      'smtp://u:p@h',
      'password: x',
      '?token=abc',
      '/consent/abc',
    ];
    for (const input of inputs) {
      const once = redactString(input);
      expect(redactString(once)).toBe(once);
    }
  });

  it('keeps ordinary prose intact', () => {
    const text = 'Basic helpdesk by ticket only: the tests pass and the token count is 3.';
    expect(redactString(text)).toBe(text);
  });

  it('returns a log line with nothing secret-looking as it was', () => {
    const line = '{"level":30,"time":"2026-11-26T01:56:00.123Z","queue":"outbound","ticketId":"TD-7","to":["c@customer.test"],"location":"/tmp/outbox/a.eml","msg":"email sent"}';
    expect(redactString(line)).toBe(line);
  });
});

describe('redactSecrets', () => {
  it('censors secret keys at any depth, whatever their case or separator', () => {
    const out = redactSecrets({
      a: { b: { c: { API_TOKEN: 'x1', 'consent-secret': 'x2', Cookie: 'x3', smtpPassword: 'x4' } } },
      list: [{ pass: 'x5' }],
      keep: 'visible',
    });
    expect(JSON.stringify(out)).not.toMatch(/x[1-5]/);
    expect(out).toMatchObject({ a: { b: { c: { API_TOKEN: REDACTED } } }, keep: 'visible' });
  });

  it('keeps null secrets visible, since knowing a token is unset is useful and harmless', () => {
    expect(redactSecrets({ apiToken: null })).toEqual({ apiToken: null });
  });

  it('does not mutate its input and survives cycles', () => {
    const input: Record<string, unknown> = { password: 'p', url: 'redis://:pw@h' };
    input.self = input;
    const out = redactSecrets(input) as Record<string, unknown>;
    expect(input.password).toBe('p');
    expect(out.self).toBe('[Circular]');
    expect(out.url).toBe('redis://:***@h');
  });

  it('turns errors into plain objects with their code and redacted message', () => {
    const err = Object.assign(new Error('cannot reach smtps://u:p@mail'), { code: 'ECONNREFUSED' });
    const out = redactSecrets({ err }) as { err: Record<string, unknown> };
    expect(out.err.code).toBe('ECONNREFUSED');
    expect(out.err.message).toBe('cannot reach smtps://u:***@mail');
  });

  it('recognises secret key names', () => {
    expect(['token', 'apiToken', 'x-api-key', 'set-cookie', 'clientSecret', 'Authorization'].every(isSecretKey)).toBe(true);
    expect(['tokens', 'ticket', 'passed', 'email', 'level'].some(isSecretKey)).toBe(false);
  });
});
