// The only forms of a secret that may leave the engine: a redacted string and a fingerprint.
import { createHash } from 'node:crypto';

/** The longest of a rule's literal prefixes that the secret starts with, or ''. */
export function longestPrefix(secret: string, prefixes: readonly string[] = []): string {
  let prefix = '';
  for (const p of prefixes) if (secret.startsWith(p) && p.length > prefix.length) prefix = p;
  return prefix;
}

/**
 * Keeps the provider prefix and at most 4 characters of the random part (fewer for short
 * secrets, a quarter at most), so the output identifies the key without disclosing it.
 */
export function redact(secret: string, prefixes: readonly string[] = []): string {
  const prefix = longestPrefix(secret, prefixes);
  const rest = secret.slice(prefix.length);
  const keep = Math.min(4, Math.floor(rest.length / 4));
  return `${prefix}…${keep > 0 ? rest.slice(rest.length - keep) : ''}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Stable across rebases and squash merges: it depends on the rule, the path and the secret,
 * never on the line number or commit.
 */
export function fingerprint(ruleId: string, path: string, secret: string): string {
  return sha256(`${ruleId}\u0000${path}\u0000${sha256(secret)}`).slice(0, 32);
}

/** For a finding about a whole file (a committed .env): the kind and the path, no content. */
export function fileFingerprint(ruleId: string, path: string): string {
  return sha256(`${ruleId}\u0000${path}`).slice(0, 32);
}
