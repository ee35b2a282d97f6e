// Run by speed.ts in a child process of its own (compiled to plain JavaScript first, so no
// TypeScript loader sits in memory): scans a diff file read as a stream and reports peak memory.
import { createReadStream } from 'node:fs';
import { readDiffFiles } from '../src/changes/diff.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';

const file = process.argv[2];
if (!file) throw new Error('usage: memchild <diff file>');

const baseline = process.memoryUsage();
const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed, heapTotal: baseline.heapTotal, external: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
  peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
};
const timer = setInterval(sample, 5);

const scanner = new Scanner(builtinRules);
const t0 = performance.now();
let files = 0;
let findings = 0;
let addedLines = 0;
const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
for await (const diffFile of readDiffFiles(stream)) {
  files++;
  addedLines += diffFile.lines.length;
  findings += scanner.scanFile({
    path: diffFile.path,
    lines: diffFile.lines,
    commit: diffFile.commit,
  }).length;
  if ((files & 15) === 0) sample();
}
const ms = performance.now() - t0;
sample();
clearInterval(timer);
process.stdout.write(
  JSON.stringify({
    ms,
    files,
    addedLines,
    findings,
    baseline: { rss: baseline.rss, heapUsed: baseline.heapUsed },
    peak,
  }),
);
