import type { Ticket } from '@tierdesk/domain';

/** What a template may show; every field beyond `ticket` and `publicUrl` is optional. */
export interface TemplateContext {
  ticket: Pick<Ticket, 'id' | 'subject' | 'level' | 'priority' | 'status' | 'customer' | 'category'>;
  /** PUBLIC_URL: base of the links in agent emails. */
  publicUrl: string;
  recipientName?: string;
  /** agent-notification: why this agent is told; escalations. Shown to agents only. */
  reason?: string;
  /** kb-answer */
  articles?: Array<{ title: string; url: string }>;
  /** agent-reply text, vendor-handoff summary, a note on agent emails */
  body?: string;
  /** resolved */
  resolution?: string;
  sla?: { target: 'firstResponse' | 'resolution'; due: string; policy: string | null; timezone: string };
  callback?: { start: string; end: string; timezone: string; timezoneNote?: string; agentName: string; attempt: number };
  consent?: { vendorName: string; grantUrl: string; denyUrl: string; shared: string[]; expiresAt: string };
  vendor?: { name: string; externalRef?: string | null; consentAt?: string; followupCount?: number };
  /** agent-notification about a customer writing again: their reply, quoted (own words only). */
  customerReply?: { from: string; at: string; text: string };
  /** vendor-handoff: relevant messages */
  messages?: Array<{ from: string; at: string; text: string }>;
  /** The recipient's IANA zone for dates that carry none of their own; default the customer's, else UTC. */
  timezone?: string;
}

/** A rendered email: subject without the [TD-n] tag (the builder adds it), plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
