// Annotations on the exact lines: one check run when the token may write checks, otherwise
// workflow commands (GitHub shows only the first 10 of each kind per step, so we say so).
import * as core from '@actions/core';
import { batches, toCheckAnnotations, toWorkflowCommand } from '../report/annotations.js';
import { isBlocking } from '../report/context.js';
import type { Locale } from '../report/messages.js';
import type { FailOn } from '../scan/collect.js';
import type { Finding, Rule } from '../scan/types.js';
import type { Octokit } from './client.js';
import { describeApiError, isPermissionDenied } from './errors.js';

export const CHECK_RUN_NAME = 'API Key Guard';
const SHOWN_PER_STEP = 10;

export interface AnnotationTarget {
  owner: string;
  repo: string;
  headSha: string;
}

export interface AnnotationOptions {
  failOn: FailOn;
  rules: ReadonlyMap<string, Rule>;
  locale: Locale;
  /** Keys a later commit removed (their annotation says so). */
  removedLater?: ReadonlySet<Finding>;
}

/** `workflow-commands-read-only`: the token may not write checks; the caller warns (once per run). */
export type AnnotationChannel = 'check-run' | 'workflow-commands' | 'workflow-commands-read-only';

export async function publishAnnotations(
  octokit: Octokit,
  target: AnnotationTarget,
  findings: readonly Finding[],
  options: AnnotationOptions,
): Promise<AnnotationChannel> {
  try {
    await publishCheckRun(octokit, target, findings, options);
    return 'check-run';
  } catch (err) {
    const readOnly = isPermissionDenied(err);
    if (!readOnly)
      core.warning(
        `api-key-guard: could not create the check run (${describeApiError(err)}); annotating through workflow commands instead.`,
      );
    writeWorkflowCommands(findings, options);
    return readOnly ? 'workflow-commands-read-only' : 'workflow-commands';
  }
}

async function publishCheckRun(
  octokit: Octokit,
  target: AnnotationTarget,
  findings: readonly Finding[],
  options: AnnotationOptions,
): Promise<void> {
  const blocking = findings.filter((f) => isBlocking(f, options.failOn)).length;
  const title = findings.length
    ? `${findings.length} API key(s) found, ${blocking} blocking`
    : 'No API keys found';
  const summary = findings.length
    ? 'Revoke each exposed key first, then move it to a secret. Details are in the job summary and the review.'
    : 'The added lines hold no API key.';
  const groups = batches(toCheckAnnotations(findings, options));
  const { owner, repo, headSha } = target;
  const created = await octokit.rest.checks.create({
    owner,
    repo,
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    status: 'completed',
    conclusion: blocking ? 'failure' : 'success',
    output: { title, summary, annotations: groups[0] ?? [] },
  });
  // The Checks API appends the annotations of every update to the run.
  for (const annotations of groups.slice(1))
    await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: created.data.id,
      output: { title, summary, annotations },
    });
}

function writeWorkflowCommands(findings: readonly Finding[], options: AnnotationOptions): void {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    const blocking = isBlocking(f, options.failOn);
    if (blocking) errors++;
    else warnings++;
    process.stdout.write(`${toWorkflowCommand(f, { ...options, blocking })}\n`);
  }
  if (errors > SHOWN_PER_STEP || warnings > SHOWN_PER_STEP)
    core.notice(
      `api-key-guard: GitHub shows only the first ${SHOWN_PER_STEP} error and ${SHOWN_PER_STEP} warning annotations of a step; all ${findings.length} findings are listed in the job summary.`,
    );
}
