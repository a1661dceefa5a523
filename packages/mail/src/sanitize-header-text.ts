/** Longest header text we emit; longer customer subjects and names are cut with an ellipsis. */
export const MAX_HEADER_TEXT = 250;

// C0/C1 controls, DEL, Unicode line/paragraph separators, and bidi overrides (display-name spoofing).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text safe to put in a header: CR, LF, NUL and other control characters become spaces,
 * runs of whitespace fold to one space, and the result is capped at about 250 characters.
 */
export function sanitizeHeaderText(s: string, max: number = MAX_HEADER_TEXT): string {
  const flat = String(s).replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat); // code points, so a cut never splits a surrogate pair
  if (chars.length <= max) return flat;
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
