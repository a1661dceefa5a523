// C0/C1 controls, DEL, Unicode line/paragraph separators and bidi overrides: none of them belongs in a
// one-line field, and CR/LF there could split an outbound header if the value is ever echoed back.
// eslint-disable-next-line no-control-regex
const ONE_LINE_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g;
// In body text only tab and newline survive; a stray CR (after CRLF → LF) is dropped too.
// eslint-disable-next-line no-control-regex
const BODY_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Cuts `s` to at most `max` UTF-16 units without leaving half a surrogate pair behind. */
export function capString(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return s.slice(0, end);
}

/** One-line value (subject, display name, header): controls become spaces, runs of space collapse. */
export function cleanOneLine(s: string, max: number): string {
  const cleaned = s.replace(ONE_LINE_UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return capString(cleaned, max).trim();
}

/** Body text: LF line ends, no controls but tab/newline, capped at `max` units. */
export function cleanBodyText(s: string, max: number): { text: string; truncated: boolean } {
  const capped = s.length > max * 2 ? s.slice(0, max * 2) : s;
  const text = capped.replace(/\r\n?/g, '\n').replace(BODY_UNSAFE, '');
  const truncated = text.length > max || capped.length < s.length;
  return { text: capString(text, max), truncated };
}
