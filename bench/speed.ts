// Speed: this scanner end to end (diff text → diff reader → Scanner) against secretlint's
// recommended preset on the same content (in fresh child processes, with and without its
// always-on profiler: see secretlint-child.ts) and against two single-regex "floors", then time
// linearity (10/50/100 MiB) and peak memory for a 100 MiB diff read as a stream in a child
// process. Timings are reported, never asserted. MB here is MiB (2^20 bytes).
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseDiff, readDiffFiles, type DiffFile } from '../src/changes/diff.js';
import { Scanner } from '../src/scan/engine.js';
import { builtinRules } from '../src/scan/rules/index.js';
import { table } from './detect.js';
import { generateDiff, prefix, type GeneratedDiff } from './diffgen.js';

const MiB = 2 ** 20;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');

export interface SecretlintRow extends Timing {
  mode: string;
  label: string;
  /** Added-text bytes and files actually linted (fewer than all when the budget ran out). */
  bytesMeasured: number;
  files: number;
  totalFiles: number;
  addedTextMbPerSec: number;
  /** 'none', or how the time for the whole diff was estimated from the files measured. */
  extrapolation: 'none' | 'quadratic fit' | 'linear';
  setupMs: number;
}

export interface Timing {
  ms: number;
  mbPerSec: number;
  findings?: number;
}

export interface SpeedResult {
  node: string;
  cpus: number;
  generate: { ms: number; bytes: number; keys: number };
  main: {
    bytes: number;
    files: number;
    addedLines: number;
    addedBytes: number;
    keys: number;
    ours: Timing;
    oursReaderOnly: Timing;
    oursScannerOnly: Timing;
    /** secretlint in fresh child processes, one row per API and profiler mode (see secretlint-child.ts). */
    secretlint: SecretlintRow[];
    floorLiteral: Timing & { pattern: string };
    floorKeywords: Timing & { keywords: number };
    ratios: {
      /** Against secretlint as shipped (lintSource, profiler on, as every 11.x run has it). */
      oursOverSecretlint: number;
      /** Against secretlint's rules alone (lintSource with the profiler's marks turned off). */
      oursOverSecretlintNoProfiler: number;
      floorKeywordsOverOurs: number;
      floorLiteralOverOurs: number;
    };
  };
  linearity: { mb: number; bytes: number; ms: number; mbPerSec: number; findings: number }[];
  memory: {
    bytes: number;
    ms: number;
    files: number;
    findings: number;
    baselineRss: number;
    peakRss: number;
    peakHeapUsed: number;
    peakHeapTotal: number;
    peakExternal: number;
    timeMaxRss: number | null;
  } | null;
}

const gc = () => globalThis.gc?.();

function mbps(bytes: number, ms: number): number {
  return bytes / MiB / (ms / 1000);
}

/** Best (lowest) of `runs` timings; gc between runs. */
async function best<T>(runs: number, fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  let bestMs = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = performance.now();
    value = await fn();
    const ms = performance.now() - t0;
    if (ms < bestMs) bestMs = ms;
  }
  return { ms: bestMs, value };
}

function slices(text: string, size = MiB): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Ours, end to end: the diff text streamed through the diff reader into the scanner. */
async function scanDiffText(scanner: Scanner, chunks: string[]): Promise<number> {
  let findings = 0;
  for await (const file of readDiffFiles(Readable.from(chunks))) {
    findings += scanner.scanFile({ path: file.path, lines: file.lines, commit: file.commit }).length;
  }
  return findings;
}

function keywordRegex(): { re: RegExp; count: number } {
  const keywords = [...new Set(builtinRules.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))];
  keywords.sort((a, b) => b.length - a.length);
  const source = keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return { re: new RegExp(source, 'gi'), count: keywords.length };
}

function countMatches(re: RegExp, text: string): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text)) n++;
  return n;
}

const SECRETLINT_MODES: [mode: string, label: string][] = [
  ['core-shipped', 'secretlint 11.7.1 lintSource, as shipped (profiler on)'],
  ['engine-shipped', 'secretlint @secretlint/node engine, as shipped'],
  ['core-noprof', 'secretlint lintSource, profiler marks off'],
  ['engine-noprof', 'secretlint engine, profiler marks off'],
];

/** Least-squares fit of ms = a*n + b*n^2 over the checkpoints, evaluated at n = total. */
function quadraticEstimate(points: { n: number; ms: number }[], total: number): number {
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let t1 = 0;
  let t2 = 0;
  for (const { n, ms } of points) {
    s2 += n * n;
    s3 += n ** 3;
    s4 += n ** 4;
    t1 += n * ms;
    t2 += n * n * ms;
  }
  const det = s2 * s4 - s3 * s3;
  if (!det) return (points.at(-1)!.ms * total) / points.at(-1)!.n;
  const a = (t1 * s4 - s3 * t2) / det;
  const b = (s2 * t2 - s3 * t1) / det;
  return a * total + b * total * total;
}

