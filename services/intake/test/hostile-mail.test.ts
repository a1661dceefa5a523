import { describe, expect, it } from 'vitest';
import { parseInbound, TEXT_MAX, type ParsedInbound } from '../src/parse-message.js';
import { fixture, mail } from './fixtures/load.js';

/** One hostile message and what must come out of it. */
interface HostileCase {
  name: string;
  raw: () => Buffer;
  expect: (p: ParsedInbound) => void;
}

const nested = (depth: number) => {
  let head = '';
  let tail = '';
  for (let i = 0; i < depth; i++) {
    head += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`;
    tail = `\n--b${i}--\n${tail}`;
  }
  return mail(`From: a@example.com\nSubject: nest\n${head}Content-Type: text/plain\n\ndeep text${tail}`);
};
const withBody = (headers: string, body: string, enc: 'latin1' | 'utf8' = 'utf8') =>
  mail(`From: a@example.com\nSubject: s\n${headers ? `${headers}\n` : ''}\n${body}`, enc);
const problem = (p: ParsedInbound, re: RegExp) => expect(p.problems.some((x) => re.test(x)), `problems: ${JSON.stringify(p.problems)}`).toBe(true);

const cases: HostileCase[] = [
  // MIME structure
  { name: 'declared boundary differs from the one used', raw: () => withBody('Content-Type: multipart/mixed; boundary="XYZ"', '--ABC\nContent-Type: text/plain\n\nhello\n--ABC--\n'), expect: (p) => { expect(p.text).toBe('hello'); problem(p, /boundary never appears/); } },
  { name: 'multipart without boundary parameter', raw: () => withBody('Content-Type: multipart/mixed', '--ABC\nContent-Type: text/plain\n\nhello\n--ABC--\n'), expect: (p) => { expect(p.text).toBe('hello'); problem(p, /without a boundary/); } },
  { name: 'multipart with no delimiter at all', raw: () => withBody('Content-Type: multipart/mixed; boundary="XYZ"', 'just words\n'), expect: (p) => { expect(p.text).toBe('just words\n'); problem(p, /read as plain text/); } },
  { name: 'multipart never closed', raw: () => withBody('Content-Type: multipart/mixed; boundary="X"', '--X\nContent-Type: text/plain\n\nhello\n--X\nContent-Type: text/plain\n\nworld'), expect: (p) => { expect(p.text).toContain('hello'); expect(p.text).toContain('world'); problem(p, /not closed/); } },
  { name: 'multiparts nested 100 deep', raw: () => nested(100), expect: (p) => { expect(p.text).toBe('deep text'); problem(p, /nesting deeper than/); } },
  { name: 'multiparts nested 1000 deep', raw: () => nested(1000), expect: (p) => { expect(p.from?.email).toBe('a@example.com'); problem(p, /nesting deeper than/); } },
  { name: '2000 sibling parts', raw: () => withBody('Content-Type: multipart/mixed; boundary="s"', `${'--s\nContent-Type: text/plain\n\nx\n'.repeat(2000)}--s--\n`), expect: (p) => problem(p, /more than 1000 MIME parts/) },
  { name: 'boundary with regex metacharacters', raw: () => withBody('Content-Type: multipart/mixed; boundary="a.*+?(b)"', '--a.*+?(b)\nContent-Type: text/plain\n\nok\n--a.*+?(b)--\n'), expect: (p) => expect(p.text).toBe('ok') },
  { name: 'part headers without a blank line', raw: () => withBody('Content-Type: multipart/mixed; boundary="q"', '--q\nContent-Type: text/plain\n--q--\n'), expect: (p) => expect(p.subject).toBe('s') },
  { name: 'Content-Type with 10 000 parameters', raw: () => withBody(`Content-Type: text/plain; ${Array.from({ length: 10000 }, (_, i) => `p${i}=v`).join('; ')}`, 'body'), expect: (p) => expect(p.text).toBe('body') },
  { name: 'unterminated quote in Content-Type', raw: () => withBody('Content-Type: text/plain; charset="utf-8', 'body'), expect: (p) => expect(p.text).toBe('body') },
  { name: 'message/rfc822 declared but garbage inside', raw: () => withBody('Content-Type: multipart/mixed; boundary="m"', '--m\nContent-Type: message/rfc822\n\n\u0000\u0001garbage\n--m--\n'), expect: (p) => expect(p.from?.email).toBe('a@example.com') },
  // Sizes and emptiness
  { name: 'empty message', raw: () => Buffer.alloc(0), expect: (p) => { expect(p.from).toBeNull(); expect(p.text).toBe(''); problem(p, /^empty message$/); } },
  { name: 'only a line break', raw: () => Buffer.from('\r\n'), expect: (p) => { expect(p.from).toBeNull(); problem(p, /missing From/); } },
  { name: 'headers only, no blank line, no body', raw: () => mail('From: a@example.com\nSubject: head only'), expect: (p) => { expect(p.subject).toBe('head only'); expect(p.text).toBe(''); } },
  { name: 'binary garbage', raw: () => Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919 + 13) % 256)), expect: (p) => { expect(p.from).toBeNull(); problem(p, /no header block/); } },
  { name: 'random bytes with a NUL in every line', raw: () => Buffer.from('From: a@example.com\r\nSubject: a\u0000b\r\n\r\nx\u0000y\r\n', 'latin1'), expect: (p) => { expect(p.subject).toBe('a b'); expect(p.text).toBe('xy\n'); } },
  { name: 'a 1 MB header line', raw: () => mail(`From: a@example.com\nSubject: big\nX-Big: ${'a'.repeat(1024 * 1024)}\n\nbody\n`), expect: (p) => { expect(p.subject).toBe('big'); expect(p.text).toBe('body\n'); expect(p.headers['x-big']?.length).toBe(8192); problem(p, /truncated: x-big/); } },
  { name: 'a 1 MB header folded over 100 000 lines', raw: () => mail(`From: a@example.com\nSubject: big\nX-Big: ${'aaaaaaaaa\n '.repeat(100_000)}\n\nbody\n`), expect: (p) => { expect(p.text).toBe('body\n'); problem(p, /truncated: x-big/); } },
  { name: '10 000 header fields', raw: () => mail(`From: a@example.com\n${Array.from({ length: 10000 }, (_, i) => `X-H${i}: v`).join('\n')}\n\nbody`), expect: (p) => { expect(Object.keys(p.headers)).toHaveLength(300); problem(p, /more than 5000 header fields/); } },
  { name: 'a 100 KB subject', raw: () => mail(`From: a@example.com\nSubject: ${'s'.repeat(100_000)}\n\nx`), expect: (p) => expect(p.subject).toHaveLength(1000) },
  { name: 'a 3 MB text body', raw: () => withBody('Content-Type: text/plain', 'x'.repeat(3_000_000)), expect: (p) => { expect(p.text).toHaveLength(TEXT_MAX); problem(p, /text longer than/); } },
  { name: 'garbage line in the middle of the headers', raw: () => mail('From: a@example.com\nthis is not a header\nSubject: still read\n\nx'), expect: (p) => { expect(p.subject).toBe('still read'); problem(p, /malformed header line/); } },
  { name: 'no headers at all, just text', raw: () => mail('My printer is broken.\nPlease help.\n'), expect: (p) => { expect(p.text).toBe('My printer is broken.\nPlease help.\n'); problem(p, /no header block/); } },
  { name: 'mbox "From " envelope line first', raw: () => mail('From anna@example.ch Tue Jun  3 09:00:00 2025\nFrom: anna@example.ch\nSubject: mbox\n\nx'), expect: (p) => { expect(p.from?.email).toBe('anna@example.ch'); expect(p.subject).toBe('mbox'); } },
  { name: 'LF-only line ends', raw: () => Buffer.from('From: a@example.com\nSubject: lf\n\nline1\nline2\n'), expect: (p) => { expect(p.subject).toBe('lf'); expect(p.text).toBe('line1\nline2\n'); } },
  { name: 'bare CR line ends', raw: () => Buffer.from('From: a@example.com\rSubject: cr\r\rbody\r'), expect: (p) => expect(p.subject).not.toMatch(/[\r\n]/) },
  // Transfer encodings and charsets
  { name: 'base64 with garbage characters', raw: () => withBody('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64', 'aGVs!!bG8g\nd29y**bGQ=\n'), expect: (p) => expect(p.text).toBe('hello world') },
  { name: 'base64 declared, plain text sent', raw: () => withBody('Content-Type: text/plain\nContent-Transfer-Encoding: base64', 'this is not base64 at all'), expect: (p) => expect([...p.text].some((ch) => ch.charCodeAt(0) < 9)).toBe(false) },
  { name: 'quoted-printable with bad escapes', raw: () => withBody('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable', 'a=ZZb=\n=3'), expect: (p) => expect(p.text).toBe('a=ZZb=3') },
  { name: 'unknown transfer encoding', raw: () => withBody('Content-Type: text/plain\nContent-Transfer-Encoding: x-uuencode-ish', 'plain'), expect: (p) => expect(p.text).toBe('plain') },
  { name: '8-bit body without charset', raw: () => withBody('', 'caf\xe9', 'latin1'), expect: (p) => { expect(p.text).toBe('café'); problem(p, /no charset declared/); } },
  { name: 'UTF-8 declared, Latin-1 sent', raw: () => withBody('Content-Type: text/plain; charset=UTF-8', 'na\xefve', 'latin1'), expect: (p) => expect(p.text).toBe('naïve') },
  { name: 'Latin-1 declared, UTF-8 sent', raw: () => withBody('Content-Type: text/plain; charset=iso-8859-1', 'naïve'), expect: (p) => expect(p.text).toBe('naïve') },
  { name: 'us-ascii declared, UTF-8 sent', raw: () => withBody('Content-Type: text/plain; charset=us-ascii', 'Grüße'), expect: (p) => expect(p.text).toBe('Grüße') },
  { name: 'UTF-7 is never decoded (script smuggling)', raw: () => withBody('Content-Type: text/html; charset=utf-7', '+ADw-script+AD4-alert(1)+ADw-/script+AD4-'), expect: (p) => { expect(p.text).not.toContain('<script>'); expect(p.html).not.toContain('<script>'); problem(p, /refused charset "utf-7"/); } },
  { name: 'charset mapped to "replacement" (iso-2022-kr)', raw: () => withBody('Content-Type: text/plain; charset=iso-2022-kr', 'plain ascii'), expect: (p) => expect(p.text).toBe('plain ascii') },
  { name: 'Shift_JIS declared correctly', raw: () => Buffer.concat([mail('From: a@example.com\nContent-Type: text/plain; charset=Shift_JIS\n\n'), Buffer.from([0x93, 0xfa, 0x96, 0x7b])]), expect: (p) => expect(p.text).toBe('日本') },
  { name: 'encoded word in an unknown charset', raw: () => mail('From: a@example.com\nSubject: =?x-klingon?Q?caf=E9?=\n\nx'), expect: (p) => expect(p.subject).toBe('café') },
  { name: 'encoded word with broken base64', raw: () => mail('From: a@example.com\nSubject: =?utf-8?B?@@@###?=\n\nx'), expect: (p) => expect(p.subject).not.toMatch(/[\r\n]/) },
  { name: 'encoded word that decodes to NUL and controls', raw: () => mail('From: a@example.com\nSubject: =?utf-8?Q?a=00b=1Bc=7Fd?=\n\nx'), expect: (p) => expect(p.subject).toBe('a b c d') },
  // From and addresses
  { name: 'missing From', raw: () => mail('Subject: anon\n\nx'), expect: (p) => { expect(p.from).toBeNull(); problem(p, /missing From/); } },
  { name: 'empty From', raw: () => mail('From: \nSubject: s\n\nx'), expect: (p) => { expect(p.from).toBeNull(); problem(p, /no usable address/); } },
  { name: 'From is an empty group', raw: () => mail('From: undisclosed-recipients:;\n\nx'), expect: (p) => expect(p.from).toBeNull() },
  { name: 'From lists two mailboxes', raw: () => mail('From: a@example.com, b@example.com\n\nx'), expect: (p) => expect(p.from?.email).toBe('a@example.com') },
  { name: 'display name pretending to be an address', raw: () => mail('From: "ceo@bank.example" <attacker@evil.example>\n\nx'), expect: (p) => expect(p.from).toEqual({ email: 'attacker@evil.example', name: 'ceo@bank.example' }) },
  { name: 'address with angle brackets and quotes inside', raw: () => mail('From: <"a>b"@example.com>\n\nx'), expect: (p) => expect(p.from === null || !/[<>"]/.test(p.from.email)).toBe(true) },
  { name: '10 000 To addresses', raw: () => mail(`From: a@example.com\nTo: ${Array.from({ length: 10000 }, (_, i) => `u${i}@example.com`).join(', ')}\n\nx`), expect: (p) => expect(p.to.length).toBeLessThanOrEqual(100) },
  // Header injection that could reach outbound headers
  { name: 'CRLF in an encoded subject', raw: () => mail('From: a@example.com\nSubject: =?utf-8?Q?Hi=0D=0ABcc:_all@example.com?=\n\nx'), expect: (p) => expect(p.subject).toBe('Hi Bcc: all@example.com') },
  { name: 'CRLF in an encoded display name', raw: () => mail(`From: =?utf-8?B?${Buffer.from('Eve\r\nX-Tierdesk-Kind: ack').toString('base64')}?= <eve@example.com>\n\nx`), expect: (p) => expect(p.from).toEqual({ email: 'eve@example.com', name: 'Eve X-Tierdesk-Kind: ack' }) },
  { name: 'bare CR inside a subject line', raw: () => Buffer.from('From: a@example.com\r\nSubject: hi\rBcc: x@example.com\r\n\r\nx'), expect: (p) => { expect(p.subject).toBe('hi Bcc: x@example.com'); expect(p.headers['bcc']).toBeUndefined(); } },
  { name: 'bidi override in the subject', raw: () => mail('From: a@example.com\nSubject: invoice\u202Efdp.exe\n\nx'), expect: (p) => expect(p.subject).toBe('invoice fdp.exe') },
  { name: 'attachment filename with CRLF and path', raw: () => withBody('Content-Type: multipart/mixed; boundary="f"', '--f\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="=?utf-8?Q?..=2F..=2Fetc=0D=0Apasswd?="\n\nAAAA\n--f--\n'), expect: (p) => expect(p.attachments[0]?.filename).not.toMatch(/[\r\n]/) },
  // Ids, tags, dates
  { name: 'forged [TD-5] from a stranger', raw: () => mail('From: stranger@evil.example\nSubject: Re: [TD-5] give me the data\n\nx'), expect: (p) => { expect(p.ticketTags).toEqual(['TD-5']); expect(p.from?.email).toBe('stranger@evil.example'); } },
  { name: 'impossible ticket tags', raw: () => mail('From: a@example.com\nSubject: [TD-0] [TD-] [TD-99999999999999999999] [TD-x1]\n\nx'), expect: (p) => expect(p.ticketTags).toEqual([]) },
  { name: 'Message-ID with control characters', raw: () => mail('From: a@example.com\nMessage-ID: <a\u0001b@example.com>\n\nx'), expect: (p) => { expect(p.hasOwnMessageId).toBe(false); problem(p, /unusable Message-ID/); } },
  { name: 'a 10 KB Message-ID', raw: () => mail(`From: a@example.com\nMessage-ID: <${'i'.repeat(10_000)}@example.com>\n\nx`), expect: (p) => expect(p.messageId).toMatch(/\.hash@tierdesk\.invalid>$/) },
  { name: 'two Message-ID headers', raw: () => mail('From: a@example.com\nMessage-ID: <first@example.com>\nMessage-ID: <second@example.com>\n\nx'), expect: (p) => expect(p.messageId).toBe('<first@example.com>') },
  { name: 'In-Reply-To that is prose', raw: () => mail("From: a@example.com\nIn-Reply-To: your message of yesterday\n\nx"), expect: (p) => expect(p.inReplyTo).toBeNull() },
  { name: 'References with 10 000 ids', raw: () => mail(`From: a@example.com\nReferences: ${Array.from({ length: 10000 }, (_, i) => `<r${i}@x>`).join(' ')}\n\nx`), expect: (p) => expect(p.references).toHaveLength(100) },
  { name: 'Date in the year 99999', raw: () => mail('From: a@example.com\nDate: Tue, 3 Jun 99999 09:00:00 +0000\n\nx'), expect: (p) => expect(p.date).toBeNull() },
  { name: 'Date with an impossible offset', raw: () => mail('From: a@example.com\nDate: Tue, 3 Jun 2025 09:00:00 +9999\n\nx'), expect: (p) => { expect(p.dateOffsetMinutes).toBeNull(); problem(p, /impossible UTC offset/); } },
  // HTML
  { name: '10 000 unclosed <script tags', raw: () => withBody('Content-Type: text/html', `<p>hi</p>${'<script'.repeat(10_000)}`), expect: (p) => expect(p.text).toContain('hi') },
  { name: 'HTML nested 100 000 divs deep', raw: () => withBody('Content-Type: text/html', `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`), expect: (p) => expect(p.text).toBe('deep') },
  { name: 'HTML entities for NUL, surrogates and huge code points', raw: () => withBody('Content-Type: text/html', '<p>a&#0;b&#xD800;c&#x110000;d&#99999999999;e</p>'), expect: (p) => expect(p.text).toBe('a\ufffdb\ufffdc\ufffdd&#99999999999;e') },
  { name: 'unclosed HTML comment', raw: () => withBody('Content-Type: text/html', '<p>visible</p><!-- never closed <p>hidden</p>'), expect: (p) => expect(p.text).toBe('visible') },
  // Automatic mail
  { name: 'out-of-office reply in a responder loop', raw: () => mail('From: ooo@example.com\nAuto-Submitted: auto-replied\nSubject: Automatic reply: [TD-4] Re: Automatic reply\n\nI am away.'), expect: (p) => { expect(p.autoSubmitted.auto).toBe(true); expect(p.ticketTags).toEqual(['TD-4']); } },
];

describe('hostile mail corpus', () => {
  it('has at least 50 messages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', { timeout: 15_000 }, async (_name, c) => {
    const p = await parseInbound(c.raw());
    // Invariants for every message, whatever it is.
    expect(p.messageId).toMatch(/^<[^<>\s]+>$/);
    expect(p.malformed).toBe(p.problems.length > 0);
    for (const v of [p.subject, p.from?.name ?? '', p.from?.email ?? '', ...Object.values(p.headers), ...p.attachments.map((a) => a.filename)]) {
      expect(v).not.toMatch(/[\r\n]/);
      expect(v).not.toContain('\u0000');
    }
    expect(p.text).not.toContain('\u0000');
    expect(p.text.length).toBeLessThanOrEqual(TEXT_MAX);
    c.expect(p);
  });
});

describe('mutated fixtures (seeded, deterministic)', () => {
  it('2000 random mutations never throw, never leak CR/LF into one-line fields', { timeout: 60_000 }, async () => {
    const bases = ['plain.eml', 'alternative.eml', 'dsn-bounce.eml', 'rfc2047.eml', 'html-only.eml'].map((f) => fixture(f).toString('latin1'));
    const tokens = ['\r\n', '\n', '--', '=?utf-8?B?', '?=', '<', '>', '"', ';', 'boundary=', 'multipart/mixed', '\0', '\xff', '=', 'Content-Type: ', ':', '\t', 'charset=utf-7', 'base64'];
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      let s = bases[rnd(bases.length)] as string;
      for (let m = 1 + rnd(8); m > 0; m--) {
        const pos = rnd(s.length + 1);
        const kind = rnd(4);
        if (kind === 0) s = s.slice(0, pos) + tokens[rnd(tokens.length)] + s.slice(pos);
        else if (kind === 1) s = s.slice(0, pos) + s.slice(pos + rnd(50));
        else if (kind === 2) s = s.slice(0, pos) + String.fromCharCode(rnd(256)) + s.slice(pos + 1);
        else s = s.slice(0, pos) + s.slice(rnd(s.length), rnd(s.length)) + s.slice(pos);
      }
      const p = await parseInbound(Buffer.from(s, 'latin1'));
      expect(p.problems.filter((x) => x.startsWith('parser failure'))).toEqual([]);
      for (const v of [p.subject, p.from?.name ?? '', ...Object.values(p.headers)]) expect(v).not.toMatch(/[\r\n]/);
    }
  });
});
