/**
 * Removes what a reply quotes from earlier mail: lines starting with '>', and everything from an
 * attribution line ("On … wrote:", "Le … a écrit :", "Am … schrieb …:") or an Outlook separator
 * ("-----Original Message-----", "De : … Envoyé :") to the end.
 */
const ATTRIBUTION_PATTERNS: readonly RegExp[] = [
  /^\s*on\b.{0,200}\bwrote:?\s*$/i,
  /^\s*le\b.{0,200}\ba\s+[ée]crit\s*:?\s*$/i,
  /^\s*am\b.{0,200}\bschrieb\b.{0,200}:\s*$/i,
  /^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|forwarded message|weitergeleitete nachricht|message transféré)\s*-{2,}\s*$/i,
  /^\s*(from|von|de)\s*:\s*.+$/i,
];
/** "From:" alone is an ordinary word in a body; only a header block of two or more lines counts. */
const HEADER_FOLLOW = /^\s*(sent|gesendet|envoy[ée]|date|datum|to|an|à|subject|betreff|objet)\s*:/i;

/** The reply without quoted earlier messages. */
export function stripQuotedText(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*>/.test(line)) continue;
    if (isAttribution(line, lines[i + 1], lines[i + 2])) break;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

function isAttribution(line: string, next: string | undefined, nextButOne: string | undefined): boolean {
  const [onWrote, leEcrit, amSchrieb, separator, fromHeader] = ATTRIBUTION_PATTERNS;
  if (separator?.test(line)) return true;
  if (fromHeader?.test(line)) return HEADER_FOLLOW.test(next ?? '') || HEADER_FOLLOW.test(nextButOne ?? '');
  // Gmail wraps long attributions over two lines: "On Mon, 3 Jun 2024 at 10:00, Jane Doe <…>\nwrote:".
  const joined = next !== undefined && /^\s*\S*\s*(wrote|a écrit|schrieb)/i.test(next) ? `${line} ${next}` : line;
  return Boolean(onWrote?.test(joined) || leEcrit?.test(joined) || amSchrieb?.test(joined));
}
