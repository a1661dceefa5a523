/**
 * The body of an email as a few kinds of blocks, rendered once as plain text and once as
 * escaped HTML, so the two versions always say the same thing.
 */
export type Block =
  | string
  | { list: string[] }
  | { links: Array<{ label: string; url: string }> }
  | { quote: string; by?: string }
  | { fields: Array<[string, string]> };

// Control characters other than tab and newline have no place in a body (NUL breaks some clients).
// eslint-disable-next-line no-control-regex
const BODY_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text from customers and agents, made safe to show: no stray controls, CRLF as LF, bounded. */
export function bodyText(s: string, max = 20_000): string {
  const t = String(s).replace(/\r\n?/g, '\n').replace(BODY_UNSAFE, '').trim();
  return t.length > max ? `${t.slice(0, max)}\n[…]` : t;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only web links become anchors; a javascript: or data: URL stays inert text. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s"<>]+$/i.test(url);
}

function htmlLink(label: string, url: string): string {
  if (!isWebUrl(url)) return `${escapeHtml(label)} (${escapeHtml(url)})`;
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

function htmlParagraph(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>\n');
}

/** `sep` is ': ' or, in French, ' : '. */
export function renderText(blocks: Block[], sep: string): string {
  const out = blocks.map((b) => {
    if (typeof b === 'string') return b;
    if ('list' in b) return b.list.map((i) => `- ${i}`).join('\n');
    if ('links' in b) return b.links.filter((l) => l.url).map((l) => (l.label === l.url ? `- ${l.url}` : `- ${l.label}\n  ${l.url}`)).join('\n');
    if ('quote' in b) {
      const quoted = b.quote.split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
      return b.by ? `${b.by}${sep.trimEnd()}\n${quoted}` : quoted;
    }
    return b.fields.map(([k, v]) => `${k}${sep}${v}`).join('\n');
  });
  return `${out.filter((s) => s.length > 0).join('\n\n')}\n`;
}

export function renderHtml(blocks: Block[], sep: string, lang: string, title: string): string {
  const body = blocks.map((b) => {
    if (typeof b === 'string') return b ? `<p>${htmlParagraph(b)}</p>` : '';
    if ('list' in b) return `<ul>${b.list.map((i) => `<li>${htmlParagraph(i)}</li>`).join('')}</ul>`;
    if ('links' in b) return `<ul>${b.links.filter((l) => l.url).map((l) => `<li>${htmlLink(l.label, l.url)}</li>`).join('')}</ul>`;
    if ('quote' in b) {
      const by = b.by ? `<p style="margin-bottom:4px"><strong>${escapeHtml(b.by)}</strong></p>` : '';
      return `${by}<blockquote style="margin:0 0 12px 0;padding-left:12px;border-left:3px solid #ccc;color:#444">${htmlParagraph(b.quote)}</blockquote>`;
    }
    const rows = b.fields.map(([k, v]) => `<tr><th align="left" style="padding-right:12px;vertical-align:top">${escapeHtml(k)}${escapeHtml(sep.trimEnd())}</th><td>${isWebUrl(v) ? htmlLink(v, v) : htmlParagraph(v)}</td></tr>`);
    return `<table cellpadding="2" cellspacing="0">${rows.join('')}</table>`;
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#222">',
    ...body.filter(Boolean),
    '</body></html>',
    '',
  ].join('\n');
}
