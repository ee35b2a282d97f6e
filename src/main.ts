// The action's pipeline, top to bottom: inputs → config (from the base ref) → the event's added
// lines → scan → annotations, review or sticky comment, job summary, outputs → fail the step when
// a finding reaches `fail-on`. Each publishing channel degrades on its own: a finding that one
// channel cannot carry still reaches the user through the others.
import * as core from '@actions/core';
import * as github from '@actions/github';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDiscussionEvent, pullRequestTexts } from './changes/discussion.js';
import { carriesChanges, readEventChanges, type EventContext } from './changes/event.js';
import { configRef, readConfig } from './config-source.js';
import { createGitHubClient } from './github/client.js';
import { describeApiError, readOnlyWarning, statusOf, type WritePermission } from './github/errors.js';
import { gitignoreNote } from './github/gitignore.js';
import { mergeAcrossCommits, placeFindings } from './github/placement.js';
import { publishAnnotations } from './github/publish-annotations.js';
import { publishReview, type ReviewOptions } from './github/publish-review.js';
import { publishSticky } from './github/publish-sticky.js';
import { getSettings, type Settings } from './inputs.js';
import { runDiscussion } from './main-discussion.js';
import { runUrl, type RepoLinks, type ScanNote } from './report/context.js';
import { renderJson } from './report/json.js';
import { renderSarif } from './report/sarif.js';
import { renderJobSummary } from './report/summary.js';
import { blocking, progressText, ruleNoteTexts, scanAll } from './scan/collect.js';
import { Scanner, secretOf } from './scan/engine.js';
import type { Finding, Rule } from './scan/types.js';
import { VERSION } from './version.js';

interface PullRequestPayload {
  number: number;
  head: { sha: string };
}

function headShaOf(context: typeof github.context): string {
  const pr = context.payload.pull_request as PullRequestPayload | undefined;
  const group = context.payload.merge_group as { head_sha?: string } | undefined;
  return pr?.head.sha ?? group?.head_sha ?? (context.payload.after as string | undefined) ?? context.sha;
}

function linksOf(context: typeof github.context, headSha: string): RepoLinks {
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const { owner, repo } = context.repo;
  const links: RepoLinks = { serverUrl, owner, repo, headSha };
  const run = context.runId ? runUrl(links, context.runId, context.runAttempt) : undefined;
  return run ? { ...links, runUrl: run } : links;
}

/** The JSON report and the SARIF file, written where the runner keeps temporary files. */
function writeReports(
  settings: Settings,
  findings: Finding[],
  rules: Rule[],
  stats: Parameters<typeof renderJson>[1],
) {
  const dir = process.env.RUNNER_TEMP || process.env.GITHUB_WORKSPACE || process.cwd();
  const report = join(dir, 'api-key-guard-report.json');
  writeFileSync(report, renderJson(findings, stats));
  core.setOutput('report', report);
  if (settings.sarifFile) {
    mkdirSync(dirname(settings.sarifFile), { recursive: true });
    writeFileSync(settings.sarifFile, renderSarif(findings, rules, VERSION, settings.language));
    core.setOutput('sarif-file', settings.sarifFile);
  }
}

/** Exit 0 with a notice: the event carries nothing this action scans (docs/exit-codes.md). */
function nothingToScan(eventName: string): void {
  core.notice(
    `api-key-guard: the '${eventName}' event carries no changes to scan; use pull_request, pull_request_target, push, merge_group, workflow_dispatch, issue_comment, pull_request_review_comment or issues.`,
  );
}

