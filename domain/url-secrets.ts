/** What stands in for a secret in a URL shown to people or written to logs. */
export const MASK = '***';

/** Query parameters that carry credentials by convention (matched case-insensitively). */
const SECRET_PARAM =
  /^(key|api[_-]?key|access[_-]?token|token|auth|secret|client[_-]?secret|password|passwd|sig|signature|session|code)$/i;

/**
 * A URL with its user info and credential-like query values masked: `https://u:p@x/?token=t`
 * becomes `https://***:***@x/?token=***`. Anything that is not a URL is returned as it is.
 */
export function maskUrlSecrets(url: string): string {
  if (!URL.canParse(url)) {
    return url;
  }
  const parsed = new URL(url);
  if (parsed.username) {
    parsed.username = MASK;
  }
  if (parsed.password) {
    parsed.password = MASK;
  }
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_PARAM.test(name)) {
      parsed.searchParams.set(name, MASK);
    }
  }
  return parsed.href;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/**
 * An Earshot API key (`esk_` and base64url, store/keys.ts) wherever it stands in some text, so
 * that a key sent under a name nobody thought of (`?bearer=`, `X-Auth-Token`) is still found; a
 * percent-escape just before it (`Bearer%20esk_…`) is not part of a longer word.
 */
const API_KEY_IN_TEXT = /(?<!(?<!%[0-9A-Fa-f])[A-Za-z0-9_-])esk_[A-Za-z0-9_-]{20,}/g;

/** Whether some text holds what looks like an Earshot API key. */
export function holdsApiKey(text: string): boolean {
  return text.search(API_KEY_IN_TEXT) !== -1;
}

/** Text with every Earshot API key in it masked (`esk_***`). */
export function maskApiKeys(text: string): string {
  return text.replace(API_KEY_IN_TEXT, `esk_${MASK}`);
}

/** Free text (a log message, an error, a source key such as `rss:<url>`) with every URL masked. */
export function scrubSecrets(text: string): string {
  return maskApiKeys(text.replace(URL_IN_TEXT, (url) => maskUrlSecrets(url)));
}

/** A request target (`/path?query`) with credential-like query values and API keys masked. */
export function maskTargetSecrets(target: string): string {
  const base = 'http://target.invalid';
  const masked = maskUrlSecrets(`${base}${target.startsWith('/') ? '' : '/'}${target}`);
  return maskApiKeys(masked.startsWith(base) ? masked.slice(base.length) : target);
}
