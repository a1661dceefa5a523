import { headerText, type RawHeaderField } from './raw-headers.js';
import { cleanOneLine } from './text-clean.js';

/** Longest header value kept in ParsedInbound.headers; RFC 5322 lines stop at 998 anyway. */
export const HEADER_VALUE_MAX = 8192;
const MAX_NAMES = 300;

/**
 * Lowercased name → first value, decoded (8-bit and RFC 2047), on one line, capped. Built with
 * Object.fromEntries so a header named `__proto__` is a plain key, not a prototype change.
 */
export function buildHeaderRecord(fields: readonly RawHeaderField[], problems: string[]): Record<string, string> {
  const entries = new Map<string, string>();
  const truncated: string[] = [];
  let dropped = false;
  for (const field of fields) {
    if (entries.has(field.name)) continue;
    if (entries.size >= MAX_NAMES) {
      dropped = true;
      continue;
    }
    // Decode a bounded slice: a 1 MB header is not worth decoding in full to keep 8 KB of it.
    const text = headerText(field.value.length > HEADER_VALUE_MAX * 4 ? field.value.slice(0, HEADER_VALUE_MAX * 4) : field.value);
    if (field.value.length > HEADER_VALUE_MAX * 4 || text.length > HEADER_VALUE_MAX) truncated.push(field.name);
    entries.set(field.name, cleanOneLine(text, HEADER_VALUE_MAX));
  }
  if (truncated.length) problems.push(`header value over ${HEADER_VALUE_MAX} characters truncated: ${truncated.slice(0, 5).join(', ')}`);
  if (dropped) problems.push(`more than ${MAX_NAMES} distinct header names; the rest not kept`);
  return Object.fromEntries(entries);
}
