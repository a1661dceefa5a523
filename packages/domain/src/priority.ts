export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

/** Higher rank is more urgent; used to pick the stronger of two priority signals. */
export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}
