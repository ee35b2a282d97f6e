// SARIF 2.1.0 for code scanning: one rule per rule id, the fingerprint in partialFingerprints.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { adviceLine } from '../guidance/advice.js';
import type { Finding, Rule, Severity } from '../scan/types.js';

const LEVEL: Record<Severity, Result.level> = { high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads `security-severity` (0–10) to rank security alerts.
const SECURITY_SEVERITY: Record<Severity, string> = { high: '9.0', medium: '7.0', low: '4.0' };

export const TOOL_NAME = 'api-key-guard';
export const TOOL_URI = 'https://github.com/api-key-guard/api-key-guard';

export function renderSarif(findings: readonly Finding[], rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: `${r.provider}: ${r.description}` },
    fullDescription: {
      text: `${r.description} committed in the source. Revoke it, then load it from a secret.`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['security', 'secret'], 'security-severity': SECURITY_SEVERITY[r.severity] },
  }));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: {
      text: `${f.provider} ${f.description} (${f.redacted}). ${adviceLine(f, rules[index.get(f.ruleId) ?? -1])}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.path) },
          region: { startLine: f.line, startColumn: f.column, endColumn: f.endColumn },
        },
      },
    ],
    partialFingerprints: { 'apiKeyGuard/v1': f.fingerprint },
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, informationUri: TOOL_URI, version, rules: descriptors } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
