// The demo's core: builds the sample pull request (./sample.ts), serves it from the local fake of
// the GitHub API (__tests__/fake-github), runs the bundled action (dist/index.js) on it exactly as
// the runner would, and renders what the action posted: the check run's annotations, the review
// and its inline comments, the job summary and the step's outcome. It then checks the run did
// what it should (failed, findings on the right lines, the placeholder file left alone) and that
// no generated key shows up anywhere: in the action's output, its requests, its report, or in the
// demo's own text.
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { events, findLeaks, runAction, type ActionResult } from '../__tests__/fake-github/harness.js';
import {
  startFakeGitHub,
  type CheckRun,
  type FakeGitHub,
  type RecordedRequest,
  type Review,
  type ReviewComment,
} from '../__tests__/fake-github/server.js';
import type { JsonReport } from '../src/report/json.js';
import { buildSample, type Sample } from './sample.js';

export interface DemoOptions {
  /** Seed of the generated keys; default: the clock, so every run gets new ones. */
  seed?: number;
  /** The script to run; default dist/index.js. */
  entry?: string;
}

export interface DemoCheck {
  ok: boolean;
  text: string;
}

export interface DemoRun {
  seed: number;
  sample: Sample;
  result: ActionResult;
  /** The check runs, reviews and inline comments the action created in the fake. */
  checkRuns: CheckRun[];
  reviews: Review[];
  comments: ReviewComment[];
  /** What the action sent to the API other than reads. */
  writes: RecordedRequest[];
  /** The JSON report the `report` output pointed at. */
  reportText: string;
  /** What went wrong with the run's behaviour; empty when it behaved as expected. */
  checks: DemoCheck[];
  /** Where a generated key leaked ("<key #> <where>"); empty when none did. */
  leaks: string[];
  /** The demo's text, leak line and verdict included. */
  output: string;
  /** True when every check passed and nothing leaked. */
  ok: boolean;
}

const RULE = '─'.repeat(100);
const indent = (text: string, by = '    ') =>
  text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
const section = (title: string) => `\n${RULE}\n${title}\n${RULE}`;
const short = (sha: string) => sha.slice(0, 7);
const CHECK_LEVEL: Record<string, string> = { failure: 'error', warning: 'warning', notice: 'notice' };

function describeSample(sample: Sample, seed: number): string[] {
  const { repo, pr } = sample;
  const out = [
    'api-key-guard demo: the bundled action (dist/index.js), run as the GitHub runner runs it, on a',
    'sample pull request served by a local fake of the GitHub API (nothing leaves this machine).',
    `The sample's keys were generated just now (seed ${seed}); none of them is stored in the repository.`,
    section(`Pull request #${pr.number} in ${repo.fullName}: ${pr.title}`),
    `${pr.head.ref} → ${pr.base.ref}, opened by @${pr.user}`,
    '',
    indent(pr.body ?? ''),
    '',
    `Commits (${pr.commits.length}):`,
  ];
  for (const c of pr.commits) {
    const files = c.files.map((f) => `${f.filename} +${f.additions}/-${f.deletions}`).join(', ');
    out.push(`  ${short(c.sha)} ${c.message}`, `          ${files}`);
  }
  out.push('', 'Files changed by the pull request (net diff):');
  for (const f of pr.files)
    out.push(`  ${f.status.padEnd(8)} ${f.filename} (+${f.additions}/-${f.deletions})`);
  out.push('', 'What the sample holds:', ...sample.legend.map((l) => `  ${l}`));
  out.push(
    '',
    'Running: node dist/index.js (event pull_request, action opened; inputs: the defaults of action.yml)',
  );
  return out;
}

