// Linear time per rule: each built-in rule scans its adversarial lines at 100 KB and at 1 MB;
// a linear pattern takes about 10× as long for 10× the input. Reports the ratio per rule.
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { adversarialLines } from './adversarial.js';

export interface LinearRow {
  ruleId: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

function timeScan(scanner: Scanner, lines: string[]): number {
  const started = performance.now();
  for (const text of lines) scanner.scanFile({ path: 'adversarial.txt', lines: [{ line: 1, text }] });
  return performance.now() - started;
}

export function runLinear(): LinearRow[] {
  return builtinRules.map((rule) => {
    const scanner = new Scanner([rule]);
    const small = adversarialLines(rule, 100 * 1024);
    const large = adversarialLines(rule, 1024 * 1024);
    timeScan(scanner, small); // warm-up: compile the regexes
    // Best of three, so a pause elsewhere on the machine does not read as super-linear time.
    const smallMs = Math.min(...[0, 1, 2].map(() => timeScan(scanner, small)));
    const largeMs = Math.min(...[0, 1, 2].map(() => timeScan(scanner, large)));
    return { ruleId: rule.id, smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 0.01) };
  });
}

export function printLinear(rows: LinearRow[]): void {
  const worst = [...rows].sort((a, b) => b.ratio - a.ratio);
  console.log('\n== Linear time: 1 MB / 100 KB of adversarial lines, per rule (target <= 15) ==');
  for (const r of worst.slice(0, 8))
    console.log(
      `${r.ruleId.padEnd(40)} ${r.smallMs.toFixed(1).padStart(8)} ms ${r.largeMs.toFixed(1).padStart(9)} ms  ratio ${r.ratio.toFixed(1)}`,
    );
  console.log(
    `worst ratio ${worst[0]!.ratio.toFixed(1)} (${worst[0]!.ruleId}); median ${worst[Math.floor(worst.length / 2)]!.ratio.toFixed(1)}`,
  );
}
