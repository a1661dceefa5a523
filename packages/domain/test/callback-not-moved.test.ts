import { describe, expect, it } from 'vitest';
import { callbackNotMoved, callbackNotMovedNote, callbackNotMovedReason, parseCallbackRequest } from '../src/index.js';

const ZONE = 'Europe/Paris';
const SLOT = 30 * 60_000;
const reference = new Date('2026-03-09T07:00:00Z');
const read = (text: string) => parseCallbackRequest(text, { reference, zone: ZONE, language: 'en' });

describe('callbackNotMoved', () => {
  const wednesday = read('Could you call me on Wednesday at 14:00 instead?');
  const booked = new Date('2026-03-09T08:00:00Z');

  it('is nothing-free when a move was asked and no slot was found', () => {
    expect(wednesday.kind).toBe('time');
    expect(callbackNotMoved(wednesday, { kind: 'none' }, SLOT, ZONE)).toBe('nothing-free');
    expect(callbackNotMoved(read('That does not suit me, please call me another time.'), { kind: 'none' }, SLOT, ZONE)).toBe('nothing-free');
  });

  it('is same-slot when only the booked call came back and it is not the time asked for', () => {
    expect(callbackNotMoved(wednesday, { kind: 'same', start: booked }, SLOT, ZONE)).toBe('same-slot');
  });

  it('is null when the booked call is the time asked for, the call moved, or nothing was asked', () => {
    const asIs = read('Please call me today at 9:00.');
    expect(asIs).toMatchObject({ kind: 'time', exact: true });
    expect(callbackNotMoved(asIs, { kind: 'same', start: booked }, SLOT, ZONE)).toBeNull();
    expect(callbackNotMoved(wednesday, { kind: 'other' }, SLOT, ZONE)).toBeNull();
    expect(callbackNotMoved(read('Here is the screenshot.'), { kind: 'none' }, SLOT, ZONE)).toBeNull();
  });
});

describe('what the customer and the agent are told', () => {
  it('tells the customer in their language why, and that the call stands and a person will arrange another time', () => {
    expect(callbackNotMovedNote('nothing-free', 'en')).toMatch(/^We could not book the time you asked for: no callback time is free .* Your call therefore stays at the time above\./);
    expect(callbackNotMovedNote('same-slot', 'fr')).toMatch(/^Nous n'avons pas pu réserver .* l'appel déjà prévu\. Votre appel reste donc prévu/);
    expect(callbackNotMovedNote('same-slot', 'de-AT')).toMatch(/^Den gewünschten Zeitpunkt konnten wir nicht buchen: .* Ihr Anruf bleibt daher/);
    expect(callbackNotMovedNote('nothing-free', 'pt')).toBe(callbackNotMovedNote('nothing-free', 'en'));
  });

  it('tells the agent what was asked and that they must arrange it', () => {
    const wednesday = read('Could you call me on Wednesday at 14:00 instead?');
    expect(callbackNotMovedReason('nothing-free', wednesday)).toMatch(/^The customer asked to move this callback for "on Wednesday at 14:00", but no level-2 agent has a free slot then or later.* arrange a time/);
    expect(callbackNotMovedReason('same-slot', { kind: 'other-time' })).toMatch(/without naming a time we could read, but the earliest slot that can be booked is the one already booked/);
  });
});
