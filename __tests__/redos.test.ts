// Every built-in rule against adversarial input: 1 MB lines of near-matches and of its own
// character class. A catastrophically backtracking pattern would not finish (the jest timeout
// fails it); the 1 MB / 100 KB time ratio is measured by `npm run bench`, not asserted here.
import { describe, expect, it } from '@jest/globals';
import { hasNestedQuantifier } from '../src/config.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Rule } from '../src/scan/types.js';

const MB = 1 << 20;

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
}

/** Lines built from the rule itself: its keyword followed by long runs, and near-miss samples. */
export function adversarialLines(rule: Rule, size: number): string[] {
  const rand = seededRandom(11);
  const keyword = rule.keywords[0] ?? 'key';
  const sample = expandTemplate(rule.samples.truePositives[0] ?? keyword, rand);
  return [
    keyword + repeatTo('a', size),
    keyword + repeatTo('A1_-', size),
    repeatTo(`${keyword}=`, size),
    repeatTo(`${keyword} = "`, size),
    repeatTo(sample.slice(0, -1) + ' ', size),
    repeatTo(sample.slice(0, Math.floor(sample.length / 2)), size),
    repeatTo(`${keyword}://a:`, size),
  ];
}

describe('linear-time patterns', () => {
  it('no built-in pattern has a nested quantifier', () => {
    expect(builtinRules.filter((r) => hasNestedQuantifier(r.pattern)).map((r) => r.id)).toEqual([]);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))(
    '%s finishes on 1 MB adversarial lines',
    (_id, rule) => {
      const scanner = new Scanner([rule]);
      for (const text of adversarialLines(rule, MB)) {
        const findings = scanner.scanFile({ path: 'adversarial.txt', lines: [{ line: 1, text }] });
        expect(findings.length).toBeLessThan(text.length);
      }
    },
  );
});
