/** Quoted-printable → bytes. Lenient: a lone `=` or bad hex is kept as it is. */
export function decodeQuotedPrintable(input: Buffer): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let n = 0;
  const hex = (c: number | undefined): number => {
    if (c === undefined) return -1;
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as number;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    const a = input[i + 1];
    if (a === 0x0a) {
      i += 1;
      continue;
    }
    if (a === 0x0d && input[i + 2] === 0x0a) {
      i += 2;
      continue;
    }
    const hi = hex(a);
    const lo = hex(input[i + 2]);
    if (hi >= 0 && lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** Undoes a Content-Transfer-Encoding; unknown encodings (7bit, 8bit, binary, x-uue …) pass through. */
export function decodeTransferEncoding(body: Buffer, encoding: string): Buffer {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}
