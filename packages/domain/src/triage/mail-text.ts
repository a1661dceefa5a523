import { stripQuotedText } from './quoted-text.js';
import { stripSignature } from './signature.js';

/** Only the start of a long body is classified: the request is stated there, and cost stays linear. */
export const MAX_BODY_CHARS = 8192;

/** A reply shorter than this ("see below") is classified with what it quotes or forwards. */
const SHORT_OWN_TEXT = 60;

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Cheap HTML → text for HTML-only mail: drops style/script, turns block tags into line breaks. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, '\n')
    .replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? all;
    });
}

function looksLikeHtml(text: string): boolean {
  return /<(html|body|div|p|br|table|span)\b[^>]*>/i.test(text);
}

/**
 * The part of a body worth classifying: at most MAX_BODY_CHARS, HTML reduced to text, quoted
 * earlier messages removed (unless that would leave nothing, as in a bare forward), and the
 * signature cut off (its company name and job title say nothing about the request).
 */
export function classifiableBody(body: string): string {
  let text = body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body;
  if (looksLikeHtml(text)) text = htmlToText(text);
  const own = stripQuotedText(text);
  return own.length >= SHORT_OWN_TEXT ? stripSignature(own) : text;
}
