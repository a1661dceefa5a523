import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { honoursRequest, parseCallbackRequest, type CallbackRequest } from '../src/index.js';

// Fri 2026-03-06 11:00 in Paris (10:00Z)
const reference = new Date('2026-03-06T10:00:00Z');
const read = (text: string, language = 'en', zone = 'Europe/Paris'): CallbackRequest => parseCallbackRequest(text, { reference, zone, language });
const at = (r: CallbackRequest) => (r.kind === 'time' ? r.at.toISOString() : r.kind);

describe('reading a requested callback time', () => {
  it('reads English, French and German requests in the customer zone', () => {
    expect(at(read('Could you call me on Tuesday at 10:00 instead?'))).toBe('2026-03-10T09:00:00.000Z');
    expect(at(read('Pourriez-vous plutôt me rappeler mardi à 10h ?', 'fr'))).toBe('2026-03-10T09:00:00.000Z');
    expect(at(read('Können Sie mich lieber am Dienstag um 10 Uhr anrufen?', 'de'))).toBe('2026-03-10T09:00:00.000Z');
    expect(at(read('demain à 14h30 svp', 'fr'))).toBe('2026-03-07T13:30:00.000Z');
    expect(at(read('Morgen um 15 Uhr passt mir besser.', 'de'))).toBe('2026-03-07T14:00:00.000Z');
  });

  it('reads the time in the customer zone, including a fixed offset from the Date header', () => {
    expect(at(read('Please call me tomorrow at 9:00 instead', 'en', 'America/New_York'))).toBe('2026-03-07T14:00:00.000Z');
    expect(at(read('Please call me tomorrow at 9:00 instead', 'en', 'UTC+5:30'))).toBe('2026-03-07T03:30:00.000Z');
  });

  it('takes "at 2" without am/pm as the afternoon', () => {
    expect(at(read('Could you call me back on Monday at 2?'))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('treats a bare day as the whole day, and marks it inexact', () => {
    const r = read('I am not available today, can you call me Monday instead?');
    expect(r).toMatchObject({ kind: 'time', exact: false });
    expect(at(r)).toBe('2026-03-08T23:00:00.000Z');
    if (r.kind === 'time') {
      expect(honoursRequest(r, new Date('2026-03-09T07:00:00Z'), 30 * 60_000, 'Europe/Paris')).toBe(true);
      expect(honoursRequest(r, new Date('2026-03-10T07:00:00Z'), 30 * 60_000, 'Europe/Paris')).toBe(false);
    }
  });

  it('says an exact request is honoured only by a slot starting within one slot of it', () => {
    const r = read('call me Tuesday at 10:10 instead');
    if (r.kind !== 'time') throw new Error('expected a time');
    expect(honoursRequest(r, new Date('2026-03-10T09:30:00Z'), 30 * 60_000, 'Europe/Paris')).toBe(true);
    expect(honoursRequest(r, new Date('2026-03-10T09:45:00Z'), 30 * 60_000, 'Europe/Paris')).toBe(false);
  });

  it('asks for the next free slot when the wish is clear but the date is nonsense or missing', () => {
    expect(read('Please call me on the 45th of Brumaire at 99:99 instead', 'en').kind).toBe('other-time');
    expect(read("Ce créneau ne me convient pas, pourriez-vous me rappeler à un autre moment ?", 'fr').kind).toBe('other-time');
    expect(read('Der Termin passt mir nicht, bitte verschieben.', 'de').kind).toBe('other-time');
  });

  it('leaves an ordinary reply alone', () => {
    expect(read('Here is the screenshot of the error message you asked for.').kind).toBe('none');
    expect(read('').kind).toBe('none');
    const long = `${'The import stopped with error 0x80070005 after the update. '.repeat(6)}The nightly backup runs at 2:00 as usual.`;
    expect(read(long).kind).toBe('none');
  });

  it('ignores times in the past (facts about the problem) and in the quoted email', () => {
    expect(read('It has been broken since yesterday at 10:00.').kind).toBe('none');
    const quoted = 'Thanks, that is fine.\n\nLe jeu. 5 mars 2026 à 10:00, Support <support@x.test> a écrit :\n> nous vous rappellerons le lundi 9 mars 2026 de 09:00 à 09:30';
    expect(read(quoted, 'fr').kind).toBe('none');
  });

  it('never takes a time too far ahead at its word', () => {
    expect(read('Call me back on 12 March 2029 at 10:00 instead').kind).toBe('other-time');
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('en', 'fr', 'de', 'xx'), fc.constantFrom('Europe/Paris', 'UTC-3', 'Asia/Kolkata'), (text, language, zone) => {
        const r = parseCallbackRequest(`call me ${text}`, { reference, zone, language });
        expect(['time', 'other-time', 'none']).toContain(r.kind);
        if (r.kind === 'time') expect(Number.isNaN(r.at.getTime())).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
