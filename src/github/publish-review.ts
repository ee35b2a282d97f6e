// One pull-request review per new set of findings, inline comments where the line is in the
// net diff. Idempotent: the action's own reviews and comments carry hidden markers, so a re-run
// posts nothing new, a new push posts only new findings, and a clean PR dismisses old reviews.
// Markers count only in posts by the account the action posts as (identity.ts).
import * as core from '@actions/core';
import type { PlacedFinding, RepoLinks, ScanNote } from '../report/context.js';
import { isBlocking } from '../report/context.js';
import { fingerprintsIn, isOwnContent, isResolvedNotice, isReviewBody } from '../report/markers.js';
import type { Locale } from '../report/messages.js';
import { renderInlineComment, renderResolvedComment, renderReviewBody } from '../report/review.js';
import type { FailOn } from '../scan/collect.js';
import { envVarFor } from '../guidance/advice.js';
import { suggestLine, type Suggestion } from '../guidance/suggestion.js';
import { lineTextOf } from '../scan/engine.js';
import type { Finding, Rule } from '../scan/types.js';
import type { Octokit } from './client.js';
import { describeApiError, isPermissionDenied, statusOf } from './errors.js';
import { ownPosts, rememberAuthor } from './identity.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

export interface ReviewOptions {
  rules: ReadonlyMap<string, Rule>;
  failOn: FailOn;
  links: RepoLinks;
  notes: readonly ScanNote[];
  locale: Locale;
}

export type ReviewOutcome =
  | { kind: 'posted'; inline: number; inBody: number }
  | { kind: 'nothing-new' }
  /** `previous`: how many findings the earlier reviews reported; `dismissed`: reviews dismissed. */
  | { kind: 'resolved'; dismissed: number; previous: number }
  /** The token may not write the review; the caller warns (once per run). */
  | { kind: 'forbidden' }
  | { kind: 'failed'; reason: string };

interface OwnReview {
  id: number;
  state: string;
  body: string;
}

/**
 * What the action posted before: its reviews and every fingerprint it has already reported.
 * Markers count only in posts by the account the action posts as (identity.ts): anyone else's
 * copy of a marker would otherwise silence a finding, or have the action dismiss a review.
 */
async function previousPosts(octokit: Octokit, pr: PullRequestRef) {
  const { owner, repo, number: pull_number } = pr;
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number,
    per_page: 100,
  });
  const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner,
    repo,
    pull_number,
    per_page: 100,
  });
  const own: OwnReview[] = (await ownPosts(octokit, reviews, (r) => isReviewBody(r.body))).map((r) => ({
    id: r.id,
    state: r.state,
    body: r.body ?? '',
  }));
  const ownComments = await ownPosts(octokit, comments, (c) => isOwnContent(c.body));
  const posted = new Set<string>();
  for (const r of own) for (const fp of fingerprintsIn(r.body)) posted.add(fp);
  for (const c of ownComments) for (const fp of fingerprintsIn(c.body)) posted.add(fp);
  return { own, posted };
}

/** Where a finding sits: findings with the same key share a line of the same commit. */
const lineKey = (f: Finding) => `${f.commit ?? ''}\0${f.path}\0${f.line}`;

/**
 * The fix for a finding's line, when its language has an environment lookup that fits. `byLine`
 * holds every finding of the run by line: the others on the same line must not survive the rewrite.
 */
function suggestionFor(
  finding: Finding,
  options: ReviewOptions,
  byLine: ReadonlyMap<string, readonly Finding[]>,
): Suggestion | null {
  const lineText = lineTextOf(finding);
  if (lineText === undefined) return null;
  const envVar = envVarFor(finding, options.rules.get(finding.ruleId));
  const others = (byLine.get(lineKey(finding)) ?? [])
    .filter((f) => f !== finding)
    .map((f) => ({ column: f.column, endColumn: f.endColumn }));
  return suggestLine({
    path: finding.path,
    lineText,
    column: finding.column,
    endColumn: finding.endColumn,
    envVar,
    others,
  });
}

