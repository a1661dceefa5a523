import { describe, expect, it } from 'vitest';
import { TierdeskError } from '@tierdesk/domain';
import { ConfigError, parseConfig } from '../src/index.js';
import { exampleJson, issuesOf, messageAt } from './helpers.js';
import type { Json } from './helpers.js';

describe('ConfigError', () => {
  it('is a TierdeskError with code CONFIG_INVALID and one paragraph naming file, paths and the fix', () => {
    const json = exampleJson();
    json.timezone = 'Mars/Olympus';
    json.sla.policies[1].warnAtPrecent = 70;
    let caught: unknown;
    try {
      parseConfig(json, 'config/mine.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(caught).toBeInstanceOf(TierdeskError);
    const err = caught as ConfigError;
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.issues.map((i) => i.path)).toEqual(['timezone', 'sla.policies[1].warnAtPrecent']);
    expect(err.message).toMatch(/^Invalid configuration in config\/mine\.json: timezone: .+; sla\.policies\[1\]\.warnAtPrecent: .+[.?] Fix the file and run `tierdesk config check config\/mine\.json`\.$/);
    expect(err.message).not.toContain('\n');
  });

  it('lists every problem at once', () => {
    const json = exampleJson();
    json.timezone = 'Nowhere';
    json.holidays = ['2026-13-01'];
    json.agents[0].email = 'not-an-email';
    expect(issuesOf(json)).toHaveLength(3);
  });
});

describe('unknown keys', () => {
  it('name the path and suggest the closest known key', () => {
    const json = exampleJson();
    json.sla.policies[1].warnAtPrecent = 70;
    expect(messageAt(json, 'sla.policies[1].warnAtPrecent')).toBe('unknown key — did you mean "warnAtPercent"?');
  });

  it.each([
    ['agents[0].timeZone', 'timezone', (j: Json) => (j.agents[0].timeZone = 'UTC')],
    ['businessHours.thur', 'thu', (j: Json) => (j.businessHours.thur = [])],
    ['callbacks.maxAttempt', 'maxAttempts', (j: Json) => (j.callbacks.maxAttempt = 2)],
    ['kb[0].keywords.EN', 'en', (j: Json) => (j.kb[0].keywords.EN = ['x'])],
    ['escalationContact', 'escalationContacts', (j: Json) => (j.escalationContact = [])],
  ])('%s suggests %s', (path, suggestion, mutate) => {
    const json = exampleJson();
    mutate(json);
    expect(messageAt(json, path)).toBe(`unknown key — did you mean "${suggestion}"?`);
  });

  it('list the allowed keys when nothing is close', () => {
    const json = exampleJson();
    json.selfHelp.whatever = true;
    expect(messageAt(json, 'selfHelp.whatever')).toBe('unknown key; allowed here: closeAfter');
  });
});

describe('invalid values name their path', () => {
  const cases: Array<[string, (j: Json) => void, RegExp]> = [
    ['timezone', (j) => (j.timezone = 'Europe/Berln'), /unknown time zone "Europe\/Berln"; use an IANA name/],
    ['agents[3].timezone', (j) => (j.agents[3].timezone = 'GMT+25'), /unknown time zone/],
    ['businessHours.wed[0][0]', (j) => (j.businessHours.wed = [['8:00', '12:00']]), /"HH:MM"/],
    ['businessHours.wed[0][1]', (j) => (j.businessHours.wed = [['08:00', '24:30']]), /"HH:MM"/],
    ['businessHours.tue[0]', (j) => (j.businessHours.tue = [['17:00', '08:00']]), /start must come before the end/],
    ['businessHours.mon[1]', (j) => (j.businessHours.mon = [['08:00', '12:00'], ['11:30', '17:00']]), /11:30–17:00 overlaps 08:00–12:00/],
    ['holidays[2]', (j) => (j.holidays[2] = '2026-02-30'), /"YYYY-MM-DD"/],
    ['holidays[0]', (j) => (j.holidays[0] = '01.01.2026'), /"YYYY-MM-DD"/],
    ['sla.policies[0].firstResponse', (j) => (j.sla.policies[0].firstResponse = 'one hour'), /ISO-8601 duration/],
    ['sla.policies[0].resolution', (j) => (j.sla.policies[0].resolution = 'PT0S'), /longer than zero/],
    ['callbacks.slot', (j) => (j.callbacks.slot = '-PT30M'), /longer than zero/],
    ['sla.policies[2].resolution', (j) => (j.sla.policies[2].resolution = 'P5D'), /use hours.*PT16H.*not P2D/],
    ['sla.policies[2].firstResponse', (j) => (j.sla.policies[2].firstResponse = 'P1W'), /"business" calendar/],
    // Policy 0 is 24x7: days are fine there, but what the SLA clock would refuse at run time is refused here.
    ['sla.policies[0].resolution', (j) => (j.sla.policies[0].resolution = 'P1M'), /months have no fixed length/],
    ['sla.policies[0].resolution', (j) => (j.sla.policies[0].resolution = 'P1Y'), /years have no fixed length/],
    ['sla.policies[0].firstResponse', (j) => (j.sla.policies[0].firstResponse = 'PT1H-30M'), /must not be negative/],
    // Waiting times are read as elapsed time: a month has no fixed length there either.
    ['selfHelp.closeAfter', (j) => (j.selfHelp = { closeAfter: 'P1M' }), /months have no fixed length/],
    ['consent.linkTtl', (j) => (j.consent = { linkTtl: 'P1Y' }), /years have no fixed length/],
    ['callbacks.retryAfter', (j) => (j.callbacks.retryAfter = 'PT9999999999H'), /at most ten years/],
    ['sla.policies[0].resolution', (j) => (j.sla.policies[0].resolution = 'PT100000H'), /at most ten years/],
    ['sla.policies[2].resolution', (j) => (j.sla.policies[2].resolution = 'PT1H-30M'), /must not be negative/],
    ['sla.policies[0].levels[0]', (j) => (j.sla.policies[0].levels = [5]), /support level 0, 1, 2, 3 or 4/],
    ['agents[0].levels', (j) => (j.agents[0].levels = []), /at least one/],
    ['rules[0].level', (j) => (j.rules = [{ id: 'r', category: 'c', level: -1, keywords: { en: ['x'] } }]), /support level/],
    ['sla.policies[0].priorities[0]', (j) => (j.sla.policies[0].priorities = ['critical']), /low, normal, high, urgent.*"critical"/],
    ['sla.policies[0].warnAtPercent', (j) => (j.sla.policies[0].warnAtPercent = 120), /less than 100/],
    ['agents[1].email', (j) => (j.agents[1].email = 'camille at example.com'), /email address/],
    ['escalationContacts[0]', (j) => (j.escalationContacts[0] = 'lead'), /email address/],
    ['vendors[0].email', (j) => (j.vendors[0].email = ''), /email address/],
    ['kb[0].url', (j) => (j.kb[0].url = 'help.example.com/kb'), /http:\/\/ or https:\/\/ URL/],
    ['kb[1].url', (j) => (j.kb[1].url = 'javascript:alert(1)'), /http:\/\/ or https:\/\/ URL/],
    ['kb[2].title', (j) => (j.kb[2].title = 42), /a string or an object of titles/],
    ['vendors[1].id', (j) => (j.vendors[1].id = 'Print Partner'), /lower-case letters/],
    ['agents[2].language', (j) => (j.agents[2].language = 'es'), /"en", "fr" or "de"/],
    ['callbacks.customerHours', (j) => (j.callbacks.customerHours = ['19:00', '08:00']), /start must come before the end/],
    ['callbacks.maxAttempts', (j) => (j.callbacks.maxAttempts = 0), /at least 1/],
    ['vendorFollowup.maxFollowups', (j) => (j.vendorFollowup.maxFollowups = 1.5), /whole number/],
    ['sla.policies[0].calendar', (j) => (j.sla.policies[0].calendar = 'weekdays'), /"business" or "24x7"/],
    ['timezone', (j) => delete j.timezone, /is required/],
    ['sla.policies[0].levels', (j) => (j.sla.policies[0].levels = '3'), /must be a list/],
  ];
  it.each(cases)('%s', (path, mutate, expected) => {
    const json = exampleJson();
    mutate(json);
    const message = messageAt(json, path);
    expect(message, JSON.stringify(issuesOf(json))).toMatch(expected);
  });

  it('(root) must be an object', () => {
    expect(messageAt(42, '(root)')).toMatch(/must be an object/);
    expect(messageAt(null, '(root)')).toMatch(/must be an object/);
  });

  it('accepts "24:00" as the end of a day and intervals that touch', () => {
    const json = exampleJson();
    json.businessHours.sat = [['00:00', '12:00'], ['12:00', '24:00']];
    expect(() => parseConfig(json)).not.toThrow();
  });

  it('reports a malformed SLA duration once, not once per check', () => {
    const json = exampleJson();
    json.sla.policies[0].resolution = 'one hour';
    expect(issuesOf(json).filter((i) => i.path === 'sla.policies[0].resolution')).toHaveLength(1);
  });

  it('reports an SLA duration the clock refuses once, by the check of its own calendar', () => {
    const json = exampleJson();
    json.sla.policies[0].resolution = 'P1M'; // 24x7
    json.sla.policies[2].resolution = 'P1M'; // business
    const at = (path: string) => issuesOf(json).filter((i) => i.path === path);
    expect(at('sla.policies[0].resolution')).toHaveLength(1);
    expect(at('sla.policies[0].resolution')[0]!.message).toMatch(/months have no fixed length/);
    expect(at('sla.policies[2].resolution')).toHaveLength(1);
    expect(at('sla.policies[2].resolution')[0]!.message).toMatch(/"business" calendar/);
  });

  it('allows days in 24x7 policies', () => {
    const json = exampleJson();
    json.sla.policies[0].resolution = 'P2D';
    expect(parseConfig(json).sla.policies[0]?.resolution).toBe('P2D');
  });
});

describe('cross-checks', () => {
  it('require a level-2 agent when agents are configured', () => {
    const json = exampleJson();
    json.agents = json.agents.filter((a: { levels: number[] }) => !a.levels.includes(2));
    expect(messageAt(json, 'agents')).toMatch(/callbacks need at least one level-2 agent/);
  });

  it('accept a config without any agents', () => {
    const json = exampleJson();
    delete json.agents;
    expect(parseConfig(json).agents).toEqual([]);
  });

  it('accept per-agent console tokens and refuse short, spaced or shared ones without echoing them', () => {
    const json = exampleJson();
    json.agents[0].token = 'a'.repeat(16);
    json.agents[1].token = 'b'.repeat(32);
    expect(parseConfig(json).agents.slice(0, 2).map((a) => a.token)).toEqual(['a'.repeat(16), 'b'.repeat(32)]);
    const short = exampleJson();
    short.agents[0].token = 'secret-short';
    expect(messageAt(short, 'agents[0].token')).toMatch(/at least 16 characters/);
    const spaced = exampleJson();
    spaced.agents[0].token = 'correct horse battery staple';
    expect(messageAt(spaced, 'agents[0].token')).toMatch(/without spaces/);
    const shared = exampleJson();
    shared.agents[0].token = 'shared-token-0123456789';
    shared.agents[2].token = 'shared-token-0123456789';
    expect(messageAt(shared, 'agents[2].token')).toMatch(/same token as agents\[0\]\.token/);
    for (const j of [short, spaced, shared]) expect(JSON.stringify(issuesOf(j))).not.toMatch(/secret-short|horse|shared-token/);
  });

  it('reject duplicate agent emails, case-insensitively', () => {
    const json = exampleJson();
    json.agents[1].email = 'Anna.Becker@example.com';
    expect(messageAt(json, 'agents[1].email')).toMatch(/already used by agents\[0\]/);
  });

  it('reject duplicate vendor ids, KB ids, rule ids and policy names', () => {
    const json = exampleJson();
    json.vendors[2].id = 'nas';
    json.kb[3].id = 'ocr';
    json.sla.policies[4].name = 'urgent-vendor';
    json.rules = [
      { id: 'r1', category: 'c', level: 1, keywords: { en: ['a'] } },
      { id: 'r1', category: 'd', level: 2, keywords: { de: ['b'] } },
    ];
    const paths = issuesOf(json).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['vendors[2].id', 'kb[5].id', 'sla.policies[4].name', 'rules[1].id']));
  });

  it('reject a business policy when no day has business hours', () => {
    const json = exampleJson();
    json.businessHours = {};
    expect(messageAt(json, 'businessHours')).toMatch(/could never come due/);
  });

  it('reject consent links that expire before the ticket stops waiting for the answer', () => {
    const json = exampleJson();
    json.consent = { linkTtl: 'P3D', remindAfter: 'P2D', giveUpAfter: 'P5D' };
    expect(messageAt(json, 'consent.linkTtl')).toBe('P3D is shorter than consent.giveUpAfter (P5D), so the consent links would expire while the ticket still waits for the answer; make linkTtl at least P5D or giveUpAfter shorter');
    // Only giveUpAfter given: the default linkTtl (P7D) is shorter than P10D.
    const partial = exampleJson();
    partial.consent = { giveUpAfter: 'P10D' };
    expect(messageAt(partial, 'consent.linkTtl')).toMatch(/^P7D is shorter than consent\.giveUpAfter \(P10D\)/);
    // Links that live exactly as long as the wait are fine (units compared by length: P5D = PT120H).
    const equal = exampleJson();
    equal.consent = { linkTtl: 'PT120H', remindAfter: 'P2D', giveUpAfter: 'P5D' };
    expect(() => parseConfig(equal)).not.toThrow();
  });

  it('reject a consent reminder due at or after the give-up, which would never be sent', () => {
    for (const remindAfter of ['P5D', 'P6D', 'PT120H']) {
      const json = exampleJson();
      json.consent = { linkTtl: 'P7D', remindAfter, giveUpAfter: 'P5D' };
      expect(messageAt(json, 'consent.remindAfter')).toBe(`${remindAfter} is not shorter than consent.giveUpAfter (P5D), so the reminder would never be sent; make remindAfter shorter than giveUpAfter, e.g. "P2D" with "P5D"`);
    }
    const ok = exampleJson();
    ok.consent = { linkTtl: 'PT10S', remindAfter: 'PT2S', giveUpAfter: 'PT6S' };
    expect(parseConfig(ok).consent).toEqual({ linkTtl: 'PT10S', remindAfter: 'PT2S', giveUpAfter: 'PT6S' });
  });

  it('name both consent problems at once in the error, with the path and the fix', () => {
    const json = exampleJson();
    json.consent = { linkTtl: 'P1D', remindAfter: 'P9D', giveUpAfter: 'P5D' };
    let caught: unknown;
    try {
      parseConfig(json, 'config/mine.json');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.issues.map((i) => i.path)).toEqual(['consent.linkTtl', 'consent.remindAfter']);
    expect(err.message).toContain('consent.linkTtl: P1D is shorter than consent.giveUpAfter (P5D)');
    expect(err.message).toContain('consent.remindAfter: P9D is not shorter than consent.giveUpAfter (P5D)');
  });

  it('reject a rule without keywords', () => {
    const json = exampleJson();
    json.rules = [{ id: 'r', category: 'c', level: 1, keywords: { en: [] } }];
    expect(messageAt(json, 'rules[0].keywords')).toMatch(/at least one keyword/);
  });
});
