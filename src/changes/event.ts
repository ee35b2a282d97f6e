// Which reader an event needs: one switch from the workflow event to the change readers, so the
// pipeline does not repeat the payload plumbing.
import type { Octokit } from '../github/client.js';
import type { ChangeSet, Repo } from './github-files.js';
import { readPullRequest } from './pull-request.js';
import { readCommit, readMergeGroup, readPush } from './push.js';

/** The part of @actions/github's context the readers use. */
export interface EventContext {
  eventName: string;
  /** GITHUB_SHA. */
  sha: string;
  repo: Repo;
  payload: Record<string, unknown>;
}

interface Payload {
  pull_request?: {
    number: number;
    head: { sha: string };
    base: { sha: string };
    commits?: number;
    changed_files?: number;
  };
  before?: string;
  after?: string;
  commits?: { id: string }[];
  size?: number;
  deleted?: boolean;
  repository?: { default_branch?: string };
  merge_group?: { base_sha: string; head_sha: string };
}

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
export const COMMIT_EVENTS = ['workflow_dispatch', 'schedule', 'workflow_call', 'repository_dispatch'];

/** The changes of the event; null for an event that carries none (comments and the like). */
export async function readEventChanges(
  octokit: Octokit,
  event: EventContext,
  options: { scanCommits: boolean },
): Promise<ChangeSet | null> {
  const payload = event.payload as Payload;
  const { owner, repo } = event.repo;
  const pr = payload.pull_request;
  if (PULL_REQUEST_EVENTS.includes(event.eventName) && pr)
    return readPullRequest(octokit, {
      owner,
      repo,
      number: pr.number,
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      scanCommits: options.scanCommits,
      ...(pr.commits !== undefined ? { commitCount: pr.commits } : {}),
      ...(pr.changed_files !== undefined ? { changedFiles: pr.changed_files } : {}),
    });
  if (event.eventName === 'push' && payload.before && payload.after)
    return readPush(octokit, {
      owner,
      repo,
      before: payload.before,
      after: payload.after,
      ...(payload.commits ? { commits: payload.commits } : {}),
      ...(payload.size !== undefined ? { size: payload.size } : {}),
      ...(payload.deleted !== undefined ? { deleted: payload.deleted } : {}),
      ...(payload.repository?.default_branch ? { defaultBranch: payload.repository.default_branch } : {}),
    });
  if (event.eventName === 'merge_group' && payload.merge_group)
    return readMergeGroup(octokit, {
      owner,
      repo,
      baseSha: payload.merge_group.base_sha,
      headSha: payload.merge_group.head_sha,
    });
  if (COMMIT_EVENTS.includes(event.eventName) && event.sha)
    return readCommit(octokit, { owner, repo, sha: event.sha });
  return null;
}
