import { describe, expect, it } from 'vitest';
import { describeData, formatTime, intlZone } from '../src/format.js';
import { translator } from '../src/i18n.js';
import type { PageContext } from '../src/page-context.js';
import { config } from './fixtures.js';

function ctx(lang: 'en' | 'fr' | 'de', agent: string | null = null): PageContext {
  return { lang, t: translator(lang), session: agent ? { sid: 's', agent, exp: 0 } : null, csrf: '', config, now: new Date(), path: '/console' };
}

describe('console formatting', () => {
  it('shows times in the team zone, or in the signed-in agent’s own zone, in the reader’s language', () => {
    const at = '2026-11-26T11:00:00.000Z';
    expect(formatTime(ctx('en'), at)).toMatch(/26 Nov 2026.*12:00.*(CET|GMT\+1)/);
    expect(formatTime(ctx('de'), at)).toMatch(/26\. Nov\. 2026.*12:00/);
    expect(formatTime(ctx('fr'), at)).toMatch(/26 nov\. 2026.*12:00/);
    // Oliver Hughes works from London in the example config.
    expect(formatTime(ctx('en', 'oliver.hughes@example.com'), at)).toMatch(/11:00.*(GMT|UTC)/);
    expect(formatTime(ctx('en'), null)).toBe('–');
  });

  it('understands the fixed-offset zones guessed from Date headers', () => {
    expect(intlZone('UTC+2')).toBe('Etc/GMT-2');
    expect(intlZone('UTC-5')).toBe('Etc/GMT+5');
    expect(intlZone('Europe/Paris')).toBe('Europe/Paris');
    expect(formatTime(ctx('en'), '2026-11-26T11:00:00.000Z', intlZone('UTC+2'))).toMatch(/13:00/);
  });

  it('describes event data as short key: value text', () => {
    expect(describeData({ from: 1, to: 2, reason: 'x', empty: '', list: [], none: null, obj: { a: 1 } })).toBe('from: 1 · to: 2 · reason: x · obj: {"a":1}');
  });
});
