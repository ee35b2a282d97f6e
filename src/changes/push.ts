// What a push, a merge-queue group or a manual run adds, read through the REST API commit by
// commit (each file carries its commit's sha). No net diff here, so no commentable lines.
//
//  - push: the commits between `before` and `after` (`GET /compare/{before}...{after}`, paged 100
//    at a time), then each commit's files (`GET /commits/{sha}`).
//  - push of a new branch (`before` is all zeros): only the commits the push brought, as the
//    payload lists them, never the branch's whole history. The payload lists at most 2048; when it
//    says there are more (`size`, or a full list), the commits come from comparing the default
//    branch with `after` instead: the branch's commits that the default branch does not have.
//  - push that deletes a branch: nothing.
//  - merge_group: the commits between `merge_group.base_sha` and `head_sha`, as for a push.
//  - workflow_dispatch (or any run on a ref): the ref's last commit (`GET /commits/{sha}`).
import type { Octokit } from '../github/client.js';
import { GitHubFiles, type ChangeSet, type Repo } from './github-files.js';

export const ZERO_SHA = /^0+$/;
/** A push payload lists at most this many commits. */
export const MAX_PAYLOAD_COMMITS = 2048;

export interface PushTarget extends Repo {
  before: string;
  after: string;
  /** The payload's `commits`, oldest first. */
  commits?: readonly { id: string }[];
  /** The payload's `size` (number of commits pushed), when it has one. */
  size?: number;
  /** The payload's `deleted`. */
  deleted?: boolean;
  /** `repository.default_branch`, for a new branch with more commits than the payload lists. */
  defaultBranch?: string;
}

export async function readPush(octokit: Octokit, push: PushTarget): Promise<ChangeSet> {
  const reader = new GitHubFiles(octokit, push);
  if (push.deleted || ZERO_SHA.test(push.after)) {
    reader.note('The push deleted a branch: nothing was added.');
    return result(reader, []);
  }
  let shas: string[];
  if (ZERO_SHA.test(push.before)) {
    const listed = (push.commits ?? []).map((c) => c.id);
    const more = (push.size ?? 0) > listed.length || listed.length >= MAX_PAYLOAD_COMMITS;
    if (more && push.defaultBranch)
      shas = await commitsBetween(octokit, push, push.defaultBranch, push.after);
    else {
      if (more)
        reader.note(
          `The push lists ${listed.length} of its commits and the default branch is unknown: only those were scanned.`,
        );
      shas = listed;
    }
  } else {
    try {
      shas = await commitsBetween(octokit, push, push.before, push.after);
    } catch (err) {
      // A force-push can leave `before` unreachable; the payload still lists the pushed commits.
      if ((err as { status?: number }).status !== 404 || !push.commits) throw err;
      reader.note(
        `Could not compare ${push.before.slice(0, 7)}...${push.after.slice(0, 7)}; the commits the push event lists were scanned.`,
      );
      shas = push.commits.map((c) => c.id);
    }
  }
  return result(reader, await reader.commitFiles(shas));
}

export interface MergeGroupTarget extends Repo {
  baseSha: string;
  headSha: string;
}

export async function readMergeGroup(octokit: Octokit, group: MergeGroupTarget): Promise<ChangeSet> {
  const reader = new GitHubFiles(octokit, group);
  const shas = await commitsBetween(octokit, group, group.baseSha, group.headSha);
  return result(reader, await reader.commitFiles(shas));
}

/** One commit, for workflow_dispatch and other runs on a ref: GITHUB_SHA. */
export async function readCommit(octokit: Octokit, target: Repo & { sha: string }): Promise<ChangeSet> {
  const reader = new GitHubFiles(octokit, target);
  return result(reader, await reader.commitFiles([target.sha]));
}

/** Shas of the commits in `head` that `base` lacks, oldest first (`GET /compare`, every page). */
export async function commitsBetween(
  octokit: Octokit,
  repo: Repo,
  base: string,
  head: string,
): Promise<string[]> {
  const shas: string[] = [];
  for (let page = 1; ; page++) {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: repo.owner,
      repo: repo.repo,
      basehead: `${base}...${head}`,
      per_page: 100,
      page,
    });
    shas.push(...data.commits.map((c) => c.sha));
    if (data.commits.length < 100 || shas.length >= data.total_commits) return shas;
  }
}

function result(reader: GitHubFiles, files: ChangeSet['files']): ChangeSet {
  return { files, commentableLines: new Map(), notes: reader.notes, stats: reader.stats };
}
