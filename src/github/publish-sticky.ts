// `comment: summary`: one conversation comment, found by its hidden marker and updated in place
// (never a second one); left alone when its text would not change. Only a comment written by the
// account the action posts as (identity.ts) is taken for it: anyone can type the marker.
import * as core from '@actions/core';
import type { PlacedFinding } from '../report/context.js';
import { fingerprintsIn, isResolvedNotice, isStickyComment } from '../report/markers.js';
import { renderResolvedComment, renderReviewBody } from '../report/review.js';
import type { Octokit } from './client.js';
import { describeApiError, isPermissionDenied } from './errors.js';
import { ownPosts, rememberAuthor } from './identity.js';
import type { PullRequestRef, ReviewOptions } from './publish-review.js';

export type StickyOutcome = 'created' | 'updated' | 'unchanged' | 'forbidden' | 'failed';

/** `previous`: findings the comment listed before this run, for the summary's "resolved" note. */
export interface StickyResult {
  outcome: StickyOutcome;
  previous: number;
}

export async function publishSticky(
  octokit: Octokit,
  pr: PullRequestRef,
  placed: readonly PlacedFinding[],
  options: ReviewOptions,
): Promise<StickyResult> {
  const { owner, repo, number: issue_number } = pr;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number,
      per_page: 100,
    });
    const [existing] = await ownPosts(octokit, comments, (c) => isStickyComment(c.body));
    const previous = fingerprintsIn(existing?.body).length;
    // Nothing to say: no comment yet and nothing found, or the comment already says resolved.
    if (placed.length === 0 && (!existing || isResolvedNotice(existing.body)))
      return { outcome: 'unchanged', previous: 0 };
    // Every finding is listed in the comment's table: a conversation comment has no lines.
    const findings = placed.map((p): PlacedFinding =>
      p.placement === 'body' ? p : { ...p, placement: 'body', reason: 'outside-diff' },
    );
    const body = placed.length
      ? renderReviewBody({ ...options, findings, marker: 'sticky' })
      : renderResolvedComment(previous, { links: options.links, locale: options.locale, marker: 'sticky' });
    if (existing?.body === body) return { outcome: 'unchanged', previous };
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body,
      });
      rememberAuthor(octokit, data.user);
      return { outcome: 'updated', previous };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number, body });
    rememberAuthor(octokit, data.user);
    return { outcome: 'created', previous };
  } catch (err) {
    // The caller warns about a read-only token (once per run).
    if (isPermissionDenied(err)) return { outcome: 'forbidden', previous: 0 };
    core.warning(`api-key-guard: could not post the summary comment (${describeApiError(err)}).`);
    return { outcome: 'failed', previous: 0 };
  }
}
