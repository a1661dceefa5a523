import { describe, expect, it } from 'vitest';
import { detectConsentReply, detectSelfHelpReply } from '../src/triage/index.js';

describe('detectSelfHelpReply', () => {
  it.each([
    "Merci, c'est réglé !",
    'Super, ça marche maintenant. Bonne journée',
    'Danke, hat geklappt.',
    'Vielen Dank, das Problem ist gelöst.',
    'Thanks, solved!',
    'That worked, thank you. You can close the ticket.',
  ])('solved: %s', (text) => {
    expect(detectSelfHelpReply(text)).toBe('solved');
  });

  it.each([
    "ça n'a pas aidé",
    'Malheureusement le problème persiste.',
    'Hat nicht geholfen, leider.',
    'Funktioniert immer noch nicht.',
    'That did not help.',
    "Thanks, but it still doesn't work",
    'The problem is not solved yet',
    'Das Problem ist noch nicht gelöst.',
  ])('not helped: %s', (text) => {
    expect(detectSelfHelpReply(text)).toBe('not-helped');
  });

  it('is unknown when the reply says neither', () => {
    expect(detectSelfHelpReply('I will try it tomorrow.')).toBe('unknown');
    expect(detectSelfHelpReply('')).toBe('unknown');
  });

  it('ignores the quoted answer', () => {
    const reply = "Thanks, solved!\n\nOn Mon, 3 Jun 2024 at 10:00, Support <s@x.example> wrote:\n> If this did not help, reply to this mail.";
    expect(detectSelfHelpReply(reply)).toBe('solved');
    expect(detectSelfHelpReply("> Has this solved your problem?\nNo, it didn't work.")).toBe('not-helped');
  });

  it('treats mixed news as not helped, so a person looks at it', () => {
    expect(detectSelfHelpReply('The first step worked, but the export still does not work.')).toBe('not-helped');
  });
});

describe('detectConsentReply', () => {
  it.each(['Yes', 'Yes, please go ahead.', "Oui, d'accord.", "D'accord, vous pouvez transmettre.", 'Ja, einverstanden.', 'Einverstanden', 'No problem, go ahead', 'Kein Problem.', 'Pas de souci'])(
    'yes: %s',
    (text) => {
      expect(detectConsentReply(text)).toBe('yes');
    },
  );

  it.each(['No', 'No, thanks.', 'Non merci', "Je ne suis pas d'accord", 'Nein', 'Nicht einverstanden.', 'I do not agree', 'Please do not forward my data'])(
    'no: %s',
    (text) => {
      expect(detectConsentReply(text)).toBe('no');
    },
  );

  it('is ambiguous with both or neither', () => {
    expect(detectConsentReply('Yes and no, call me first')).toBe('ambiguous');
    expect(detectConsentReply('Oui... enfin non')).toBe('ambiguous');
    expect(detectConsentReply('What does this mean?')).toBe('ambiguous');
    expect(detectConsentReply("I'm not sure")).toBe('ambiguous');
  });

  it('ignores quoted text and the signature', () => {
    const reply = 'Ja\n\nAm 03.06.2024 um 10:00 schrieb Support <s@x.example>:\n> Antworten Sie mit Ja oder Nein.';
    expect(detectConsentReply(reply)).toBe('yes');
    expect(detectConsentReply('> Do you agree? Yes or no\nNo.')).toBe('no');
    expect(detectConsentReply('Oui\n-- \nJean Non-Dupont')).toBe('yes');
  });
});
