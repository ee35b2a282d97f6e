// Run by huge.ts in a child process of its own (compiled to plain JavaScript first, like
// memchild.ts): runs the command line exactly as `api-key-guard <argv>` would (runCli: diff reader
// or path reader → Scanner → report renderer), keeps the report it prints, and reports the wall
// time, the process's peak memory and the findings (location and rule only, never a secret).
import { readFileSync } from 'node:fs';
import { runCli } from '../src/cli/run.js';
import type { JsonReport } from '../src/report/json.js';

const argv = process.argv.slice(2);
if (argv.length === 0) throw new Error('usage: hugechild <api-key-guard arguments>');

let out = '';
let err = '';
const t0 = performance.now();
const code = await runCli(argv, {
  stdout: (t) => (out += t),
  stderr: (t) => (err += t),
  stdin: process.stdin,
  cwd: process.cwd(),
});
const ms = performance.now() - t0;

/** Peak resident set size in bytes: the kernel's high-water mark, else getrusage's maxRSS (KiB). */
function peakRss(): { vmHwm: number | null; maxRss: number } {
  let vmHwm: number | null = null;
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) vmHwm = Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return { vmHwm, maxRss: process.resourceUsage().maxRSS * 1024 };
}

let findings: Pick<JsonReport['findings'][number], 'ruleId' | 'path' | 'line' | 'column'>[] = [];
let reportBytes = 0;
let scanned: JsonReport['stats'] | null = null;
if (code !== 2) {
  const report = JSON.parse(out) as JsonReport;
  reportBytes = Buffer.byteLength(out);
  findings = report.findings.map(({ ruleId, path, line, column }) => ({ ruleId, path, line, column }));
  scanned = report.stats;
}
process.stdout.write(
  JSON.stringify({ code, ms, ...peakRss(), findings, reportBytes, stats: scanned, stderr: err.slice(-2000) }),
);
