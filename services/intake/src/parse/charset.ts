import { TextDecoder } from 'node:util';

/** How a byte string was turned into text, and whether that meant overriding what the message claimed. */
export interface DecodedText {
  text: string;
  /** The encoding actually used (WHATWG name). */
  encoding: string;
  /** Set when the declared charset was missing, unknown or wrong and another was used instead. */
  repair: string | null;
}

const UTF8 = /^utf-?8$/i;
// Labels that mean "7-bit or Latin-1-ish": content that is valid multi-byte UTF-8 under them was
// almost certainly sent by a client that wrote UTF-8 and declared the wrong charset.
const LATIN_LABELS = new Set(['us-ascii', 'ascii', 'iso-8859-1', 'latin1', 'l1', 'iso_8859-1', 'windows-1252', 'cp1252', 'cp819', 'ansi_x3.4-1968']);
// UTF-7 can smuggle markup past filters (+ADw-script+AD4-): never decode it, treat as unknown.
const REFUSED = /^(?:(?:cs)?unicode-?1-?1-?)?utf-?7(?:-imap)?$/i;

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] ?? 0) >= 0x80) return true;
  return false;
}

/** Valid UTF-8 → that text; otherwise null. */
export function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** No usable declaration: UTF-8 if the bytes are valid UTF-8, else Windows-1252 (which maps every byte). */
export function sniffDecode(bytes: Uint8Array): { text: string; encoding: string } {
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: cp1252.decode(bytes), encoding: 'windows-1252' };
}

function decoderFor(label: string): TextDecoder | null {
  if (REFUSED.test(label)) return null;
  try {
    const d = new TextDecoder(label);
    // WHATWG maps some labels (iso-2022-kr, hz-gb-2312 …) to "replacement", which yields one U+FFFD.
    return d.encoding === 'replacement' ? null : d;
  } catch {
    return null;
  }
}

/**
 * Decodes `bytes` declared as `declared`, repairing the usual lies: UTF-8 declared but not valid
 * (really Windows-1252), Latin-1/ASCII declared but the bytes are UTF-8, or a charset no decoder knows.
 */
export function decodeBytes(bytes: Uint8Array, declared: string | null | undefined): DecodedText {
  const label = (declared ?? '').trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!label || UTF8.test(label)) {
    const sniffed = sniffDecode(bytes);
    const said = label ? `declared ${label}` : 'no charset declared';
    return { ...sniffed, repair: sniffed.encoding === 'utf-8' ? null : `${said} and not valid UTF-8; decoded as windows-1252` };
  }
  if (LATIN_LABELS.has(label) && hasHighBytes(bytes)) {
    const utf8 = tryUtf8(bytes);
    if (utf8 !== null) return { text: utf8, encoding: 'utf-8', repair: `declared ${label} but content is UTF-8` };
  }
  const decoder = decoderFor(label);
  if (decoder) return { text: decoder.decode(bytes), encoding: decoder.encoding, repair: null };
  const sniffed = sniffDecode(bytes);
  return { ...sniffed, repair: `unknown or refused charset ${JSON.stringify(label.slice(0, 40))}; decoded as ${sniffed.encoding}` };
}

/** A header value held as a binary string (one char per byte): raw 8-bit bytes decoded, ASCII untouched. */
export function decodeRawHeaderBytes(binary: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(binary)) return binary;
  return sniffDecode(Buffer.from(binary, 'latin1')).text;
}
