import { describe, expect, it } from '@jest/globals';
import { Scanner, secretOf } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';

const scanner = new Scanner(builtinRules);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function scanLine(text: string) {
  return scanner.scanFile({ path: 'sample.txt', lines: [{ line: 1, text }] });
}

describe('rule catalogue', () => {
  it('has unique ids and complete metadata', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of builtinRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.provider.length).toBeGreaterThan(0);
      expect(['high', 'medium', 'low']).toContain(rule.severity);
      expect(rule.samples.truePositives.length).toBeGreaterThanOrEqual(2);
      expect(rule.samples.falsePositives.length).toBeGreaterThanOrEqual(2);
      for (const kw of rule.keywords) expect(kw).toBe(kw.toLowerCase());
    }
  });

  for (const rule of builtinRules) {
    describe(rule.id, () => {
      it.each(rule.samples.truePositives)('reports the true positive %s', (template) => {
        for (const seed of SEEDS) {
          const line = expandTemplate(template, seededRandom(seed));
          const findings = scanLine(line).filter((f) => f.ruleId === rule.id);
          expect({ line: template, seed, found: findings.length }).toEqual({
            line: template,
            seed,
            found: 1,
          });
          const secret = secretOf(findings[0]!)!;
          expect(line.slice(findings[0]!.column - 1, findings[0]!.endColumn - 1)).toBe(secret);
          expect(findings[0]!.redacted).not.toContain(secret.slice(-8));
        }
      });
      it.each(rule.samples.falsePositives)('stays quiet on %s', (template) => {
        for (const seed of SEEDS) {
          const line = expandTemplate(template, seededRandom(seed));
          expect({ line, found: scanLine(line).map((f) => f.ruleId) }).toEqual({ line, found: [] });
        }
      });
    });
  }
});
