import { describe, expect, it } from '@jest/globals';
import { fingerprintsIn } from '../src/report/markers.js';
import { ARTICLE_URL } from '../src/report/messages.js';
import { renderJobSummary, SUMMARY_BYTE_LIMIT, type SummaryInput } from '../src/report/summary.js';
import type { Finding } from '../src/scan/types.js';
import {
  COMMIT_SHA,
  HEAD_SHA,
  links,
  manyFindings,
  rules,
  scanLines,
  tableAfter,
  tableCells,
} from './helpers/render-fixtures.js';

const stats = { files: 12, addedLines: 3456, bytes: 100_000, binaryFiles: 2, commits: 7 };

function summary(findings: readonly Finding[], extra: Partial<SummaryInput> = {}): string {
  return renderJobSummary({
    findings,
    rules,
    failOn: 'medium',
    stats,
    links,
    version: '0.1.0',
    apiCalls: 17,
    ...extra,
  });
}

describe('renderJobSummary', () => {
  const findings = scanLines('src/app dir/ünï #1.py', [
    'DATABASE_URL=postgres://app:{alnum:20}@db.internal:5432/app',
    'ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA',
  ]);
  const out = summary(findings, { notes: [{ kind: 'file-limit', limit: 3000 }] });

  it('opens with the outcome', () => {
    expect(out.startsWith('## ❌ API Key Guard: blocked\n')).toBe(true);
    expect(out).toContain('Found 2 exposed API keys, 2 at severity `medium` or above');
    expect(summary(findings, { failOn: 'high' })).toContain('Found 2 exposed API keys, 1 at severity `high`');
    const passed = summary(findings, { failOn: 'never' });
    expect(passed.startsWith('## ✅ API Key Guard: passed\n')).toBe(true);
    expect(passed).toContain('none at the `never` threshold');
  });

  it('tables every finding with a link to its line at its commit', () => {
    const rows = tableAfter(out, '| Location |');
    expect(rows).toHaveLength(2);
    const [first, second] = rows.map(tableCells) as [string[], string[]];
    expect(first).toHaveLength(6);
    expect(first[0]).toBe(
      ` [src/app dir/ünï \\#\u200d1\\.py\\:2](https://github.example.test/octo-org/octo-repo/blob/${COMMIT_SHA}/src/app%20dir/%C3%BCn%C3%AF%20%231.py#L2) `,
    );
    expect(first[1]).toContain('Anthropic');
    expect(first[2]).toContain('🔴 High (blocks the merge)');
    expect(first[3]).toContain(findings[1]!.redacted);
    expect(first[4]).toContain(`commit/${COMMIT_SHA}`);
    expect(first[5]).toContain(findings[1]!.fingerprint);
    expect(second[2]).toContain('🟠 Medium');
  });

  it('links a finding without a commit at the head', () => {
    const [f] = scanLines('a.py', ['ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA'], { commit: null });
    const row = tableCells(tableAfter(summary([f!]), '| Location |')[0]!);
    expect(row[0]).toContain(`/blob/${HEAD_SHA}/a.py#L1`);
    expect(row[4]).toBe(' — ');
  });

  it('shows pull-request text without a link', () => {
    const [f] = scanLines('pull request body', ['key: sk-ant-api03-{b64u:93}AA'], {
      source: 'pull-request',
      commit: null,
    });
    const row = tableCells(tableAfter(summary([f!]), '| Location |')[0]!);
    expect(row[0]).toBe(' pull request title or description ');
  });

  it('gives the totals, the notes, what to do next and a footer', () => {
    expect(tableAfter(out, '| Files |')).toEqual(['| 12 | 3,456 | 2 | 7 |']);
    expect(out).toContain('more than 3,000 files');
    expect(out).toContain('### What to do next');
    expect(out).toContain('Revoke each exposed key');
    expect(out).toContain(ARTICLE_URL);
    expect(out.trimEnd().endsWith('<sub>api-key-guard 0\\.1\\.0 · 17 GitHub API calls</sub>')).toBe(true);
    expect(fingerprintsIn(out)).toEqual([]);
  });

  it('says when the scan is clean', () => {
    const clean = summary([]);
    expect(clean.startsWith('## ✅ API Key Guard: passed\n')).toBe(true);
    expect(clean).toContain('No API keys found');
    expect(clean).not.toContain('| Location |');
    expect(clean).not.toContain('What to do next');
  });

  it('when clean after earlier findings, says they are resolved but the keys must still be revoked', () => {
    const resolved = summary([], { previousFindings: 2 });
    expect(resolved).toContain('The 2 findings reported earlier are resolved');
    expect(resolved).toContain('so they must still be revoked');
    expect(resolved).toContain('Keep keys safe');
  });

  it('speaks Korean', () => {
    const ko = summary(findings, { locale: 'ko' });
    expect(ko.startsWith('## ❌ API Key Guard: 차단됨\n')).toBe(true);
    expect(ko).toContain('GitHub API 호출 17회');
    expect(summary([], { locale: 'ko', previousFindings: 1 })).toContain('반드시 폐기해야 합니다');
  });

  it('shows all of 200 findings', () => {
    const big = summary(manyFindings(200));
    expect(tableAfter(big, '| Location |')).toHaveLength(200);
    expect(big).not.toContain('Showing the first');
  });

  it('keeps 5,000 findings within 1 MiB and says how many are left out', () => {
    const big = summary(manyFindings(5000));
    expect(Buffer.byteLength(big)).toBeLessThanOrEqual(SUMMARY_BYTE_LIMIT);
    const shown = tableAfter(big, '| Location |').length;
    expect(shown).toBeGreaterThan(1000);
    expect(shown).toBeLessThan(5000);
    expect(big).toContain(`Showing the first ${shown.toLocaleString('en-US')} of 5,000 findings`);
    expect(big).toContain('What to do next');
    expect(big).toContain('GitHub API calls');
  });

  it('honours a smaller byte limit', () => {
    const small = summary(manyFindings(300), { maxBytes: 50_000 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(50_000);
    expect(small).toContain('Showing the first');
  });
});
