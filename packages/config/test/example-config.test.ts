import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TierdeskConfig } from '@tierdesk/domain';
import { DEFAULT_CONFIG_PATH, loadConfigFile, parseConfig } from '../src/index.js';

describe('the example config shipped in the repo', () => {
  it('lives at DEFAULT_CONFIG_PATH, an absolute path that exists', () => {
    expect(isAbsolute(DEFAULT_CONFIG_PATH)).toBe(true);
    expect(DEFAULT_CONFIG_PATH.endsWith('config/tierdesk.example.json')).toBe(true);
    expect(existsSync(DEFAULT_CONFIG_PATH)).toBe(true);
  });

  it('parses and describes the support team', () => {
    const config: TierdeskConfig = loadConfigFile(DEFAULT_CONFIG_PATH);
    expect(config.timezone).toBe('Europe/Berlin');
    expect(config.businessHours.mon).toEqual([
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ]);
    expect(config.businessHours.sat).toEqual([]);
    expect(config.holidays).toContain('2026-12-25');
    expect(config.holidays).toContain('2027-03-26');
    for (const level of [0, 1, 2, 3, 4] as const) {
      expect(config.agents.some((a) => a.levels.includes(level))).toBe(true);
    }
    expect(new Set(config.agents.filter((a) => a.levels.includes(2)).map((a) => a.timezone)).size).toBe(2);
    expect(config.vendors.map((v) => v.id)).toEqual(['nas', 'printer', 'database', 'terminal-server', 'hosting']);
    expect(config.kb.length).toBeGreaterThanOrEqual(8);
    for (const article of config.kb) {
      expect(article.url).toMatch(/^https:\/\/help\.example\.com\//);
      expect(Object.keys(article.keywords).sort()).toEqual(['de', 'en', 'fr']);
    }
    expect(config.rules).toEqual([]);
  });

  it('orders SLA policies so the urgent 24x7 ones match first', () => {
    const { policies } = loadConfigFile(DEFAULT_CONFIG_PATH).sla;
    expect(policies[0]).toMatchObject({ levels: [3], priorities: ['urgent'], calendar: '24x7', escalateOnBreach: true });
    const helpdesk = policies.find((p) => p.levels.includes(1));
    expect(helpdesk).toMatchObject({ firstResponse: 'PT8H', resolution: null, calendar: 'business' });
  });

  it('is frozen, so no component can change it under another', () => {
    const config = loadConfigFile(DEFAULT_CONFIG_PATH);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.agents[0])).toBe(true);
    expect(() => (config.agents as unknown[]).push({})).toThrow(TypeError);
  });
});

describe('defaults', () => {
  const minimal = { timezone: 'America/New_York', businessHours: { mon: [['09:00', '17:00']] } };

  it('fill every optional part', () => {
    const config = parseConfig(minimal);
    expect(config.businessHours).toEqual({ mon: [['09:00', '17:00']], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
    expect(config).toMatchObject({
      holidays: [],
      sla: { policies: [] },
      agents: [],
      escalationContacts: [],
      vendors: [],
      kb: [],
      rules: [],
      selfHelp: { closeAfter: 'P7D' },
      consent: { linkTtl: 'P7D', remindAfter: 'P2D', giveUpAfter: 'P5D' },
      vendorFollowup: { after: 'P2D', maxFollowups: 3, attachAttachments: false },
      callbacks: { slot: 'PT30M', reminderBefore: 'PT15M', maxAttempts: 3, retryAfter: 'PT2H', leadTime: 'PT30M', customerHours: ['08:00', '19:00'] },
    });
  });

  it('fill policies, agents, vendors and rules', () => {
    const config = parseConfig({
      ...minimal,
      sla: { policies: [{ name: 'p', levels: [3], firstResponse: 'PT4H' }] },
      agents: [{ email: 'a@example.com', name: 'A', levels: [2] }],
      vendors: [{ id: 'nas', name: 'N', email: 'n@example.net', topics: ['nas'] }],
      rules: [{ id: 'r', category: 'billing', level: 1, keywords: { en: ['invoice'] } }],
    });
    expect(config.sla.policies[0]).toEqual({
      name: 'p',
      levels: [3],
      priorities: ['low', 'normal', 'high', 'urgent'],
      firstResponse: 'PT4H',
      resolution: null,
      calendar: 'business',
      warnAtPercent: 80,
      escalateOnBreach: false,
    });
    expect(config.agents[0]).toMatchObject({ timezone: 'America/New_York', language: 'en' });
    expect(config.vendors[0]?.language).toBe('en');
    expect(config.rules[0]?.weight).toBe(1);
  });

  it('accept a plain string as a KB title', () => {
    const config = parseConfig({ ...minimal, kb: [{ id: 'x', title: 'Reset', url: 'https://help.example.com/x', keywords: { en: ['reset'] } }] });
    expect(config.kb[0]?.title).toBe('Reset');
  });
});
