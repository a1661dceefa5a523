import { describe, expect, it } from 'vitest';
import { consentReplyStep, recordConsentDecision, requestConsent, type Ticket } from '../src/index.js';
import { NONCE, NOW, PRINTER, inbound, waitingConsent } from './consent-fixtures.js';

/** The ticket with the customer's replies appended, in order. */
function withReplies(t: Ticket, ...texts: Array<[string, string]>): Ticket {
  return { ...t, messages: [...t.messages, ...texts.map(([id, text]) => inbound(id, { text }))] };
}

describe('when the customer answers the consent request by email', () => {
  it('a clear yes or no decides, in English, French and German', () => {
    expect(consentReplyStep(withReplies(waitingConsent(), ['<r@c>', 'Yes, go ahead.']), '<r@c>')).toEqual({ step: 'decide', granted: true });
    expect(consentReplyStep(withReplies(waitingConsent(), ['<r@c>', 'Oui.']), '<r@c>')).toEqual({ step: 'decide', granted: true });
    expect(consentReplyStep(withReplies(waitingConsent(), ['<r@c>', 'Nein, danke.']), '<r@c>')).toEqual({ step: 'decide', granted: false });
  });

  it('asks again on the first unclear reply, and hands later unclear ones to a person', () => {
    const t = withReplies(waitingConsent(), ['<q1@c>', 'What would you send them?'], ['<q2@c>', 'Hm, and who are they?'], ['<q3@c>', 'Still wondering.']);
    expect(consentReplyStep(t, '<q1@c>')).toEqual({ step: 'ask-again' });
    expect(consentReplyStep(t, '<q2@c>')).toEqual({ step: 'tell-agents' });
    expect(consentReplyStep(t, '<q3@c>')).toEqual({ step: 'tell-agents' });
    // A clear answer after the questions still decides.
    expect(consentReplyStep(withReplies(t, ['<y@c>', 'OK, ja.']), '<y@c>')).toEqual({ step: 'decide', granted: true });
  });

  it('counts unclear replies per request: a new request (another vendor) asks again first', () => {
    const first = withReplies(waitingConsent(), ['<q1@c>', 'What is this about?']);
    const again = requestConsent(first, { vendor: PRINTER, nonce: `${NONCE}-2`, expiresAt: '2026-12-03T10:00:00.000Z', reason: 'another vendor' }, NOW).ticket;
    expect(consentReplyStep(withReplies(again, ['<q2@c>', 'And now who?']), '<q2@c>')).toEqual({ step: 'ask-again' });
  });

  it('does nothing for the opening message, automatic mail, unknown messages or a decided request', () => {
    expect(consentReplyStep(waitingConsent(), '<m1@customer.test>')).toEqual({ step: 'none' });
    const auto = { ...waitingConsent(), messages: [...waitingConsent().messages, inbound('<a@c>', { text: 'I am away.', autoSubmitted: true })] };
    expect(consentReplyStep(auto, '<a@c>')).toEqual({ step: 'none' });
    expect(consentReplyStep(waitingConsent(), '<nope@c>')).toEqual({ step: 'none' });
    const decided = recordConsentDecision(withReplies(waitingConsent(), ['<r@c>', 'maybe']), { granted: true, channel: 'phone' }, NOW).ticket;
    expect(consentReplyStep(decided, '<r@c>')).toEqual({ step: 'none' });
  });
});
