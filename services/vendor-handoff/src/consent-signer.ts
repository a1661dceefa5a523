import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  ConsentLinkRefusedError,
  consentSigningInput,
  decodeConsentPayload,
  encodeConsentPayload,
  splitConsentToken,
  type ConsentTokenPayload,
} from '@tierdesk/domain';

/**
 * Signs and verifies consent link tokens with HMAC-SHA256 under CONSENT_SECRET. Verification
 * compares in constant time and decodes the payload only after the signature holds, so a forged
 * token is never even parsed.
 */
export class ConsentSigner {
  constructor(private readonly secret: string) {
    if (!secret) throw new Error('ConsentSigner needs the consent secret');
  }

  sign(payload: ConsentTokenPayload): string {
    const body = encodeConsentPayload(payload);
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The payload of a token this deployment signed; throws ConsentLinkRefusedError otherwise. */
  verify(token: string): ConsentTokenPayload {
    const parts = splitConsentToken(token);
    if (!parts) throw new ConsentLinkRefusedError('malformed');
    const given = Buffer.from(parts.signature, 'base64url');
    const expected = this.mac(parts.body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ConsentLinkRefusedError('forged');
    const payload = decodeConsentPayload(parts.body);
    // Signed by us yet unreadable: only an older format could do that; refuse it as malformed.
    if (!payload) throw new ConsentLinkRefusedError('malformed');
    return payload;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.secret).update(consentSigningInput(body), 'utf8').digest();
  }
}
