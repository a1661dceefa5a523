// CONTRACT §3: tickets are tagged `[TD-n]` in subjects. Mail clients keep the brackets but may change
// case or pad with spaces; leading zeros are read as the same number.
const TAG = /\[\s*td-(\d{1,15})\s*\]/gi;

/** Every `TD-n` tagged as `[TD-n]` in a subject, in order of appearance, each once. */
export function extractTicketTags(subject: string): string[] {
  const tags: string[] = [];
  for (const m of subject.matchAll(TAG)) {
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n) || n < 1) continue;
    const tag = `TD-${n}`;
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
