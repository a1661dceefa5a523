import { LEVELS, isLevel, isPriority, isTicketStatus, type Level, type Priority, type Ticket, type TicketStatus, type TierdeskConfig } from '@tierdesk/domain';
import type { TicketStore } from '@tierdesk/store';
import { nextCountdown, type Countdown } from './sla-view.js';

/** Queue filters as they appear in the query string; unknown values fall back to the default. */
export interface QueueFilters {
  status: 'active' | 'all' | TicketStatus;
  priority: Priority | '';
  language: string;
  needsTriage: boolean;
  level: Level | null;
}

export function parseFilters(q: Record<string, unknown>): QueueFilters {
  const status = typeof q.status === 'string' && (q.status === 'all' || isTicketStatus(q.status)) ? q.status : 'active';
  const priority = isPriority(q.priority) ? q.priority : '';
  const language = typeof q.language === 'string' && /^[a-z]{2,3}$/.test(q.language) ? q.language : '';
  const level = typeof q.level === 'string' && q.level !== '' ? Number(q.level) : null;
  return { status, priority, language, needsTriage: q.needsTriage === '1' || q.needsTriage === 'on', level: isLevel(level) ? level : null };
}

export function filterQuery(f: QueueFilters): Record<string, string | undefined> {
  return {
    status: f.status === 'active' ? undefined : f.status,
    priority: f.priority || undefined,
    language: f.language || undefined,
    needsTriage: f.needsTriage ? '1' : undefined,
    level: f.level === null ? undefined : String(f.level),
  };
}

export function needsTriage(t: Ticket): boolean {
  return t.flags.includes('needs-triage');
}

function matches(t: Ticket, f: QueueFilters): boolean {
  if (f.status === 'active' && (t.status === 'resolved' || t.status === 'closed')) return false;
  if (f.status !== 'active' && f.status !== 'all' && t.status !== f.status) return false;
  if (f.priority && t.priority !== f.priority) return false;
  if (f.language && t.language !== f.language) return false;
  if (f.needsTriage && !needsTriage(t)) return false;
  return true;
}

export interface QueueRow {
  ticket: Ticket;
  sla: Countdown | null;
}

export interface QueueView {
  levels: Record<Level, QueueRow[]>;
  /** Matching tickets per level (before the level filter narrows the view). */
  counts: Record<Level, number>;
  languages: string[];
  /** True when more tickets exist than the console scans (the newest are shown). */
  truncated: boolean;
}

/** Overdue first, then least time left; tickets without a deadline last, newest first. */
function urgency(a: QueueRow, b: QueueRow): number {
  const rank = (r: QueueRow) => (!r.sla ? 3 : r.sla.state === 'overdue' ? 0 : r.sla.state === 'paused' ? 2 : 1);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return b.sla!.ms - a.sla!.ms;
  if (ra === 1) return a.sla!.ms - b.sla!.ms;
  return b.ticket.updatedAt.localeCompare(a.ticket.updatedAt);
}

export const SCAN_LIMIT = 2000;

export async function loadQueue(store: TicketStore, config: TierdeskConfig, f: QueueFilters, now: Date): Promise<QueueView> {
  const all: Ticket[] = [];
  let cursor: string | null = null;
  let truncated = false;
  const status = f.status === 'active' || f.status === 'all' ? undefined : f.status;
  do {
    const page = await store.list({ status, limit: 500, cursor });
    all.push(...page.tickets);
    cursor = page.next;
    if (all.length >= SCAN_LIMIT && cursor) {
      truncated = true;
      break;
    }
  } while (cursor);
  const levels = Object.fromEntries(LEVELS.map((l) => [l, [] as QueueRow[]])) as Record<Level, QueueRow[]>;
  const languages = new Set<string>(['en', 'fr', 'de']);
  for (const t of all) {
    languages.add(t.language);
    if (!matches(t, f)) continue;
    levels[t.level].push({ ticket: t, sla: nextCountdown(t, config, now) });
  }
  const counts = Object.fromEntries(LEVELS.map((l) => [l, levels[l].length])) as Record<Level, number>;
  for (const l of LEVELS) levels[l].sort(urgency);
  return { levels, counts, languages: [...languages].filter((l) => /^[a-z]{2,3}$/.test(l)).sort(), truncated };
}
