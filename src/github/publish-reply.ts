// The answer to a comment or an issue that holds a key: one reply (a new comment on the issue or
// pull request, or a reply in the review thread), after hiding the comment when asked to.
// Idempotent: the reply carries a marker naming what it answers and the fingerprints it
// reported, so a re-run or an `edited` event only answers keys not answered before. Markers
// count only in posts by the account the action posts as (identity.ts).
import type { Discussion } from '../changes/discussion.js';
import { fingerprintsIn, isReplyTo } from '../report/markers.js';
import type { Locale } from '../report/messages.js';
import { renderReply } from '../report/reply.js';
import type { Finding } from '../scan/types.js';
import type { Octokit } from './client.js';
import { describeApiError, isPermissionDenied } from './errors.js';
import { ownPosts, rememberAuthor, sameLogin, type PostAuthor } from './identity.js';
import { minimizeComment, type MinimizeOutcome } from './minimize-comment.js';

export interface ReplyTarget {
  owner: string;
  repo: string;
  discussion: Discussion;
}

export interface ReplyOptions {
  /** `minimize-comments`: hide the comment (issues cannot be hidden: they are only answered). */
  minimize: boolean;
  locale: Locale;
  runUrl?: string;
}

/** `hidden`: what became of the hiding; undefined when it was not tried. */
export type ReplyOutcome =
  | { kind: 'posted'; hidden?: MinimizeOutcome }
  | { kind: 'nothing-new' }
  /** The token may not write the reply; the caller warns. */
  | { kind: 'forbidden'; hidden?: MinimizeOutcome }
  | { kind: 'failed'; reason: string; hidden?: MinimizeOutcome };

interface PostedComment {
  body?: string | null;
  user?: PostAuthor | null;
}

/** Fingerprints the action's earlier replies to this discussion reported. */
async function answeredBefore(octokit: Octokit, target: ReplyTarget): Promise<Set<string>> {
  const { owner, repo, discussion: d } = target;
  // Replies come after what they answer: `since` skips the older part of a long conversation.
  const since = d.createdAt ? { since: d.createdAt } : {};
  const comments: PostedComment[] =
    d.kind === 'review-comment'
      ? await octokit.paginate(octokit.rest.pulls.listReviewComments, {
          owner,
          repo,
          pull_number: d.number,
          per_page: 100,
          ...since,
        })
      : await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: d.number,
          per_page: 100,
          ...since,
        });
  // Anyone could write a marker by hand to silence the reply: only the action's own replies
  // count, and never one by the text's author (should the action post as that same account).
  const replies = await ownPosts(
    octokit,
    comments,
    (c) => !(d.author && sameLogin(c.user?.login, d.author)) && isReplyTo(c.body, d.subject),
  );
  const answered = new Set<string>();
  for (const c of replies) for (const fp of fingerprintsIn(c.body)) answered.add(fp);
  return answered;
}

async function post(octokit: Octokit, target: ReplyTarget, body: string): Promise<void> {
  const { owner, repo, discussion: d } = target;
  const { data } =
    d.kind === 'review-comment'
      ? await octokit.rest.pulls.createReplyForReviewComment({
          owner,
          repo,
          pull_number: d.number,
          comment_id: d.threadId ?? d.commentId!,
          body,
        })
      : await octokit.rest.issues.createComment({ owner, repo, issue_number: d.number, body });
  rememberAuthor(octokit, data.user);
}

export async function publishReply(
  octokit: Octokit,
  target: ReplyTarget,
  findings: readonly Finding[],
  options: ReplyOptions,
): Promise<ReplyOutcome> {
  const d = target.discussion;
  let hidden: MinimizeOutcome | undefined;
  try {
    const answered = await answeredBefore(octokit, target);
    const fresh = findings.filter((f) => !answered.has(f.fingerprint));
    if (fresh.length === 0) return { kind: 'nothing-new' };
    // Hidden first, so the reply can say so.
    if (options.minimize && d.minimizableId) hidden = await minimizeComment(octokit, d.minimizableId);
    const body = renderReply({
      findings: fresh,
      subject: d.subject,
      where: d.kind === 'issue' ? 'issue' : 'comment',
      author: d.author,
      hidden: hidden?.kind === 'hidden',
      locale: options.locale,
      ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    });
    await post(octokit, target, body);
    return { kind: 'posted', ...(hidden ? { hidden } : {}) };
  } catch (err) {
    if (isPermissionDenied(err)) return { kind: 'forbidden', ...(hidden ? { hidden } : {}) };
    return { kind: 'failed', reason: describeApiError(err), ...(hidden ? { hidden } : {}) };
  }
}
