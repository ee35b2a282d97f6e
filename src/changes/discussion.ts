// Text people write around the code: a pull request's title and description, comments, issues.
// Article §1: a key must never be shared in a public discussion, so these are scanned too. This
// module only says what text an event carries and what it belongs to; it reads the event payload
// and makes no API call.
import { wholeFile } from '../scan/engine.js';
import type { FileChange } from '../scan/types.js';

/** What a discussion event's text belongs to, which decides how the action answers it. */
export type DiscussionKind = 'issue-comment' | 'review-comment' | 'issue';

/** The events, and their actions, whose text is scanned. Other actions carry no new text. */
export const DISCUSSION_EVENTS: Readonly<Record<string, readonly string[]>> = {
  issue_comment: ['created', 'edited'],
  pull_request_review_comment: ['created', 'edited'],
  issues: ['opened', 'edited'],
};

export interface Discussion {
  kind: DiscussionKind;
  /** The issue or pull request the text is on. */
  number: number;
  isPullRequest: boolean;
  /** The comment's REST id; null for an issue's own title and description. */
  commentId: number | null;
  /**
   * For a review comment: the thread's first comment, the only one GitHub accepts replies to
   * (replies to replies are not supported).
   */
  threadId: number | null;
  /** The GraphQL node id of what `minimizeComment` can hide; null when it cannot (an issue). */
  minimizableId: string | null;
  /** The author's login as the payload gives it (untrusted text: escape before showing it). */
  author: string | null;
  /** When the text was first written: earlier answers to it cannot exist. */
  createdAt: string | null;
  htmlUrl: string | null;
  /** Names the text in the reply marker, e.g. `issue-comment-123`: one reply per subject. */
  subject: string;
  /** The text to scan, source 'comment'. Each path is a stable label, part of the fingerprints. */
  texts: FileChange[];
}

interface User {
  login?: unknown;
}

interface CommentPayload {
  id?: unknown;
  node_id?: unknown;
  body?: unknown;
  user?: User | null;
  html_url?: unknown;
  created_at?: unknown;
  in_reply_to_id?: unknown;
}

interface IssuePayload {
  number?: unknown;
  title?: unknown;
  body?: unknown;
  user?: User | null;
  html_url?: unknown;
  created_at?: unknown;
  pull_request?: unknown;
}

interface Payload {
  action?: unknown;
  comment?: CommentPayload;
  issue?: IssuePayload;
  pull_request?: { number?: unknown; title?: unknown; body?: unknown };
}

const id = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
// Node ids go into a GraphQL variable, never into the query; still, anything odd is not sent.
const nodeId = (value: unknown): string | null =>
  typeof value === 'string' && /^[A-Za-z0-9_=-]{1,200}$/.test(value) ? value : null;

/** The texts worth scanning: empty ones are left out. */
function texts(
  parts: ReadonlyArray<[path: string, text: string | null]>,
  source: 'comment' | 'pull-request',
) {
  return parts
    .filter(([, t]) => t !== null && t.trim() !== '')
    .map(([path, t]) => wholeFile(path, t!, source));
}

/** True for the events this module reads (whatever their action). */
export function isDiscussionEvent(eventName: string): boolean {
  return Object.hasOwn(DISCUSSION_EVENTS, eventName);
}

/**
 * The text of a discussion event, or null when the event or its action carries no new text
 * (a deleted comment, a labelled issue) or the payload lacks what a reply needs.
 */
export function readDiscussion(eventName: string, payload: Record<string, unknown>): Discussion | null {
  const p = payload as Payload;
  const action = text(p.action);
  if (!isDiscussionEvent(eventName) || !action || !DISCUSSION_EVENTS[eventName]!.includes(action))
    return null;

  if (eventName === 'issues') {
    const issue = p.issue;
    const number = id(issue?.number);
    if (!issue || number === null) return null;
    return {
      kind: 'issue',
      number,
      isPullRequest: false,
      commentId: null,
      threadId: null,
      // An issue's own text is not a comment: GitHub cannot minimize it.
      minimizableId: null,
      author: text(issue.user?.login),
      createdAt: text(issue.created_at),
      htmlUrl: text(issue.html_url),
      subject: `issue-${number}`,
      texts: texts(
        [
          [`issue #${number} title`, text(issue.title)],
          [`issue #${number} description`, text(issue.body)],
        ],
        'comment',
      ),
    };
  }

  const comment = p.comment;
  const commentId = id(comment?.id);
  if (!comment || commentId === null) return null;
  const common = {
    commentId,
    minimizableId: nodeId(comment.node_id),
    author: text(comment.user?.login),
    createdAt: text(comment.created_at),
    htmlUrl: text(comment.html_url),
  };

  if (eventName === 'issue_comment') {
    const number = id(p.issue?.number);
    if (number === null) return null;
    const isPullRequest = p.issue?.pull_request !== undefined && p.issue?.pull_request !== null;
    const on = isPullRequest ? 'pull request' : 'issue';
    return {
      kind: 'issue-comment',
      number,
      isPullRequest,
      threadId: null,
      ...common,
      subject: `issue-comment-${commentId}`,
      texts: texts([[`${on} #${number} comment ${commentId}`, text(comment.body)]], 'comment'),
    };
  }

  // pull_request_review_comment
  const number = id(p.pull_request?.number);
  if (number === null) return null;
  return {
    kind: 'review-comment',
    number,
    isPullRequest: true,
    threadId: id(comment.in_reply_to_id) ?? commentId,
    ...common,
    subject: `review-comment-${commentId}`,
    texts: texts([[`pull request #${number} review comment ${commentId}`, text(comment.body)]], 'comment'),
  };
}

/**
 * A pull request's title and description, from the event payload (no API call), as text with
 * source 'pull-request'; empty for any other payload. The labels keep the fingerprints stable
 * while the same key stays in the same field.
 */
export function pullRequestTexts(payload: Record<string, unknown>): FileChange[] {
  const pr = (payload as Payload).pull_request;
  const number = id(pr?.number);
  if (!pr || number === null) return [];
  return texts(
    [
      [`pull request #${number} title`, text(pr.title)],
      [`pull request #${number} description`, text(pr.body)],
    ],
    'pull-request',
  );
}
