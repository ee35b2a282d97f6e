// The pipeline for discussion events (issue_comment, pull_request_review_comment, issues): the
// comment's or the issue's text → scan → reply (hiding the comment first when asked) → job
// summary, reports, outputs → fail the step when a finding reaches `fail-on`. No annotations:
// the text has no file or line. The text itself is never logged: only counts and redacted values.
import * as core from '@actions/core';
import { readDiscussion, type Discussion } from './changes/discussion.js';
import type { EffectiveScan } from './config.js';
import type { GitHubClient } from './github/client.js';
import type { WritePermission } from './github/errors.js';
import { publishReply, type ReplyOutcome } from './github/publish-reply.js';
import type { Settings } from './inputs.js';
import type { RepoLinks, ScanNote } from './report/context.js';
import type { ScanStats } from './report/stats.js';
import { renderJobSummary } from './report/summary.js';
import { blocking, ruleNoteTexts, scanAll } from './scan/collect.js';
import { Scanner, secretOf } from './scan/engine.js';
import type { Finding } from './scan/types.js';
import { VERSION } from './version.js';

export interface DiscussionEvent {
  eventName: string;
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  links: RepoLinks;
  /** Writes the JSON report (and the SARIF file) and sets their outputs, as for code. */
  writeReports(findings: Finding[], stats: ScanStats): void;
}

/** What a reply needs: conversation comments on an issue need `issues`, the rest `pull-requests`. */
function permissionFor(d: Discussion): WritePermission {
  return d.isPullRequest ? 'pull-requests: write' : 'issues: write';
}

/** Warnings for what the reply channel could not do; the finding stays in the summary either way. */
function warnAbout(outcome: ReplyOutcome, d: Discussion, notes: ScanNote[]): void {
  const hidden = outcome.kind === 'nothing-new' ? undefined : outcome.hidden;
  // A read-only token refuses both: one warning says so.
  const bothRefused = outcome.kind === 'forbidden' && hidden?.kind === 'forbidden';
  if (hidden && hidden.kind !== 'hidden' && !bothRefused)
    core.warning(
      `api-key-guard: could not hide the comment (${hidden.reason}); ${
        hidden.kind === 'forbidden' ? `the token needs "${permissionFor(d)}"` : 'it stays visible'
      }. Revoke the key all the same: hiding does not remove it.`,
    );
  if (outcome.kind === 'forbidden') {
    notes.push({ kind: 'read-only-token' });
    core.warning(
      `api-key-guard: the token cannot write (${permissionFor(d)} is missing, or the workflow runs for a fork), so ${bothRefused ? 'the comment was not hidden and ' : ''}no reply was posted. The findings are in the job summary.`,
    );
  }
  if (outcome.kind === 'failed')
    core.warning(
      `api-key-guard: could not post the reply (${outcome.reason}); the findings are in the job summary.`,
    );
}

export async function runDiscussion(
  octokit: GitHubClient,
  settings: Settings,
  scan: EffectiveScan,
  event: DiscussionEvent,
): Promise<void> {
  const discussion = readDiscussion(event.eventName, event.payload);
  if (!discussion) {
    core.info(`api-key-guard: this '${event.eventName}' event adds no text to scan.`);
    return;
  }
  const scanner = new Scanner(scan.rules, scan.policy);
  const scanned = await scanAll(discussion.texts, scanner);
  const findings = scanned.findings;
  for (const f of findings) {
    const secret = secretOf(f);
    if (secret) core.setSecret(secret);
  }
  const failing = blocking(findings, settings.failOn);
  const notes: ScanNote[] = [{ kind: 'discussion', what: discussion.kind, number: discussion.number }];
  // A custom rule stopped by its time budget: said here as on the code path.
  for (const text of ruleNoteTexts(scanner.notes)) {
    notes.push({ kind: 'text', text });
    core.warning(`api-key-guard: ${text}`);
  }

  if (findings.length) {
    const outcome = await publishReply(
      octokit,
      { owner: event.owner, repo: event.repo, discussion },
      findings,
      {
        minimize: settings.minimizeComments,
        locale: settings.language,
        ...(event.links.runUrl ? { runUrl: event.links.runUrl } : {}),
      },
    );
    warnAbout(outcome, discussion, notes);
  }

  const stats: ScanStats = { ...scanned.stats, binaryFiles: 0 };
  await core.summary
    .addRaw(
      renderJobSummary({
        findings,
        rules: new Map(scan.rules.map((r) => [r.id, r])),
        failOn: settings.failOn,
        stats,
        links: event.links,
        notes,
        apiCalls: octokit.apiStats.calls,
        version: VERSION,
        locale: settings.language,
        subject: 'text',
      }),
    )
    .write();
  event.writeReports(findings, stats);
  core.setOutput('findings', findings.length);
  core.setOutput('blocking', failing.length);
  core.info(
    `api-key-guard: ${findings.length} finding(s) in the ${discussion.kind.replace('-', ' ')} on #${discussion.number}, ${failing.length} blocking; ${octokit.apiStats.calls} API call(s).`,
  );
  if (failing.length)
    core.setFailed(
      `api-key-guard: ${failing.length} API key(s) at or above '${settings.failOn}' in the ${discussion.kind.replace('-', ' ')} on #${discussion.number}. Revoke each key first, then edit it out.`,
    );
}
