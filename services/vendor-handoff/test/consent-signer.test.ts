import { describe, expect, it } from 'vitest';
import { ConsentLinkRefusedError, encodeConsentPayload, type ConsentTokenPayload } from '@tierdesk/domain';
import { ConsentSigner } from '../src/consent-signer.js';

const payload: ConsentTokenPayload = { ticketId: 'TD-7', vendorId: 'nas', decision: 'grant', nonce: 'n0nce-0123456789abcdef', exp: 1_900_000_000 };
const signer = new ConsentSigner('secret-one-0123456789');

function problemOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof ConsentLinkRefusedError ? err.problem : `other: ${String(err)}`;
  }
}

describe('consent link signatures', () => {
  it('verifies what it signed, and is deterministic for the same request', () => {
    const token = signer.sign(payload);
    expect(signer.verify(token)).toEqual(payload);
    expect(signer.sign(payload)).toBe(token);
    expect(signer.sign({ ...payload, decision: 'deny' })).not.toBe(token);
  });

  it('refuses a token signed with another secret', () => {
    expect(problemOf(() => signer.verify(new ConsentSigner('secret-two-0123456789').sign(payload)))).toBe('forged');
  });

  it('refuses a changed payload under the original signature', () => {
    const [, sig] = signer.sign(payload).split('.');
    const tampered = `${encodeConsentPayload({ ...payload, ticketId: 'TD-8' })}.${sig}`;
    expect(problemOf(() => signer.verify(tampered))).toBe('forged');
  });

  it('refuses a flipped signature bit and a truncated signature', () => {
    const token = signer.sign(payload);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(problemOf(() => signer.verify(`${token.slice(0, -2)}${last}${token.at(-1)}`))).toBe('forged');
    expect(problemOf(() => signer.verify(token.slice(0, -1)))).toBe('malformed');
  });

  it('refuses things that are not tokens at all', () => {
    for (const junk of ['', 'abc', '.', `${'a'.repeat(20)}.`, '../../etc/passwd', `${'x'.repeat(1000)}.${'y'.repeat(43)}`]) {
      expect(problemOf(() => signer.verify(junk))).toBe('malformed');
    }
  });
});
