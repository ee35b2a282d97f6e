// Run by speed.ts in a fresh child process (compiled to plain JavaScript): secretlint's
// recommended preset over the added text of each file of the benchmark diff.
//
// secretlint 11.x profiles every run: @secretlint/profiler registers a PerformanceObserver at
// module load and, for every `::end` mark (one per rule per file), scans its ever-growing list of
// entries, so its cost grows with the square of the files linted in the process (upstream
// secretlint issues #1633 and #1653, fixed by making the profiler opt-in in a later release). The
// observer runs from the event loop, so this child yields to it after every file, as the
// secretlint CLI does between file reads, and waits for it to drain before stopping the clock.
// Mode `*-noprof` turns `mark` into a no-op first: secretlint's own rules without that overhead.
//
// argv: <input.json: [{path, content}]> <core|engine>-<shipped|noprof> <budget ms> <runs>
import { readFileSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import { lintSource } from '@secretlint/core';
import { createEngine } from '@secretlint/node';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendPreset } from '@secretlint/secretlint-rule-preset-recommend';

const [input, mode = 'core-shipped', budgetArg = '120000', runsArg = '1'] = process.argv.slice(2);
if (!input) throw new Error('usage: secretlint-child <input.json> <mode> <budget ms> <runs>');
const contents = JSON.parse(readFileSync(input, 'utf8')) as { path: string; content: string }[];
const budgetMs = Number(budgetArg);
const [api, profiler] = mode.split('-');
if (profiler === 'noprof') secretLintProfiler.mark = () => {};

async function lintAll(lint: (path: string, content: string) => Promise<number>) {
  const checkpoints: { files: number; bytes: number; ms: number }[] = [];
  let bytes = 0;
  let findings = 0;
  let files = 0;
  const t0 = performance.now();
  for (const { path, content } of contents) {
    findings += await lint(path, content);
    bytes += content.length;
    files++;
    await tick(); // let the profiler's observer run, as between the CLI's file reads
    if (files % 50 === 0) checkpoints.push({ files, bytes, ms: performance.now() - t0 });
    if (performance.now() - t0 > budgetMs) break;
  }
  for (let i = 0; i < 3; i++) await tick();
  await secretLintProfiler.getMeasures();
  const ms = performance.now() - t0;
  checkpoints.push({ files, bytes, ms });
  return { ms, bytes, files, findings, checkpoints };
}

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendPreset }] };
let lint: (path: string, content: string) => Promise<number>;
let setupMs = 0;
if (api === 'engine') {
  const t = performance.now();
  const engine = await createEngine({
    formatter: 'json',
    color: false,
    maskSecrets: true,
    configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
  });
  setupMs = performance.now() - t;
  lint = async (filePath, content) => ((await engine.executeOnContent({ content, filePath })).ok ? 0 : 1);
} else {
  lint = async (filePath, content) =>
    (
      await lintSource({
        source: { content, filePath, contentType: 'text' },
        options: { config, maskSecrets: true },
      })
    ).messages.length;
}

let best: Awaited<ReturnType<typeof lintAll>> | null = null;
for (let i = 0; i < Number(runsArg); i++) {
  const run = await lintAll(lint);
  if (!best || run.ms < best.ms) best = run;
  if (run.files < contents.length) break;
}
process.stdout.write(JSON.stringify({ ...best, total: contents.length, setupMs }));
