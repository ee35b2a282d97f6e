// The environment variable a key should be read from, named after the rule (`envVar`) or else
// after the provider: every output's guidance and the suggested fixes use the same name.
import type { Finding, Rule } from '../scan/types.js';

export function envVarFor(finding: Finding, rule?: Rule): string {
  if (rule?.envVar) return rule.envVar;
  const base = finding.provider
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  return `${base || 'API'}_API_KEY`;
}
