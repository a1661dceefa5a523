import { decodeBytes } from './charset.js';

// RFC 2047 encoded word; `*lang` (RFC 2231) may follow the charset.
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=/g;

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'b' || encoding === 'B') return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Decodes RFC 2047 encoded words. Whitespace between two encoded words is dropped (RFC 2047 §6.2),
 * and adjacent words in the same charset are joined as bytes first, so a multi-byte character that
 * a sender split across two words still decodes.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let charset: string | null = null;
  let chunks: Buffer[] = [];
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const wordCharset = (m[1] ?? '').toLowerCase();
    const bytes = wordBytes(m[2] ?? 'Q', m[3] ?? '');
    const joinsPrevious = charset !== null && /^\s*$/.test(between);
    if (!(joinsPrevious && charset === wordCharset)) {
      if (charset !== null) out += decodeBytes(Buffer.concat(chunks), charset).text;
      if (!joinsPrevious) out += between;
      charset = wordCharset;
      chunks = [];
    }
    chunks.push(bytes);
    last = m.index + m[0].length;
  }
  if (charset !== null) out += decodeBytes(Buffer.concat(chunks), charset).text;
  return out + value.slice(last);
}
