// Every built-in rule against adversarial input: 1 MB lines of near-matches and of its own
// character class. A catastrophically backtracking pattern would not finish (the jest timeout
// fails it); the 1 MB / 100 KB time ratio is measured by `npm run bench`, not asserted here.
import { describe, expect, it } from '@jest/globals';
import { hasNestedQuantifier } from '../src/config.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { adversarialLines } from '../bench/adversarial.js';

const MB = 1 << 20;

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
