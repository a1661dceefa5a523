import { decodeHtmlEntities } from './html-entities.js';

// Elements whose content is never text a person wrote.
const DROP_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'object', 'iframe']);
// Elements that end a line (or a paragraph) in rendered text.
const BLOCK = new Set(['p', 'div', 'br', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'hr', 'section', 'article', 'header', 'footer', 'dt', 'dd', 'address']);

/**
 * HTML → plain text for messages that only have HTML: scripts, styles and comments dropped, tags
 * stripped, block elements become line breaks, entities decoded. A single linear pass with
 * indexOf, so hostile markup (thousands of unclosed `<script`) cannot make it quadratic.
 */
export function htmlToText(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  let pre = 0;
  // Source line breaks are just spaces in rendered HTML, except inside <pre>.
  const text = (s: string) => (pre > 0 ? s : s.replace(/[ \t\r\n\f]+/g, ' '));
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) {
      out += text(html.slice(pos));
      break;
    }
    out += text(html.slice(pos, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      pos = end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      // No tag closes any more: whatever follows is text, not markup.
      out += text(html.slice(lt));
      break;
    }
    const m = /^<\/?\s*([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, Math.min(gt + 1, lt + 64)));
    const name = m?.[1]?.toLowerCase() ?? '';
    const closing = html[lt + 1] === '/';
    pos = gt + 1;
    if (!closing && DROP_CONTENT.has(name) && html[gt - 1] !== '/') {
      const end = lower.indexOf(`</${name}`, pos);
      if (end === -1) break;
      const endGt = html.indexOf('>', end);
      pos = endGt === -1 ? html.length : endGt + 1;
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    if (BLOCK.has(name)) out += name === 'p' || name.startsWith('h') || name === 'blockquote' || name === 'table' ? '\n\n' : '\n';
    else if (name === 'td' || name === 'th') out += ' ';
  }
  return tidy(decodeHtmlEntities(out));
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