/** Runs secretlint-child.ts (compiled) in a fresh process per mode on the added text of each file. */
function secretlintRows(
  contents: { path: string; content: string }[],
  diffBytes: number,
  budgetMs: number,
  runs: number,
): SecretlintRow[] {
  const input = join(OUT, 'secretlint-input.json');
  writeFileSync(input, JSON.stringify(contents));
  const child = compileChild(join(ROOT, 'bench', 'secretlint-child.ts'));
  const rows: SecretlintRow[] = [];
  for (const [mode, label] of SECRETLINT_MODES) {
    const shipped = mode.endsWith('shipped');
    const run = spawnSync(
      process.execPath,
      [child, input, mode, String(budgetMs), String(shipped ? 1 : runs)],
      { encoding: 'utf8', maxBuffer: 64 * MiB, cwd: ROOT },
    );
    if (run.status !== 0) {
      console.error(`secretlint child ${mode} failed (${run.status}): ${run.stderr.slice(-2000)}`);
      continue;
    }
    const r = JSON.parse(run.stdout) as {
      ms: number;
      bytes: number;
      files: number;
      total: number;
      findings: number;
      setupMs: number;
      checkpoints: { files: number; bytes: number; ms: number }[];
    };
    const complete = r.files >= r.total;
    const addedBytes = contents.reduce((n, c) => n + c.content.length, 0);
    // The profiler's cost grows with the square of the files linted: extrapolate with a quadratic
    // fit over the checkpoints; without it the cost is linear in the text.
    const fullMs = complete
      ? r.ms
      : shipped
        ? quadraticEstimate(
            r.checkpoints.map((c) => ({ n: c.files, ms: c.ms })),
            r.total,
          )
        : (r.ms * addedBytes) / r.bytes;
    rows.push({
      mode,
      label,
      ms: fullMs,
      mbPerSec: mbps(diffBytes, fullMs),
      findings: r.findings,
      bytesMeasured: r.bytes,
      files: r.files,
      totalFiles: r.total,
      addedTextMbPerSec: mbps(r.bytes, r.ms),
      extrapolation: complete ? 'none' : shipped ? 'quadratic fit' : 'linear',
      setupMs: r.setupMs,
    });
  }
  rmSync(input, { force: true });
  return rows;
}

/**
 * Compiles memchild.ts and what it imports to plain JavaScript under bench/out/js (same layout,
 * so the `./x.js` specifiers resolve), so the memory child runs without a TypeScript loader.
 */
export function compileChild(entry: string): string {
  const outRoot = join(OUT, 'js');
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(outRoot, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      const dep = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(dep)) queue.push(dep);
    }
  }
  return join(outRoot, relative(ROOT, entry)).replace(/\.ts$/, '.js');
}

function measureMemory(diff: GeneratedDiff, bytes: number): SpeedResult['memory'] {
  mkdirSync(OUT, { recursive: true });
  const patch = join(OUT, 'diff-100mb.patch');
  let written = 0;
  const fd = openSync(patch, 'w');
  for (const piece of diff.pieces) {
    writeSync(fd, piece);
    written += piece.length;
    if (written >= bytes) break;
  }
  closeSync(fd);
  const child = compileChild(join(ROOT, 'bench', 'memchild.ts'));
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const argv = timeBin ? ['-v', process.execPath, child, patch] : [child, patch];
  const run = spawnSync(timeBin ?? process.execPath, argv, { encoding: 'utf8', maxBuffer: 16 * MiB });
  rmSync(patch, { force: true });
  if (run.status !== 0) {
    console.error(`memory child failed (${run.status}): ${run.stderr.slice(-2000)}`);
    return null;
  }
  const r = JSON.parse(run.stdout) as {
    ms: number;
    files: number;
    findings: number;
    baseline: { rss: number };
    peak: { rss: number; heapUsed: number; heapTotal: number; external: number };
  };
  const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  return {
    bytes: written,
    ms: r.ms,
    files: r.files,
    findings: r.findings,
    baselineRss: r.baseline.rss,
    peakRss: r.peak.rss,
    peakHeapUsed: r.peak.heapUsed,
    peakHeapTotal: r.peak.heapTotal,
    peakExternal: r.peak.external,
    timeMaxRss: maxRss ? Number(maxRss[1]) * 1024 : null,
  };
}

