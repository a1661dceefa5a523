import { decodeRawHeaderBytes } from './charset.js';
import { decodeEncodedWords } from './encoded-words.js';

/** One header field as it sits in the message: lowercased name, unfolded value as a binary string. */
export interface RawHeaderField {
  name: string;
  /** Unfolded value, one char per byte (raw 8-bit left undecoded). */
  value: string;
  /** Byte range of the field (all its lines, line breaks included) in the block that was split. */
  start: number;
  end: number;
}

export interface HeaderBlock {
  fields: RawHeaderField[];
  /** Where the body starts (after the blank line), or the block's length when there is none. */
  bodyOffset: number;
  problems: string[];
}

const MAX_FIELDS = 5000;
// RFC 5322 field name: printable ASCII except colon; obsolete syntax allows blanks before the colon.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

function lineEnd(buf: Buffer, from: number): { contentEnd: number; next: number } {
  const lf = buf.indexOf(0x0a, from);
  if (lf === -1) return { contentEnd: buf.length, next: buf.length };
  return { contentEnd: lf > from && buf[lf - 1] === 0x0d ? lf - 1 : lf, next: lf + 1 };
}

/**
 * Splits the header block off a message (or MIME part). Tolerant: bare LF line ends, an mbox
 * "From " first line, stray lines without a colon (skipped and reported). A first line that is
 * no header at all means the message has no header block: everything is body.
 */
export function splitHeaderBlock(buf: Buffer): HeaderBlock {
  const fields: RawHeaderField[] = [];
  const problems: string[] = [];
  let pos = 0;
  let invalidLines = 0;
  let current: RawHeaderField | null = null;
  let tooMany = false;
  if (buf.subarray(0, 5).toString('latin1') === 'From ') pos = lineEnd(buf, 0).next;
  while (pos < buf.length) {
    const { contentEnd, next } = lineEnd(buf, pos);
    if (contentEnd === pos) return finish(fields, next, problems, invalidLines, tooMany);
    const first = buf[pos];
    if (first === 0x20 || first === 0x09) {
      if (current) {
        current.value += buf.toString('latin1', pos, contentEnd);
        current.end = next;
      } else if (!tooMany) invalidLines++;
    } else {
      const line = buf.toString('latin1', pos, Math.min(contentEnd, pos + 1000));
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon).trimEnd() : '';
      if (!FIELD_NAME.test(name)) {
        if (fields.length === 0 && invalidLines === 0) {
          problems.push('no header block: the message starts with a line that is not a header field');
          return { fields, bodyOffset: 0, problems };
        }
        invalidLines++;
        current = null;
      } else if (fields.length >= MAX_FIELDS) {
        current = null;
        tooMany = true;
      } else {
        const valueStart = pos + colon + 1;
        current = { name: name.toLowerCase(), value: buf.toString('latin1', valueStart, contentEnd), start: pos, end: next };
        fields.push(current);
      }
    }
    pos = next;
  }
  return finish(fields, buf.length, problems, invalidLines, tooMany);
}

function finish(fields: RawHeaderField[], bodyOffset: number, problems: string[], invalidLines: number, tooMany: boolean): HeaderBlock {
  if (tooMany) problems.push(`more than ${MAX_FIELDS} header fields; the rest ignored`);
  if (invalidLines > 0) problems.push(`${invalidLines} malformed header line(s) skipped`);
  return { fields, bodyOffset, problems };
}

/** The first field of that name, or undefined. */
export function firstField(fields: readonly RawHeaderField[], name: string): RawHeaderField | undefined {
  return fields.find((f) => f.name === name);
}

/** A header value as text: raw 8-bit bytes decoded (UTF-8, else Windows-1252), then RFC 2047 words. */
export function headerText(binaryValue: string): string {
  return decodeEncodedWords(decodeRawHeaderBytes(binaryValue)).trim();
}