export async function publishReview(
  octokit: Octokit,
  pr: PullRequestRef,
  placed: readonly PlacedFinding[],
  options: ReviewOptions,
): Promise<ReviewOutcome> {
  try {
    const { own, posted } = await previousPosts(octokit, pr);
    if (placed.length === 0) return await resolve(octokit, pr, own, posted.size, options);
    const fresh = placed.filter((p) => !posted.has(p.finding.fingerprint));
    if (fresh.length === 0) return { kind: 'nothing-new' };
    const byLine = new Map<string, Finding[]>();
    for (const { finding } of placed) {
      const list = byLine.get(lineKey(finding)) ?? [];
      list.push(finding);
      byLine.set(lineKey(finding), list);
    }
    return await postReview(octokit, pr, fresh, options, byLine);
  } catch (err) {
    if (isPermissionDenied(err)) return { kind: 'forbidden' };
    return { kind: 'failed', reason: describeApiError(err) };
  }
}

async function postReview(
  octokit: Octokit,
  pr: PullRequestRef,
  fresh: readonly PlacedFinding[],
  options: ReviewOptions,
  byLine: ReadonlyMap<string, readonly Finding[]>,
): Promise<ReviewOutcome> {
  const { owner, repo, number: pull_number, headSha } = pr;
  const event = fresh.some((p) => isBlocking(p.finding, options.failOn)) ? 'REQUEST_CHANGES' : 'COMMENT';
  const send = async (findings: readonly PlacedFinding[], reviewEvent: 'REQUEST_CHANGES' | 'COMMENT') => {
    const comments = findings.flatMap((p) =>
      p.placement === 'inline'
        ? [
            {
              path: p.finding.path,
              line: p.finding.line,
              side: 'RIGHT' as const,
              body: renderInlineComment(p.finding, {
                ...options,
                suggestion: suggestionFor(p.finding, options, byLine),
              }),
            },
          ]
        : [],
    );
    const body = renderReviewBody({ ...options, findings });
    const { data } = await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number,
      commit_id: headSha,
      event: reviewEvent,
      body,
      comments,
    });
    rememberAuthor(octokit, data.user);
  };
  const count = (findings: readonly PlacedFinding[]) => {
    const inline = findings.filter((p) => p.placement === 'inline').length;
    return { kind: 'posted' as const, inline, inBody: findings.length - inline };
  };
  try {
    await send(fresh, event);
    return count(fresh);
  } catch (err) {
    if (statusOf(err) !== 422) throw err;
    // One comment GitHub cannot place fails the whole review: post them all in the body instead.
    core.warning(
      `api-key-guard: GitHub refused the inline comments (${describeApiError(err)}); listing every finding in the review body.`,
    );
    const inBody = fresh.map((p): PlacedFinding => ({
      finding: p.finding,
      placement: 'body',
      reason: 'outside-diff',
    }));
    try {
      await send(inBody, event);
    } catch (again) {
      // GitHub refuses REQUEST_CHANGES in some cases (e.g. the token's own pull request).
      if (statusOf(again) !== 422 || event === 'COMMENT') throw again;
      await send(inBody, 'COMMENT');
    }
    return count(inBody);
  }
}

/** The PR is clean: dismiss the action's requests for changes, or say so where it may not. */
async function resolve(
  octokit: Octokit,
  pr: PullRequestRef,
  own: readonly OwnReview[],
  previous: number,
  options: ReviewOptions,
): Promise<ReviewOutcome> {
  const { owner, repo, number: pull_number, headSha } = pr;
  const blocking = own.filter((r) => r.state === 'CHANGES_REQUESTED');
  const alreadySaid = own.some((r) => isResolvedNotice(r.body));
  if (previous === 0 || (alreadySaid && blocking.length === 0)) return { kind: 'nothing-new' };
  let dismissed = 0;
  for (const review of blocking) {
    try {
      await octokit.rest.pulls.dismissReview({
        owner,
        repo,
        pull_number,
        review_id: review.id,
        message:
          'api-key-guard: the keys reported here are no longer in the pull request. Revoke them anyway: they are in the branch history.',
        event: 'DISMISS',
      });
      dismissed++;
    } catch (err) {
      // Without permission to dismiss, the notice below says the findings are resolved.
      if (!isPermissionDenied(err) && statusOf(err) !== 422) throw err;
    }
  }
  if (!alreadySaid) {
    const { data } = await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number,
      commit_id: headSha,
      event: 'COMMENT',
      body: renderResolvedComment(previous, {
        links: options.links,
        locale: options.locale,
        marker: 'review',
      }),
    });
    rememberAuthor(octokit, data.user);
  }
  return { kind: 'resolved', dismissed, previous };
}
