import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SunkMail } from '../support/smtp-sink.js';
import { ROOT, type TierdeskProcess } from '../support/system.js';

export interface TicketJson {
  id: string;
  status: string;
  level: number;
  language: string;
  flags: string[];
  sla: { policy: string | null; pausedSince: string | null; resolutionDue: string | null };
  customer: { email: string };
  consent: null | { status: string; vendorId: string; channel: string | null; decidedAt: string | null; reminders: number; nonce?: string };
  vendor: null | { id: string; email: string; handedOffAt: string | null; externalRef: string | null; followups: number };
  messages: Array<{ messageId: string; direction: string; kind: string | null; from: string; role?: string }>;
  events: Array<{ type: string; data: Record<string, unknown> }>;
}

export const CONSENT_SECRET = 'e2e-consent-secret-0123456789abcdef';
export const VENDOR_NAS = 'support@nas-partner.example.net';

/** The example config with `patch` applied, written to a temp file for TIERDESK_CONFIG. */
export function testConfig(patch: (c: Record<string, unknown>) => void = () => undefined): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'config/tierdesk.example.json'), 'utf8')) as Record<string, unknown>;
  patch(config);
  const path = join(mkdtempSync(join(tmpdir(), 'td-vendor-')), 'config.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export async function getTicket(td: TierdeskProcess, id: string): Promise<TicketJson> {
  const r = await td.api<TicketJson>('GET', `/api/tickets/${id}`);
  if (r.status !== 200) throw new Error(`GET ${id}: ${r.status}`);
  return r.body;
}

export async function ticketOf(td: TierdeskProcess, messageId: string): Promise<TicketJson | undefined> {
  const r = await td.api<{ tickets: TicketJson[] }>('GET', `/api/tickets?messageId=${encodeURIComponent(messageId)}`);
  return r.body.tickets[0];
}

export interface LinkPayload {
  ticketId: string;
  vendorId: string;
  decision: 'grant' | 'deny';
  nonce: string;
  exp: number;
}

/** Written from the token format, independently of the product's signer. */
export function signToken(secret: string, p: LinkPayload): string {
  const body = Buffer.from(JSON.stringify([1, p.ticketId, p.vendorId, p.decision, p.nonce, p.exp])).toString('base64url');
  const sig = createHmac('sha256', secret).update(`tierdesk-consent-v1.${body}`).digest('base64url');
  return `${body}.${sig}`;
}

export function decodeToken(token: string): LinkPayload {
  const [v, ticketId, vendorId, decision, nonce, exp] = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as [number, string, string, 'grant' | 'deny', string, number];
  if (v !== 1) throw new Error('unknown token version');
  return { ticketId, vendorId, decision, nonce, exp };
}

/** The grant and deny links of a consent-request email. */
export function consentLinksIn(mail: SunkMail): { grant: string; deny: string } {
  const urls = [...new Set((mail.parsed.text ?? '').match(/https?:\/\/[^\s<>"]+\/consent\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g) ?? [])];
  const byDecision = (d: string) => urls.find((u) => decodeToken(u.slice(u.lastIndexOf('/') + 1)).decision === d);
  const grant = byDecision('grant');
  const deny = byDecision('deny');
  if (!grant || !deny) throw new Error(`consent links missing in: ${mail.parsed.text}`);
  return { grant, deny };
}

export async function page(method: 'GET' | 'POST', url: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await fetch(url, method === 'POST' ? { method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'confirm=1' } : { method });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** Mails the sink received for `address`. */
export function mailsTo(mails: readonly SunkMail[], address: string): SunkMail[] {
  return mails.filter((m) => m.envelopeTo.map((a) => a.toLowerCase()).includes(address.toLowerCase()));
}
