import type { MailKind } from '@tierdesk/domain';

/** A file attached to an outbound email; `method` marks an iCalendar invite (REQUEST, CANCEL). */
export interface OutboundAttachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
  method?: string;
}

/** A recipient; the name may come from a customer, so it is sanitized before it becomes a header. */
export interface MailAddress {
  address: string;
  name?: string;
}

/** Everything needed to send one email about a ticket; built by the services, sent by a MailTransport. */
export interface OutboundEmail {
  ticketId: string;
  kind: MailKind;
  to: MailAddress[];
  cc?: MailAddress[];
  /** Without the tag: the builder adds "[TD-n] ". */
  subject: string;
  text: string;
  html?: string;
  /** Full '<...@domain>' form, usually from buildMessageId. */
  messageId: string;
  inReplyTo?: string | null;
  references?: string[];
  replyTo?: string;
  /** true → 'Auto-Submitted: auto-generated' (RFC 3834). */
  autoSubmitted: boolean;
  attachments?: OutboundAttachment[];
  language: 'en' | 'fr' | 'de';
}
