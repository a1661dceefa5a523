import { simpleParser, type ParsedMail } from 'mailparser';
import { decodeBytes } from './charset.js';
import { htmlToText } from './html-to-text.js';
import type { MimeLeaf, MimeWalk } from './mime-walk.js';
import { cleanOneLine } from './text-clean.js';

/** An attachment as listed on a parsed message; the bytes stay in the raw message. */
export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

/** The readable content of a message, before capping and clean-up. */
export interface BodyContent {
  text: string;
  html: string | null;
  attachments: AttachmentInfo[];
}

// mailparser gets a bounded time; a stuck stream falls back to our own walk instead of hanging intake.
const MAILPARSER_TIMEOUT_MS = 20_000;
const MAX_ATTACHMENTS = 200;

function isInlineText(leaf: MimeLeaf, type: string): boolean {
  return leaf.contentType === type && leaf.disposition !== 'attachment' && !(leaf.filename && leaf.disposition !== 'inline');
}

/** Text and HTML straight from the walked MIME tree, with charsets sniffed and repaired. */
export function bodyFromLeaves(leaves: readonly MimeLeaf[]): BodyContent & { repairs: string[] } {
  const repairs = new Set<string>();
  const decode = (leaf: MimeLeaf) => {
    const d = decodeBytes(leaf.body, leaf.params.charset);
    if (d.repair) repairs.add(d.repair);
    return d.text;
  };
  const texts = leaves.filter((l) => isInlineText(l, 'text/plain')).map(decode);
  const htmls = leaves.filter((l) => isInlineText(l, 'text/html')).map(decode);
  const attachments = leaves
    .filter((l) => !isInlineText(l, 'text/plain') && !isInlineText(l, 'text/html'))
    .map((l) => ({ filename: cleanOneLine(l.filename ?? '', 255), contentType: l.contentType, size: l.body.length }));
  return { text: texts.join('\n'), html: htmls.length ? htmls.join('\n') : null, attachments, repairs: [...repairs] };
}

async function runMailparser(raw: Buffer): Promise<ParsedMail> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${MAILPARSER_TIMEOUT_MS} ms`)), MAILPARSER_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([
      simpleParser(raw, { keepCidLinks: true, skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, keepDeliveryStatus: true, checksumAlgo: false }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the body with mailparser, and falls back on our own MIME walk where mailparser cannot
 * help: when it fails outright (oversized header block, too many parts), when a text part's
 * declared charset was wrong (mailparser would give U+FFFD or mojibake), or when it finds no
 * content because the multipart boundary is broken. Text from HTML-only mail is derived here.
 */
export async function readBody(raw: Buffer, walk: MimeWalk, problems: string[]): Promise<BodyContent> {
  const own = bodyFromLeaves(walk.leaves);
  let body: BodyContent = own;
  let mail: ParsedMail | null = null;
  try {
    mail = await runMailparser(raw);
  } catch (err) {
    problems.push(`mailparser could not parse the message (${cleanOneLine((err as Error).message ?? String(err), 200)}); content read by the fallback parser`);
  }
  if (mail) {
    const parsed: BodyContent = {
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : null,
      attachments: mail.attachments.map((a) => ({ filename: cleanOneLine(a.filename ?? '', 255), contentType: (a.contentType ?? '').toLowerCase(), size: a.size })),
    };
    const mailparserFoundNothing = !parsed.text.trim() && !parsed.html;
    if (own.repairs.length) body = { ...own, attachments: parsed.attachments };
    else if (!(mailparserFoundNothing && own.text.trim())) body = parsed;
  }
  problems.push(...own.repairs);
  if (!body.text.trim() && body.html) body = { ...body, text: htmlToText(body.html) };
  if (body.attachments.length > MAX_ATTACHMENTS) {
    problems.push(`more than ${MAX_ATTACHMENTS} attachments; list cut`);
    body = { ...body, attachments: body.attachments.slice(0, MAX_ATTACHMENTS) };
  }
  return body;
}
