import { decodeBytes } from './charset.js';
import { decodeEncodedWords } from './encoded-words.js';

/** A structured MIME header (`Content-Type`, `Content-Disposition`): lowercased value and params. */
export interface MimeHeaderValue {
  value: string;
  params: Record<string, string>;
}

function stripComments(s: string): string {
  // Comments may not nest deeply in practice; a linear pass that tracks depth and quoting is enough.
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      if (depth === 0) out += c + s[i + 1];
      i++;
    } else if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function splitParams(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted && i + 1 < s.length) {
      cur += s[i + 1];
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function percentDecode(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i) & 0xff);
  }
  return decodeBytes(Buffer.from(bytes), charset || 'utf-8').text;
}

/**
 * Parses `type/subtype; name=value; ...`, including RFC 2231 continuations and charset-tagged
 * values (`filename*0*=utf-8''%E2%82%AC`) and RFC 2047 words inside quoted values (Outlook does that).
 */
export function parseMimeHeader(raw: string | undefined): MimeHeaderValue {
  if (!raw) return { value: '', params: {} };
  const [head = '', ...rest] = splitParams(stripComments(raw.length > 16384 ? raw.slice(0, 16384) : raw));
  const plain = new Map<string, string>();
  const continued = new Map<string, Array<{ index: number; value: string; extended: boolean }>>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (m && m[1]) {
      const list = continued.get(m[1]) ?? [];
      list.push({ index: m[2] === undefined ? 0 : Number(m[2]), value, extended: m[3] === '*' || m[2] === undefined });
      continued.set(m[1], list);
    } else if (!plain.has(key)) plain.set(key, value);
  }
  const params: Record<string, string> = {};
  for (const [key, value] of plain) params[key] = decodeEncodedWords(value);
  for (const [key, list] of continued) {
    list.sort((a, b) => a.index - b.index);
    let charset = '';
    let text = '';
    list.forEach((piece, i) => {
      let v = piece.value;
      if (piece.extended && i === 0) {
        const tick = /^([^']*)'[^']*'/.exec(v);
        if (tick) {
          charset = tick[1] ?? '';
          v = v.slice(tick[0].length);
        }
      }
      text += piece.extended ? percentDecode(v, charset) : v;
    });
    params[key] = text;
  }
  return { value: head.trim().toLowerCase(), params };
}
