// How the reports treat findings that sit in no file line (a comment's or a pull request's text)
// and whole-file findings (a committed credential file): SARIF, the job summary, the location
// cells and the "revoke" step must each fit them.
import { describe, expect, it } from '@jest/globals';
import { renderSarif } from '../src/report/sarif.js';
import { renderJobSummary } from '../src/report/summary.js';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import type { Finding } from '../src/scan/types.js';
import { LINE_TEMPLATES, links, rules, scanLines } from './helpers/render-fixtures.js';

const inComment = scanLines('pull request #3 comment 77', [LINE_TEMPLATES[0]!], { source: 'comment' });
const inDescription = scanLines('pull request #3 description', [LINE_TEMPLATES[2]!], {
  source: 'pull-request',
});
const inCode = scanLines('src/app.ts', [LINE_TEMPLATES[0]!], { seed: 99 });
const committedEnv = new Scanner(builtinRules).scanCredentialFile({
  path: 'services/api/.env',
  lines: [{ line: 1, text: 'DB_HOST=localhost' }],
  status: 'added',
})!;

function summary(findings: Finding[], subject?: 'changes' | 'text', locale: 'en' | 'ko' = 'en') {
  return renderJobSummary({
    findings,
    rules,
    failOn: 'medium',
    stats: { files: 1, addedLines: 1, bytes: 10, binaryFiles: 0 },
    links,
    version: '0.0.0-test',
    locale,
    ...(subject ? { subject } : {}),
  });
}

describe('findings outside file lines', () => {
  it('the fixtures hold what the tests need', () => {
    expect([inComment.length, inDescription.length, inCode.length]).toEqual([1, 1, 1]);
    expect(committedEnv.ruleId).toBe('credential-file-env');
  });

  it('SARIF keeps results on files only, and describes the credential-file kind it reports', () => {
    const log = JSON.parse(
      renderSarif([...inComment, ...inDescription, ...inCode, committedEnv], builtinRules, '0.0.0-test'),
    ) as {
      runs: {
        tool: { driver: { rules: { id: string; fullDescription: { text: string } }[] } };
        results: { ruleId: string; ruleIndex?: number; locations: unknown[] }[];
      }[];
    };
    const run = log.runs[0]!;
    expect(run.results.map((r) => r.ruleId).sort()).toEqual(['anthropic-api-key', 'credential-file-env']);
    const envResult = run.results.find((r) => r.ruleId === 'credential-file-env')!;
    expect(run.tool.driver.rules[envResult.ruleIndex!]!.id).toBe('credential-file-env');
    expect(run.tool.driver.rules[envResult.ruleIndex!]!.fullDescription.text).toMatch(/remove the file/);
  });

  it('the summary names a comment as a comment, and a pull request text as such', () => {
    const text = summary([...inComment, ...inDescription], 'text');
    expect(text).toContain('comment or issue text');
    expect(text).toContain('pull request title or description');
    expect(summary(inComment, 'text', 'ko')).toContain('댓글 또는 이슈 본문');
  });

  it('a key only in text is not said to be in a pushed commit; a key in code is', () => {
    expect(summary(inComment, 'text')).not.toMatch(/pushed commit/);
    expect(summary(inComment, 'text')).toMatch(/posted where others can read it/);
    expect(summary([...inComment, ...inCode])).toMatch(/already in a pushed commit/);
    expect(summary(inComment, 'text', 'ko')).not.toMatch(/푸시된 커밋/);
  });

  it('a clean comment event reads as a comment, without the files-and-lines table', () => {
    const clean = summary([], 'text');
    expect(clean).toContain('No API keys found in the text of this comment or issue.');
    expect(clean).not.toContain('Added lines');
    const cleanChanges = summary([]);
    expect(cleanChanges).toContain('the lines this pull request adds');
    expect(cleanChanges).toContain('Added lines');
  });

  it('a committed credential file gets no provider row: its own step says where to revoke', () => {
    const mixed = summary([...inCode, committedEnv]);
    expect(mixed).toContain('| Anthropic |');
    expect(mixed).not.toContain("| Credential file | the service's own console");
    const alone = summary([committedEnv]);
    expect(alone).not.toContain('Revoke and reissue at');
    expect(alone).toContain('git rm --cached services/api/.env');
  });

  it('no secret reaches the summary or SARIF', () => {
    const all = [...inComment, ...inDescription, ...inCode];
    const outputs = [summary(all), summary(all, 'text', 'ko'), renderSarif(all, builtinRules, '0')];
    for (const f of all) for (const out of outputs) expect(out).not.toContain(secretOf(f)!);
  });
});
