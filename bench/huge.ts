// Huge input (`npm run bench -- --huge`): the command line on inputs far past anything a pull
// request sends, each run in a child process of its own (plain JavaScript, see hugechild.ts) so its
// peak memory is the scan's alone:
//  - a 200 MB `git log -p` diff streamed from a file (`scan --diff FILE --format json`);
//  - a 20 MB single-line minified bundle, as a diff that adds that one line and as a plain file
//    (`scan FILE --format json`).
// A few generated keys are planted in each at known places; the report counts how many come back.
// Target: peak RSS <= 400 MB, no crash, every planted key found. Timings are reported, never asserted.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandTemplate, seededRandom } from '../src/scan/samples.js';
import { minifiedLine } from './codegen.js';
import { table } from './detect.js';
import { generateDiff } from './diffgen.js';
import { compileChild } from './speed.js';

const MiB = 2 ** 20;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'bench', 'out', 'huge');
export const HUGE_TARGET_RSS = 400 * MiB;

/** Keys planted, by the rule expected to report them; templates only, expanded at run time. */
const PLANTS: { ruleId: string; template: string }[] = [
  { ruleId: 'anthropic-api-key', template: 'sk-ant-api03-{b64u:93}AA' },
  { ruleId: 'github-pat', template: 'ghp_{crc36}' },
  { ruleId: 'stripe-secret-key', template: 'sk_live_{alnum:24}' },
  { ruleId: 'slack-bot-token', template: 'xoxb-{digits:12}-{digits:13}-{alnum:24}' },
  { ruleId: 'npm-access-token', template: 'npm_{crc36}' },
  { ruleId: 'openai-api-key', template: 'sk-proj-{b64u:74}T3BlbkFJ{b64u:74}' },
  { ruleId: 'google-api-key', template: 'AIzaSy{b64u:33}' },
];

interface Planted {
  ruleId: string;
  path: string;
  line: number;
  /** 1-based column of the key, when known. */
  column?: number;
}

interface ChildFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
}

export interface HugeCase {
  name: string;
  command: string;
  inputBytes: number;
  ok: boolean;
  exitCode: number | null;
  crashed: string | null;
  ms: number;
  mbPerSec: number;
  peakRss: number;
  planted: number;
  found: number;
  otherFindings: number;
  /** Added lines the report says were scanned (from its stats), to show the whole input was read. */
  addedLines: number;
  reportBytes: number;
}

/** A new file adding `lines` as a `git diff` piece. */
function newFilePiece(path: string, lines: readonly string[]): string {
  return (
    `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..1234567\n` +
    `--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}\n`).join('')}`
  );
}

/**
 * ~200 MB of `git log -p` (four 50 MB generated histories back to back: no key sprinkled by the
 * generator) with one small file holding a planted key after each 25 MB or so.
 */
function writeBigDiff(path: string, totalMb: number, rand: () => number): Planted[] {
  const planted: Planted[] = [];
  const fd = openSync(path, 'w');
  const plant = () => {
    const p = PLANTS[planted.length % PLANTS.length]!;
    const file = `planted/key-${planted.length + 1}.js`;
    const key = expandTemplate(p.template, rand);
    writeSync(
      fd,
      newFilePiece(file, [
        '// settings',
        'const settings = {',
        `  value: "${key}",`,
        '};',
        'export default settings;',
      ]),
    );
    planted.push({ ruleId: p.ruleId, path: file, line: 3 });
  };
  const parts = Math.max(1, Math.round(totalMb / 50));
  for (let part = 0; part < parts; part++) {
    const diff = generateDiff((totalMb / parts) * MiB, [], 1000 + part);
    const half = diff.pieces.length >> 1;
    diff.pieces.forEach((piece, i) => {
      writeSync(fd, piece);
      if (i === half) plant();
    });
    plant();
  }
  closeSync(fd);
  return planted;
}

/** One line of ~`mb` MB of minified JavaScript with a key in a string literal at 1%, 33%, 66% and 99%. */
function minifiedWithKeys(
  mb: number,
  rand: () => number,
): { line: string; planted: Omit<Planted, 'path'>[] } {
  const code = minifiedLine(mb * MiB, rand);
  const planted: Omit<Planted, 'path'>[] = [];
  const parts: string[] = [];
  let from = 0;
  let length = 0;
  [0.01, 0.33, 0.66, 0.99].forEach((at, i) => {
    const p = PLANTS[i % PLANTS.length]!;
    const to = Math.floor(code.length * at);
    const before = `${code.slice(from, to)};var k${i}="`;
    planted.push({ ruleId: p.ruleId, line: 1, column: length + before.length + 1 });
    const piece = `${before}${expandTemplate(p.template, rand)}";`;
    parts.push(piece);
    length += piece.length;
    from = to;
  });
  parts.push(code.slice(from));
  return { line: parts.join(''), planted };
}

