// Where each finding can be shown in a review: inline on its line, or in the review body.
import type { PlacedFinding } from '../report/context.js';
import type { Finding } from '../scan/types.js';

/**
 * The same key seen in several commits and in the net diff is one finding. The net-diff
 * occurrence wins (its line exists at the head, so it can carry an inline comment); it records
 * the first commit that added the key. A key found only in commits was removed later: it still
 * sits in the branch history.
 */
export function mergeAcrossCommits(findings: readonly Finding[]): {
  merged: Finding[];
  removedLater: Set<Finding>;
} {
  const byFingerprint = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFingerprint.get(f.fingerprint) ?? [];
    list.push(f);
    byFingerprint.set(f.fingerprint, list);
  }
  const merged: Finding[] = [];
  const removedLater = new Set<Finding>();
  for (const list of byFingerprint.values()) {
    const atHead = list.find((f) => f.commit === null);
    const firstCommit = list.find((f) => f.commit !== null)?.commit ?? null;
    if (atHead) {
      atHead.commit = firstCommit;
      merged.push(atHead);
    } else {
      merged.push(list[0]!);
      removedLater.add(list[0]!);
    }
  }
  return { merged, removedLater };
}

export function placeFindings(
  findings: readonly Finding[],
  removedLater: ReadonlySet<Finding>,
  commentableLines: ReadonlyMap<string, ReadonlySet<number>>,
): PlacedFinding[] {
  return findings.map((finding) => {
    if (finding.source === 'pull-request' || finding.source === 'comment')
      return { finding, placement: 'body', reason: 'pull-request-text' };
    if (removedLater.has(finding)) return { finding, placement: 'body', reason: 'removed-later' };
    const lines = commentableLines.get(finding.path);
    if (!lines) return { finding, placement: 'body', reason: 'no-patch' };
    if (!lines.has(finding.line)) return { finding, placement: 'body', reason: 'outside-diff' };
    return { finding, placement: 'inline' };
  });
}
