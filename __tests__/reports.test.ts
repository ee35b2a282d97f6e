import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { renderJson } from '../src/report/json.js';
import { ARTICLE_URL } from '../src/report/messages.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderText } from '../src/report/text.js';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS; require gives the class itself under both ts-jest and Node.
const Ajv4 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const rand = seededRandom(99);
const lines = [
  `client = Anthropic(api_key="${expandTemplate('sk-ant-api03-{b64u:93}AA', rand)}")`,
  'nothing here',
  `ADMIN=${expandTemplate('sk-ant-admin01-{b64u:93}AA', rand)}`,
].map((text, i) => ({ line: i + 1, text }));
const findings = new Scanner(builtinRules).scanFile({
  path: 'src/app dir/ünï.py',
  lines,
  commit: 'abc1234def',
});
const secrets = findings.map((f) => secretOf(f)!);
const stats = { files: 1, addedLines: 3, bytes: 300 };
const rulesById = new Map(builtinRules.map((r) => [r.id, r]));

function expectNoSecret(output: string) {
  for (const s of secrets) {
    const random = s.replace(/^sk-ant-[a-z0-9]+-/, '');
    for (let i = 0; i + 8 <= random.length; i++) expect(output).not.toContain(random.slice(i, i + 8));
  }
}

describe('reports', () => {
  it('found the two keys the fixtures hold', () => {
    expect(findings.map((f) => f.ruleId)).toEqual(['anthropic-api-key', 'anthropic-admin-key']);
  });

  it('JSON has exactly the documented shape', () => {
    const report = JSON.parse(renderJson(findings, stats));
    expect(Object.keys(report)).toEqual(['version', 'findings', 'stats']);
    expect(report.version).toBe(1);
    expect(report.stats).toEqual(stats);
    expect(Object.keys(report.findings[0]).sort()).toEqual(
      [
        'column',
        'commit',
        'fingerprint',
        'line',
        'path',
        'provider',
        'redacted',
        'ruleId',
        'severity',
        'source',
      ].sort(),
    );
    expect(report.findings[0]).toMatchObject({
      ruleId: 'anthropic-api-key',
      provider: 'Anthropic',
      severity: 'high',
      path: 'src/app dir/ünï.py',
      line: 1,
      column: 29,
      commit: 'abc1234def',
      source: 'diff',
    });
    expect(report.findings[0].redacted).toMatch(/^sk-ant-api03-…[A-Za-z0-9_-]{2}AA$/);
  });

  it('SARIF is valid 2.1.0 with one rule per id and fingerprints', () => {
    const sarif = JSON.parse(renderSarif(findings, builtinRules, '0.1.0'));
    const ajv = new Ajv4({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
    const valid = ajv.validate(sarifSchema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = sarif.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(builtinRules.map((r) => r.id));
    expect(run.results[1]).toMatchObject({
      ruleId: 'anthropic-admin-key',
      level: 'error',
      partialFingerprints: { 'apiKeyGuard/v1': findings[1]!.fingerprint },
    });
    expect(run.results[1].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'src/app%20dir/%C3%BCn%C3%AF.py' },
      region: { startLine: 3, startColumn: 7 },
    });
    expect(run.tool.driver.rules[ids.indexOf(run.results[0].ruleId)].id).toBe(run.results[0].ruleId);
  });

  it('text names file:line, provider, redacted value and one line of advice', () => {
    const text = renderText(findings, stats, rulesById);
    expect(text).toContain('src/app dir/ünï.py:1:29  HIGH  Anthropic: Anthropic API key  sk-ant-api03-…');
    expect(text).toContain('Revoke this Anthropic key now at https://platform.claude.com/settings/keys');
    expect(text).toContain('(article §1, §3)');
    expect(text).toContain('ANTHROPIC_API_KEY');
    expect(text).toMatch(/2 finding\(s\) in 1 file\(s\), 3 line\(s\)\.\nGuidance: Anthropic, "API Key Best/);
    expect(text.endsWith(`${ARTICLE_URL}\n`)).toBe(true);
    expect(renderText([], stats, rulesById)).toBe('No keys found in 1 file(s), 3 line(s).\n');
  });

  it('escapes control characters in paths in the text report', () => {
    const [f] = findings;
    expect(renderText([{ ...f!, path: 'a\u001b[31mb' }], stats, rulesById)).toContain('a\\x1b[31mb');
  });

  it('no report repeats any 8 characters of a secret', () => {
    expectNoSecret(renderJson(findings, stats));
    expectNoSecret(renderSarif(findings, builtinRules, '0.1.0'));
    expectNoSecret(renderText(findings, stats, rulesById));
  });
});