function runChild(
  child: string,
  argv: string[],
): {
  status: number | null;
  signal: string | null;
  stderr: string;
  r?: {
    code: number;
    ms: number;
    vmHwm: number | null;
    maxRss: number;
    findings: ChildFinding[];
    reportBytes: number;
    stats: { addedLines: number } | null;
  };
} {
  const run = spawnSync(process.execPath, [child, ...argv], {
    cwd: DIR,
    encoding: 'utf8',
    maxBuffer: 64 * MiB,
  });
  if (run.status !== 0 && run.status !== 1)
    return { status: run.status, signal: run.signal, stderr: run.stderr };
  return { status: run.status, signal: run.signal, stderr: run.stderr, r: JSON.parse(run.stdout) };
}

function measure(child: string, name: string, argv: string[], input: string, planted: Planted[]): HugeCase {
  const inputBytes = statSync(join(DIR, input)).size;
  const run = runChild(child, argv);
  const base = { name, command: `api-key-guard ${argv.join(' ')}`, inputBytes, planted: planted.length };
  if (!run.r || (run.r.code !== 0 && run.r.code !== 1)) {
    const why = run.signal ?? `exit ${run.status ?? run.r?.code}`;
    return {
      ...base,
      ok: false,
      exitCode: run.status,
      crashed: `${why}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`,
      ms: NaN,
      mbPerSec: NaN,
      peakRss: NaN,
      found: 0,
      otherFindings: 0,
      addedLines: 0,
      reportBytes: 0,
    };
  }
  const { r } = run;
  const matches = (p: Planted, f: ChildFinding) =>
    f.ruleId === p.ruleId &&
    f.path === p.path &&
    f.line === p.line &&
    (p.column === undefined || f.column === p.column);
  const found = planted.filter((p) => r.findings.some((f) => matches(p, f))).length;
  const otherFindings = r.findings.filter((f) => !planted.some((p) => matches(p, f))).length;
  const peakRss = Math.max(r.vmHwm ?? 0, r.maxRss);
  return {
    ...base,
    ok: peakRss <= HUGE_TARGET_RSS && found === planted.length,
    exitCode: r.code,
    crashed: null,
    ms: r.ms,
    mbPerSec: inputBytes / MiB / (r.ms / 1000),
    peakRss,
    found,
    otherFindings,
    addedLines: r.stats?.addedLines ?? 0,
    reportBytes: r.reportBytes,
  };
}

export function runHuge(options: { diffMb?: number; lineMb?: number } = {}): HugeCase[] {
  const { diffMb = 200, lineMb = 20 } = options;
  console.log(`\n== Huge input (MB = MiB; child processes, plain JS; target peak RSS <= 400 MB) ==`);
  mkdirSync(DIR, { recursive: true });
  const rand = seededRandom(20_251_205);
  const t0 = performance.now();
  const bigDiff = `diff-${diffMb}mb.patch`;
  const bigPlanted = writeBigDiff(join(DIR, bigDiff), diffMb, rand);
  const bundlePath = 'web/dist/bundle.min.js';
  const { line, planted } = minifiedWithKeys(lineMb, rand);
  mkdirSync(join(DIR, dirname(bundlePath)), { recursive: true });
  writeFileSync(join(DIR, bundlePath), `${line}\n`);
  writeFileSync(join(DIR, 'minified.patch'), newFilePiece(bundlePath, [line]));
  const linePlanted = planted.map((p) => ({ ...p, path: bundlePath }));
  console.log(`generated the inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const child = compileChild(join(ROOT, 'bench', 'hugechild.ts'));
  const json = ['--format', 'json', '--fail-on', 'never'];
  const cases = [
    measure(child, `${diffMb} MB diff, streamed`, ['scan', '--diff', bigDiff, ...json], bigDiff, bigPlanted),
    measure(
      child,
      `${lineMb} MB single line, as a diff`,
      ['scan', '--diff', 'minified.patch', ...json],
      'minified.patch',
      linePlanted,
    ),
    measure(
      child,
      `${lineMb} MB single line, path scan`,
      ['scan', bundlePath, ...json],
      bundlePath,
      linePlanted,
    ),
  ];
  rmSync(DIR, { recursive: true, force: true });
  printHuge(cases);
  return cases;
}

const mb = (bytes: number) => (Number.isNaN(bytes) ? 'n/a' : `${(bytes / MiB).toFixed(1)} MB`);

export function printHuge(cases: HugeCase[]): void {
  console.log(
    table(
      [
        'case',
        'input',
        'added lines',
        'peak RSS',
        'time',
        'MB/s',
        'found/planted',
        'other findings',
        'verdict',
      ],
      cases.map((c) => [
        c.name,
        mb(c.inputBytes),
        c.addedLines,
        mb(c.peakRss),
        Number.isNaN(c.ms) ? 'n/a' : `${(c.ms / 1000).toFixed(2)} s`,
        Number.isNaN(c.mbPerSec) ? 'n/a' : c.mbPerSec.toFixed(1),
        `${c.found}/${c.planted}`,
        c.otherFindings,
        c.crashed ? `CRASHED (${c.crashed})` : c.ok ? 'met' : 'NOT met',
      ]),
    ),
  );
}
