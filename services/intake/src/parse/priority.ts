/** What the sender's mail client said about urgency; triage decides what it is worth. */
export type PriorityHint = 'low' | 'normal' | 'high' | 'urgent';

function first(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/**
 * Reads the priority headers, most explicit first:
 * - `Priority: urgent | normal | non-urgent` (RFC 2156) → urgent / normal / low. It is the only way
 *   to reach `urgent`: Outlook's "High importance" button sets X-Priority 1 and Importance high
 *   together, and customers press it for everything, so those two stop at `high`.
 * - `X-Priority: 1|2` → high, `3` → normal, `4|5` → low (the digit may be followed by a label).
 * - `Importance: high | normal | low` (RFC 2156), then `X-MSMail-Priority: High | Normal | Low`.
 * Null when no header says anything recognisable.
 */
export function priorityHint(headers: Readonly<Record<string, string>>): PriorityHint | null {
  const priority = first(headers['priority']);
  if (priority === 'urgent') return 'urgent';
  if (priority === 'non-urgent') return 'low';
  if (priority === 'normal') return 'normal';
  const x = /^(\d)/.exec(first(headers['x-priority']))?.[1];
  if (x === '1' || x === '2') return 'high';
  if (x === '3') return 'normal';
  if (x === '4' || x === '5') return 'low';
  for (const name of ['importance', 'x-msmail-priority']) {
    const v = first(headers[name]);
    if (v === 'high') return 'high';
    if (v === 'low') return 'low';
    if (v === 'normal' || v === 'medium') return 'normal';
  }
  return null;
}
