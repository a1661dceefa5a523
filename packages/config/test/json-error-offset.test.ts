import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../src/json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a":1,}', 7],
    ['[1,2,]', 5],
    ['{"a" 1}', 5],
    ['{"a":1', 6],
    ['{a:1}', 1],
    ['{"a":tru}', 5 + 3],
    ['{"a":"x\ny"}', 7],
    ['{} x', 3],
    ['', 0],
    ['{"a":01}', 6],
  ])('%j fails at %i', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(jsonErrorOffset(text)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(',', ']', '}', '"', ':', 'x'), (text, at, ch) => {
        const i = at % (text.length + 1);
        const mutated = text.slice(0, i) + ch + text.slice(i);
        let valid = true;
        try {
          JSON.parse(mutated);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(mutated) === null).toBe(valid);
      }),
    );
  });
});
