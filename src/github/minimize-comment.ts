// Hides a comment that holds a key (`minimize-comments: true`) through GraphQL minimizeComment.
// Hiding folds the comment away; it does not delete it, so the key must be revoked all the same.
import type { Octokit } from './client.js';
import { describeApiError, isPermissionDenied } from './errors.js';

// OUTDATED, of GitHub's classifiers (SPAM, ABUSE, OFF_TOPIC, OUTDATED, DUPLICATE, RESOLVED): the
// comment is superseded by the reply and the edit that follows, and the label blames no one.
// SPAM and ABUSE would brand a colleague's mistake as misconduct (and feed GitHub's moderation),
// OFF_TOPIC is untrue, and RESOLVED would claim the key is dealt with before it is revoked.
export const MINIMIZE_CLASSIFIER = 'OUTDATED';

// The node id travels as a variable, never spliced into the query text.
const MUTATION = `mutation HideLeakedKey($subjectId: ID!) {
  minimizeComment(input: { subjectId: $subjectId, classifier: ${MINIMIZE_CLASSIFIER} }) {
    minimizedComment { isMinimized }
  }
}`;

export type MinimizeOutcome =
  | { kind: 'hidden' }
  /** The token may not hide the comment (read-only token, GraphQL FORBIDDEN). */
  | { kind: 'forbidden'; reason: string }
  | { kind: 'failed'; reason: string };

interface GraphqlErrorLike {
  errors?: Array<{ type?: string; message?: string }>;
}

interface MinimizeResult {
  minimizeComment?: { minimizedComment?: { isMinimized?: boolean } | null } | null;
}

export async function minimizeComment(octokit: Octokit, subjectId: string): Promise<MinimizeOutcome> {
  try {
    const data = await octokit.graphql<MinimizeResult>(MUTATION, { subjectId });
    return data.minimizeComment?.minimizedComment?.isMinimized
      ? { kind: 'hidden' }
      : { kind: 'failed', reason: 'GitHub did not report the comment as hidden' };
  } catch (err) {
    const errors = (err as GraphqlErrorLike | null)?.errors ?? [];
    const reason = errors[0]?.message?.split('\n')[0]?.slice(0, 200) ?? describeApiError(err);
    if (isPermissionDenied(err) || errors.some((e) => e.type === 'FORBIDDEN'))
      return { kind: 'forbidden', reason };
    return { kind: 'failed', reason };
  }
}
