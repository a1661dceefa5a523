import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUsableZone, withinCustomerHours, zoneToldInReply } from '../src/index.js';

const zone = (text: string) => zoneToldInReply(text)?.zone ?? null;

describe('a time zone the customer states in a reply', () => {
  it('reads where they are, in English, French and German', () => {
    expect(zone("Thanks. I'm in New York, so please keep that in mind.")).toBe('America/New_York');
    expect(zone('I am based in Los Angeles.')).toBe('America/Los_Angeles');
    expect(zone('We are located in the UK')).toBe('Europe/London');
    expect(zone('Bonjour, je suis à Montréal, merci.')).toBe('America/Toronto');
    expect(zone("J'habite en Suisse.")).toBe('Europe/Zurich');
    expect(zone('Ich bin in Wien, bitte beachten Sie das.')).toBe('Europe/Vienna');
    expect(zone('Hallo, ich wohne in München.')).toBe('Europe/Berlin');
  });

  it('reads a zone named outright: IANA names, offsets, abbreviations after a time, "Pacific time", "heure de Paris"', () => {
    expect(zone('My time zone is Asia/Tokyo.')).toBe('Asia/Tokyo');
    expect(zone('Fuseau horaire : UTC+3')).toBe('UTC+3');
    expect(zone('my timezone is GMT-5:30')).toBe('UTC-5:30');
    expect(zone('Could you call me Tuesday at 10:00 EST instead?')).toBe('America/New_York');
    expect(zone('Dienstag um 10 Uhr MEZ wäre gut.')).toBe('Europe/Berlin');
    expect(zone("I'm on Pacific time.")).toBe('America/Los_Angeles');
    expect(zone('Call me at 9 New York time please')).toBe('America/New_York');
    expect(zone('Rappelez-moi à 10h, heure de Paris.')).toBe('Europe/Paris');
  });

  it('ignores places and zones mentioned in passing, and stays silent when two zones are named', () => {
    expect(zone('Our office in Paris has the same problem.')).toBeNull();
    expect(zone('The log says the error happened at UTC+2 midnight.')).toBeNull();
    expect(zone("I'm in a meeting until noon, call me after.")).toBeNull();
    expect(zone("I'm in Easter holidays next week.")).toBeNull();
    expect(zone("I'm in Paris today but call me at 10:00 New York time.")).toBeNull();
    expect(zone('')).toBeNull();
    expect(zone("I'm in valueOf, call me at 10 constructor")).toBeNull();
  });

  it('reads only the reply, not the quoted callback email', () => {
    const quoted = 'Fine for me.\n\nOn Mon, 9 Mar 2026, Support wrote:\n> We will call you back on Monday, 9 March 2026, 09:00–09:30 (UTC+2)\n> My time zone is Europe/Berlin';
    expect(zone(quoted)).toBeNull();
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('valueOf', '__proto__', 'constructor', 'hasOwnProperty', '10:00 toString')), fc.constantFrom("I'm in ", 'je suis à ', 'ich bin in ', 'at 10:00 ', ''), (text, lead) => {
        const r = zoneToldInReply(lead + text);
        if (r) expect(isUsableZone(r.zone)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('whether a booked call suits a customer in their zone', () => {
  const hours: [string, string] = ['08:00', '19:00'];
  const at = (iso: string, minutes = 30) => [Date.parse(iso), Date.parse(iso) + minutes * 60_000] as const;

  it('reads the slot on their wall clock, summer time included', () => {
    // 13:00Z on Mon 9 March 2026: 09:00 in New York (EDT since the 8th), 06:00 in Los Angeles (PDT)
    expect(withinCustomerHours('America/New_York', hours, ...at('2026-03-09T13:00:00Z'))).toBe(true);
    expect(withinCustomerHours('America/Los_Angeles', hours, ...at('2026-03-09T13:00:00Z'))).toBe(false);
    // a week earlier New York was on EST: 13:00Z was 08:00, still inside; 12:30Z was 07:30, outside
    expect(withinCustomerHours('America/New_York', hours, ...at('2026-03-02T13:00:00Z'))).toBe(true);
    expect(withinCustomerHours('America/New_York', hours, ...at('2026-03-02T12:30:00Z'))).toBe(false);
  });

  it('refuses a slot running past their evening, and accepts one over midnight with round-the-clock hours', () => {
    expect(withinCustomerHours('UTC+2', hours, ...at('2026-03-09T16:45:00Z'))).toBe(false);
    expect(withinCustomerHours('UTC', ['00:00', '24:00'], ...at('2026-03-09T23:45:00Z'))).toBe(true);
  });
});
