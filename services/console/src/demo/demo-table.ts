import type { DemoResult, DemoRow } from './run-demo.js';

/** Counts repeated kinds: "ack, agent-notification×2". */
export function summariseKinds(kinds: string[]): string {
  const counts = new Map<string, number>();
  for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].map(([k, n]) => (n > 1 ? `${k}×${n}` : k)).join(', ') || '–';
}

function deadline(iso: string | null, zone: string): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

function cells(r: DemoRow, zone: string): string[] {
  const level = r.level === null ? '?' : `L${r.level}`;
  return [
    r.ticketId ?? '(none)',
    r.level === r.intendedLevel ? level : `${level} (meant L${r.intendedLevel})`,
    r.language.toUpperCase(),
    r.status ?? '–',
    summariseKinds(r.emails),
    r.sla.policy ? `${deadline(r.sla.firstResponseDue, zone)} / ${deadline(r.sla.resolutionDue, zone)}` : 'no SLA',
    r.subject,
  ];
}

/** A plain-text table for the terminal, deadlines in the team's zone. */
export function formatDemoTable(result: DemoResult, zone: string, consoleUrl: string): string {
  const head = ['ticket', 'level', 'lang', 'status', 'emails sent', `SLA first response / resolution (${zone})`, 'subject'];
  const rows = result.rows.map((r) => cells(r, zone));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ''];
  if (!result.settled) out.push('Some tickets were still being processed when the demo stopped waiting; look again in the console.');
  out.push(`Open the agent console to see them: ${consoleUrl}`);
  out.push('Sign in with the API token (printed by `tierdesk start`, or API_TOKEN).');
  return `${out.join('\n')}\n`;
}
