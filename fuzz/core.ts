// The fuzz loop, free of process concerns so a jest test can run it: case i goes to target
// i mod T, and its input is drawn from the target's arbitrary with a seed derived from (run seed,
// target, per-target index), so any single case can be replayed on its own.
import fc from 'fast-check';
import { FuzzFailure, shortHash, TARGETS, unexpected, type FailureKind, type Target } from './targets.js';

export interface CaseRef {
  target: string;
  /** The case's index within its target. */
  index: number;
  /** The input's size in UTF-8 bytes and a short sha-256, never its content. */
  size: number;
  hash: string;
}

export interface Failure extends CaseRef {
  kind: FailureKind;
  detail: string;
  ms: number;
}

export interface TargetFigures {
  cases: number;
  failures: number;
  /** How the cases ended (`parse-error`, `files`, `loaded`, …). */
  outcomes: Record<string, number>;
  slowest: (CaseRef & { ms: number }) | null;
}

export interface FuzzReport {
  seed: number;
  targets: Record<string, TargetFigures>;
  failures: Failure[];
  elapsedMs: number;
  /** The global index of the next case (where a resumed run starts). */
  next: number;
  stoppedBy: 'cases' | 'time';
}

export interface FuzzOptions {
  seed: number;
  /** Total cases over all targets. */
  cases: number;
  /** Stop starting cases after this time (ms since `startedAt`). */
  timeMs: number;
  startedAt?: number;
  /** Global index of the first case (a restart after a hang skips ahead). */
  startAt?: number;
  /** Parallel workers: this one runs the cases whose per-target index is `lane` mod `lanes`. */
  lane?: number;
  lanes?: number;
  /** Target names; all when empty. */
  only?: readonly string[];
  /** A case taking longer than this (ms) is a failure. */
  slowMs?: number;
  /** Called before each case: the watchdog's progress mark. */
  onCase?: (global: number) => void;
  onFailure?: (failure: Failure) => void;
  /** Called every `snapshotEvery` cases with the figures so far (a watchdog keeps the last one). */
  onSnapshot?: (report: FuzzReport) => void;
  snapshotEvery?: number;
}

export const DEFAULT_SLOW_MS = 1000;

export function selectTargets(only: readonly string[] = []): ReadonlyArray<Target<unknown>> {
  const chosen = only.length ? TARGETS.filter((t) => only.includes(t.name)) : TARGETS;
  if (chosen.length === 0)
    throw new Error(`no such target: ${only.join(', ')} (targets: ${TARGETS.map((t) => t.name).join(', ')})`);
  return chosen;
}

/** A 32-bit seed for one case, mixed from the run seed, the target's name and the index. */
export function caseSeed(seed: number, target: string, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const c of `${target}#${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h | 0;
}

export function inputFor<I>(target: Target<I>, seed: number, index: number): I {
  return fc.sample(target.arbitrary, { seed: caseSeed(seed, target.name, index), numRuns: 1 })[0]!;
}

/** Where global case `global` goes: its target and its index there. */
export function locate(
  targets: readonly Target<unknown>[],
  global: number,
): { target: Target<unknown>; index: number } {
  return { target: targets[global % targets.length]!, index: Math.floor(global / targets.length) };
}

export function describeCase(target: Target<unknown>, seed: number, index: number): CaseRef {
  const text = target.text(inputFor(target, seed, index));
  return { target: target.name, index, size: Buffer.byteLength(text, 'utf8'), hash: shortHash(text) };
}

export function emptyFigures(): TargetFigures {
  return { cases: 0, failures: 0, outcomes: {}, slowest: null };
}

/** Runs cases until `cases` are done or `timeMs` has passed. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = options.startedAt ?? performance.now();
  const targets = selectTargets(options.only);
  const slowMs = options.slowMs ?? DEFAULT_SLOW_MS;
  const figures: Record<string, TargetFigures> = Object.fromEntries(
    targets.map((t) => [t.name, emptyFigures()]),
  );
  const failures: Failure[] = [];
  let global = options.startAt ?? 0;
  let stoppedBy: FuzzReport['stoppedBy'] = 'cases';
  const report = (): FuzzReport => ({
    seed: options.seed,
    targets: figures,
    failures,
    elapsedMs: performance.now() - started,
    next: global,
    stoppedBy,
  });
  const every = options.snapshotEvery ?? 200;
  const lanes = options.lanes ?? 1;
  const lane = options.lane ?? 0;
  for (let n = 0; global < options.cases; global++) {
    if (Math.floor(global / targets.length) % lanes !== lane) continue;
    if (options.onSnapshot && n++ % every === 0) options.onSnapshot(report());
    if (performance.now() - started > options.timeMs) {
      stoppedBy = 'time';
      break;
    }
    options.onCase?.(global);
    const { target, index } = locate(targets, global);
    const fig = figures[target.name]!;
    const input = inputFor(target, options.seed, index);
    const t0 = performance.now();
    let outcome: string;
    let failure: { kind: FailureKind; detail: string } | null = null;
    try {
      outcome = await target.run(input);
    } catch (error) {
      outcome = 'failure';
      // A renderer or the scanner throwing lands here too: an unexpected exception all the same.
      const f = error instanceof FuzzFailure ? error : unexpected(error);
      failure = { kind: f.kind, detail: f.message };
    }
    const ms = performance.now() - t0;
    if (!failure && ms > slowMs)
      failure = { kind: 'slow', detail: `took ${ms.toFixed(0)} ms (limit ${slowMs} ms)` };
    fig.cases++;
    fig.outcomes[outcome] = (fig.outcomes[outcome] ?? 0) + 1;
    if (!fig.slowest || ms > fig.slowest.ms) {
      const text = target.text(input);
      fig.slowest = {
        target: target.name,
        index,
        size: Buffer.byteLength(text, 'utf8'),
        hash: shortHash(text),
        ms,
      };
    }
    if (failure) {
      fig.failures++;
      const text = target.text(input);
      const f: Failure = {
        target: target.name,
        index,
        size: Buffer.byteLength(text, 'utf8'),
        hash: shortHash(text),
        ms,
        ...failure,
      };
      failures.push(f);
      options.onFailure?.(f);
    }
  }
  return report();
}

/** Adds a later part of a run (after a restart) to the report so far. */
export function mergeReports(a: FuzzReport, b: FuzzReport): FuzzReport {
  const targets: Record<string, TargetFigures> = { ...a.targets };
  for (const [name, fb] of Object.entries(b.targets)) {
    const fa = targets[name] ?? emptyFigures();
    const outcomes = { ...fa.outcomes };
    for (const [k, v] of Object.entries(fb.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
    targets[name] = {
      cases: fa.cases + fb.cases,
      failures: fa.failures + fb.failures,
      outcomes,
      slowest: !fa.slowest || (fb.slowest && fb.slowest.ms > fa.slowest.ms) ? fb.slowest : fa.slowest,
    };
  }
  return {
    ...b,
    targets,
    failures: [...a.failures, ...b.failures],
    elapsedMs: Math.max(a.elapsedMs, b.elapsedMs),
  };
}
