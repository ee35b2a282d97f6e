// What an API refusal means for the user, in one sentence, without a stack trace.

export interface ApiErrorLike {
  status?: number;
  message?: string;
}

export function statusOf(err: unknown): number | undefined {
  const status = (err as ApiErrorLike | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A 403 that is about the token's permissions, not a rate limit. */
export function isPermissionDenied(err: unknown): boolean {
  if (statusOf(err) !== 403) return false;
  return !/rate limit/i.test((err as ApiErrorLike).message ?? '');
}

export type WritePermission = 'checks: write' | 'pull-requests: write' | 'issues: write';

/**
 * The one warning the action logs when the token cannot write, naming every permission a
 * channel was refused (the caller collects them, so a fork's pull request gets one warning).
 */
export function readOnlyWarning(permissions: WritePermission | readonly WritePermission[]): string {
  const list = typeof permissions === 'string' ? [permissions] : [...new Set(permissions)];
  return (
    `api-key-guard: the token cannot write (${list.join(' and ')} ${list.length > 1 ? 'are' : 'is'} missing, or this is a fork pull request ` +
    `under the pull_request event). Findings are still reported as annotations and in the job summary, ` +
    `and the step still fails. To comment on fork pull requests, run on pull_request_target (safe here: ` +
    `the action never checks out or runs the pull request's code) with "permissions: ${list.join(', ')}".`
  );
}

/** A short description of an API failure for the log: status and GitHub's message only. */
export function describeApiError(err: unknown): string {
  const status = statusOf(err);
  const message = ((err as ApiErrorLike | null)?.message ?? String(err)).split('\n')[0]!.slice(0, 200);
  return status ? `HTTP ${status}: ${message}` : message;
}
