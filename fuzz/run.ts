// `npm run fuzz`: pushes random and mutated diffs, configs, event payloads and action inputs
// through the code that reads them (fuzz/targets.ts) for a bounded time, and reports per target
// the cases run, how they ended, the slowest input (size and short hash only: inputs may hold
// key-shaped data) and every failure. Exits 1 on any failure.
//
//   npm run fuzz -- [--cases N] [--seed S] [--time SECONDS] [--only diff,config] [--hang SECONDS]
//                   [--workers N]
//   npm run fuzz -- --seed S --case diff:123     replay one case
//
// Defaults: 100,000 cases shared by the targets, a 60 s limit, a case over 1 s is a failure, one
// worker per CPU (at most 4), each taking every N-th case of every target. A case that never
// returns (a regex that backtracks for ever) cannot be interrupted in the thread that runs it, so
// the main thread watches each worker's progress, ends it after --hang seconds (default 10)
// without progress, records a `hang`, and starts a new worker at the next case. Bugs listed in
// fuzz/known-issues.ts are steered around; the run prints which.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  DEFAULT_SLOW_MS,
  describeCase,
  emptyFigures,
  inputFor,
  locate,
  mergeReports,
  runFuzz,
  selectTargets,
  type Failure,
  type FuzzOptions,
  type FuzzReport,
} from './core.js';
import { KNOWN_ISSUES } from './known-issues.js';
import { FuzzFailure } from './targets.js';

interface Args {
  cases: number;
  seed: number;
  timeS: number;
  only: string[];
  hangS: number;
  replay: { target: string; index: number } | null;
  workers: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    cases: 100_000,
    seed: Date.now() % 2 ** 31,
    timeS: 60,
    only: [],
    hangS: 10,
    replay: null,
    workers: Math.max(1, Math.min(4, availableParallelism())),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const number = (min: number) => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < min)
        throw new Error(`${flag} takes a number of at least ${min}, got '${value ?? ''}'`);
      i++;
      return n;
    };
    if (flag === '--cases') args.cases = Math.floor(number(1));
    else if (flag === '--seed') args.seed = Math.floor(number(-(2 ** 31))) | 0;
    else if (flag === '--time') args.timeS = number(0.1);
    else if (flag === '--hang') args.hangS = number(1);
    else if (flag === '--workers') args.workers = Math.floor(number(1));
    else if (flag === '--only') {
      args.only = (value ?? '').split(',').filter(Boolean);
      i++;
    } else if (flag === '--case') {
      const m = /^([a-z]+):(\d+)$/.exec(value ?? '');
      if (!m) throw new Error(`--case takes target:index, e.g. diff:123, got '${value ?? ''}'`);
      args.replay = { target: m[1]!, index: Number(m[2]) };
      i++;
    } else if (flag === '--help' || flag === '-h') {
      console.log(
        'npm run fuzz -- [--cases N] [--seed S] [--time SECONDS] [--only diff,config,event,inputs] [--hang SECONDS] [--workers N] [--case target:index]',
      );
      process.exit(0);
    } else throw new Error(`unknown option '${flag}' (see --help)`);
  }
  return args;
}

// --- worker ---------------------------------------------------------------------------------------

interface WorkerData {
  options: Omit<FuzzOptions, 'onCase' | 'onFailure' | 'onSnapshot' | 'startedAt'>;
  progress: SharedArrayBuffer;
}

type WorkerMessage =
  | { type: 'failure'; failure: Failure }
  | { type: 'snapshot'; report: FuzzReport }
  | { type: 'done'; report: FuzzReport };

async function workerMain(): Promise<void> {
  // The yaml parser warns (process.emitWarning) about odd tags and keys, which the fuzz feeds it
  // by the thousand; the warnings are not failures.
  process.emitWarning = () => {};
  const { options, progress } = workerData as WorkerData;
  const mark = new Int32Array(progress);
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  const report = await runFuzz({
    ...options,
    onCase: (global) => Atomics.store(mark, 0, global),
    onFailure: (failure) => post({ type: 'failure', failure }),
    onSnapshot: (r) => post({ type: 'snapshot', report: r }),
  });
  post({ type: 'done', report });
}

