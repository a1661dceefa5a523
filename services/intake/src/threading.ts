import type { ParsedInbound } from './parse-message.js';

export interface ThreadLookup {
  ticketByMessageId(messageId: string): Promise<string | null>;
  /** The ticket's parties, or null when there is no such ticket. */
  ticketParties(ticketId: string): Promise<{ customer: string; vendor: string | null; status: string } | null>;
  isAgent(email: string): boolean;
  ticketByExternalRef?(subject: string): Promise<string | null>;
}

export interface ThreadMatch {
  ticketId: string | null;
  how: 'references' | 'subject-tag' | 'external-ref' | 'bounce' | 'none';
}

/**
 * CONTRACT §3: a message joins a ticket when In-Reply-To/References name one of its messages, or
 * its subject carries [TD-n] of an existing ticket and the sender is one of that ticket's parties.
 * A stranger quoting a tag opens a new ticket instead of writing into someone else's.
 */
export async function findThread(parsed: ParsedInbound, lookup: ThreadLookup): Promise<ThreadMatch> {
  if (parsed.bounce?.originalMessageId) {
    const t = await lookup.ticketByMessageId(parsed.bounce.originalMessageId);
    if (t) return { ticketId: t, how: 'bounce' };
  }
  const refs = [...(parsed.inReplyTo ? [parsed.inReplyTo] : []), ...[...parsed.references].reverse()];
  for (const ref of refs) {
    const t = await lookup.ticketByMessageId(ref);
    if (t) return { ticketId: t, how: 'references' };
  }
  const sender = parsed.from?.email ?? null;
  if (sender) {
    for (const tag of parsed.ticketTags) {
      const parties = await lookup.ticketParties(tag);
      if (!parties) continue;
      if (sender === parties.customer.toLowerCase() || sender === parties.vendor?.toLowerCase() || lookup.isAgent(sender)) {
        return { ticketId: tag, how: 'subject-tag' };
      }
    }
    if (lookup.ticketByExternalRef) {
      const t = await lookup.ticketByExternalRef(parsed.subject);
      if (t) {
        const parties = await lookup.ticketParties(t);
        if (parties && sender === parties.vendor?.toLowerCase()) return { ticketId: t, how: 'external-ref' };
      }
    }
  }
  return { ticketId: null, how: 'none' };
}
