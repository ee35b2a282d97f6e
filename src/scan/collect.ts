// Runs a scanner over a stream of changed files and keeps the totals the reports print.
import type { FileStatus } from '../changes/diff.js';
import type { ScanStats } from '../report/stats.js';
import type { Scanner } from './engine.js';
import { SEVERITY_ORDER, type FileChange, type Finding } from './types.js';

export interface ScanResult {
  findings: Finding[];
  stats: Required<ScanStats>;
}

export interface ScannedFile extends FileChange {
  /** Binary files are counted, not scanned line by line (a keystore is still flagged by name). */
  status?: FileStatus;
}

export async function scanAll(
  files: AsyncIterable<ScannedFile> | Iterable<ScannedFile>,
  scanner: Scanner,
): Promise<ScanResult> {
  const stats = { files: 0, addedLines: 0, bytes: 0, binaryFiles: 0 };
  const findings: Finding[] = [];
  for await (const file of files) {
    const credentialFile = scanner.scanCredentialFile(file);
    if (credentialFile) findings.push(credentialFile);
    if (file.status === 'binary') {
      stats.binaryFiles++;
      continue;
    }
    stats.files++;
    stats.addedLines += file.lines.length;
    for (const l of file.lines) stats.bytes += Buffer.byteLength(l.text) + 1;
    for (const f of scanner.scanFile(file)) findings.push(f);
  }
  return { findings, stats };
}

export { SEVERITY_ORDER };
export type FailOn = keyof typeof SEVERITY_ORDER | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['high', 'medium', 'low', 'never'];

/** Findings at or above the threshold, the ones that fail a check. */
export function blocking(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => isBlocking(f, failOn));
}

/** True when the finding reaches the threshold. */
export function isBlocking(finding: Finding, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_ORDER[finding.severity] >= SEVERITY_ORDER[failOn];
}
