import type { ImapSettings } from './imap-settings.js';

/** One line an operator can act on, for each way reaching the mailbox fails. */
export function describeImapError(err: unknown, s: ImapSettings): string {
  const e = err as { authenticationFailed?: boolean; code?: string; message?: string; responseText?: string; serverResponseCode?: string };
  const where = `${s.host}:${s.port}`;
  if (e?.authenticationFailed || e?.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return `login to ${where} as ${s.user} failed; check the user and password in IMAP_URL`;
  }
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `nothing listens on ${where}; check the host and port in IMAP_URL and that the server runs`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${s.host} is unknown; check IMAP_URL`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return `${where} did not answer in time`;
    case 'NoConnection':
    case 'EConnectionClosed':
      return `the connection to ${where} closed`;
    default:
      break;
  }
  if (e?.serverResponseCode === 'NONEXISTENT' || /mailbox doesn't exist|unknown mailbox/i.test(e?.responseText ?? '')) {
    return `the mailbox "${s.mailbox}" does not exist on ${where}; fix the path of IMAP_URL`;
  }
  return `${where}: ${e?.responseText ?? e?.message ?? String(err)}`;
}
