import { describe, expect, it } from '@jest/globals';
import { mergeAcrossCommits, placeFindings } from '../src/github/placement.js';
import type { Finding } from '../src/scan/types.js';

function finding(fingerprint: string, commit: string | null, line = 3, path = 'a.py'): Finding {
  return {
    ruleId: 'anthropic-api-key',
    provider: 'Anthropic',
    severity: 'high',
    description: 'Anthropic API key',
    path,
    line,
    column: 1,
    endColumn: 2,
    redacted: 'sk-ant-api03-…abAA',
    fingerprint,
    commit,
    source: 'diff',
  };
}

describe('mergeAcrossCommits', () => {
  it('keeps one finding per fingerprint, the head occurrence, stamped with the first commit', () => {
    const atHead = finding('f1', null, 9);
    const { merged, removedLater } = mergeAcrossCommits([
      finding('f1', 'c1', 3),
      finding('f1', 'c2', 5),
      atHead,
    ]);
    expect(merged).toEqual([expect.objectContaining({ fingerprint: 'f1', line: 9, commit: 'c1' })]);
    expect(merged[0]).toBe(atHead);
    expect(removedLater.size).toBe(0);
  });

  it('marks a key seen only in commits as removed later', () => {
    const { merged, removedLater } = mergeAcrossCommits([finding('f2', 'c1'), finding('f2', 'c3')]);
    expect(merged).toHaveLength(1);
    expect(removedLater.has(merged[0]!)).toBe(true);
  });
});

describe('placeFindings', () => {
  it('puts a finding inline only on a commentable line of the net diff', () => {
    const inline = finding('a', null, 3);
    const outside = finding('b', null, 40);
    const noPatch = finding('c', null, 3, 'big.json');
    const gone = finding('d', 'c1', 3);
    const text = { ...finding('e', null, 1, 'pull request description'), source: 'pull-request' as const };
    const placed = placeFindings(
      [inline, outside, noPatch, gone, text],
      new Set([gone]),
      new Map([['a.py', new Set([1, 2, 3])]]),
    );
    expect(
      placed.map((p) => [p.finding.fingerprint, p.placement, p.placement === 'body' ? p.reason : undefined]),
    ).toEqual([
      ['a', 'inline', undefined],
      ['b', 'body', 'outside-diff'],
      ['c', 'body', 'no-patch'],
      ['d', 'body', 'removed-later'],
      ['e', 'body', 'pull-request-text'],
    ]);
  });
});