// --- main -----------------------------------------------------------------------------------------

/** Runs the cases from `startAt` in a worker; resolves with its report, or the case it hung on. */
function runWorker(
  options: WorkerData['options'],
  hangMs: number,
  onFailure: (f: Failure) => void,
): Promise<{ report: FuzzReport; stuck: number | null; crash: string | null }> {
  const progress = new SharedArrayBuffer(4);
  const mark = new Int32Array(progress);
  // -1 until the first case starts: loading the modules is not a hang, however long it takes.
  Atomics.store(mark, 0, -1);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { options, progress } satisfies WorkerData,
  });
  let last: FuzzReport | null = null;
  return new Promise((resolve) => {
    let seen = -1;
    let since = performance.now();
    const empty = (): FuzzReport => ({
      seed: options.seed,
      targets: {},
      failures: [],
      elapsedMs: 0,
      next: options.startAt ?? 0,
      stoppedBy: 'cases',
    });
    // Failures arrive as they happen; the snapshot's copy of them is dropped to avoid doubles.
    const figuresOnly = (r: FuzzReport): FuzzReport => ({ ...r, failures: [] });
    const watchdog = setInterval(() => {
      const now = Atomics.load(mark, 0);
      if (now !== seen || now < 0) {
        seen = now;
        since = performance.now();
      } else if (performance.now() - since > hangMs) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ report: figuresOnly(last ?? empty()), stuck: now, crash: null });
      }
    }, 100);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'failure') onFailure(m.failure);
      else if (m.type === 'snapshot') last = m.report;
      else {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ report: figuresOnly(m.report), stuck: null, crash: null });
      }
    });
    worker.on('error', (error) => {
      clearInterval(watchdog);
      resolve({
        report: figuresOnly(last ?? empty()),
        stuck: Atomics.load(mark, 0),
        crash: `${error.name}: ${error.message.slice(0, 200)}`,
      });
    });
  });
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function print(report: FuzzReport, args: Args, totalMs: number): void {
  const rows = Object.entries(report.targets).map(([name, f]) => {
    const outcomes = Object.entries(f.outcomes)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const slow = f.slowest
      ? `${f.slowest.ms.toFixed(1)} ms (${kb(f.slowest.size)}, sha256 ${f.slowest.hash}, case ${name}:${f.slowest.index})`
      : '-';
    return { name, cases: f.cases, failures: f.failures, outcomes, slow };
  });
  console.log('');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(7)} ${String(r.cases).padStart(7)} cases  ${String(r.failures).padStart(3)} failures`,
    );
    console.log(`        outcomes: ${r.outcomes}`);
    console.log(`        slowest:  ${r.slow}`);
  }
  const total = rows.reduce((n, r) => n + r.cases, 0);
  console.log(
    `\n${total} cases in ${(totalMs / 1000).toFixed(1)} s (${report.stoppedBy === 'time' ? `stopped at the ${args.timeS} s limit` : 'all cases run'}), seed ${args.seed}`,
  );
  const avoided = Object.entries(KNOWN_ISSUES)
    .filter(([, on]) => on)
    .map(([k]) => k);
  if (avoided.length)
    console.log(`known issues steered around (fuzz/known-issues.ts): ${avoided.join(', ')}`);
  if (report.failures.length === 0) {
    console.log('failures: none');
    return;
  }
  console.log(`\nfailures: ${report.failures.length}`);
  for (const f of report.failures.slice(0, 50))
    console.log(
      `  [${f.kind}] ${f.target}:${f.index} (${kb(f.size)}, sha256 ${f.hash}, ${f.ms.toFixed(0)} ms): ${f.detail}`,
    );
  if (report.failures.length > 50) console.log(`  … and ${report.failures.length - 50} more`);
  const first = report.failures[0]!;
  console.log(`replay one: npm run fuzz -- --seed ${args.seed} --case ${first.target}:${first.index}`);
}

async function replay(args: Args): Promise<number> {
  const [target] = selectTargets([args.replay!.target]);
  const { index } = args.replay!;
  const ref = describeCase(target!, args.seed, index);
  console.log(`case ${ref.target}:${index} of seed ${args.seed}: ${kb(ref.size)}, sha256 ${ref.hash}`);
  const t0 = performance.now();
  try {
    const outcome = await target!.run(inputFor(target!, args.seed, index));
    console.log(`outcome: ${outcome} in ${(performance.now() - t0).toFixed(1)} ms`);
    return 0;
  } catch (error) {
    if (error instanceof FuzzFailure) console.log(`failure [${error.kind}]: ${error.message}`);
    else console.log(`unexpected ${(error as Error).name} (run under a debugger to see it)`);
    return 1;
  }
}

/** One lane of cases in a worker, restarted past any case it hangs on or dies in. */
async function runLane(args: Args, lane: number, started: number, failures: Failure[]): Promise<FuzzReport> {
  const targets = selectTargets(args.only);
  const inLane = (g: number) => Math.floor(g / targets.length) % args.workers === lane;
  let report: FuzzReport | null = null;
  let startAt = 0;
  for (;;) {
    const remaining = args.timeS * 1000 - (performance.now() - started);
    const part = await runWorker(
      {
        seed: args.seed,
        cases: args.cases,
        timeMs: Math.max(0, remaining),
        startAt,
        lane,
        lanes: args.workers,
        only: args.only,
        slowMs: DEFAULT_SLOW_MS,
      },
      args.hangS * 1000,
      (f) => failures.push(f),
    );
    report = report ? mergeReports(report, part.report) : part.report;
    if (part.stuck === null) return report;
    if (part.stuck < 0) throw new Error(`the worker did not start: ${part.crash ?? 'unknown error'}`);
    // Cases between the last snapshot and the stuck one ran but were not counted: count them.
    for (let g = part.report.next; g < part.stuck; g++) {
      if (!inLane(g)) continue;
      const fig = (report.targets[locate(targets, g).target.name] ??= emptyFigures());
      fig.cases++;
      fig.outcomes.unrecorded = (fig.outcomes.unrecorded ?? 0) + 1;
    }
    const { target, index } = locate(targets, part.stuck);
    const fig = (report.targets[target.name] ??= emptyFigures());
    fig.cases++;
    fig.failures++;
    fig.outcomes.failure = (fig.outcomes.failure ?? 0) + 1;
    failures.push({
      ...describeCase(target, args.seed, index),
      kind: part.crash ? 'unexpected-error' : 'hang',
      detail: part.crash ? `the worker died: ${part.crash}` : `no progress for ${args.hangS} s`,
      ms: args.hangS * 1000,
    });
    startAt = part.stuck + 1;
    if (startAt >= args.cases) return report;
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay) return replay(args);
  const targets = selectTargets(args.only);
  console.log(
    `api-key-guard fuzz: seed ${args.seed}, up to ${args.cases} cases over ${targets.map((t) => t.name).join(', ')}, ` +
      `${args.timeS} s limit, ${args.workers} worker(s)`,
  );
  const started = performance.now();
  const failures: Failure[] = [];
  const parts = await Promise.all(
    Array.from({ length: args.workers }, (_, lane) => runLane(args, lane, started, failures)),
  );
  let report = parts.reduce((a, b) => mergeReports(a, b));
  report = { ...report, failures, stoppedBy: parts.some((p) => p.stoppedBy === 'time') ? 'time' : 'cases' };
  print(report, args, performance.now() - started);
  return failures.length ? 1 : 0;
}

if (isMainThread) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`fuzz: ${error.message}`);
      process.exit(2);
    },
  );
} else {
  void workerMain();
}
