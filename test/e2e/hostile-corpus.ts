/**
 * The hostile mail corpus of test/e2e/hostile-mail.test.ts: each message with the outcome the
 * running system must reach. Message text is built with LF and sent with CRLF unless a case is
 * about line ends; `i` makes sender and Message-ID unique per case.
 */

/** What the system must do with a message. */
export type Outcome =
  /** A ticket for the sender, and exactly one first answer (ack or kb-answer) to exactly the sender. */
  | 'ticket'
  /** A ticket flagged no-sender; no customer email at all. */
  | 'no-sender'
  /** Recorded on a ticket as automatic mail; never answered. */
  | 'recorded-unanswered'
  /** Refused at the door with this SMTP code; nothing stored. */
  | 'refused'
  /** No ticket at all (e.g. a bounce for a message we never sent). */
  | 'no-ticket';

export interface HostileCase {
  name: string;
  outcome: Outcome;
  raw: (i: number) => Buffer;
  /** The address the ticket is expected under (the From the parser must settle on). */
  customer?: (i: number) => string;
  /** How to find the ticket when the message's own Message-ID is not usable. */
  findBy?: 'customer' | 'http-answer';
  channel?: 'smtp' | 'http';
  envelopeFrom?: (i: number) => string;
  smtpCode?: number;
  /** Further checks on the ticket JSON (first message text, subject …). */
  check?: (t: HostileTicket) => void;
}

export interface HostileTicket {
  id: string;
  subject: string;
  flags: string[];
  customer: { email: string; name: string };
  messages: Array<{ messageId: string; direction: string; text?: string; autoSubmitted?: boolean; subject?: string }>;
}

export const DOMAIN = 'hostile.test';
export const sender = (i: number) => `h${i}@${DOMAIN}`;
export const msgId = (i: number) => `<hostile-${i}@${DOMAIN}>`;

export function crlf(text: string, encoding: 'latin1' | 'utf8' = 'utf8'): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), encoding);
}

/** A message from the case's sender with its Message-ID, extra header lines and a body. */
export function message(i: number, headers: string, body: string, encoding: 'latin1' | 'utf8' = 'utf8'): Buffer {
  return crlf(`From: Hostile ${i} <${sender(i)}>\nTo: support@tierdesk.test\nMessage-ID: ${msgId(i)}\n${headers ? `${headers}\n` : ''}\n${body}`, encoding);
}

const withSubject = (s: string) => `Subject: ${s}`;

export function nested(i: number, depth: number): Buffer {
  let head = '';
  let tail = '';
  for (let d = 0; d < depth; d++) {
    head += `Content-Type: multipart/mixed; boundary="b${d}"\n\n--b${d}\n`;
    tail = `\n--b${d}--\n${tail}`;
  }
  return crlf(`From: <${sender(i)}>\nMessage-ID: ${msgId(i)}\nSubject: nested ${depth} deep\n${head}Content-Type: text/plain\n\nmy printer prints deep text${tail}`);
}

const textIs = (expected: string) => (t: HostileTicket) => {
  if ((t.messages[0]?.text ?? '').trim() !== expected) throw new Error(`text ${JSON.stringify(t.messages[0]?.text)} is not ${JSON.stringify(expected)}`);
};
const textHas = (expected: string) => (t: HostileTicket) => {
  if (!(t.messages[0]?.text ?? '').includes(expected)) throw new Error(`text ${JSON.stringify(t.messages[0]?.text?.slice(0, 200))} lacks ${JSON.stringify(expected)}`);
};
const textLacks = (bad: string) => (t: HostileTicket) => {
  if ((t.messages[0]?.text ?? '').includes(bad)) throw new Error(`text contains ${JSON.stringify(bad)}`);
};
const subjectIs = (expected: string) => (t: HostileTicket) => {
  if (t.subject !== expected) throw new Error(`subject ${JSON.stringify(t.subject.slice(0, 200))} is not ${JSON.stringify(expected)}`);
};
const flagged = (flag: string) => (t: HostileTicket) => {
  if (!t.flags.includes(flag)) throw new Error(`flags ${JSON.stringify(t.flags)} lack ${flag}`);
};