function describeCheckRuns(runs: readonly CheckRun[]): string[] {
  if (!runs.length) return [section('1. Check run'), '(none created)'];
  const out: string[] = [];
  for (const run of runs) {
    out.push(
      section(
        `1. Check run "${run.name}" on ${short(run.head_sha)}: ${run.status}, conclusion ${run.conclusion}`,
      ),
      `title:   ${run.output.title ?? ''}`,
      `summary: ${run.output.summary ?? ''}`,
      '',
      `Annotations (${run.output.annotations.length}), as shown on the "Files changed" tab:`,
    );
    for (const a of run.output.annotations) {
      const lines = a.end_line !== a.start_line ? `${a.start_line}-${a.end_line}` : `${a.start_line}`;
      out.push(
        '',
        `  ${a.path}:${lines}  [${CHECK_LEVEL[a.annotation_level] ?? a.annotation_level}]  ${a.title ?? ''}`,
        indent(a.message, '      '),
      );
    }
  }
  return out;
}

function describeReviews(reviews: readonly Review[], comments: readonly ReviewComment[]): string[] {
  if (!reviews.length) return [section('2. Review'), '(none posted)'];
  const out: string[] = [];
  for (const review of reviews) {
    const mine = comments.filter((c) => c.review_id === review.id);
    out.push(
      section(
        `2. Review by @${review.user}: ${review.state}, on ${short(review.commit_id)}, ${mine.length} inline comment(s)`,
      ),
      '── body (markdown) ──',
      review.body.replace(/\n+$/, ''),
    );
    mine.forEach((c, i) => {
      const at = c.start_line ? `${c.start_line}-${c.line}` : `${c.line ?? `position ${c.position}`}`;
      out.push(
        '',
        `── inline comment ${i + 1} of ${mine.length}: ${c.path}:${at} ──`,
        c.body.replace(/\n+$/, ''),
      );
    });
  }
  return out;
}

