// Runs a scanner over a stream of changed files and keeps the totals the reports print.
import type { FileStatus } from '../changes/diff.js';
import type { ScanStats } from '../report/stats.js';
import type { Scanner } from './engine.js';
import { ruleNoteText, type RuleNote } from './rule-notes.js';
import { SEVERITY_ORDER, type FileChange, type Finding } from './types.js';

export interface ScanResult {
  findings: Finding[];
  stats: Required<ScanStats>;
  /** Custom rules stopped past their time budget or held back from long lines (engine.ts). */
  notes: RuleNote[];
}

export interface ScannedFile extends FileChange {
  /** Binary files are counted, not scanned line by line (a keystore is still flagged by name). */
  status?: FileStatus;
}

/** How far a long scan has got, for progress logging. */
export interface ScanProgress {
  files: number;
  addedLines: number;
  bytes: number;
  elapsedMs: number;
}

export interface ScanAllOptions {
  /**
   * Called between files once `progressEveryMs` have passed or `progressEveryBytes` more were
   * scanned since the start or the last call, whichever comes first.
   */
  onProgress?: (progress: ScanProgress) => void;
  /** Default 5 s. */
  progressEveryMs?: number;
  /** Default 50 MB. */
  progressEveryBytes?: number;
  /** The clock (ms) for progress; `performance.now` unless a test fakes it. */
  now?: () => number;
}

export const PROGRESS_EVERY_MS = 5000;
export const PROGRESS_EVERY_BYTES = 50 * 1000 * 1000;

export async function scanAll(
  files: AsyncIterable<ScannedFile> | Iterable<ScannedFile>,
  scanner: Scanner,
  options: ScanAllOptions = {},
): Promise<ScanResult> {
  const stats = { files: 0, addedLines: 0, bytes: 0, binaryFiles: 0 };
  const findings: Finding[] = [];
  const notesBefore = scanner.notes.length;
  const { onProgress } = options;
  const now = options.now ?? (() => performance.now());
  const everyMs = options.progressEveryMs ?? PROGRESS_EVERY_MS;
  const everyBytes = options.progressEveryBytes ?? PROGRESS_EVERY_BYTES;
  const started = onProgress ? now() : 0;
  let lastAt = started;
  let lastBytes = 0;
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
    if (onProgress) {
      const at = now();
      if (at - lastAt >= everyMs || stats.bytes - lastBytes >= everyBytes) {
        lastAt = at;
        lastBytes = stats.bytes;
        onProgress({
          files: stats.files,
          addedLines: stats.addedLines,
          bytes: stats.bytes,
          elapsedMs: at - started,
        });
      }
    }
  }
  return { findings, stats, notes: scanner.notes.slice(notesBefore) };
}

/** One progress line for a log: `scanned 1,204 files, 88,130 lines, 61.2 MB so far (10 s)`. */
export function progressText(p: ScanProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `scanned ${n(p.files)} file(s), ${n(p.addedLines)} line(s), ${(p.bytes / 1e6).toFixed(1)} MB so far ` +
    `(${Math.round(p.elapsedMs / 1000)} s)`
  );
}

/** The notes as lines of text, at most `max` of them and a count of the rest. */
export function ruleNoteTexts(notes: readonly RuleNote[], max = 10): string[] {
  const texts = notes.slice(0, max).map(ruleNoteText);
  if (notes.length > max) texts.push(`… and ${notes.length - max} more note(s) like these.`);
  return texts;
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
