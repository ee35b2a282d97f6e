// The JSON report: the CLI's `--format json` and the action's `report` output share this shape.
import type { Finding } from '../scan/types.js';
import type { ScanStats } from './stats.js';

export interface JsonReport {
  version: 1;
  findings: Array<
    Pick<
      Finding,
      | 'ruleId'
      | 'provider'
      | 'severity'
      | 'path'
      | 'line'
      | 'column'
      | 'redacted'
      | 'fingerprint'
      | 'commit'
      | 'source'
    >
  >;
  stats: { files: number; addedLines: number; bytes: number };
}

export function toJsonReport(findings: readonly Finding[], stats: ScanStats): JsonReport {
  return {
    version: 1,
    // Fields are picked one by one so nothing added to Finding later can leak into the report.
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      provider: f.provider,
      severity: f.severity,
      path: f.path,
      line: f.line,
      column: f.column,
      redacted: f.redacted,
      fingerprint: f.fingerprint,
      commit: f.commit,
      source: f.source,
    })),
    stats: { files: stats.files, addedLines: stats.addedLines, bytes: stats.bytes },
  };
}

export function renderJson(findings: readonly Finding[], stats: ScanStats): string {
  return JSON.stringify(toJsonReport(findings, stats), null, 2) + '\n';
}