export interface SpeedOptions {
  /** Main comparison size in MiB (default 50). */
  mainMb?: number;
  sizesMb?: number[];
  /** Stop a secretlint run after this long and extrapolate (default 150 s). */
  secretlintBudgetMs?: number;
  memory?: boolean;
  runs?: number;
}

export async function runSpeed(options: SpeedOptions = {}): Promise<SpeedResult> {
  const {
    mainMb = 50,
    sizesMb = [10, 50, 100],
    secretlintBudgetMs = 150_000,
    memory = true,
    runs = 3,
  } = options;
  const maxMb = Math.max(mainMb, ...sizesMb);
  const scanner = new Scanner(builtinRules);

  console.log(`\n== Speed (MB = MiB; node ${process.version}) ==`);
  const t0 = performance.now();
  const diff = generateDiff(maxMb * MiB, builtinRules);
  const generate = {
    ms: performance.now() - t0,
    bytes: diff.cumulative.at(-1)!,
    keys: diff.keysCumulative.at(-1)!,
  };
  console.log(
    `generated ${(generate.bytes / MiB).toFixed(1)} MB of diff in ${(generate.ms / 1000).toFixed(1)} s`,
  );

  // --- The main comparison, on the same mainMb diff.
  const main = prefix(diff, mainMb * MiB);
  const chunks = slices(main.text);
  const parsed: DiffFile[] = parseDiff(main.text).files;
  const addedLines = parsed.reduce((n, f) => n + f.lines.length, 0);
  const contents = parsed.map((f) => ({ path: f.path, content: f.lines.map((l) => l.text).join('\n') }));
  const addedBytes = contents.reduce((n, c) => n + c.content.length, 0);

  // Warm-up (JIT), then best of `runs`.
  await scanDiffText(scanner, slices(prefix(diff, 2 * MiB).text));
  const ours = await best(runs, () => scanDiffText(scanner, chunks));
  const readerOnly = await best(runs, async () => {
    let n = 0;
    for await (const f of readDiffFiles(Readable.from(chunks))) n += f.lines.length;
    return n;
  });
  const scannerOnly = await best(runs, () => parsed.reduce((n, f) => n + scanner.scanFile(f).length, 0));

  gc();
  const secretlint = secretlintRows(contents, main.bytes, secretlintBudgetMs, runs);
  const slShipped = secretlint.find((r) => r.mode === 'core-shipped');
  const slNoProf = secretlint.find((r) => r.mode === 'core-noprof');

  const literal = /sk-ant-api03-[A-Za-z0-9_-]{93}AA/g;
  const floorLiteral = await best(runs, () => countMatches(literal, main.text));
  const kw = keywordRegex();
  const floorKeywords = await best(runs, () => countMatches(kw.re, main.text));

  const result: SpeedResult['main'] = {
    bytes: main.bytes,
    files: parsed.length,
    addedLines,
    addedBytes,
    keys: main.keys,
    ours: { ms: ours.ms, mbPerSec: mbps(main.bytes, ours.ms), findings: ours.value },
    oursReaderOnly: { ms: readerOnly.ms, mbPerSec: mbps(main.bytes, readerOnly.ms) },
    oursScannerOnly: {
      ms: scannerOnly.ms,
      mbPerSec: mbps(main.bytes, scannerOnly.ms),
      findings: scannerOnly.value,
    },
    secretlint,
    floorLiteral: {
      ms: floorLiteral.ms,
      mbPerSec: mbps(main.bytes, floorLiteral.ms),
      findings: floorLiteral.value,
      pattern: literal.source,
    },
    floorKeywords: {
      ms: floorKeywords.ms,
      mbPerSec: mbps(main.bytes, floorKeywords.ms),
      findings: floorKeywords.value,
      keywords: kw.count,
    },
    ratios: {
      oursOverSecretlint: (slShipped?.ms ?? NaN) / ours.ms,
      oursOverSecretlintNoProfiler: (slNoProf?.ms ?? NaN) / ours.ms,
      floorKeywordsOverOurs: ours.ms / floorKeywords.ms,
      floorLiteralOverOurs: ours.ms / floorLiteral.ms,
    },
  };
  chunks.length = 0;
  contents.length = 0;
  parsed.length = 0;

  // --- Linearity.
  const linearity: SpeedResult['linearity'] = [];
  for (const mb of sizesMb) {
    const p = prefix(diff, mb * MiB);
    const c = slices(p.text);
    const r = await best(mb >= 100 ? Math.min(2, runs) : runs, () => scanDiffText(scanner, c));
    linearity.push({ mb, bytes: p.bytes, ms: r.ms, mbPerSec: mbps(p.bytes, r.ms), findings: r.value });
  }

  // --- Peak memory, 100 MiB (or the largest size) streamed from a file in a child process.
  gc();
  const mem = memory ? measureMemory(diff, Math.max(...sizesMb) * MiB) : null;

  const out: SpeedResult = {
    node: process.version,
    cpus: (await import('node:os')).availableParallelism(),
    generate,
    main: result,
    linearity,
    memory: mem,
  };
  printSpeed(out);
  return out;
}

