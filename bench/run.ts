// `npm run bench`: detection quality on the generated corpus, then speed and memory.
// Options: --detect (detection only), --speed (speed only), --false-alarms (node_modules only),
// --linear (1 MB / 100 KB time ratio per rule),
// --huge (a 200 MB diff and a 20 MB single line through the CLI, peak memory per case),
// --quick (10/20 MB sizes, one run).
// Results are printed and written to bench/out/results.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDetect, type DetectionResult } from './detect.js';
import { printFalseAlarms, runFalseAlarms, type FalseAlarmResult } from './false-alarms.js';
import { runHuge, type HugeCase } from './huge.js';
import { printLinear, runLinear, type LinearRow } from './linear.js';
import { runSpeed, type SpeedResult } from './speed.js';

const args = new Set(process.argv.slice(2));
const MODES = ['detect', 'false-alarms', 'linear', 'speed', 'huge'] as const;
const only = MODES.find((mode) => args.has(`--${mode}`)) ?? null;
const quick = args.has('--quick');
if (!globalThis.gc) console.warn('(run with --expose-gc so measurements start from a collected heap)');

const started = performance.now();
let detection: DetectionResult | undefined;
let speed: SpeedResult | undefined;
let falseAlarms: FalseAlarmResult | undefined;
if (only === null || only === 'detect') detection = runDetect();
if (only === null || only === 'false-alarms') {
  falseAlarms = runFalseAlarms(join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules'));
  printFalseAlarms(falseAlarms);
}
let linear: LinearRow[] | undefined;
if (only === null || only === 'linear') {
  linear = runLinear();
  printLinear(linear);
}
if (only === null || only === 'speed') {
  speed = await runSpeed(quick ? { mainMb: 20, sizesMb: [10, 20], runs: 1, secretlintBudgetMs: 20_000 } : {});
}
let huge: HugeCase[] | undefined;
// About 20 s (inputs generated, three child processes), so --quick keeps it.
if (only === null || only === 'huge') huge = runHuge();

const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(out, { recursive: true });
const summary = detection && {
  planted: detection.planted,
  found: detection.found,
  families: detection.families,
  byFileType: detection.byFileType,
  missed: detection.missed,
  extraFindings: detection.extraFindings,
  credentialFiles: detection.credentialFiles,
  placeholderFindings: detection.placeholderFindings,
  notes: detection.notes,
};
writeFileSync(
  join(out, 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), detection: summary, falseAlarms, linear, speed, huge }, null, 2)}\n`,
);
console.log(
  `\nwrote bench/out/results.json (bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