export const CASES: HostileCase[] = [
  // MIME structure
  { name: 'declared boundary differs from the one used', outcome: 'ticket', raw: (i) => message(i, 'Subject: boundary\nContent-Type: multipart/mixed; boundary="XYZ"', '--ABC\nContent-Type: text/plain\n\nhello\n--ABC--\n'), check: textIs('hello') },
  { name: 'multipart without a boundary parameter', outcome: 'ticket', raw: (i) => message(i, 'Subject: no boundary\nContent-Type: multipart/mixed', '--ABC\nContent-Type: text/plain\n\nhello\n--ABC--\n'), check: textIs('hello') },
  { name: 'multipart with no delimiter at all', outcome: 'ticket', raw: (i) => message(i, 'Subject: no delimiter\nContent-Type: multipart/mixed; boundary="XYZ"', 'just words\n'), check: textIs('just words') },
  { name: 'multipart never closed', outcome: 'ticket', raw: (i) => message(i, 'Subject: never closed\nContent-Type: multipart/mixed; boundary="X"', '--X\nContent-Type: text/plain\n\nhello\n--X\nContent-Type: text/plain\n\nworld'), check: (t) => { textHas('hello')(t); textHas('world')(t); } },
  { name: 'multiparts nested 100 deep', outcome: 'ticket', raw: (i) => nested(i, 100), check: textIs('my printer prints deep text') },
  { name: 'multiparts nested 1000 deep', outcome: 'ticket', raw: (i) => nested(i, 1000) },
  { name: '2000 sibling parts', outcome: 'ticket', raw: (i) => message(i, 'Subject: siblings\nContent-Type: multipart/mixed; boundary="s"', `${'--s\nContent-Type: text/plain\n\nx\n'.repeat(2000)}--s--\n`) },
  { name: 'boundary with regex metacharacters', outcome: 'ticket', raw: (i) => message(i, 'Subject: regex\nContent-Type: multipart/mixed; boundary="a.*+?(b)"', '--a.*+?(b)\nContent-Type: text/plain\n\nok\n--a.*+?(b)--\n'), check: textIs('ok') },
  { name: 'part headers without a blank line', outcome: 'ticket', raw: (i) => message(i, 'Subject: part head\nContent-Type: multipart/mixed; boundary="q"', '--q\nContent-Type: text/plain\n--q--\n') },
  { name: 'Content-Type with 10 000 parameters', outcome: 'ticket', raw: (i) => message(i, `Subject: params\nContent-Type: text/plain; ${Array.from({ length: 10000 }, (_, k) => `p${k}=v`).join('; ')}`, 'body'), check: textIs('body') },
  { name: 'unterminated quote in Content-Type', outcome: 'ticket', raw: (i) => message(i, 'Subject: quote\nContent-Type: text/plain; charset="utf-8', 'body'), check: textIs('body') },
  { name: 'message/rfc822 declared, garbage inside', outcome: 'ticket', raw: (i) => message(i, 'Subject: rfc822\nContent-Type: multipart/mixed; boundary="m"', '--m\nContent-Type: message/rfc822\n\n\u0000\u0001garbage\n--m--\n') },
  { name: 'attachment whose base64 is not base64', outcome: 'ticket', raw: (i) => message(i, 'Subject: licence\nContent-Type: multipart/mixed; boundary="n"', '--n\nContent-Type: text/plain; charset=utf-8\n\nMy licence key is not accepted\n--n\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n@@@not base64@@@\n'), check: textHas('My licence key is not accepted') },
  // Sizes
  { name: 'a 1 MB header line', outcome: 'ticket', raw: (i) => message(i, `Subject: big header\nX-Big: ${'a'.repeat(1024 * 1024)}`, 'body\n'), check: (t) => { subjectIs('big header')(t); textIs('body')(t); } },
  { name: 'a 1 MB header folded over 100 000 lines', outcome: 'ticket', raw: (i) => message(i, `Subject: folded\nX-Big: ${'aaaaaaaaa\n '.repeat(100_000)}`, 'body\n'), check: textIs('body') },
  { name: 'a 1 MB Subject', outcome: 'ticket', raw: (i) => message(i, `Subject: ${'s'.repeat(1024 * 1024)}`, 'x'), check: (t) => { if (t.subject.length > 1000) throw new Error(`subject kept ${t.subject.length} chars`); } },
  { name: '10 000 header fields', outcome: 'ticket', raw: (i) => message(i, `Subject: many headers\n${Array.from({ length: 10000 }, (_, k) => `X-H${k}: v`).join('\n')}`, 'body') },
  { name: 'a 3 MB text body', outcome: 'ticket', raw: (i) => message(i, 'Subject: long\nContent-Type: text/plain', 'x'.repeat(3_000_000)) },
  { name: 'larger than INTAKE_MAX_BYTES', outcome: 'refused', smtpCode: 552, raw: (i) => message(i, 'Subject: too big', 'x'.repeat(6_000_000)) },
  { name: 'NUL bytes in header and body', outcome: 'ticket', raw: (i) => message(i, 'Subject: a\u0000b', 'x\u0000y'), check: (t) => { subjectIs('a b')(t); textLacks('\u0000')(t); } },
  { name: 'garbage line among the headers', outcome: 'ticket', raw: (i) => message(i, 'this is not a header\nSubject: still read', 'x'), check: subjectIs('still read') },
  { name: 'mbox "From " envelope line first', outcome: 'ticket', raw: (i) => crlf(`From ${sender(i)} Tue Jun  3 09:00:00 2025\nFrom: ${sender(i)}\nMessage-ID: ${msgId(i)}\nSubject: mbox\n\nx`), check: subjectIs('mbox') },
  { name: 'LF-only line ends', outcome: 'ticket', raw: (i) => Buffer.from(`From: ${sender(i)}\nMessage-ID: ${msgId(i)}\nSubject: lf\n\nline1\nline2\n`), check: subjectIs('lf') },
  // Transfer encodings and charsets
  { name: 'base64 with garbage characters', outcome: 'ticket', raw: (i) => message(i, 'Subject: b64\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64', 'aGVs!!bG8g\nd29y**bGQ=\n'), check: textIs('hello world') },
  { name: 'base64 declared, plain text sent', outcome: 'ticket', raw: (i) => message(i, 'Subject: not b64\nContent-Type: text/plain\nContent-Transfer-Encoding: base64', 'this is not base64 at all') },
  { name: 'quoted-printable with bad escapes', outcome: 'ticket', raw: (i) => message(i, 'Subject: qp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable', 'a=ZZb=\n=3'), check: textIs('a=ZZb=3') },
  { name: 'unknown transfer encoding', outcome: 'ticket', raw: (i) => message(i, 'Subject: cte\nContent-Type: text/plain\nContent-Transfer-Encoding: x-uuencode-ish', 'plain'), check: textIs('plain') },
  { name: '8-bit body without a charset', outcome: 'ticket', raw: (i) => message(i, 'Subject: 8bit', 'caf\xe9', 'latin1'), check: textIs('café') },
  { name: 'UTF-8 declared, Latin-1 sent', outcome: 'ticket', raw: (i) => message(i, 'Subject: mis-declared\nContent-Type: text/plain; charset=UTF-8', 'na\xefve', 'latin1'), check: textIs('naïve') },
  { name: 'Latin-1 declared, UTF-8 sent', outcome: 'ticket', raw: (i) => message(i, 'Subject: mis-declared\nContent-Type: text/plain; charset=iso-8859-1', 'naïve'), check: textIs('naïve') },
  { name: 'us-ascii declared, UTF-8 sent', outcome: 'ticket', raw: (i) => message(i, 'Subject: ascii\nContent-Type: text/plain; charset=us-ascii', 'Grüße'), check: textIs('Grüße') },
  { name: 'raw 8-bit UTF-8 subject', outcome: 'ticket', raw: (i) => message(i, withSubject('Grüße aus Köln, ça va?'), 'x'), check: subjectIs('Grüße aus Köln, ça va?') },
  { name: 'raw 8-bit Latin-1 subject', outcome: 'ticket', raw: (i) => message(i, withSubject('Probl\xe8me de facture'), 'x', 'latin1'), check: subjectIs('Problème de facture') },
  { name: 'UTF-7 is never decoded (script smuggling)', outcome: 'ticket', raw: (i) => message(i, 'Subject: utf7\nContent-Type: text/html; charset=utf-7', '+ADw-script+AD4-alert(1)+ADw-/script+AD4-'), check: textLacks('<script>') },
  { name: 'charset mapped to "replacement" (iso-2022-kr)', outcome: 'ticket', raw: (i) => message(i, 'Subject: kr\nContent-Type: text/plain; charset=iso-2022-kr', 'plain ascii'), check: textIs('plain ascii') },
  { name: 'Shift_JIS declared correctly', outcome: 'ticket', raw: (i) => Buffer.concat([message(i, 'Subject: sjis\nContent-Type: text/plain; charset=Shift_JIS', ''), Buffer.from([0x93, 0xfa, 0x96, 0x7b])]), check: textIs('日本') },
  { name: 'encoded word in an unknown charset', outcome: 'ticket', raw: (i) => message(i, 'Subject: =?x-klingon?Q?caf=E9?=', 'x'), check: subjectIs('café') },
  { name: 'encoded word with broken base64', outcome: 'ticket', raw: (i) => message(i, 'Subject: =?utf-8?B?@@@###?=', 'x') },
  { name: 'encoded word that decodes to NUL and controls', outcome: 'ticket', raw: (i) => message(i, 'Subject: =?utf-8?Q?a=00b=1Bc=7Fd?=', 'x'), check: subjectIs('a b c d') },
  // From
  { name: 'missing From', outcome: 'no-sender', raw: (i) => crlf(`To: support@tierdesk.test\nMessage-ID: ${msgId(i)}\nSubject: anonymous\n\nMy invoice is wrong`), check: flagged('no-sender') },
  { name: 'empty From', outcome: 'no-sender', raw: (i) => crlf(`From: \nMessage-ID: ${msgId(i)}\nSubject: empty from\n\nMy invoice is wrong`), check: flagged('no-sender') },
  { name: 'From is an empty group', outcome: 'no-sender', raw: (i) => crlf(`From: undisclosed-recipients:;\nMessage-ID: ${msgId(i)}\nSubject: group\n\nx`), check: flagged('no-sender') },
  { name: 'From with only a display name', outcome: 'no-sender', raw: (i) => crlf(`From: Just A Name\nMessage-ID: ${msgId(i)}\nSubject: name only\n\nx`), check: flagged('no-sender') },
  { name: 'From lists two mailboxes: the first is the customer', outcome: 'ticket', raw: (i) => crlf(`From: ${sender(i)}, other-${i}@${DOMAIN}\nMessage-ID: ${msgId(i)}\nSubject: two senders\n\nx`) },
  { name: 'display name pretending to be an address', outcome: 'ticket', customer: (i) => `attacker${i}@evil.test`, findBy: 'customer', raw: (i) => crlf(`From: "ceo@bank.test" <attacker${i}@evil.test>\nMessage-ID: ${msgId(i)}\nSubject: wire money\n\nx`) },
  // Header injection that could reach outbound headers
  { name: 'CRLF and Bcc in an encoded subject', outcome: 'ticket', raw: (i) => message(i, `Subject: =?utf-8?Q?Hi=0D=0ABcc:_victim${i}@evil.test?=`, 'x') },
  { name: 'LF and a fake header in an encoded subject', outcome: 'ticket', raw: (i) => message(i, `Subject: =?utf-8?B?${Buffer.from('Invoice\nX-Injected: yes\n\nbody takeover').toString('base64')}?=`, 'x') },
  { name: 'CRLF and X-Tierdesk-Kind in an encoded display name', outcome: 'ticket', raw: (i) => crlf(`From: =?utf-8?B?${Buffer.from('Eve\r\nX-Tierdesk-Kind: resolved').toString('base64')}?= <${sender(i)}>\nMessage-ID: ${msgId(i)}\nSubject: eve\n\nx`) },
  { name: 'a second address hidden in an encoded display name', outcome: 'ticket', raw: (i) => crlf(`From: =?utf-8?B?${Buffer.from(`Bob <victim${i}@evil.test>, Carol`).toString('base64')}?= <${sender(i)}>\nMessage-ID: ${msgId(i)}\nSubject: bob\n\nx`) },
  { name: 'bare CR inside a subject line', outcome: 'ticket', raw: (i) => Buffer.from(`From: ${sender(i)}\r\nMessage-ID: ${msgId(i)}\r\nSubject: hi\rBcc: victim${i}@evil.test\r\n\r\nx`), check: (t) => { if (/[\r\n]/.test(t.subject)) throw new Error('CR kept in the subject'); } },
  { name: 'bidi override in the subject', outcome: 'ticket', raw: (i) => message(i, withSubject('invoice\u202Efdp.exe'), 'x'), check: subjectIs('invoice fdp.exe') },
  { name: 'attachment filename with CRLF and a path', outcome: 'ticket', raw: (i) => message(i, 'Subject: file\nContent-Type: multipart/mixed; boundary="f"', '--f\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="=?utf-8?Q?..=2F..=2Fetc=0D=0Apasswd?="\n\nAAAA\n--f--\n') },
  // Ids, dates, threading
  { name: 'Message-ID with control characters', outcome: 'ticket', findBy: 'customer', raw: (i) => crlf(`From: ${sender(i)}\nMessage-ID: <a\u0001b-${i}@${DOMAIN}>\nSubject: bad id\n\nx`) },
  { name: 'a 10 KB Message-ID', outcome: 'ticket', findBy: 'customer', raw: (i) => crlf(`From: ${sender(i)}\nMessage-ID: <${'i'.repeat(10_000)}${i}@${DOMAIN}>\nSubject: long id\n\nx`) },
  { name: 'no Message-ID at all', outcome: 'ticket', findBy: 'customer', raw: (i) => crlf(`From: ${sender(i)}\nSubject: no id\n\nx`) },
  { name: 'In-Reply-To that is prose', outcome: 'ticket', raw: (i) => message(i, 'Subject: prose\nIn-Reply-To: your message of yesterday', 'x') },
  { name: 'References with 10 000 ids', outcome: 'ticket', raw: (i) => message(i, `Subject: refs\nReferences: ${Array.from({ length: 10000 }, (_, k) => `<r${k}@x>`).join(' ')}`, 'x') },
  { name: 'Date in the year 99999', outcome: 'ticket', raw: (i) => message(i, 'Subject: date\nDate: Tue, 3 Jun 99999 09:00:00 +0000', 'x') },
  { name: 'Date with an impossible offset', outcome: 'ticket', raw: (i) => message(i, 'Subject: offset\nDate: Tue, 3 Jun 2025 09:00:00 +9999', 'x') },
  // HTML
  { name: '10 000 unclosed <script tags', outcome: 'ticket', raw: (i) => message(i, 'Subject: scripts\nContent-Type: text/html', `<p>hi</p>${'<script'.repeat(10_000)}`), check: textHas('hi') },
  { name: 'HTML nested 100 000 divs deep', outcome: 'ticket', raw: (i) => message(i, 'Subject: divs\nContent-Type: text/html', `${'<div>'.repeat(100_000)}deep${'</div>'.repeat(100_000)}`), check: textIs('deep') },
  { name: 'unclosed HTML comment', outcome: 'ticket', raw: (i) => message(i, 'Subject: comment\nContent-Type: text/html', '<p>visible</p><!-- never closed <p>hidden</p>'), check: textIs('visible') },
  // Automatic mail: recorded, never answered
  { name: 'out-of-office reply (Auto-Submitted)', outcome: 'recorded-unanswered', raw: (i) => message(i, 'Subject: Automatic reply: Invoice\nAuto-Submitted: auto-replied', 'I am away.') },
  { name: 'list mail (List-Id, Precedence: list)', outcome: 'recorded-unanswered', raw: (i) => message(i, 'Subject: Weekly digest\nList-Id: <digest.lists.test>\nPrecedence: list', 'news') },
  { name: 'X-Autoreply', outcome: 'recorded-unanswered', raw: (i) => message(i, 'Subject: Re: your mail\nX-Autoreply: yes', 'Thanks, we got it.') },
  { name: 'null envelope sender', outcome: 'recorded-unanswered', envelopeFrom: () => '', raw: (i) => message(i, 'Subject: notice', 'A machine wrote this.') },
  { name: 'our own mail coming back (X-Tierdesk-Kind)', outcome: 'recorded-unanswered', raw: (i) => message(i, 'Subject: [TD-999] We received your request\nX-Tierdesk-Kind: ack', 'forwarded back to us') },
  { name: 'bounce of a message we never sent', outcome: 'no-ticket', envelopeFrom: () => '', raw: (i) => crlf(`From: MAILER-DAEMON@${DOMAIN}\nMessage-ID: ${msgId(i)}\nSubject: Undelivered\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="d"\n\n--d\nContent-Type: text/plain\n\nfailed\n--d\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.test\n\nFinal-Recipient: rfc822; nobody@${DOMAIN}\nAction: failed\nStatus: 5.1.1\n\n--d\nContent-Type: text/rfc822-headers\n\nMessage-ID: <never-sent@tierdesk.test>\n\n--d--\n`) },
  // Garbage over HTTP (no usable From or Message-ID: found by the id the API answered with)
  { name: 'empty message over HTTP', outcome: 'no-sender', channel: 'http', findBy: 'http-answer', raw: () => Buffer.alloc(0) },
  { name: 'binary garbage over HTTP', outcome: 'no-sender', channel: 'http', findBy: 'http-answer', raw: (i) => Buffer.from(Array.from({ length: 100_000 }, (_, k) => (k * 7919 + 13 + i) % 256)) },
  { name: 'no headers at all, just text, over HTTP', outcome: 'no-sender', channel: 'http', findBy: 'http-answer', raw: (i) => crlf(`My printer ${i} is broken.\nPlease help.\n`) },
];