const f1 = (x: number) => x.toFixed(1);
const mb = (bytes: number) => `${(bytes / MiB).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function printSpeed(r: SpeedResult): void {
  const m = r.main;
  console.log(
    `\nmain comparison: ${mb(m.bytes)} diff, ${m.files} files, ${m.addedLines} added lines (${mb(m.addedBytes)}), ` +
      `${m.keys} keys sprinkled`,
  );
  const row = (name: string, t: Timing, note = '') => [
    name,
    `${f1(t.ms)} ms`,
    f1(t.mbPerSec),
    t.findings ?? '',
    note,
  ];
  console.log(
    table(
      ['measurement', 'time', 'MB/s', 'findings/matches', 'note'],
      [
        row('ours: diff text -> diff reader -> Scanner', m.ours, 'end to end, best of runs'),
        row('  diff reader alone', m.oursReaderOnly),
        row('  Scanner alone (pre-parsed files)', m.oursScannerOnly),
        ...m.secretlint.map((r) =>
          row(
            r.label,
            r,
            `${f1(r.addedTextMbPerSec)} MB/s of added text` +
              (r.mode.startsWith('engine') ? '; findings = files flagged' : '') +
              (r.extrapolation === 'none'
                ? ''
                : `; ${r.files}/${r.totalFiles} files (${mb(r.bytesMeasured)}) measured, ${r.extrapolation}`),
          ),
        ),
        row('floor: literal regex', m.floorLiteral, `/${m.floorLiteral.pattern}/g over the diff text`),
        row('floor: keyword alternation', m.floorKeywords, `${m.floorKeywords.keywords} rule keywords, /gi`),
      ],
    ),
  );
  console.log(
    `\nours / secretlint (as shipped)       = ${f1(m.ratios.oursOverSecretlint)}x faster  ` +
      `(target >= 20x: ${verdict(m.ratios.oursOverSecretlint >= 20)})`,
  );
  console.log(
    `ours / secretlint (profiler off)     = ${f1(m.ratios.oursOverSecretlintNoProfiler)}x  ` +
      `(target >= 20x: ${verdict(m.ratios.oursOverSecretlintNoProfiler >= 20)})`,
  );
  console.log(
    `floor (keywords) / ours             = ours takes ${f1(m.ratios.floorKeywordsOverOurs)}x the floor's time  (target <= 5x: ${verdict(m.ratios.floorKeywordsOverOurs <= 5)})`,
  );
  console.log(
    `floor (literal) / ours              = ours takes ${f1(m.ratios.floorLiteralOverOurs)}x the floor's time  (target <= 5x: ${verdict(m.ratios.floorLiteralOverOurs <= 5)})`,
  );
  console.log('\ntime linearity (ours end to end):');
  console.log(
    table(
      ['size', 'bytes', 'time', 'MB/s', 'findings'],
      r.linearity.map((l) => [`${l.mb} MB`, l.bytes, `${f1(l.ms)} ms`, f1(l.mbPerSec), l.findings]),
    ),
  );
  if (r.memory) {
    const x = r.memory;
    console.log(`\npeak memory, ${mb(x.bytes)} diff read as a stream from a file (child process, plain JS):`);
    console.log(
      table(
        ['measure', 'value'],
        [
          [
            'scan time',
            `${f1(x.ms)} ms (${f1(mbps(x.bytes, x.ms))} MB/s), ${x.files} files, ${x.findings} findings`,
          ],
          ['RSS at start (node + modules)', mb(x.baselineRss)],
          ['peak RSS (sampled)', mb(x.peakRss)],
          ['peak RSS (/usr/bin/time -v)', x.timeMaxRss === null ? 'n/a' : mb(x.timeMaxRss)],
          ['peak heap used', mb(x.peakHeapUsed)],
          ['peak heap total', mb(x.peakHeapTotal)],
          ['peak external + array buffers', mb(x.peakExternal)],
        ],
      ),
    );
    const peak = Math.max(x.peakRss, x.timeMaxRss ?? 0);
    console.log(`target peak RSS <= 300 MB: ${verdict(peak <= 300 * MiB)}`);
  }
}
