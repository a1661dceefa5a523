/**
 * String-level redaction: the last line of defence for secrets that hide inside free text
 * (messages, error stacks, URLs in connection errors), where no key name gives them away.
 */

const MASK = '***';

// Authority userinfo, greedy up to the last '@' before the host so a raw '@' inside a password
// still ends up masked. Quotes and angle brackets end it so JSON and mail headers stay intact.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>]+)@/gi;
const BEARER = /\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const AUTH_SCHEME = '(?:basic|bearer|digest|token|negotiate)';
// The lookahead keeps a second pass from re-masking what is already masked (idempotence).
const AUTHORIZATION_VALUE = new RegExp(
  `(authorization\\\\?["']?\\s*[:=]\\s*\\\\?["']?)(?!(?:${AUTH_SCHEME}\\s+)?(?:\\*\\*\\*|\\[redacted\\]))(?:(${AUTH_SCHEME})\\s+)?[^\\s"'\\\\,;}]+`,
  'gi',
);
const SECRET_QUERY_PARAM =
  /([?&;](?:access_token|refresh_token|id_token|token|api_?key|apikey|password|passwd|secret|sig|signature)=)[^&\s#"'\\]+/gi;
const SECRET_ASSIGNMENT =
  /\b(password|passwd|pwd|secret|api_?token|api_?key|consent_?secret)(\\?["']?\s*[:=]\s*\\?["']?)(?!\*\*\*|\[redacted\])([^\s"'\\,;&}]+)/gi;
// Consent links are signed capabilities (CONTRACT §3): whoever holds one can grant or deny.
const CONSENT_LINK = /(\/consent\/)[^\s/?#"'\\<>]+/g;

function maskUserinfo(_match: string, scheme: string, userinfo: string): string {
  const colon = userinfo.indexOf(':');
  // A user with no password is often a token in disguise (https://<token>@host): mask it whole.
  const masked = colon === -1 ? MASK : `${userinfo.slice(0, colon)}:${MASK}`;
  return `${scheme}${masked}@`;
}

/** Masks the credentials of every URL in `url`: `smtp://user:secret@host` → `smtp://user:***@host`. */
export function redactUrl(url: string): string {
  return url.replace(URL_CREDENTIALS, maskUserinfo);
}

// Every pattern above needs one of these in the text, so a text with none of them (most log
// lines) is returned after one scan instead of six.
const MAY_HOLD_SECRET = /:\/\/|bearer|authorization|=|pwd|passw|secret|api_?(?:token|key)|\/consent\//i;

/** Masks URL credentials, bearer tokens, authorization values, secret query params and consent links. */
export function redactString(text: string): string {
  if (text.length < 6 || !MAY_HOLD_SECRET.test(text)) return text;
  return redactUrl(text)
    .replace(AUTHORIZATION_VALUE, (_m, prefix: string, scheme: string | undefined) => `${prefix}${scheme ? `${scheme} ` : ''}${MASK}`)
    .replace(BEARER, (_m, word: string) => `${word} ${MASK}`)
    .replace(SECRET_QUERY_PARAM, `$1${MASK}`)
    .replace(SECRET_ASSIGNMENT, `$1$2${MASK}`)
    .replace(CONSENT_LINK, `$1${MASK}`);
}
