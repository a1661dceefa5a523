import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/system.js';

const dir = mkdtempSync(join(tmpdir(), 'td-sla-cli-'));
const env = (extra: Record<string, string> = {}) => {
  const e: Record<string, string | undefined> = { ...process.env, ...extra };
  if (!extra.TIERDESK_CONFIG) delete e.TIERDESK_CONFIG;
  return e;
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tierdesk sla due (CONTRACT §7), with the shipped example config', () => {
  it('prints the deadlines of a 24x7 policy as one JSON line', async () => {
    const r = await runCli(['sla', 'due', '--level', '3', '--priority', 'urgent', '--opened', '2026-03-02T09:30:00+01:00'], env());
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toEqual({ policy: 'urgent-product-experts', firstResponseDue: '2026-03-02T09:30:00.000Z', resolutionDue: '2026-03-02T16:30:00.000Z' });
  });

  it('counts business hours across a weekend for a business policy', async () => {
    // Friday 16:00 in Berlin: one hour left that day, the other three on Monday from 08:00.
    const r = await runCli(['sla', 'due', '--level', '3', '--priority', 'normal', '--opened', '2026-03-06T16:00:00+01:00'], env());
    expect(JSON.parse(r.stdout)).toEqual({ policy: 'product-experts', firstResponseDue: '2026-03-09T10:00:00.000Z', resolutionDue: '2026-03-13T15:00:00.000Z' });
  });

  it('prints nulls where no policy matches', async () => {
    const r = await runCli(['sla', 'due', '--level', '0', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z'], env());
    expect(JSON.parse(r.stdout)).toEqual({ policy: null, firstResponseDue: null, resolutionDue: null });
  });

  it('refuses bad input with a clear message and exit code 1', async () => {
    for (const args of [
      ['--level', '5', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z'],
      ['--level', '3', '--priority', 'asap', '--opened', '2026-03-02T08:00:00Z'],
      ['--level', '3', '--priority', 'low', '--opened', 'yesterday'],
      ['--level', '3', '--priority', 'low', '--opened', '2026-03-02T08:00:00'],
      ['--level', '3', '--priority', 'low'],
    ]) {
      const r = await runCli(['sla', 'due', ...args], env());
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^tierdesk: --(level|priority|opened) .*\[INVALID_INPUT\]\n$/);
      expect(r.stdout).toBe('');
    }
  });

  it('names every bad SLA setting at once: durations, zone, overlapping hours, days on a business calendar', async () => {
    const base = JSON.parse(readFileSync(`${ROOT}config/tierdesk.example.json`, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const file = join(dir, 'bad-sla.json');
    base.timezone = 'Europe/Berln';
    base.businessHours.tue = [['08:00', '12:00'], ['11:00', '17:00']];
    base.sla.policies[0].firstResponse = 'soon'; // 24x7
    base.sla.policies[0].resolution = 'P1M'; // 24x7, but a month has no fixed length
    base.sla.policies[2].resolution = 'P5D'; // business
    writeFileSync(file, JSON.stringify(base));
    for (const args of [['config', 'check', file], ['sla', 'due', '--level', '3', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z']]) {
      const r = await runCli(args, env({ TIERDESK_CONFIG: file }));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      for (const path of ['timezone', 'businessHours.tue[1]', 'sla.policies[0].firstResponse', 'sla.policies[0].resolution', 'sla.policies[2].resolution']) {
        expect(r.stderr, path).toContain(`${path}: `);
      }
      expect(r.stderr).toMatch(/unknown time zone "Europe\/Berln"/);
      expect(r.stderr).toMatch(/11:00–17:00 overlaps 08:00–12:00/);
      expect(r.stderr).toMatch(/months have no fixed length/);
      expect(r.stderr).toMatch(/"P5D" counts days.*"business" calendar/);
    }
  });

  it('exits 2 naming the path when the config is invalid', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ timezone: 'Mars/Olympus' }));
    const r = await runCli(['sla', 'due', '--level', '3', '--priority', 'low', '--opened', '2026-03-02T08:00:00Z'], env({ TIERDESK_CONFIG: file }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/timezone/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
