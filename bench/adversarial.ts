// Adversarial lines for a rule, built from the rule itself: its keyword followed by long runs of
// its own character classes, and long runs of near-matches of its samples. Shared by the ReDoS
// test (every rule must finish) and the linear-time benchmark (1 MB vs 100 KB ratio).
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import type { Rule } from '../src/scan/types.js';

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
}

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
