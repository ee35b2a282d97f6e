// The set-up the integration tests share around the fake GitHub API: a fake per test, closed
// after it, and a run of the bundled action whose report (and SARIF file) is read before its
// temp directory goes.
import { afterEach } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JsonReport } from '../../src/report/json.js';
import { runAction, type ActionResult, type EventSpec, type RunActionOptions } from './harness.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo, type RecordedRequest } from './server.js';

/**
 * Registers an afterEach that closes every fake started during the test, and returns `start`,
 * which starts a fake GitHub API serving `repo`. Call it once, at the top of a test file.
 */
export function fakeGitHubPerTest(): (repo: FakeRepo) => Promise<FakeGitHub> {
  const started: FakeGitHub[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((f) => f.close()));
  });
  return async function start(repo: FakeRepo): Promise<FakeGitHub> {
    const fake = await startFakeGitHub(repo);
    started.push(fake);
    return fake;
  };
}

/** Options of a run other than the fake and the event. */
export type RunOptions = Omit<RunActionOptions, 'fake' | 'event' | 'payload'>;

export interface ReadRun extends ActionResult {
  /** The JSON report the `report` output points at (read before the temp directory goes). */
  report: JsonReport | undefined;
  /** Its text; '' without a `report` output. */
  reportText: string;
  /** The text of the file the `sarif-file` output points at; '' without one. */
  sarifText: string;
  /** The requests this run made (the fake records every run). */
  made: RecordedRequest[];
  /** Wall time of the run, spawn included. */
  ms: number;
}

/**
 * Runs the bundled action against `fake` for `spec`, reads the JSON report and the SARIF file
 * its outputs point at, and removes the run's temp directory (workspace, RUNNER_TEMP, event file).
 */
export async function runAndRead(
  fake: FakeGitHub,
  spec: EventSpec,
  options: RunOptions = {},
): Promise<ReadRun> {
  const first = fake.requests.length;
  const t0 = performance.now();
  const result = await runAction({ fake, ...spec, ...options, keepTemp: true });
  const ms = performance.now() - t0;
  try {
    const reportPath = result.outputs.report;
    const reportText = reportPath ? await readFile(reportPath, 'utf8') : '';
    const sarifPath = result.outputs['sarif-file'];
    const sarifText = sarifPath ? await readFile(sarifPath, 'utf8') : '';
    return {
      ...result,
      report: reportText ? (JSON.parse(reportText) as JsonReport) : undefined,
      reportText,
      sarifText,
      made: fake.requests.slice(first),
      ms,
    };
  } finally {
    await rm(dirname(result.workspace), { recursive: true, force: true });
  }
}
