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
  /example|placeholder|changeme|redacted|replace_?me|dummy[-_]?|insert[-_ ]?your|your[-_ ]?(?:api|access|secret|own|key|token)|(?:^|[-_ ])your[-_ ]|<[^>]*>|\$\{|\{\{|%s|\$\(|xxxxxx|\*{4}|\.{4}|-{6}|_{6}|123456789|abcdefghij/i;

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

/**
 * The generic rule's value check: a literal that looks like a credential, not code or prose.
 * Rejects lookups (`process.env.X`), identifiers (`myPasswordField`), UUIDs, paths and
 * anything too uniform to be random.
 */
export function looksLikeGenericSecret(value: string): boolean {
  if (value.length < 8 || value.length > 200) return false;
  if (ENV_LOOKUP.test(value) || NON_SECRET_VALUES.test(value) || UUID.test(value)) return false;
  if (isPlaceholder(value)) return false;
  // Identifiers, dotted member chains and file paths are code, not credentials.
  if (/^[A-Za-z_][A-Za-z_]*$/.test(value)) return false;
  if (/^[\w$]+(?:\.[\w$]+)+(?:\(\))?$/.test(value) && !/\d/.test(value.replace(/^[^.]*\./, ''))) return false;
  if (/^[./~]|\/\w+\//.test(value) || /^[a-z]+:\/\//i.test(value)) return false;
  if (/\s/.test(value)) return false;
  // Sentences or kebab/snake phrases made of words: `use-your-own-key`, `not_set_yet`.
  if (/^[a-z]+(?:[-_][a-z]+)+$/i.test(value)) return false;
  // A real credential mixes character classes; require a digit or symbol beside letters.
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  if (classes < 2 || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= (value.length >= 20 ? 3.5 : 3.0);
}

/** The password part of `scheme://user:password@host`: real, not a variable or placeholder. */
export function looksLikeUrlPassword(value: string): boolean {
  if (value.length < 3) return false;
  if (/^[$%{<[]|^\*+$|^x+$|^(?:pass(?:word)?|secret|changeme|pwd|password\d?|\.\.\.)$/i.test(value)) return false;
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
