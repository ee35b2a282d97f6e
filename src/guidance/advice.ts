// The one-line advice every output carries: revoke first, then move the key out of the code.
// Source: Anthropic, "API Key Best Practices" (sections 3 and "If a key may be compromised").
import type { Finding, Rule } from '../scan/types.js';

export function envVarFor(finding: Finding, rule?: Rule): string {
  if (rule?.envVar) return rule.envVar;
  const base = finding.provider
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return `${base || 'API'}_API_KEY`;
}

export function adviceLine(finding: Finding, rule?: Rule): string {
  if (finding.source === 'pull-request' || finding.source === 'comment')
    return 'Revoke this key now, then edit it out of the text (edit history keeps it).';
  return `Revoke this key now and issue a new one, then read it from the ${envVarFor(finding, rule)} environment variable or a secret store.`;
}