export async function run(): Promise<void> {
  try {
    // Every input is validated before the first API call, let alone a write.
    const settings = getSettings();
    const context = github.context;
    const { owner, repo } = context.repo;
    const octokit = createGitHubClient(settings.githubToken);
    const event: EventContext = {
      eventName: context.eventName,
      sha: context.sha,
      repo: { owner, repo },
      payload: context.payload,
    };

    // An event with neither changes nor discussion text (watch, star…): a notice, no API call.
    if (!isDiscussionEvent(context.eventName) && !carriesChanges(context.eventName))
      return nothingToScan(context.eventName);
    const config = await readConfig(octokit, {
      owner,
      repo,
      path: settings.configPath,
      ref: configRef(event as Parameters<typeof configRef>[0]),
    });
    // Comments and issues: their text is scanned and answered with a reply (main-discussion.ts).
    if (isDiscussionEvent(context.eventName)) {
      await runDiscussion(octokit, settings, config.scan, {
        eventName: context.eventName,
        payload: context.payload,
        owner,
        repo,
        links: linksOf(context, headShaOf(context)),
        writeReports: (findings, stats) => writeReports(settings, findings, config.scan.rules, stats),
      });
      return;
    }
    const changes = await readEventChanges(octokit, event, { scanCommits: settings.scanCommits });
    if (!changes) return nothingToScan(context.eventName);

    const { rules, policy } = config.scan;
    const scanner = new Scanner(rules, policy);
    const scanned = await scanAll(changes.files, scanner, {
      onProgress: (p) => core.info(`api-key-guard: ${progressText(p)}`),
    });
    // A pull request's title and description, from the payload (article §1: no key in discussions).
    const inText = pullRequestTexts(context.payload).flatMap((text) => scanner.scanFile(text));
    const { merged, removedLater } = mergeAcrossCommits([...scanned.findings, ...inText]);
    for (const f of merged) {
      const secret = secretOf(f);
      if (secret) core.setSecret(secret);
    }
    const failing = blocking(merged, settings.failOn);
    const rulesById = new Map(rules.map((r) => [r.id, r]));
    const headSha = headShaOf(context);
    const links = linksOf(context, headSha);
    const notes: ScanNote[] = changes.notes.map((text) => ({ kind: 'text', text }));
    // Custom rules stopped on their time budget or kept off long lines (the PR text scan included).
    for (const text of ruleNoteTexts(scanner.notes)) {
      notes.push({ kind: 'text', text });
      core.warning(`api-key-guard: ${text}`);
    }
    // A committed .env in a pull request: say whether .gitignore at its head would have kept it out.
    if (context.eventName === 'pull_request' || context.eventName === 'pull_request_target') {
      const missing = await gitignoreNote(octokit, { owner, repo, ref: headSha }, merged, core.debug);
      if (missing) notes.push(missing);
    }
    const stats = {
      files: changes.stats.files,
      addedLines: scanned.stats.addedLines,
      bytes: scanned.stats.bytes,
      binaryFiles: changes.stats.binaryFiles,
      commits: changes.stats.commits,
    };

    // Permissions the token was refused, for one warning after every channel has tried.
    const refused: WritePermission[] = [];
    if (settings.annotations) {
      const channel = await publishAnnotations(octokit, { owner, repo, headSha }, merged, {
        failOn: settings.failOn,
        rules: rulesById,
        locale: settings.language,
        removedLater,
      });
      if (channel === 'workflow-commands-read-only') refused.push('checks: write');
    }

    const pr = context.payload.pull_request as PullRequestPayload | undefined;
    let previousFindings: number | undefined;
    if (pr && settings.comment !== 'off') {
      const placed = placeFindings(merged, removedLater, changes.commentableLines);
      const target = { owner, repo, number: pr.number, headSha };
      const options: ReviewOptions = {
        rules: rulesById,
        failOn: settings.failOn,
        links,
        notes,
        locale: settings.language,
      };
      if (settings.comment === 'review') {
        const outcome = await publishReview(octokit, target, placed, options);
        if (outcome.kind === 'failed')
          core.warning(
            `api-key-guard: could not post the review (${outcome.reason}); the findings are in the annotations and the job summary.`,
          );
        if (outcome.kind === 'forbidden') {
          notes.push({ kind: 'read-only-token' });
          refused.push('pull-requests: write');
        }
        if (outcome.kind === 'resolved') previousFindings = outcome.previous;
      } else {
        const { outcome, previous } = await publishSticky(octokit, target, placed, options);
        if (outcome === 'forbidden') {
          notes.push({ kind: 'read-only-token' });
          refused.push('pull-requests: write');
        }
        if (placed.length === 0 && previous > 0) previousFindings = previous;
      }
    }
    if (refused.length) core.warning(readOnlyWarning(refused));

    await core.summary
      .addRaw(
        renderJobSummary({
          findings: merged,
          rules: rulesById,
          failOn: settings.failOn,
          stats,
          links,
          notes,
          apiCalls: octokit.apiStats.calls,
          version: VERSION,
          locale: settings.language,
          ...(previousFindings ? { previousFindings } : {}),
        }),
      )
      .write();
    writeReports(settings, merged, rules, stats);
    core.setOutput('findings', merged.length);
    core.setOutput('blocking', failing.length);
    core.info(
      `api-key-guard: ${merged.length} finding(s), ${failing.length} blocking; ${octokit.apiStats.calls} API call(s).`,
    );
    if (failing.length)
      core.setFailed(
        `api-key-guard: ${failing.length} API key(s) at or above '${settings.failOn}'. Revoke each key first, then move it to a secret.`,
      );
  } catch (err) {
    core.setFailed(`api-key-guard: ${failureText(err)}`);
  }
}

/**
 * Why the run stopped, in one line. An API refusal (say a 404 for a closed pull request's commit
 * that GitHub no longer serves) names the request and the status, not only GitHub's message.
 */
function failureText(err: unknown): string {
  if (statusOf(err) === undefined) return (err as Error).message;
  const request = (err as { request?: { method?: string; url?: string } }).request;
  let where = '';
  try {
    if (request?.method && request.url) where = ` (${request.method} ${new URL(request.url).pathname})`;
  } catch {
    // no usable URL: the status and message alone
  }
  return `a GitHub API request failed${where}: ${describeApiError(err)}`;
}