function describeOutcome(result: ActionResult, writes: readonly RecordedRequest[]): string[] {
  const failed = result.code !== 0;
  const out = [
    section('4. Step outcome'),
    `${failed ? 'failed' : 'succeeded'}, exit code ${result.code}${result.timedOut ? ' (timed out)' : ''}`,
    `outputs: ${Object.entries(result.outputs)
      .filter(([k]) => k !== 'report')
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    '',
    'Step log (as the runner shows it, masked values as ***):',
    indent(result.log.replace(/\n+$/, '')),
  ];
  if (result.stderr.trim()) out.push('', 'stderr:', indent(result.stderr));
  out.push('', `Writes to the GitHub API (${writes.length}):`);
  for (const w of writes) out.push(`  ${w.method} ${w.path} → ${w.status}`);
  return out;
}

/** The run's behaviour against the sample's expectations. */
function checksOf(run: Omit<DemoRun, 'checks' | 'leaks' | 'output' | 'ok'>): DemoCheck[] {
  const { sample, result, checkRuns, reviews, comments } = run;
  const { expected } = sample;
  const annotations = checkRuns.flatMap((r) => r.output.annotations);
  const annotated = (path: string, line: number) =>
    annotations.some((a) => a.path === path && a.start_line === line && a.annotation_level === 'failure');
  const commented = (path: string, line?: number) =>
    comments.some((c) => c.path === path && (line === undefined || c.line === line));
  const body = reviews.map((r) => r.body).join('\n');
  let reported: string[] = [];
  try {
    reported = (JSON.parse(run.reportText) as JsonReport).findings.map((f) => f.path);
  } catch {
    reported = [];
  }
  const check = (ok: boolean, text: string): DemoCheck => ({ ok, text });
  const at = (p: { path: string; line: number }) => `${p.path}:${p.line}`;
  return [
    check(result.code === 1, `the step failed with exit code 1 (got ${result.code})`),
    check(
      checkRuns.length === 1 && checkRuns[0]!.conclusion === 'failure',
      'the check run concluded "failure"',
    ),
    check(
      annotated(expected.anthropic.path, expected.anthropic.line),
      `Anthropic key annotated at ${at(expected.anthropic)}`,
    ),
    check(
      annotated(expected.openai.path, expected.openai.line),
      `OpenAI key annotated at ${at(expected.openai)}`,
    ),
    check(
      annotations.some((a) => a.path === expected.envFile.path && /\.env/.test(a.title ?? '')),
      `committed ${expected.envFile.path} flagged as a credential file`,
    ),
    check(reviews.length === 1 && reviews[0]!.state === 'CHANGES_REQUESTED', 'one review requesting changes'),
    check(
      commented(expected.anthropic.path, expected.anthropic.line) &&
        commented(expected.openai.path, expected.openai.line) &&
        commented(expected.envFile.path),
      'inline comments on the Anthropic, OpenAI and .env lines',
    ),
    check(
      body.includes(expected.removed.path.replace(/\./g, '\\.')) && /Removed by a later commit/.test(body),
      `the key removed by a later commit (${at(expected.removed)}) listed in the review body`,
    ),
    check(reported.length > 0, `the JSON report lists the findings (${reported.length})`),
    check(
      expected.clean.every(
        (path) =>
          !annotations.some((a) => a.path === path) &&
          !comments.some((c) => c.path === path) &&
          !reported.includes(path),
      ),
      `placeholders left alone: ${expected.clean.join(', ')} not flagged`,
    ),
  ];
}

/** Runs the bundled action on the sample once and returns everything it produced, rendered. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoRun> {
  const seed = options.seed ?? Date.now() % 2 ** 32;
  const sample = buildSample(seed);
  let fake: FakeGitHub | undefined;
  try {
    fake = await startFakeGitHub(sample.repo);
    const result = await runAction({
      fake,
      ...events.pullRequest(fake, sample.pr.number),
      ...(options.entry ? { entry: options.entry } : {}),
      keepTemp: true,
    });
    let reportText = '';
    try {
      if (result.outputs.report) reportText = await readFile(result.outputs.report, 'utf8');
    } finally {
      await rm(dirname(result.workspace), { recursive: true, force: true });
    }
    const state = fake.state;
    const base = {
      seed,
      sample,
      result,
      checkRuns: [...state.checkRuns],
      reviews: state.reviews.filter((r) => r.pull_number === sample.pr.number),
      comments: state.reviewComments.filter((c) => c.pull_number === sample.pr.number),
      writes: fake.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
      reportText,
    };
    const checks = checksOf(base);
    const text = [
      ...describeSample(sample, seed),
      ...describeCheckRuns(base.checkRuns),
      ...describeReviews(base.reviews, base.comments),
      section('3. Job summary (GITHUB_STEP_SUMMARY, markdown)'),
      result.summary.replace(/\n+$/, ''),
      ...describeOutcome(result, base.writes),
      section('Did the run behave as expected?'),
      ...checks.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.text}`),
    ].join('\n');

    const leaks: string[] = [];
    sample.secrets.forEach((secret, i) => {
      const where = [
        ...findLeaks(secret, { result, fake }),
        ...(reportText.includes(secret) ? ['report'] : []),
        ...(text.includes(secret) ? ['demo output'] : []),
      ];
      for (const w of where) leaks.push(`key #${i + 1}: ${w}`);
    });
    const ok = checks.every((c) => c.ok) && leaks.length === 0;
    const tail = leaks.length
      ? [`  ✗ a raw secret leaked: ${leaks.join('; ')}`]
      : [`  ✓ no raw secret in any output: checked ${sample.secrets.length} generated keys`];
    tail.push(
      '',
      ok
        ? `Result: as expected. The step failed (exit code ${result.code}), so the "${base.checkRuns[0]?.name}" check would block the merge until the keys are revoked and removed.`
        : 'Result: NOT as expected (see ✗ above).',
    );
    return { ...base, checks, leaks, output: `${text}\n${tail.join('\n')}\n`, ok };
  } finally {
    await fake?.close();
  }
}
