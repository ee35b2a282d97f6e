// scanAll: totals, the notes of custom rules stopped on their budget, and progress for long scans.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../src/cli/run.js';
import {
  progressText,
  ruleNoteTexts,
  scanAll,
  type ScannedFile,
  type ScanProgress,
} from '../src/scan/collect.js';
import { Scanner } from '../src/scan/engine.js';
import type { RuleNote } from '../src/scan/rule-notes.js';
import { anthropicRules } from '../src/scan/rules/anthropic.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Rule } from '../src/scan/types.js';

const rand = seededRandom(11);
const custom: Rule = {
  id: 'acme-token',
  provider: 'Acme',
  description: 'Acme token',
  severity: 'high',
  keywords: ['acme_'],
  pattern: 'acme_[a-z]{12}',
  custom: true,
  samples: { truePositives: [], falsePositives: [] },
};

/** `count` one-line files of exactly 100 bytes each (99 characters and the newline). */
function files(count: number, onEach: () => void = () => undefined): Iterable<ScannedFile> {
  return {
    *[Symbol.iterator]() {
      for (let i = 1; i <= count; i++) {
        onEach();
        yield { path: `f${i}.txt`, lines: [{ line: 1, text: 'x'.repeat(99) }] };
      }
    },
  };
}

describe('scanAll', () => {
  it('returns the notes of custom rules stopped during this scan, and the other findings', async () => {
    let t = 0;
    const scanner = new Scanner([...anthropicRules, custom], { customRuleBudgetMs: 1, now: () => ++t });
    const line = () => expandTemplate('acme_{lower:12} sk-ant-api03-{b64u:93}AA', rand);
    const input: ScannedFile[] = ['a', 'b', 'c'].map((path) => ({
      path,
      lines: [1, 2, 3].map((n) => ({ line: n, text: line() })),
    }));
    const result = await scanAll(input, scanner);
    expect(result.notes.map((n) => n.kind === 'rule-timeout' && [n.ruleId, n.path, n.forScan])).toEqual([
      ['acme-token', 'a', false],
      ['acme-token', 'b', true],
    ]);
    const count = (id: string) => result.findings.filter((f) => f.ruleId === id).length;
    expect(count('anthropic-api-key')).toBe(9);
    expect(count('acme-token')).toBe(4);
    expect(result.stats.files).toBe(3);
    // A second scan with the same scanner returns only its own notes.
    expect((await scanAll([], scanner)).notes).toEqual([]);
  });

  it('reports progress every 5 s of a fake clock, between files', async () => {
    let t = 0;
    const seen: ScanProgress[] = [];
    await scanAll(
      files(10, () => (t += 2000)),
      new Scanner(anthropicRules),
      { onProgress: (p) => seen.push(p), now: () => t },
    );
    expect(seen).toEqual([
      { files: 3, addedLines: 3, bytes: 300, elapsedMs: 6000 },
      { files: 6, addedLines: 6, bytes: 600, elapsedMs: 12000 },
      { files: 9, addedLines: 9, bytes: 900, elapsedMs: 18000 },
    ]);
    expect(progressText(seen[0]!)).toBe('scanned 3 file(s), 3 line(s), 0.0 MB so far (6 s)');
  });

  it('reports progress every so many bytes when the clock stands still', async () => {
    const seen: number[] = [];
    await scanAll(files(10), new Scanner(anthropicRules), {
      onProgress: (p) => seen.push(p.files),
      progressEveryBytes: 250,
      now: () => 0,
    });
    expect(seen).toEqual([3, 6, 9]);
  });

  it('does not report progress for a quick scan by default', async () => {
    const seen: ScanProgress[] = [];
    await scanAll(files(5), new Scanner(anthropicRules), { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([]);
  });

  it('turns notes into at most a few lines of text', () => {
    const note: RuleNote = {
      kind: 'rule-long-lines',
      ruleIds: ['acme-token'],
      path: 'min\u001b.js',
      lines: 1,
      maxLength: 16384,
    };
    const texts = ruleNoteTexts(
      Array.from({ length: 14 }, () => note),
      10,
    );
    expect(texts).toHaveLength(11);
    expect(texts[0]).toMatch(
      /^custom rule 'acme-token' skipped 1 line\(s\) of min\\u001b\.js longer than 16 KiB/,
    );
    expect(texts[10]).toBe('… and 4 more note(s) like these.');
  });
});

describe('the CLI', () => {
  it('prints the notes of custom rules on stderr and still reports the other findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akg-notes-'));
    const config = join(dir, 'guard.yml');
    writeFileSync(
      config,
      'rules:\n  - id: acme-token\n    description: Acme\n    keywords: [acme_]\n    pattern: "acme_[a-z]{12}"\n',
    );
    const long = expandTemplate(`k = "sk-ant-api03-{b64u:93}AA" acme_{lower:12} ${'x'.repeat(17000)}`, rand);
    writeFileSync(join(dir, 'min.js'), `${long}\n${expandTemplate('acme_{lower:12}', rand)}\n`);
    let stdout = '';
    let stderr = '';
    const code = await runCli(['scan', '--config', config, '--format', 'json', join(dir, 'min.js')], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stdin: Readable.from(['']),
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^api-key-guard: custom rule 'acme-token' skipped 1 line\(s\) of .*min\.js longer than 16 KiB/,
    );
    const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; line: number }> };
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['anthropic-api-key', 1],
      ['acme-token', 2],
    ]);
  });
});
