/**
 * Finds where JSON text stops being valid. V8 names the position for some syntax errors but not
 * for others ("Unexpected token ']', ..."), so the config loader scans for itself to point a
 * person at a line and column.
 */
class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  private ws(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private fail(): never {
    throw this.pos;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) this.fail();
    this.pos++;
  }

  private literal(word: string): void {
    for (const ch of word) this.expect(ch);
  }

  private string(): void {
    this.expect('"');
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch < ' ') this.fail();
      if (ch === '"') {
        this.pos++;
        return;
      }
      if (ch === '\\') {
        this.pos++;
        const esc = this.text[this.pos] ?? '';
        if (esc === 'u') {
          for (let i = 1; i <= 4; i++) if (!/[0-9a-fA-F]/.test(this.text[this.pos + i] ?? '')) this.fail();
          this.pos += 4;
        } else if (!'"\\/bfnrt'.includes(esc) || esc === '') this.fail();
      }
      this.pos++;
    }
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
  }

  private list(close: string, item: () => void): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      item();
      this.ws();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.ws();
        continue;
      }
      this.expect(close);
      return;
    }
  }

  value(): void {
    this.ws();
    const ch = this.text[this.pos];
    if (ch === '{') {
      this.list('}', () => {
        this.string();
        this.ws();
        this.expect(':');
        this.value();
      });
    } else if (ch === '[') this.list(']', () => this.value());
    else if (ch === '"') this.string();
    else if (ch === 't') this.literal('true');
    else if (ch === 'f') this.literal('false');
    else if (ch === 'n') this.literal('null');
    else this.number();
  }

  document(): void {
    this.value();
    this.ws();
    if (this.pos < this.text.length) this.fail();
  }
}

/** Offset of the first character that makes `text` invalid JSON, or null when it is valid. */
export function jsonErrorOffset(text: string): number | null {
  try {
    new Scanner(text).document();
    return null;
  } catch (pos) {
    if (typeof pos === 'number') return pos;
    throw pos;
  }
}
