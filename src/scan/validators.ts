// Checks a regex candidate must pass before it becomes a finding. Each returns true to keep it.
import { hasValidChecksum } from './checksum.js';
import type { Rule, ValidatorName } from './types.js';

export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

// Words that only appear in a key-shaped value when a person typed a stand-in. Kept to six
// letters or more so a random 90-character key body almost never contains one by chance.
const PLACEHOLDER_WORDS =
  /example|placeholder|changeme|redacted|replace_?me|dummy[-_]?|insert[-_ ]?your|your[-_ ]?(?:api|access|secret|own|key|token)|(?:^|[-_ ])your[-_ ]|<[^>]*>|\$\{|\{\{|%s|\$\(|xxxxxx|\*{4}|\.{4}|-{6}|_{6}|123456789|abcdefghij|abc123/i;

/** A value a person wrote to stand for a key, not a key: `your-api-key-here`, `xxxx…`, `<KEY>`. */
export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // A run of one character six or more long: `aaaaaa`, `000000`. Random bodies almost never do.
  if (/(.)\1{5}/.test(value)) return true;
  // Very few distinct characters for its length: `abababab…`, `0101…`.
  const distinct = new Set(value).size;
  return value.length >= 12 && distinct <= 3;
}

/** AWS and others publish documentation keys that end or are marked with EXAMPLE. */
export function isDocumentationExample(value: string): boolean {
  return /EXAMPLE/i.test(value);
}

const ENV_LOOKUP =
  /^(?:process\.env|import\.meta\.env|os\.(?:getenv|environ)|env\(|getenv|System\.getenv|ENV\[|\$ENV|Deno\.env|secrets\.|vars\.|config\.|settings\.|self\.|this\.)/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Common words that people assign to secret-named variables but that are not secrets.
const NON_SECRET_VALUES =
  /^(?:true|false|null|none|nil|undefined|string|required|optional|secret|password|passwd|token|apikey|api[-_]key|bearer|basic|oauth|jwt|hidden|masked|empty|default|test|testing|changeit|pass|admin|root|user|username|localhost|enabled|disabled)$/i;

// Hex strings of the lengths digests and commit ids come in: abbreviated git SHAs (7-12), MD5 (32),
// SHA-1 / git (40), SHA-224 (56), SHA-256 (64), SHA-384 (96), SHA-512 (128). Provider rules own
// the 32-hex keys that really are secrets (Azure, Twilio), where a keyword says so.
const HEX_DIGEST =
  /^(?:[0-9a-f]{7,12}|[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
// `sha512-…` (lock-file integrity), `sha256:…` (image digests), `data:…` (data URIs).
const LABELLED_DIGEST = /^(?:(?:sha(?:1|224|256|384|512)|md5)[-:]|data:)/i;
// File names, including content-hashed assets (`main.3f2a1b9c.js`) and key files (`id_rsa.pem`).
const FILE_NAME =
  /\.(?:m?js|cjs|jsx|tsx?|css|s[ac]ss|map|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|eot|otf|html?|json|wasm|txt|md|ya?ml|xml|toml|ini|pem|key|crt|cer|p12|pfx|jks|keystore|env|lock|sh|py|rb|go)$/i;
const EMAIL = /^[^@]+@[\w-]+(?:\.[\w-]+)+$/;

/** Values that are hashes, digests, data URIs, file names or addresses: data, not credentials. */
function isDigestOrName(value: string): boolean {
  return HEX_DIGEST.test(value) || LABELLED_DIGEST.test(value) || FILE_NAME.test(value) || EMAIL.test(value);
}

/**
 * Values made of words rather than random characters: identifiers (`nextToken2`,
 * `_RSAPrivateKey`), constant names (`DB_PASSWORD`), kebab/snake/dotted/slashed phrases
 * (`use-your-own-key`, `text/html`), also behind a sigil (`?InTemplate`). Every chunk between separators is digits or word-cased letters.
 */
function isWordy(value: string): boolean {
  return value
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/\d{1,4}$/, '')
    .split(/[-_.:/+$]/)
    .every((chunk) => /^\d*$/.test(chunk) || (/^[A-Za-z]+$/.test(chunk) && wordCased(chunk)));
}

/**
 * Letters cased like words: all capitals, or camel/Pascal case where each capital run is followed
 * by two or more small letters (`XMLHttpRequest`: XMLHttp, Request), one short part allowed
 * (`eTag`), acronyms count as words (`InJSX`). Random letters switch case every character or two (`xKqPzW`: x, Kq, Pz, W).
 */
function wordCased(letters: string): boolean {
  if (letters === letters.toUpperCase()) return true;
  const parts = letters.match(/[A-Z]*[a-z]*/g)!.filter(Boolean);
  // An acronym (`JSX`, `URL`) is a word too; a lone capital or a capital and one letter is not.
  const short = parts.filter(
    (part) => part.replace(/[A-Z]/g, '').length < 2 && !/^[A-Z]{2,}$/.test(part),
  ).length;
  return short <= 1;
}

/**
 * Base64 that decodes to printable text with spaces is encoded prose (`bm90IG15…` is "not my real
 * password"), a documentation sample; random key bytes decode to binary.
 */
function decodesToProse(value: string): boolean {
  if (value.length < 12 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return / /.test(text) && /^[\x20-\x7e]+$/.test(text);
}

/**
 * The generic rule's value check: a literal that looks like a credential, not code or prose.
 * Rejects lookups (`process.env.X`), shell and format variables (`$X`, `%s`), identifiers,
 * UUIDs, digests, file names, paths, non-ASCII prose and anything too uniform to be random.
 */
export function looksLikeGenericSecret(value: string): boolean {
  if (value.length < 8 || value.length > 200) return false;
  // `$PASSWORD`, `%(password)s`: a variable, and secrets are ASCII (translations are not).
  if (/^[$%]/.test(value) || /[^\x21-\x7e]/.test(value)) return false;
  if (ENV_LOOKUP.test(value) || NON_SECRET_VALUES.test(value) || UUID.test(value)) return false;
  if (isPlaceholder(value) || isDigestOrName(value) || isWordy(value) || decodesToProse(value)) return false;
  // A query string or form body (`abc&token_type_hint=refresh`): an example request, not a value.
  if (/&\w+=/.test(value)) return false;
  // Dotted member chains and file paths are code, not credentials.
  if (/^[\w$]+(?:\.[\w$]+)+(?:\(\))?$/.test(value) && !/\d/.test(value.replace(/^[^.]*\./, ''))) return false;
  // Relative paths, dotfiles, npm scopes and URLs (`./x`, `~/.ssh/id`, `.env`, `@scope/pkg`).
  if (/^(?:\.{0,2}\/\.|\.{1,2}\/|~\/|@[\w-]+\/|\.[\w-]+$)/.test(value) || /^[a-z]+:\/\//i.test(value))
    return false;
  // A relative path or MIME type (`api/v1/users`, `text/html`): lower-case chunks between
  // slashes. Base64 has slashes too, but its chunks mix in capitals.
  if (value.includes('/') && value.split('/').every((chunk) => /^[a-z0-9._-]*$/.test(chunk))) return false;
  // A real credential mixes character classes; require a digit or symbol beside letters.
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  if (classes < 2 || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= (value.length >= 20 ? 3.5 : 3.0);
}

// Stand-ins people write in place of a URL password.
const URL_PASSWORD_STANDINS =
  /^(?:pass(?:word|wd)?\d?|pwd|pw|secret|changeme|test|testing|admin|root|guest|user|demo|sample|foo|bar|baz|qwerty|letmein|my_?pass(?:word)?|your_?pass(?:word)?|\.\.\.|…)$/i;

/** The password part of `scheme://user:password@host`: real, not a variable or placeholder. */
export function looksLikeUrlPassword(value: string): boolean {
  if (value.length < 3) return false;
  if (/^[$%{<[]|^\*+$|^x+$/i.test(value) || URL_PASSWORD_STANDINS.test(value)) return false;
  // An elided value: `gldt-...`, `sk-…`.
  if (/\.\.\.|…/.test(value)) return false;
  // A template slot (`{password}`, `ghp_{token}`, `{db_pass:20}`): filled in elsewhere.
  if (/\{[A-Za-z_][\w:.-]*\}/.test(value)) return false;
  // A port (`host:8080@`), or a constant's name standing for the password (`DB_PASSWORD`).
  if (/^\d{1,5}$/.test(value) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false;
  return !isPlaceholder(value);
}

export function runValidator(name: ValidatorName, rule: Rule, secret: string): boolean {
  switch (name) {
    case 'github-checksum':
    case 'npm-checksum':
      return hasValidChecksum(secret);
    case 'not-placeholder':
      return !isPlaceholder(secret);
    case 'entropy':
      return shannonEntropy(secret) >= (rule.minEntropy ?? 3.0);
    case 'not-doc-example':
      return !isDocumentationExample(secret);
    case 'generic-value':
      return looksLikeGenericSecret(secret);
    case 'url-password':
      return looksLikeUrlPassword(secret);
  }
}
