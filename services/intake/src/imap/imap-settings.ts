import { InvalidInputError } from '@tierdesk/domain';

/** Where Tierdesk reads mail over IMAP, taken apart from IMAP_URL (CONTRACT §2). */
export interface ImapSettings {
  host: string;
  port: number;
  /** imaps:// = TLS from the first byte; imap:// = STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  /** The mailbox watched for new mail (the URL's path, INBOX by default). */
  mailbox: string;
  /**
   * Where handled mail goes (`?processed=`, default Tierdesk/Processed), created when missing.
   * Kept as path segments: the server's own hierarchy delimiter joins them ('/' or '.').
   */
  processedFolder: string[];
  /** Where mail that can never be taken in goes (`?quarantine=`), as segments too. */
  quarantineFolder: string[];
  /** `?tls=insecure` accepts self-signed certificates (test servers only). */
  rejectUnauthorized: boolean;
  /** The URL without the password, for logs and the lease key. */
  display: string;
}

export const DEFAULT_PROCESSED_FOLDER = 'Tierdesk/Processed';
export const DEFAULT_QUARANTINE_FOLDER = 'Tierdesk/Quarantine';

function segments(folder: string): string[] {
  return folder.split('/').map((p) => p.trim()).filter(Boolean);
}

/** Parses IMAP_URL, e.g. `imaps://user:pass@mail.example.com/INBOX?processed=Archive/Tierdesk`. */
export function parseImapUrl(value: string): ImapSettings {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError('IMAP_URL is not a URL; expected imaps://user:pass@host/INBOX.', { setting: 'IMAP_URL' });
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    throw new InvalidInputError(`IMAP_URL must start with imap:// or imaps://, not ${url.protocol}//.`, { setting: 'IMAP_URL' });
  }
  const user = decodeURIComponent(url.username);
  if (!user || !url.hostname) {
    throw new InvalidInputError('IMAP_URL needs a user and a host, e.g. imaps://support%40example.com:secret@mail.example.com/INBOX.', { setting: 'IMAP_URL' });
  }
  const secure = url.protocol === 'imaps:';
  const port = url.port ? Number(url.port) : secure ? 993 : 143;
  const mailbox = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port,
    secure,
    user,
    password: decodeURIComponent(url.password),
    mailbox,
    processedFolder: segments(url.searchParams.get('processed') || DEFAULT_PROCESSED_FOLDER),
    quarantineFolder: segments(url.searchParams.get('quarantine') || DEFAULT_QUARANTINE_FOLDER),
    rejectUnauthorized: url.searchParams.get('tls') !== 'insecure',
    display: `${url.protocol}//${encodeURIComponent(user)}@${url.host}/${mailbox}`,
  };
}
