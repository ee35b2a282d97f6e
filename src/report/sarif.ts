// SARIF 2.1.0 for code scanning: one rule per rule id, the fingerprint in partialFingerprints.
// Each result's message carries the steps that fit the finding, in English unless a locale is given.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { isTextSource } from '../guidance/situations.js';
import { credentialFileKinds, type CredentialFileKind } from '../scan/credential-files.js';
import type { Finding, Rule, Severity } from '../scan/types.js';
import { plainAdvice } from './guidance.js';
import { catalogue, type Locale } from './messages.js';

const LEVEL: Record<Severity, Result.level> = { high: 'error', medium: 'warning', low: 'note' };
// GitHub code scanning reads `security-severity` (0–10) to rank security alerts.
const SECURITY_SEVERITY: Record<Severity, string> = { high: '9.0', medium: '7.0', low: '4.0' };

export const TOOL_NAME = 'api-key-guard';
export const TOOL_URI = 'https://github.com/api-key-guard/api-key-guard';

export function renderSarif(
  findings: readonly Finding[],
  rules: readonly Rule[],
  version: string,
  locale: Locale = 'en',
): string {
  const t = catalogue(locale);
  // Code scanning places results on files: keys in pull-request text or comments have none.
  const inFiles = findings.filter((f) => !isTextSource(f));
  // Credential-file kinds are not line rules, but their results need a descriptor all the same.
  const used = new Set(inFiles.map((f) => f.ruleId));
  const kinds = credentialFileKinds.filter((k) => used.has(k.id) && !rules.some((r) => r.id === k.id));
  const described: ReadonlyArray<Rule | CredentialFileKind> = [...rules, ...kinds];
  const index = new Map(described.map((r, i) => [r.id, i]));
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const descriptors: ReportingDescriptor[] = described.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: `${r.provider}: ${r.description}` },
    fullDescription: {
      text:
        'forms' in r
          ? `A ${r.description}. Revoke every credential it holds, then remove the file from git.`
          : `${r.description} committed in the source. Revoke it, then load it from a secret.`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['security', 'secret'], 'security-severity': SECURITY_SEVERITY[r.severity] },
  }));
  const results: Result[] = inFiles.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: {
      text: `${f.provider} ${f.description} (${f.redacted}). ${plainAdvice(f, ruleById.get(f.ruleId), t)}`,
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
